package dev.aioj.server;

/**
 * The thresholds at which Redis 7.0 converts a small value to its big
 * encoding, settable at run time with CONFIG SET under their listpack names
 * and their older ziplist aliases. Values read them when they grow ({@link
 * HashValue}, {@link SetValue}, {@link SortedSet}), so a change applies to the
 * next write, and a converted value never converts back, as in Redis.
 *
 * <p>Defaults are Redis 7.0's compiled-in values (its shipped redis.conf
 * sets {@code hash-max-listpack-entries} to 128; without a config file it is
 * 512).
 *
 * <p>Thread contract: the server's loop thread only.
 */
final class EncodingLimits {

    /** {@code hash-max-listpack-entries} (alias {@code hash-max-ziplist-entries}). */
    long hashMaxListpackEntries = 512;
    /** {@code hash-max-listpack-value}: longest field or value, in bytes. */
    long hashMaxListpackValue = 64;
    /** {@code set-max-intset-entries}. */
    long setMaxIntsetEntries = 512;
    /** {@code zset-max-listpack-entries}. */
    long zsetMaxListpackEntries = 128;
    /** {@code zset-max-listpack-value}: longest member, in bytes. */
    long zsetMaxListpackValue = 64;
    /**
     * {@code list-max-listpack-size}: the size of a quicklist node (negative:
     * -1..-5 for 4..64 KiB); lists here are one array, so it only shows in
     * CONFIG and DEBUG OBJECT.
     */
    int listMaxListpackSize = -2;
    /** {@code list-compress-depth}: as {@link #listMaxListpackSize}, reported, no effect. */
    int listCompressDepth = 0;
    /** {@code stream-node-max-bytes}: a stream node (listpack) reaching this size starts a new one; 0 is no limit. */
    long streamNodeMaxBytes = 4096;
    /** {@code stream-node-max-entries}: entries (deleted included) a stream node takes; 0 is no limit. */
    long streamNodeMaxEntries = 100;
}
