package dev.aioj.redis;

/**
 * A key and a value from it: what {@code BLPOP} and {@code BRPOP} return, so
 * a caller waiting on many lists knows which one the element came from.
 *
 * <p>Thread contract: immutable if {@code V} is (a {@code byte[]} is shared, not copied).
 *
 * @param key   the key the value came from, decoded like values
 * @param value the value
 * @param <V>   what bulk strings decode to
 */
public record KeyValue<V>(V key, V value) {}
