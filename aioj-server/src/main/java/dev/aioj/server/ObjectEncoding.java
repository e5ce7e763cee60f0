package dev.aioj.server;

/**
 * The encoding Redis 7.0 would use for a stored value, as OBJECT ENCODING
 * names it: {@code int}, {@code embstr} or {@code raw} for strings, and for
 * the other types what their {@link Value#encoding()} says ({@code listpack},
 * {@code quicklist}, {@code intset}, {@code hashtable}, {@code skiplist}, ...).
 *
 * <p>Strings are stored as bare {@code byte[]}, so their encoding is worked
 * out when asked, from the bytes (Redis's tryObjectEncoding: an integer of at
 * most 20 characters is {@code int}, up to 44 bytes {@code embstr}, else
 * {@code raw}) and from how the string was made, which the keyspace entry
 * keeps in two bits next to the access bits ({@link Dict.KeyEntry#meta}):
 * {@link #RAW} for strings Redis builds in place (APPEND to an existing
 * string, SETRANGE, SETBIT, ...), {@link #NOT_INT} for strings it creates
 * without trying the integer form (INCRBYFLOAT's result). Writing a string
 * costs nothing more than storing the bits; the hot path never parses.
 *
 * <p>Thread contract: constants and pure functions, any thread.
 */
final class ObjectEncoding {

    private ObjectEncoding() {}

    /** A string Redis keeps as {@code raw} whatever its content (modified in place). */
    static final int RAW = 1 << 24;
    /** A string Redis created without trying {@code int}: {@code embstr} or {@code raw} by length. */
    static final int NOT_INT = 1 << 25;
    /**
     * An integer string that is an object of its own, never a shared one
     * (COPY's dupStringObject): its OBJECT REFCOUNT is 1 even for 0..9999.
     */
    static final int UNSHARED = 1 << 26;
    /** The bits of {@link Dict.KeyEntry#meta} that say how a string was made. */
    static final int STRING_FORM = RAW | NOT_INT | UNSHARED;

    /** Redis's OBJ_ENCODING_EMBSTR_SIZE_LIMIT. */
    static final int EMBSTR_SIZE_LIMIT = 44;
    /** Redis's OBJ_SHARED_INTEGERS: 0..9999 are shared objects (refcount INT_MAX). */
    static final int SHARED_INTEGERS = 10_000;

    /** OBJECT ENCODING of a stored value: {@code byte[]} string with its entry's meta bits, or a {@link Value}. */
    static String of(Object stored, int meta) {
        if (stored instanceof byte[] s) {
            return ofString(s, meta);
        }
        return ((Value) stored).encoding();
    }

    /** OBJECT ENCODING of a string made as {@code meta}'s form bits say. */
    static String ofString(byte[] s, int meta) {
        if ((meta & RAW) != 0) {
            return "raw";
        }
        if (isInt(s, meta)) {
            return "int";
        }
        return s.length <= EMBSTR_SIZE_LIMIT ? "embstr" : "raw";
    }

    /** Whether a string made as {@code meta} says is an {@code int} object (shared or not). */
    static boolean isInt(byte[] s, int meta) {
        return (meta & (RAW | NOT_INT)) == 0 && isIntEncoded(s);
    }

    /** Whether tryObjectEncoding turns these bytes into an {@code int} object. */
    static boolean isIntEncoded(byte[] s) {
        return s.length <= 20 && Numbers.isLong(s);
    }

    /**
     * OBJECT REFCOUNT: Redis shares the objects of the integers 0..9999
     * (refcount INT_MAX) when maxmemory is 0, which it always is here; every
     * other value has one reference.
     */
    static int refcount(Object stored, int meta) {
        if (stored instanceof byte[] s && (meta & STRING_FORM) == 0 && isIntEncoded(s)) {
            long v = Numbers.toLong(s);
            if (v >= 0 && v < SHARED_INTEGERS) {
                return Integer.MAX_VALUE;
            }
        }
        return 1;
    }
}
