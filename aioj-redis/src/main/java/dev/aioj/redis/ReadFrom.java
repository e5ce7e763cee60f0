package dev.aioj.redis;

/**
 * Where a {@link RedisClusterClient} sends read-only commands (GET, MGET,
 * HGETALL, LRANGE, ZRANGE without STORE, EVAL_RO, ... the commands Redis
 * flags {@code readonly}); writes always go to the primary. Replicas are read
 * with {@code READONLY} sent on their connections, and may lag the primary:
 * a read from a replica may not see a write the same caller just made.
 */
public enum ReadFrom {
    /** Every command to the slot's primary (the default): reads see every acknowledged write. */
    PRIMARY,
    /** Reads to the primary; to one of its replicas while the primary is unreachable (during a failover). */
    PRIMARY_PREFERRED,
    /** Reads to a replica of the slot's shard (picked at random), to the primary if it has none. */
    REPLICA_PREFERRED
}
