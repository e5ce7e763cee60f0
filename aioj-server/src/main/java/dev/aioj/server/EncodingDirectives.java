package dev.aioj.server;

import java.util.List;

/**
 * The data-structure thresholds of redis.conf's ADVANCED CONFIG section:
 * when a small hash, set, sorted set or list stops being compact, and the
 * size of HyperLogLog and stream nodes. aioj-server honours the HyperLogLog
 * one; its hash, set and sorted-set thresholds are fixed for now ({@link
 * HashValue}, {@link SetValue}, {@link SortedSet}), and these entries hold
 * Redis's defaults, ready to be honoured.
 */
final class EncodingDirectives {

    private EncodingDirectives() {}

    static final Directive HASH_MAX_LISTPACK_ENTRIES = Directive.unsignedInteger("hash-max-listpack-entries", 0,
            Long.MAX_VALUE, 512).alias("hash-max-ziplist-entries")
            .ignored("aioj keeps a hash compact (insertion order) up to a fixed 128 fields");

    static final Directive HASH_MAX_LISTPACK_VALUE = Directive.unsignedMemory("hash-max-listpack-value", 0,
            Long.MAX_VALUE, 64).alias("hash-max-ziplist-value")
            .ignored("aioj keeps a hash compact while its fields and values are at most a fixed 64 bytes");

    static final Directive LIST_MAX_LISTPACK_SIZE = Directive.integer("list-max-listpack-size", Integer.MIN_VALUE,
            Integer.MAX_VALUE, -2).alias("list-max-ziplist-size")
            .ignored("aioj's lists are not split into listpack nodes");

    static final Directive LIST_COMPRESS_DEPTH = Directive.integer("list-compress-depth", 0, Integer.MAX_VALUE, 0)
            .ignored("aioj does not compress list nodes");

    static final Directive SET_MAX_INTSET_ENTRIES = Directive.unsignedInteger("set-max-intset-entries", 0,
            Long.MAX_VALUE, 512)
            .ignored("aioj keeps a set of integers sorted up to a fixed 512 members");

    static final Directive ZSET_MAX_LISTPACK_ENTRIES = Directive.unsignedInteger("zset-max-listpack-entries", 0,
            Long.MAX_VALUE, 128).alias("zset-max-ziplist-entries")
            .ignored("aioj's small sorted sets answer SCAN whole up to a fixed 128 members");

    static final Directive ZSET_MAX_LISTPACK_VALUE = Directive.unsignedMemory("zset-max-listpack-value", 0,
            Long.MAX_VALUE, 64).alias("zset-max-ziplist-value")
            .ignored("aioj's small sorted sets answer SCAN whole while members are at most a fixed 64 bytes");

    static final Directive HLL_SPARSE_MAX_BYTES = Directive.unsignedMemory("hll-sparse-max-bytes", 0,
            Long.MAX_VALUE, 3000)
            .honoured("a sparse HyperLogLog that would grow past this many bytes becomes dense",
                    s -> s.hllSparseMaxBytes = (int) Math.min(Integer.MAX_VALUE,
                            s.live.number(EncodingDirectives.HLL_SPARSE_MAX_BYTES)));

    static final Directive STREAM_NODE_MAX_BYTES = Directive.unsignedMemory("stream-node-max-bytes", 0,
            Long.MAX_VALUE, 4096)
            .ignored("no streams yet");

    static final Directive STREAM_NODE_MAX_ENTRIES = Directive.integer("stream-node-max-entries", 0,
            Long.MAX_VALUE, 100)
            .ignored("no streams yet");

    static List<Directive> all() {
        return List.of(HASH_MAX_LISTPACK_ENTRIES, HASH_MAX_LISTPACK_VALUE, LIST_MAX_LISTPACK_SIZE,
                LIST_COMPRESS_DEPTH, SET_MAX_INTSET_ENTRIES, ZSET_MAX_LISTPACK_ENTRIES, ZSET_MAX_LISTPACK_VALUE,
                HLL_SPARSE_MAX_BYTES, STREAM_NODE_MAX_BYTES, STREAM_NODE_MAX_ENTRIES);
    }
}
