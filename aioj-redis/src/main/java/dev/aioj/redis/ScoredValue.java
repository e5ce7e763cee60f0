package dev.aioj.redis;

/**
 * A sorted-set member with its score: what {@code ZRANGE ... WITHSCORES},
 * {@code ZPOPMIN}, {@code ZPOPMAX} and {@code ZSCAN} return, whether the
 * server sent a RESP2 flat array of member/score-text pairs or RESP3 nested
 * pairs of member and double.
 *
 * <p>Thread contract: immutable if {@code V} is (a {@code byte[]} is shared, not copied).
 *
 * @param value the member
 * @param score its score (may be an infinity)
 * @param <V>   what bulk strings decode to
 */
public record ScoredValue<V>(V value, double score) {}
