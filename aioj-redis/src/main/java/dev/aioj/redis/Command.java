package dev.aioj.redis;

import dev.aioj.loop.LoopFuture;
import dev.aioj.redis.resp.RespOutput;
import dev.aioj.redis.resp.RespValue;

/**
 * One command on its way through a connection, and the future its caller
 * holds: one object per command. It travels through the connection's
 * submission queue ({@link #queueNext}), is encoded into the outbound batch,
 * then waits in the reply FIFO ({@link #waiterNext}) for its reply, the seed's
 * {@code _waiters} deque.
 *
 * <p>A command whose future is already done when its reply arrives (it timed
 * out, or its caller cancelled it) still takes its reply off the stream and
 * drops it, so later replies keep matching their commands.
 *
 * <p>Thread contract: created on the caller's thread; everything after
 * {@link CommandQueue#offer} happens on the connection's loop thread.
 */
abstract class Command<T> extends LoopFuture<T> {

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

    @Override
    public String toString() {
        return "Command[" + name() + (isDone() ? ", done" : "") + "]";
    }
}
