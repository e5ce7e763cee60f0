package dev.aioj.stream;

import java.io.EOFException;

/**
 * The stream ended before a read could be satisfied: asyncio's {@code
 * IncompleteReadError}. Thrown by {@link StreamReader#readExactly} when EOF
 * comes before {@code n} bytes, and by {@link StreamReader#readUntil} when it
 * comes before the separator. It carries the bytes that did arrive, so a
 * caller can still use them; they are no longer in the reader.
 *
 * <p>Thread contract: immutable.
 */
public final class IncompleteReadException extends EOFException {

    private static final long serialVersionUID = 1L;

    /** {@link #expected()} of a read that waited for a separator, not a byte count. */
    public static final int UNKNOWN = -1;

    private final transient byte[] partial;
    private final int expected;

    /**
     * @param partial the bytes read before EOF (kept, not copied)
     * @param expected the bytes the read asked for, or {@link #UNKNOWN}
     */
    public IncompleteReadException(byte[] partial, int expected) {
        super(expected == UNKNOWN
                ? "EOF after " + partial.length + " bytes, before the separator"
                : partial.length + " bytes read on a total of " + expected + " expected bytes");
        this.partial = partial;
        this.expected = expected;
    }

    /** The bytes read before EOF; the caller owns the array. */
    public byte[] partial() {
        return partial;
    }

    /** How many bytes the read asked for, or {@link #UNKNOWN} for a read until a separator. */
    public int expected() {
        return expected;
    }
}
