package dev.aioj.amqp;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * One AMQP channel of an {@link AmqpConnection}: declarations, publishing,
 * consuming, acknowledgements. Safe from any thread: every call hops to the
 * connection's loop, and a publish is encoded into one buffer (method,
 * content header, body frames split at frame_max - 8) written as one, so any
 * number of threads may publish on one channel without interleaving frames.
 *
 * <p>Synchronous methods (declare, bind, qos, consume...) are sent one at a
 * time, in call order, each when the previous one's reply has come ({@link
 * Rpcs}). In confirm mode ({@link #confirmSelect}) each publish's future
 * completes on the broker's basic.ack and fails on basic.nack, or on
 * basic.return for a mandatory message ({@link AmqpPublishException});
 * otherwise it completes once the message is handed to the socket.
 *
 * <p>A broker's channel.close fails every pending future of the channel
 * once with {@link AmqpChannelClosedException} (reply code and text); the
 * connection goes on. Consumer callbacks run on the loop thread ({@link
 * Consumers}). The bytes of each method: {@link ChannelMethods}.
 */
public final class AmqpChannel implements AutoCloseable {

    enum State { OPENING, OPEN, RECOVERING, CLOSING, CLOSED }

    final AmqpConnection connection;
    final int id;

    // Loop thread only.
    State state = State.OPENING;
    final Rpcs rpcs;
    ConfirmWindow confirms;
    final Consumers consumers = new Consumers(this);
    private final ArrayDeque<Publish> waitingForRecovery = new ArrayDeque<>();
    private final Incoming incoming;
    private AmqpException closeError;
    int prefetch = -1;

    AmqpChannel(AmqpConnection connection, int id) {
        this.connection = connection;
        this.id = id;
        this.rpcs = new Rpcs(this);
        this.incoming = new Incoming(this, connection.options.maxMessageBytes());
    }

    /** The channel number on the connection. */
    public int id() {
        return id;
    }

    public AmqpConnection connection() {
        return connection;
    }

    /** Whether the channel is usable (open, or recovering with its connection). */
    public boolean isOpen() {
        State s = state;
        return s == State.OPEN || s == State.RECOVERING || s == State.OPENING;
    }

    /** The blocking view of this channel, for virtual threads; refuses loop threads. */
    public AmqpSyncChannel sync() {
        return SyncView.of(this);
    }

    // ---------------------------------------------------------------- declarations (any thread)

    /** Declares a classic queue as pika's {@code queue_declare(queue=...)} does: not durable, not exclusive. */
    public CompletableFuture<QueueInfo> queueDeclare(String queue) {
        return queueDeclare(queue, false, false, false, Map.of());
    }

    /**
     * Declares a queue ({@code ""}: the broker names it, see {@link
     * QueueInfo#queue()}). Fails with 406 PRECONDITION_FAILED if it exists
     * with other settings (the channel then closes).
     */
    public CompletableFuture<QueueInfo> queueDeclare(String queue, boolean durable, boolean exclusive,
            boolean autoDelete, Map<String, Object> arguments) {
        Objects.requireNonNull(queue, "queue");
        Map<String, Object> args = arguments == null ? Map.of() : Map.copyOf(arguments);
        Topology.Declaration d = new Topology.Declaration(Topology.Kind.QUEUE, queue,
                (ch, t) -> ChannelMethods.queueDeclare(ch, queue, durable, exclusive, autoDelete, args));
        return call(d.encoder().apply(id, null), Method.QueueDeclareOk.class, m -> {
            Method.QueueDeclareOk ok = (Method.QueueDeclareOk) m;
            connection.topology().queueDeclared(d, ok.queue());
            return new QueueInfo(ok.queue(), ok.messageCount(), ok.consumerCount());
        });
    }

    /** Checks that a queue exists (404 NOT_FOUND closes the channel if not); its counts. */
    public CompletableFuture<QueueInfo> queueDeclarePassive(String queue) {
        return call(ChannelMethods.queueDeclarePassive(id, queue), Method.QueueDeclareOk.class, m -> {
            Method.QueueDeclareOk ok = (Method.QueueDeclareOk) m;
            return new QueueInfo(ok.queue(), ok.messageCount(), ok.consumerCount());
        });
    }

    /** Deletes a queue; the number of messages it held. */
    public CompletableFuture<Integer> queueDelete(String queue) {
        return call(ChannelMethods.queueDelete(id, queue), Method.QueueDeleteOk.class, m -> {
            connection.topology().queueDeleted(queue);
            return ((Method.QueueDeleteOk) m).messageCount();
        });
    }

    /** Drops a queue's ready messages; how many. */
    public CompletableFuture<Integer> queuePurge(String queue) {
        return call(ChannelMethods.queuePurge(id, queue), Method.QueuePurgeOk.class,
                m -> ((Method.QueuePurgeOk) m).messageCount());
    }

    public CompletableFuture<Void> queueBind(String queue, String exchange, String routingKey) {
        return queueBind(queue, exchange, routingKey, Map.of());
    }

    public CompletableFuture<Void> queueBind(String queue, String exchange, String routingKey,
            Map<String, Object> arguments) {
        Map<String, Object> args = arguments == null ? Map.of() : Map.copyOf(arguments);
        Topology.Declaration d = new Topology.Declaration(Topology.Kind.BINDING, queue, (ch, t) ->
                ChannelMethods.queueBind(ch, t == null ? queue : t.currentName(queue), exchange, routingKey, args));
        return call(d.encoder().apply(id, null), Method.QueueBindOk.class, m -> {
            connection.topology().bound(d);
            return null;
        });
    }

    /** Declares an exchange of {@code type} (direct, fanout, topic, headers). */
    public CompletableFuture<Void> exchangeDeclare(String exchange, String type, boolean durable, boolean autoDelete,
            Map<String, Object> arguments) {
        Map<String, Object> args = arguments == null ? Map.of() : Map.copyOf(arguments);
        Topology.Declaration d = new Topology.Declaration(Topology.Kind.EXCHANGE, exchange,
                (ch, t) -> ChannelMethods.exchangeDeclare(ch, exchange, type, durable, autoDelete, args));
        return call(d.encoder().apply(id, null), Method.ExchangeDeclareOk.class, m -> {
            connection.topology().exchangeDeclared(d);
            return null;
        });
    }

    public CompletableFuture<Void> exchangeDelete(String exchange) {
        return call(ChannelMethods.exchangeDelete(id, exchange), Method.ExchangeDeleteOk.class, m -> {
            connection.topology().exchangeDeleted(exchange);
            return null;
        });
    }

    /**
     * At most {@code prefetchCount} unacknowledged messages in flight to this
     * channel's consumers (0: no limit): the broker stops delivering until
     * acks come, which is the consumer's backpressure.
     */
    public CompletableFuture<Void> basicQos(int prefetchCount) {
        if (prefetchCount < 0 || prefetchCount > 65535) {
            throw new IllegalArgumentException("prefetchCount out of [0, 65535]: " + prefetchCount);
        }
        return call(ChannelMethods.basicQos(id, prefetchCount), Method.BasicQosOk.class, m -> {
            prefetch = prefetchCount;
            return null;
        });
    }

    /** Puts the channel in confirm mode: from now on each publish's future waits for the broker's ack. */
    public CompletableFuture<Void> confirmSelect() {
        return call(ChannelMethods.confirmSelect(id), Method.ConfirmSelectOk.class, m -> {
            if (confirms == null) confirms = new ConfirmWindow();
            return null;
        });
    }

    // ---------------------------------------------------------------- publishing (any thread)

    /** Publishes {@code body} (UTF-8) with no properties, as the seed's {@code basic_publish}. */
    public CompletableFuture<Void> basicPublish(String exchange, String routingKey, String body) {
        return basicPublish(exchange, routingKey, false, BasicProperties.EMPTY, body.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Publishes a message; {@code body} is not copied: do not change it until
     * the future completes. The future completes when the broker acks it
     * (confirm mode) or when it is handed to the socket; it fails with {@link
     * AmqpPublishException} (nack, or return of a mandatory message), {@link
     * AmqpChannelClosedException}, or {@link AmqpConnectionException} whose
     * {@code mayHaveBeenDelivered()} says whether a retry could duplicate it.
     * While the broker blocks publishers the message waits, and so does the
     * future; no thread blocks.
     */
    public CompletableFuture<Void> basicPublish(String exchange, String routingKey, boolean mandatory,
            BasicProperties properties, byte[] body) {
        Objects.requireNonNull(exchange, "exchange");
        Objects.requireNonNull(routingKey, "routingKey");
        Objects.requireNonNull(properties, "properties");
        Objects.requireNonNull(body, "body");
        int frameMax = connection.frameMaxNow();
        FrameEncoder frames = ChannelMethods.publish(id, exchange, routingKey, mandatory, properties, body, frameMax);
        CompletableFuture<Void> future = connection.loop.createFuture();
        Publish p = new Publish(this, frames.array(), frames.length(), frameMax, future, mandatory, exchange,
                routingKey, properties, body);
        connection.onLoop(p, future);
        return future;
    }

    /**
     * Loop: writes the message now, or keeps it in order while publishes must
     * wait; {@code waited}: it comes from the connection's waiting line, first in it.
     */
    void writePublish(Publish p, boolean waited) {
        switch (state) {
            case CLOSING, CLOSED -> {
                p.future.completeExceptionally(closeError != null ? closeError
                        : new AmqpChannelClosedException(id, 200, "closed by the client", 0, 0, false));
                return;
            }
            case OPENING, RECOVERING -> {
                waitingForRecovery.add(p);
                return;
            }
            case OPEN -> {}
        }
        if (waited && connection.flow.mustWait()) {
            connection.flow.holdFirst(p); // back at the head of the line: order kept
            return;
        }
        if (!waited && connection.flow.holds()) {
            connection.flow.hold(p);
            return;
        }
        if (confirms != null) confirms.add(p);
        if (p.frameMax == connection.frameMaxNow()) {
            connection.send(p.frames, p.length);
        } else { // a recovery renegotiated frame_max: split again
            FrameEncoder again = ChannelMethods.publish(id, p.exchange, p.routingKey, p.mandatory, p.properties,
                    p.body, connection.frameMaxNow());
            connection.send(again.array(), again.length());
        }
        if (confirms == null) p.future.complete(null);
    }

    /** Publishes awaiting the broker's confirm on this channel (0 outside confirm mode). Loop thread. */
    int unconfirmed() {
        return confirms == null ? 0 : confirms.outstanding();
    }

    // ---------------------------------------------------------------- consuming (any thread)

    /**
     * Starts a consumer on {@code queue}; {@code callback} gets each message
     * on the loop thread. With {@code autoAck} false, acknowledge with {@link
     * #basicAck}. The future gives the consumer tag.
     */
    public CompletableFuture<String> basicConsume(String queue, boolean autoAck, DeliverCallback callback) {
        return basicConsume(queue, autoAck, false, Map.of(), callback);
    }

    public CompletableFuture<String> basicConsume(String queue, boolean autoAck, boolean exclusive,
            Map<String, Object> arguments, DeliverCallback callback) {
        Objects.requireNonNull(queue, "queue");
        Objects.requireNonNull(callback, "callback");
        CompletableFuture<String> future = connection.loop.createFuture();
        connection.onLoop(() -> {
            String tag = consumers.nextTag();
            RegisteredConsumer c = new RegisteredConsumer(tag, queue, autoAck, exclusive, arguments, callback);
            consumers.add(c);
            rpcs.call(ChannelMethods.basicConsume(id, c, queue), Method.BasicConsumeOk.class, m -> tag, future);
            future.whenComplete((t, e) -> {
                if (e != null) consumers.remove(tag, c);
            });
        }, future);
        return future;
    }

    /**
     * {@code queue}'s messages as a {@link java.util.concurrent.Flow.Publisher}
     * for one subscriber: a consumer with manual acks starts when it
     * subscribes, and messages reach {@code onNext} on the loop thread as its
     * demand allows. Set {@link #basicQos} first: the prefetch is the bound
     * on what the broker sends ahead of the acks, so the buffer between
     * broker and subscriber never holds more. Ack each message with {@link
     * #basicAck}. Cancelling the subscription cancels the consumer.
     */
    public java.util.concurrent.Flow.Publisher<Delivery> consume(String queue) {
        Objects.requireNonNull(queue, "queue");
        return new DeliveryPublisher(this, queue, Map.of());
    }

    /** Stops a consumer; messages delivered before the broker's cancel-ok still reach its callback. */
    public CompletableFuture<Void> basicCancel(String consumerTag) {
        return call(ChannelMethods.basicCancel(id, consumerTag), Method.BasicCancelOk.class, m -> {
            consumers.remove(consumerTag);
            return null;
        });
    }

    /** Acknowledges {@code deliveryTag} (and all before it with {@code multiple}). */
    public void basicAck(long deliveryTag, boolean multiple) {
        acknowledge(deliveryTag, 80, multiple, false);
    }

    /** Rejects {@code deliveryTag} (all before it too with {@code multiple}), requeued or dropped. */
    public void basicNack(long deliveryTag, boolean multiple, boolean requeue) {
        acknowledge(deliveryTag, 120, multiple, requeue);
    }

    /** Rejects one message, requeued or dropped. */
    public void basicReject(long deliveryTag, boolean requeue) {
        acknowledge(deliveryTag, 90, false, requeue);
    }

    private void acknowledge(long deliveryTag, int methodId, boolean multiple, boolean requeue) {
        connection.onLoop(() -> {
            long brokerTag = consumers.brokerTag(deliveryTag);
            if (state != State.OPEN || brokerTag < 0) return; // a tag of a socket that is gone: stale
            connection.send(ChannelMethods.acknowledge(id, methodId, brokerTag, multiple, requeue).buffer());
        }, null);
    }

    // ---------------------------------------------------------------- closing (any thread)

    /** Closes the channel (channel.close, waiting for close-ok). Publishes not yet confirmed fail. */
    public CompletableFuture<Void> closeAsync() {
        CompletableFuture<Void> future = connection.loop.createFuture();
        connection.onLoop(() -> {
            if (state == State.CLOSED || state == State.CLOSING) {
                future.complete(null);
                return;
            }
            if (state == State.RECOVERING) { // no socket holds this channel now: it ends here, not reopened
                closed(new AmqpChannelClosedException(id, 200, "closed by the client", 0, 0, false));
                future.complete(null);
                return;
            }
            state = State.CLOSING;
            rpcs.callNow(ChannelMethods.close(id), Method.ChannelCloseOk.class, m -> {
                closed(new AmqpChannelClosedException(id, 200, "closed by the client", 0, 0, false));
                return null;
            }, future);
        }, future);
        return future;
    }

    /** Blocking {@link #closeAsync}; refuses the loop thread. */
    @Override
    public void close() {
        closeAsync().join();
    }

    // ---------------------------------------------------------------- from the connection (loop)

    void open(CompletableFuture<AmqpChannel> future) {
        rpcs.callNow(ChannelMethods.open(id), Method.ChannelOpenOk.class, m -> {
            state = State.OPEN;
            flushWaiting();
            return this;
        }, future);
    }

    void method(Method m) {
        switch (m) {
            case Method.ChannelClose c -> brokerClose(c);
            case Method.BasicAck a -> {
                if (confirms != null) confirms.confirm(a.deliveryTag(), a.multiple(), false);
            }
            case Method.BasicNack n -> {
                if (confirms != null) confirms.confirm(n.deliveryTag(), n.multiple(), true);
            }
            case Method.BasicDeliver d -> incoming.start(d);
            case Method.BasicReturn r -> incoming.start(r);
            case Method.BasicGetOk g -> incoming.start(g);
            case Method.BasicCancel c -> consumers.cancelledByBroker(c.consumerTag());
            case Method.ChannelFlow f -> connection.send(ChannelMethods.flowOk(id, f.active()).buffer());
            default -> rpcs.reply(m);
        }
    }

    /** basic.ack from the broker, decoded without objects by the connection. */
    void ack(long deliveryTag, boolean multiple) {
        if (confirms != null) confirms.confirm(deliveryTag, multiple, false);
    }

    void content(int type, ByteBuffer payload, long base) { // base: see FrameParser.Handler
        incoming.frame(type, payload, base);
    }

    /** A whole message arrived: deliver, or match a return to its publish. */
    void message(Method m, BasicProperties props, byte[] body) {
        switch (m) {
            case Method.BasicDeliver d -> consumers.deliver(d, props, body);
            case Method.BasicReturn r -> {
                if (confirms != null) {
                    Publish p = confirms.findReturned(r.exchange(), r.routingKey());
                    if (p != null) {
                        p.returned = new AmqpPublishException(AmqpPublishException.Kind.RETURNED, r.replyCode(),
                                r.replyText(), r.exchange(), r.routingKey());
                    }
                }
            }
            default -> {}
        }
    }

    private void brokerClose(Method.ChannelClose c) {
        connection.send(ChannelMethods.closeOk(id).buffer());
        closed(new AmqpChannelClosedException(id, c.replyCode(), c.replyText(), c.classId(), c.methodId(), true));
    }

    /** The channel is gone on the broker: everything pending fails once, consumers hear of it. */
    private void closed(AmqpChannelClosedException error) {
        if (state == State.CLOSED) return;
        state = State.CLOSED;
        closeError = error;
        connection.releaseChannel(this);
        failPending(error, error);
    }

    /** The connection closed for good. */
    void connectionClosed(AmqpException error) {
        if (state == State.CLOSED) return;
        state = State.CLOSED;
        closeError = error;
        failPending(error, error instanceof AmqpConnectionException c ? c.withDelivery(false) : error);
    }

    /** Publishes awaiting confirms fail with {@code error}, calls and waiting publishes with {@code unsent}. */
    private void failPending(AmqpException error, AmqpException unsent) {
        if (confirms != null) confirms.failAll(error);
        rpcs.failAll(unsent);
        for (Publish p; (p = waitingForRecovery.poll()) != null; ) {
            p.future.completeExceptionally(unsent);
        }
        consumers.cancelAll();
    }

    /** The socket broke and recovery begins: written publishes may have been delivered; the rest wait. */
    void linkLost(AmqpConnectionException error) {
        if (state == State.CLOSED) return;
        state = State.RECOVERING;
        if (confirms != null) confirms.failAll(error);
        rpcs.failSent(error);
        incoming.reset();
        consumers.linkLost();
    }

    void flushWaiting() {
        for (Publish p; state == State.OPEN && (p = waitingForRecovery.poll()) != null; ) {
            writePublish(p, false);
        }
    }

    AmqpException closeError() {
        return closeError != null ? closeError
                : new AmqpChannelClosedException(id, 200, "closed by the client", 0, 0, false);
    }

    // ---------------------------------------------------------------- helpers

    /** Queues the call (encoded on the calling thread) on the loop. */
    private <T> CompletableFuture<T> call(byte[] frame, Class<? extends Method> reply, Function<Method, T> map) {
        CompletableFuture<T> future = connection.loop.createFuture();
        connection.onLoop(() -> rpcs.call(frame, reply, map, future), future);
        return future;
    }

    /** Runs user code; what it throws goes to the loop's exception handler. */
    void safely(Runnable callback) {
        try {
            callback.run();
        } catch (RuntimeException e) {
            connection.loop.callExceptionHandler("consumer callback on channel " + id + " threw", e);
        }
    }

    @Override
    public String toString() {
        return "AmqpChannel[" + id + " of " + connection.uri + "]";
    }
}
