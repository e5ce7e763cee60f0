package dev.aioj.server;

import java.util.List;

/**
 * redis.conf's MEMORY MANAGEMENT, LAZY FREEING, THREADED I/O, KERNEL OOM
 * CONTROL, KERNEL TRANSPARENT HUGEPAGE and ACTIVE DEFRAGMENTATION sections:
 * allocator and eviction settings of a C server. aioj-server's memory is the
 * JVM heap and it does not evict, so these are accepted, shown and
 * rewritten, without effect.
 */
final class MemoryDirectives {

    private MemoryDirectives() {}

    private static final String NO_EVICTION = "no eviction: memory is bounded by the JVM heap (-Xmx), not by "
            + "maxmemory";
    private static final String SYNC_FREE = "aioj-server frees synchronously (the GC reclaims the memory)";
    private static final String NO_DEFRAG = "the JVM's garbage collector compacts the heap";

    static final Directive MAXMEMORY = Directive.unsignedMemory("maxmemory", 0, -1L, 0).ignored(NO_EVICTION);

    static final Directive MAXMEMORY_POLICY = Directive.choice("maxmemory-policy", DirectiveType.Choice.of(
            "noeviction", "volatile-lru", "volatile-lfu", "volatile-random", "volatile-ttl", "allkeys-lru",
            "allkeys-lfu", "allkeys-random", "noeviction"))
            .honoured("no eviction; an `*-lfu` policy makes keys keep an access counter (OBJECT FREQ) instead of "
                    + "an access time (OBJECT IDLETIME), as in Redis",
                    s -> s.access.policy(s.live.choiceName(MemoryDirectives.MAXMEMORY_POLICY)));

    static final Directive MAXMEMORY_SAMPLES = Directive.integer("maxmemory-samples", 1, Integer.MAX_VALUE, 5)
            .ignored(NO_EVICTION);

    static final Directive MAXMEMORY_EVICTION_TENACITY = Directive.integer("maxmemory-eviction-tenacity", 0, 100,
            10).ignored(NO_EVICTION);

    static final Directive LFU_LOG_FACTOR = Directive.integer("lfu-log-factor", 0, Integer.MAX_VALUE, 10)
            .honoured("how slowly a key's OBJECT FREQ counter grows under an LFU policy",
                    s -> s.access.lfuLogFactor = s.live.intValue(MemoryDirectives.LFU_LOG_FACTOR));

    static final Directive LFU_DECAY_TIME = Directive.integer("lfu-decay-time", 0, Integer.MAX_VALUE, 1)
            .honoured("minutes for a key's OBJECT FREQ counter to lose one under an LFU policy",
                    s -> s.access.lfuDecayTime = s.live.intValue(MemoryDirectives.LFU_DECAY_TIME));

    static final Directive LAZYFREE_LAZY_EVICTION = Directive.bool("lazyfree-lazy-eviction", false)
            .ignored(SYNC_FREE);

    static final Directive LAZYFREE_LAZY_EXPIRE = Directive.bool("lazyfree-lazy-expire", false).ignored(SYNC_FREE);

    static final Directive LAZYFREE_LAZY_SERVER_DEL = Directive.bool("lazyfree-lazy-server-del", false)
            .ignored(SYNC_FREE);

    static final Directive LAZYFREE_LAZY_USER_DEL = Directive.bool("lazyfree-lazy-user-del", false)
            .ignored(SYNC_FREE);

    static final Directive LAZYFREE_LAZY_USER_FLUSH = Directive.bool("lazyfree-lazy-user-flush", false)
            .ignored(SYNC_FREE);

    static final Directive IO_THREADS = Directive.integer("io-threads", 1, 128, 1).immutable()
            .ignored("one loop thread does all the I/O");

    static final Directive IO_THREADS_DO_READS = Directive.bool("io-threads-do-reads", false).immutable()
            .ignored("one loop thread does all the I/O");

    static final Directive OOM_SCORE_ADJ = Directive.choice("oom-score-adj", new DirectiveType.Choice(
            List.of("no", "yes", "relative", "absolute"), List.of(0, 1, 1, 2), 0, false))
            .ignored("aioj-server does not write /proc/self/oom_score_adj");

    static final Directive OOM_SCORE_ADJ_VALUES = Directive.special("oom-score-adj-values",
            new SpecialTypes.OomScoreAdjValues()).flags(Directive.MULTI_ARG)
            .ignored("aioj-server does not write /proc/self/oom_score_adj");

    static final Directive DISABLE_THP = Directive.bool("disable-thp", true).immutable()
            .ignored("the JVM decides on transparent huge pages (-XX:+UseTransparentHugePages)");

    static final Directive JEMALLOC_BG_THREAD = Directive.bool("jemalloc-bg-thread", true)
            .ignored("no jemalloc");

    static final Directive ACTIVEDEFRAG = Directive.bool("activedefrag", false).ignored(NO_DEFRAG);

    static final Directive ACTIVE_DEFRAG_IGNORE_BYTES = Directive.unsignedMemory("active-defrag-ignore-bytes", 1,
            Long.MAX_VALUE, 100L << 20).ignored(NO_DEFRAG);

    static final Directive ACTIVE_DEFRAG_THRESHOLD_LOWER = Directive.integer("active-defrag-threshold-lower", 0,
            1000, 10).ignored(NO_DEFRAG);

    static final Directive ACTIVE_DEFRAG_THRESHOLD_UPPER = Directive.integer("active-defrag-threshold-upper", 0,
            1000, 100).ignored(NO_DEFRAG);

    static final Directive ACTIVE_DEFRAG_CYCLE_MIN = Directive.integer("active-defrag-cycle-min", 1, 99, 1)
            .ignored(NO_DEFRAG);

    static final Directive ACTIVE_DEFRAG_CYCLE_MAX = Directive.integer("active-defrag-cycle-max", 1, 99, 25)
            .ignored(NO_DEFRAG);

    static final Directive ACTIVE_DEFRAG_MAX_SCAN_FIELDS = Directive.integer("active-defrag-max-scan-fields", 1,
            Long.MAX_VALUE, 1000).ignored(NO_DEFRAG);

    static List<Directive> all() {
        return List.of(MAXMEMORY, MAXMEMORY_POLICY, MAXMEMORY_SAMPLES, MAXMEMORY_EVICTION_TENACITY, LFU_LOG_FACTOR,
                LFU_DECAY_TIME, LAZYFREE_LAZY_EVICTION, LAZYFREE_LAZY_EXPIRE, LAZYFREE_LAZY_SERVER_DEL,
                LAZYFREE_LAZY_USER_DEL, LAZYFREE_LAZY_USER_FLUSH, IO_THREADS, IO_THREADS_DO_READS, OOM_SCORE_ADJ,
                OOM_SCORE_ADJ_VALUES, DISABLE_THP, JEMALLOC_BG_THREAD, ACTIVEDEFRAG, ACTIVE_DEFRAG_IGNORE_BYTES,
                ACTIVE_DEFRAG_THRESHOLD_LOWER, ACTIVE_DEFRAG_THRESHOLD_UPPER, ACTIVE_DEFRAG_CYCLE_MIN,
                ACTIVE_DEFRAG_CYCLE_MAX, ACTIVE_DEFRAG_MAX_SCAN_FIELDS);
    }
}
