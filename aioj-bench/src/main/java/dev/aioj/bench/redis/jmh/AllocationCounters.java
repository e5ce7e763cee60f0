package dev.aioj.bench.redis.jmh;

import com.sun.management.ThreadMXBean;
import java.lang.management.ManagementFactory;

/**
 * Bytes allocated per operation on each thread of a {@link CannedConnection},
 * from HotSpot's per-thread allocation counters: runs {@code ops} operations
 * as a warm-up (JIT, buffers grown to their steady size), then {@code ops}
 * more between two readings of the counters of the calling thread, the
 * connection's loop thread and, when asked, the canned server's threads.
 * {@link AllocationSplit} and {@link ObservabilityAllocation} both measure
 * this way; the one home keeps their numbers comparable. The operation is
 * made by the caller before the first reading, so making it is not counted.
 *
 * <p>Thread contract: the calling thread is the one measured as the caller.
 */
final class AllocationCounters {

    private AllocationCounters() {}

    /** Bytes per operation: calling thread, loop thread, canned server (0 when not read). */
    record PerOp(double caller, double loop, double server) {}

    static PerOp measure(CannedConnection canned, boolean readServer, long ops, Runnable op) {
        ThreadMXBean mx = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        long loopThread = canned.loop.submit(() -> Thread.currentThread().threadId()).join();
        for (long i = 0; i < ops; i++) {
            op.run();
        }
        long caller0 = mx.getCurrentThreadAllocatedBytes();
        long loop0 = mx.getThreadAllocatedBytes(loopThread);
        long server0 = readServer ? canned.server.allocatedBytes() : 0;
        for (long i = 0; i < ops; i++) {
            op.run();
        }
        long caller = mx.getCurrentThreadAllocatedBytes() - caller0;
        long loop = mx.getThreadAllocatedBytes(loopThread) - loop0;
        long server = readServer ? canned.server.allocatedBytes() - server0 : 0;
        return new PerOp((double) caller / ops, (double) loop / ops, (double) server / ops);
    }
}
