package dev.aioj.server;

import java.util.List;

/**
 * The data-structure thresholds of redis.conf's ADVANCED CONFIG section:
 * when a small hash, set, sorted set or list stops being compact, and the
 * size of HyperLogLog and stream nodes. aioj-server honours the hash, set,
 * sorted-set and HyperLogLog ones ({@link EncodingLimits}: OBJECT ENCODING
 * and the conversions follow them as in Redis); the list ones are shown by
 * DEBUG OBJECT only, since a list here is one array.
 */
final class EncodingDirectives {

    private EncodingDirectives() {}

    static final Directive HASH_MAX_LISTPACK_ENTRIES = Directive.unsignedInteger("hash-max-listpack-entries", 0,
            Long.MAX_VALUE, 512).alias("hash-max-ziplist-entries")
            .honoured("a hash is a `listpack` (OBJECT ENCODING, small-hash order) up to this many fields, then a "
                    + "`hashtable` for good", s -> s.limits.hashMaxListpackEntries =
                            s.live.number(EncodingDirectives.HASH_MAX_LISTPACK_ENTRIES));

    static final Directive HASH_MAX_LISTPACK_VALUE = Directive.unsignedMemory("hash-max-listpack-value", 0,
            Long.MAX_VALUE, 64).alias("hash-max-ziplist-value")
            .honoured("a field or value longer than this many bytes makes a hash a `hashtable`",
                    s -> s.limits.hashMaxListpackValue = s.live.number(EncodingDirectives.HASH_MAX_LISTPACK_VALUE));

    static final Directive LIST_MAX_LISTPACK_SIZE = Directive.integer("list-max-listpack-size", Integer.MIN_VALUE,
            Integer.MAX_VALUE, -2).alias("list-max-ziplist-size")
            .honoured("shown by DEBUG OBJECT (`ql_listpack_max`); aioj's lists are one array, not listpack nodes",
                    s -> s.limits.listMaxListpackSize = s.live.intValue(EncodingDirectives.LIST_MAX_LISTPACK_SIZE));

    static final Directive LIST_COMPRESS_DEPTH = Directive.integer("list-compress-depth", 0, Integer.MAX_VALUE, 0)
            .honoured("shown by DEBUG OBJECT (`ql_compressed`); aioj does not compress lists",
                    s -> s.limits.listCompressDepth = s.live.intValue(EncodingDirectives.LIST_COMPRESS_DEPTH));

    static final Directive SET_MAX_INTSET_ENTRIES = Directive.unsignedInteger("set-max-intset-entries", 0,
            Long.MAX_VALUE, 512)
            .honoured("a set of integers is an `intset` up to this many members, then a `hashtable` for good",
                    s -> s.limits.setMaxIntsetEntries = s.live.number(EncodingDirectives.SET_MAX_INTSET_ENTRIES));

    static final Directive ZSET_MAX_LISTPACK_ENTRIES = Directive.unsignedInteger("zset-max-listpack-entries", 0,
            Long.MAX_VALUE, 128).alias("zset-max-ziplist-entries")
            .honoured("a sorted set is a `listpack` (SCAN answers it whole) up to this many members, then a "
                    + "`skiplist` for good", s -> s.limits.zsetMaxListpackEntries =
                            s.live.number(EncodingDirectives.ZSET_MAX_LISTPACK_ENTRIES));

    static final Directive ZSET_MAX_LISTPACK_VALUE = Directive.unsignedMemory("zset-max-listpack-value", 0,
            Long.MAX_VALUE, 64).alias("zset-max-ziplist-value")
            .honoured("a member longer than this many bytes makes a sorted set a `skiplist`",
                    s -> s.limits.zsetMaxListpackValue = s.live.number(EncodingDirectives.ZSET_MAX_LISTPACK_VALUE));

    static final Directive HLL_SPARSE_MAX_BYTES = Directive.unsignedMemory("hll-sparse-max-bytes", 0,
            Long.MAX_VALUE, 3000)
            .honoured("a sparse HyperLogLog that would grow past this many bytes becomes dense",
                    s -> s.hllSparseMaxBytes = (int) Math.min(Integer.MAX_VALUE,
                            s.live.number(EncodingDirectives.HLL_SPARSE_MAX_BYTES)));

    static final Directive STREAM_NODE_MAX_BYTES = Directive.unsignedMemory("stream-node-max-bytes", 0,
            Long.MAX_VALUE, 4096)
            .honoured("XADD starts a new stream node when the last one's listpack would reach this many bytes "
                    + "(what XINFO STREAM and approximate trimming see)",
                    s -> s.limits.streamNodeMaxBytes = s.live.number(EncodingDirectives.STREAM_NODE_MAX_BYTES));

    static final Directive STREAM_NODE_MAX_ENTRIES = Directive.integer("stream-node-max-entries", 0,
            Long.MAX_VALUE, 100)
            .honoured("XADD starts a new stream node after this many entries in the last one",
                    s -> s.limits.streamNodeMaxEntries = s.live.number(EncodingDirectives.STREAM_NODE_MAX_ENTRIES));

    static List<Directive> all() {
        return List.of(HASH_MAX_LISTPACK_ENTRIES, HASH_MAX_LISTPACK_VALUE, LIST_MAX_LISTPACK_SIZE,
                LIST_COMPRESS_DEPTH, SET_MAX_INTSET_ENTRIES, ZSET_MAX_LISTPACK_ENTRIES, ZSET_MAX_LISTPACK_VALUE,
                HLL_SPARSE_MAX_BYTES, STREAM_NODE_MAX_BYTES, STREAM_NODE_MAX_ENTRIES);
    }
}
