package dev.aioj.amqp;

import java.util.concurrent.CompletableFuture;

/**
 * One message on its way: its frames, encoded by the publishing thread,
 * and its future. The same object is the task that hands it to the loop
 * and, in confirm mode, the entry awaiting the broker's ack: one object
 * per message besides the frames and the future.
 */
final class Publish implements Runnable {
    final AmqpChannel channel;
    final byte[] frames;
    final int length;
    final int frameMax;
    final CompletableFuture<Void> future;
    final boolean mandatory;
    final String exchange, routingKey;
    final BasicProperties properties;
    final byte[] body;
    /** Set by basic.return in confirm mode, reported on the ack that follows. */
    AmqpPublishException returned;

    Publish(AmqpChannel channel, byte[] frames, int length, int frameMax, CompletableFuture<Void> future,
            boolean mandatory, String exchange, String routingKey, BasicProperties properties, byte[] body) {
        this.channel = channel;
        this.frames = frames;
        this.length = length;
        this.frameMax = frameMax;
        this.future = future;
        this.mandatory = mandatory;
        this.exchange = exchange;
        this.routingKey = routingKey;
        this.properties = properties;
        this.body = body;
    }

    @Override
    public void run() {
        channel.writePublish(this, false);
    }
}
