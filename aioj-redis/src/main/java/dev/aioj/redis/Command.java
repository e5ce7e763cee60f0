package dev.aioj.redis;

import dev.aioj.loop.LoopFuture;
import dev.aioj.redis.resp.RespOutput;
import dev.aioj.redis.resp.RespValue;

/**
 * One command on its way through a connection, holding the future its caller
 * gets ({@link #future}). It travels through the connection's submission
 * queue ({@link #queueNext}), is encoded into the outbound batch (or by its
 * caller, {@link CallerWrites}), then waits in the reply FIFO ({@link
 * #waiterNext}) for its reply, the seed's {@code _waiters} deque.
 *
 * <p>A command whose future is already done when its reply arrives (it timed
 * out, or its caller cancelled it) still takes its reply off the stream and
 * drops it, so later replies keep matching their commands.
 *
 * <p>Thread contract: created and submitted on the caller's thread; encoded
 * on the loop thread, or on the caller's when the caller writes it itself;
 * its reply is taken and its future completed on the loop thread. The future
 * may be completed from any thread by a cancel.
 */
abstract class Command<T> {

    /** What the caller holds: completes once, with the reply or a typed exception. */
    final LoopFuture<T> future = new LoopFuture<>();

    final Reply<T> reply;
    /** The view's codec and deadline, shared by its commands. */
    final CommandSettings settings;
    /** System.nanoTime() after which the command fails with a timeout; 0: none. */
    final long deadline;

    /** Link in the submission queue, accessed through CommandQueue's VarHandle. */
    Command<?> queueNext;
    /** Link in the reply FIFO (loop thread only). */
    Command<?> waiterNext;

    Command(Reply<T> reply, CommandSettings settings) {
        this.reply = reply;
        this.settings = settings;
        long timeout = settings.timeoutNanos();
        this.deadline = timeout > 0 ? deadlineOf(timeout) : 0;
    }

    private static long deadlineOf(long timeoutNanos) {
        long d = System.nanoTime() + timeoutNanos;
        return d == 0 ? 1 : d; // 0 means "no deadline"
    }

    /** Appends this command's bytes to the outbound batch. */
    abstract void encode(RespOutput out);

    /** The command's name for messages (never its arguments, which may hold secrets). */
    abstract String name();

    /**
     * True if a top-level bulk reply is this command's result decoded by its
     * codec ({@link BulkAsValue}: GET and the like), so it can be decoded
     * straight from the parser's buffer ({@link #onBulk}).
     */
    boolean takesBulk() {
        return reply instanceof BulkAsValue;
    }

    /** Takes a bulk reply from the parser's buffer (valid during the call only); see {@link #takesBulk}. */
    @SuppressWarnings("unchecked")
    void onBulk(byte[] buffer, int offset, int length) {
        if (isDone()) {
            return; // timed out or cancelled: the reply is dropped, not decoded
        }
        T decoded;
        try {
            decoded = (T) settings.codec().decode(buffer, offset, length);
        } catch (RuntimeException e) {
            completeExceptionally(e); // the codec failed: this command only
            return;
        }
        complete(decoded);
    }

    /** True if {@code value}, the next reply, is this command's last (it then leaves the FIFO). */
    boolean isLastReply(RespValue value) {
        return true;
    }

    /**
     * True if this command, waiting at the head of the FIFO, takes {@code push}
     * as its reply (subscription confirmations); other pushes are out of band.
     */
    boolean acceptsPush(RespValue.Push push) {
        return false;
    }

    /** Takes one reply. An error reply fails this command only. */
    void onReply(RespValue value) {
        if (value instanceof RespValue.Attributed attributed) {
            value = attributed.value(); // RESP3 attributes (key popularity, ...) are metadata, not the reply
        }
        if (value instanceof RespValue.ErrorReply error) {
            completeExceptionally(new RedisReplyException(error.kind(), error.message()));
        } else if (!isDone()) {
            try {
                complete(reply.convert(value, settings.codec()));
            } catch (RuntimeException e) {
                completeExceptionally(e);
            }
        }
    }

    final boolean isDone() {
        return future.isDone();
    }

    final boolean complete(T value) {
        return future.complete(value);
    }

    /** Fails the command; a transaction also fails the commands queued in it. */
    boolean completeExceptionally(Throwable error) {
        return future.completeExceptionally(error);
    }

    @Override
    public String toString() {
        return "Command[" + name() + (isDone() ? ", done" : "") + "]";
    }
}
