package dev.aioj.memcached;

import java.util.Objects;

/**
 * One item as {@code mg ... v f c t} returns it.
 *
 * @param key        the key asked for
 * @param value      the value's bytes (the array is the caller's)
 * @param flags      the 32 client flags stored with it, as an int's bits
 * @param cas        its CAS value, for {@link MemcachedCommands#cas}
 * @param ttlSeconds seconds until it expires, or -1 if it never does
 * @param stale      whether it was {@linkplain MemcachedCommands#invalidate invalidated} (marked stale)
 */
public record Item(String key, byte[] value, int flags, long cas, long ttlSeconds, boolean stale) {

    public Item {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
    }

    @Override
    public String toString() {
        return "Item[" + key + ", " + value.length + " B, flags " + Integer.toUnsignedString(flags) + ", cas "
                + Long.toUnsignedString(cas) + ", ttl " + ttlSeconds + (stale ? ", stale" : "") + "]";
    }
}
