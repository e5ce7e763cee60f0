package dev.aioj.memcached;

/**
 * The reply {@link MetaReplyParser} has just read, as fields: one mutable
 * object per connection, refilled for every reply, so that reading a reply
 * allocates nothing but its value. A request reads what it needs while it is
 * completed and keeps nothing of it but the value array.
 *
 * <p>Thread contract: loop thread only.
 */
final class MetaReply {

    /** The reply's two-letter code (or error line). */
    enum Status {
        /** {@code VA}: a value follows. */
        VALUE,
        /** {@code HD}: success, no value. */
        OK,
        /** {@code EN}: mg miss. */
        MISS,
        /** {@code NF}: not found (md, ma, ms with CAS on a missing item). */
        NOT_FOUND,
        /** {@code NS}: not stored (add on an existing item, replace/append on a missing one). */
        NOT_STORED,
        /** {@code EX}: CAS mismatch. */
        EXISTS,
        /** {@code MN}: the answer to {@code mn}. */
        NOOP,
        /** {@code ME}: a debug line (never asked for). */
        DEBUG,
        /** An error line: {@link #errorKind} and {@link #errorMessage} say which. */
        ERROR
    }

    /** Opaque values: no O flag in the reply, or one that is not a number this client could have sent. */
    static final long NO_OPAQUE = -1, FOREIGN_OPAQUE = -2;

    /** No t flag in the reply. */
    static final long NO_TTL = Long.MIN_VALUE;

    Status status;
    /** The value of a {@link Status#VALUE} reply; else null. */
    byte[] value;
    long opaque;
    long cas;
    /** Client flags (f), unsigned 32 bits. */
    long clientFlags;
    /** Remaining TTL in seconds (t): -1 for never, {@link #NO_TTL} when absent. */
    long ttl;
    /** W: this client won the right to recompute. */
    boolean win;
    /** X: the item is stale. */
    boolean stale;
    /** Z: a win token was already handed out. */
    boolean alreadyWon;
    MemcachedReplyException.Kind errorKind;
    String errorMessage;

    void reset() {
        status = null;
        value = null;
        opaque = NO_OPAQUE;
        cas = 0;
        clientFlags = 0;
        ttl = NO_TTL;
        win = false;
        stale = false;
        alreadyWon = false;
        errorKind = null;
        errorMessage = null;
    }

    @Override
    public String toString() {
        return status == Status.ERROR ? errorKind + " " + errorMessage
                : status + (value != null ? " " + value.length + " B" : "") + (opaque >= 0 ? " O" + opaque : "");
    }
}
