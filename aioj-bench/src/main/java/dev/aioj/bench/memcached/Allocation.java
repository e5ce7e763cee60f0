package dev.aioj.bench.memcached;

import java.lang.management.ManagementFactory;

/**
 * Bytes allocated by the whole JVM (every thread: the caller's, the client's
 * I/O threads) between two readings, from HotSpot's per-thread counters. The
 * drivers wait by yielding (not with blocking waits), so the figure is the
 * library's request path: submit, encode, write, read, parse, complete, the
 * value array included.
 */
final class Allocation {

    private Allocation() {}

    static long totalBytes() {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        return threads.getTotalThreadAllocatedBytes();
    }
}
