package dev.aioj.amqp;

import java.util.Map;

/**
 * The bytes of the methods a client sends on a channel: channel (20),
 * exchange (40), queue (50), basic (60) and confirm (85), each one whole
 * frame, and a publish (method, content header, body frames split at
 * frame_max - 8) in one buffer. Stateless and safe from any thread: {@link
 * AmqpChannel} encodes on the calling thread, {@link ChannelRecovery} on the
 * loop when it sends them again.
 */
final class ChannelMethods {

    private ChannelMethods() {}

    // ---------------------------------------------------------------- channel (20)

    static byte[] open(int ch) {
        FrameEncoder out = new FrameEncoder(16);
        out.startMethod(ch, 20, 10).shortString("").endFrame();
        return out.toByteArray();
    }

    /** channel.flow-ok: the client goes along with what the broker asked. */
    static FrameEncoder flowOk(int ch, boolean active) {
        FrameEncoder out = new FrameEncoder(16);
        out.startMethod(ch, 20, 21).bits(active).endFrame();
        return out;
    }

    /** channel.close by the client: 200, no failing method. */
    static byte[] close(int ch) {
        FrameEncoder out = new FrameEncoder(64);
        out.startMethod(ch, 20, 40).shortInt(200).shortString("Goodbye").shortInt(0).shortInt(0).endFrame();
        return out.toByteArray();
    }

    static FrameEncoder closeOk(int ch) {
        FrameEncoder out = new FrameEncoder(16);
        out.startMethod(ch, 20, 41).endFrame();
        return out;
    }

    // ---------------------------------------------------------------- exchange (40)

    static byte[] exchangeDeclare(int ch, String exchange, String type, boolean durable, boolean autoDelete,
            Map<String, Object> args) {
        FrameEncoder out = new FrameEncoder(128);
        out.startMethod(ch, 40, 10).shortInt(0).shortString(exchange).shortString(type)
                .bits(false, durable, autoDelete, false, false).table(args).endFrame();
        return out.toByteArray();
    }

    static byte[] exchangeDelete(int ch, String exchange) {
        FrameEncoder out = new FrameEncoder(64);
        out.startMethod(ch, 40, 20).shortInt(0).shortString(exchange).bits(false, false).endFrame();
        return out.toByteArray();
    }

    // ---------------------------------------------------------------- queue (50)

    static byte[] queueDeclare(int ch, String queue, boolean durable, boolean exclusive, boolean autoDelete,
            Map<String, Object> args) {
        FrameEncoder out = new FrameEncoder(64 + queue.length());
        out.startMethod(ch, 50, 10).shortInt(0).shortString(queue)
                .bits(false, durable, exclusive, autoDelete, false).table(args).endFrame();
        return out.toByteArray();
    }

    static byte[] queueDeclarePassive(int ch, String queue) {
        FrameEncoder out = new FrameEncoder(64 + queue.length());
        out.startMethod(ch, 50, 10).shortInt(0).shortString(queue).bits(true, false, false, false, false)
                .table(null).endFrame();
        return out.toByteArray();
    }

    static byte[] queueBind(int ch, String queue, String exchange, String routingKey, Map<String, Object> args) {
        FrameEncoder out = new FrameEncoder(128);
        out.startMethod(ch, 50, 20).shortInt(0).shortString(queue).shortString(exchange).shortString(routingKey)
                .bits(false).table(args).endFrame();
        return out.toByteArray();
    }

    static byte[] queuePurge(int ch, String queue) {
        FrameEncoder out = new FrameEncoder(64 + queue.length());
        out.startMethod(ch, 50, 30).shortInt(0).shortString(queue).bits(false).endFrame();
        return out.toByteArray();
    }

    static byte[] queueDelete(int ch, String queue) {
        FrameEncoder out = new FrameEncoder(64 + queue.length());
        out.startMethod(ch, 50, 40).shortInt(0).shortString(queue).bits(false, false, false).endFrame();
        return out.toByteArray();
    }

    // ---------------------------------------------------------------- basic (60) and confirm (85)

    static byte[] basicQos(int ch, int prefetchCount) {
        FrameEncoder out = new FrameEncoder(32);
        out.startMethod(ch, 60, 10).longInt(0).shortInt(prefetchCount).bits(false).endFrame();
        return out.toByteArray();
    }

    static byte[] basicConsume(int ch, RegisteredConsumer c, String queue) {
        FrameEncoder out = new FrameEncoder(128);
        out.startMethod(ch, 60, 20).shortInt(0).shortString(queue).shortString(c.tag)
                .bits(false, c.autoAck, c.exclusive, false).table(c.arguments).endFrame();
        return out.toByteArray();
    }

    static byte[] basicCancel(int ch, String consumerTag) {
        FrameEncoder out = new FrameEncoder(64);
        out.startMethod(ch, 60, 30).shortString(consumerTag).bits(false).endFrame();
        return out.toByteArray();
    }

    /** basic.ack (80), basic.reject (90) or basic.nack (120) of the broker's {@code deliveryTag}. */
    static FrameEncoder acknowledge(int ch, int methodId, long deliveryTag, boolean multiple, boolean requeue) {
        FrameEncoder out = new FrameEncoder(24);
        out.startMethod(ch, 60, methodId).longLong(deliveryTag);
        switch (methodId) {
            case 80 -> out.bits(multiple);
            case 90 -> out.bits(requeue);
            default -> out.bits(multiple, requeue);
        }
        out.endFrame();
        return out;
    }

    /** basic.publish, its content header and body frames, in one buffer. */
    static FrameEncoder publish(int ch, String exchange, String routingKey, boolean mandatory,
            BasicProperties properties, byte[] body, int frameMax) {
        // sized for the common case (short names, no headers) so that it rarely grows
        FrameEncoder out = new FrameEncoder(48 + 2 * (exchange.length() + routingKey.length()) + body.length
                + (frameMax == 0 ? 1 : body.length / (frameMax - 8) + 1) * 8);
        out.startMethod(ch, 60, 40).shortInt(0).shortString(exchange).shortString(routingKey).bits(mandatory, false)
                .endFrame();
        out.content(ch, properties, body, 0, body.length, frameMax);
        return out;
    }

    static byte[] confirmSelect(int ch) {
        FrameEncoder out = new FrameEncoder(16);
        out.startMethod(ch, 85, 10).bits(false).endFrame();
        return out.toByteArray();
    }
}
