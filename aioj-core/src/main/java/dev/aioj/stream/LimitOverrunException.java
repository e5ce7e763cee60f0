package dev.aioj.stream;

import java.io.IOException;

/**
 * A {@link StreamReader#readLine} or {@link StreamReader#readUntil} would need
 * more than the reader's limit of buffered bytes: asyncio's {@code
 * LimitOverrunError}. The stream is not damaged and the bytes stay in the
 * reader: {@link #consumed()} says how many to take (with {@link
 * StreamReader#readExactly}) to get past them, or the caller may close.
 *
 * <p>Thread contract: immutable.
 */
public final class LimitOverrunException extends IOException {

    private static final long serialVersionUID = 1L;

    private final int consumed;
    private final int limit;

    /**
     * @param message what overran
     * @param consumed bytes in the reader that belong to the over-long chunk
     * @param limit the reader's limit
     */
    public LimitOverrunException(String message, int consumed, int limit) {
        super(message + " (" + consumed + " bytes, limit " + limit + ")");
        this.consumed = consumed;
        this.limit = limit;
    }

    /**
     * The bytes to consume to get past the over-long chunk: up to (not
     * including) the separator when it was found, else everything buffered.
     */
    public int consumed() {
        return consumed;
    }

    /** The reader's limit that was exceeded. */
    public int limit() {
        return limit;
    }
}
