package dev.aioj.server;

/**
 * What a key holds besides a string. Strings are stored as a bare {@code
 * byte[]} (no wrapper: 16 bytes saved on every string key, the common case);
 * every other type implements this interface, so a lookup's result is either a
 * {@code byte[]} or one of these, and {@link #typeOf} names it as TYPE does.
 *
 * <p>Thread contract: the server's loop thread only.
 */
sealed interface Value permits ListValue, HashValue, SetValue, SortedSet, StreamValue {

    /** The name TYPE replies with: list, hash, set, zset. */
    String type();

    /**
     * The encoding Redis 7.0 would hold this value in, as OBJECT ENCODING
     * names it: quicklist, listpack, hashtable, intset, skiplist. See {@link
     * ObjectEncoding} for strings.
     */
    String encoding();

    /**
     * A deep copy (COPY's dup): changing either value afterwards never changes
     * the other. Element byte arrays may be shared, since stored strings are
     * never modified in place. Every value type implements it, so COPY works
     * for every type.
     */
    Value copy();

    /** TYPE's name for a stored value: "string" for a {@code byte[]}, "none" for null. */
    static String typeOf(Object stored) {
        if (stored == null) {
            return "none";
        }
        if (stored instanceof byte[]) {
            return "string";
        }
        return ((Value) stored).type();
    }
}
