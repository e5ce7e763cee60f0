package dev.aioj.server;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A byte string usable as a {@link java.util.HashMap} key, for the engine's
 * side tables (pub/sub channels, watched keys, blocked keys), where a wrapper
 * per entry does not matter. The keyspace itself uses {@link Dict}, which
 * needs no wrapper.
 *
 * @param bytes the string; never modified after wrapping
 */
record Bytes(byte[] bytes) {

    @Override
    public boolean equals(Object o) {
        return o instanceof Bytes other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
