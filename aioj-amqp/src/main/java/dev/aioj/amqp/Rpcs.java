package dev.aioj.amqp;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * The synchronous methods of one channel: AMQP lets a client have one
 * outstanding per channel, so calls queue here FIFO and each is written
 * when the previous one's reply came. A reply of another kind than the head
 * expects is a protocol error (505 UNEXPECTED_FRAME). Calls made while the
 * channel recovers wait until it is open again. Loop thread only.
 */
final class Rpcs {

    private record Call(byte[] frame, Class<? extends Method> reply, Function<Method, ?> map,
            CompletableFuture<?> future) {}

    private final AmqpChannel channel;
    private final ArrayDeque<Call> queue = new ArrayDeque<>();
    private final ArrayDeque<Call> deferred = new ArrayDeque<>();

    Rpcs(AmqpChannel channel) {
        this.channel = channel;
    }

    /** A user's call: refused on a closed channel, deferred on a recovering one. */
    <T> void call(byte[] frame, Class<? extends Method> reply, Function<Method, T> map, CompletableFuture<T> future) {
        switch (channel.state) {
            case CLOSING, CLOSED -> future.completeExceptionally(channel.closeError());
            case RECOVERING -> deferred.add(new Call(frame, reply, map, future));
            case OPENING, OPEN -> callNow(frame, reply, map, future);
        }
    }

    /** The channel's own calls (open, close, recovery): queued whatever the state. */
    <T> void callNow(byte[] frame, Class<? extends Method> reply, Function<Method, T> map,
            CompletableFuture<? super T> future) {
        queue.add(new Call(frame, reply, map, future));
        if (queue.size() == 1) send(queue.peek());
    }

    private void send(Call call) {
        if (channel.connection.canSend()) channel.connection.send(ByteBuffer.wrap(call.frame));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    void reply(Method m) {
        Call head = queue.peek();
        if (head == null || !head.reply.isInstance(m)) {
            throw new AmqpProtocolException("unexpected " + m.getClass().getSimpleName() + " on channel "
                    + channel.id + (head == null ? " (no call pending)" : " (awaiting "
                    + head.reply.getSimpleName() + ")"), 0, 505);
        }
        queue.poll();
        if (!queue.isEmpty()) send(queue.peek());
        Object value;
        try {
            value = head.map.apply(m);
        } catch (RuntimeException e) {
            ((CompletableFuture) head.future).completeExceptionally(e);
            return;
        }
        ((CompletableFuture) head.future).complete(value);
    }

    /** Recovery is over: the calls made meanwhile go out. */
    void resumeDeferred() {
        for (Call c; (c = deferred.poll()) != null; ) {
            queue.add(c);
            if (queue.size() == 1) send(c);
        }
    }

    void failAll(Throwable error) {
        ArrayDeque<Call> all = new ArrayDeque<>(queue);
        all.addAll(deferred);
        queue.clear();
        deferred.clear();
        for (Call c : all) {
            c.future.completeExceptionally(error);
        }
    }

    /** Fails the calls in flight or queued, keeping the deferred ones (recovery: they have not been sent). */
    void failSent(Throwable error) {
        ArrayDeque<Call> all = new ArrayDeque<>(queue);
        queue.clear();
        for (Call c : all) {
            c.future.completeExceptionally(error);
        }
    }
}
