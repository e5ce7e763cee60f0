package dev.aioj.memcached;

/**
 * One meta command on its way through a {@link MemcachedConnection}: queued
 * by any thread, encoded and written by the loop, then waiting in {@link
 * InFlight} for the reply its opaque token names. Subclasses know their
 * command's bytes and how a reply completes them.
 *
 * <p>Quiet requests ({@code mg ... q} of a multi-get) get no reply when they
 * have nothing to say (a miss); a later reply, or the {@code MN} closing the
 * batch, tells that they are done.
 *
 * <p>Thread contract: created on the caller's thread; the loop owns it from
 * submission on, except that its future may be completed by a caller
 * (cancel) or by a fail-fast check before submission.
 */
abstract class Request {

    /** Link in the submission stack (written before publication, read by the loop). */
    Request nextSubmitted;
    /** Link in the in-flight FIFO. */
    Request nextInFlight;
    /** The token sent as {@code O<n>}; 0 before the request is written and for {@code mn}. */
    int opaque;
    /** {@code System.nanoTime()} after which it fails with a timeout. */
    long deadline;

    /** The meta command, for messages: {@code mg}, {@code ms}, {@code md}, {@code ma}, {@code mn}. */
    abstract String command();

    /** Whether a successful reply is suppressed (q flag). */
    boolean quiet() {
        return false;
    }

    /** Whether its reply carries the opaque token ({@code mn}'s does not). */
    boolean sendsOpaque() {
        return true;
    }

    /** Appends the command's bytes, with {@code O<opaque>} when {@link #sendsOpaque}. */
    abstract void encode(RequestBuffer out, int opaque);

    /**
     * The reply for this request arrived (never an error line: see {@link #fail}).
     *
     * @throws MemcachedProtocolException if the reply is not one this command can get
     */
    abstract void complete(MetaReply reply, String server);

    /** A quiet request that had nothing to say: a later reply has passed it. */
    void completeQuiet() {
        throw new IllegalStateException(command() + " is not quiet");
    }

    abstract void fail(Throwable error);

    /** Completed already (timed out, cancelled, failed fast): a late reply is dropped. */
    abstract boolean isDone();

    /** What a reply with an unexpected status is. */
    final MemcachedProtocolException unexpected(MetaReply reply, String server) {
        return new MemcachedProtocolException("unexpected reply " + reply.status + " to " + command(), -1, server);
    }
}
