package dev.aioj.bench.memcached;

import java.util.concurrent.Future;

/**
 * One memcached client library under test, connected to the run's memcached.
 * Each method runs one measured pass and checks every value it reads, so a
 * broken driver fails instead of posting a fast, wrong number. A library
 * without an async API (xmemcached) gets its "in flight" from that many
 * virtual threads, each waiting for its own reply: its documented way to have
 * requests in flight at once.
 *
 * <p>Thread contract: one benchmark thread calls a driver.
 */
interface MemcachedDriver extends AutoCloseable {

    /** The name in result tables. */
    String name();

    /** (a) SET and GET alternating, {@code window} in flight; returns operations per second. */
    double pipelined(Workload workload, int total, int window) throws Exception;

    /** (d) GETs only of {@link Workload#LATENCY_KEY}, {@code window} in flight; returns operations per second. */
    double pipelinedGets(Workload workload, int total, int window) throws Exception;

    /** (b) one GET at a time; nanoseconds of each into {@code latencies}. */
    void depthOne(Workload workload, int count, org.HdrHistogram.Histogram latencies) throws Exception;

    /** (c) {@code threads} virtual threads share the client, each SET then GET in turn; operations per second. */
    double shared(Workload workload, int threads, int opsPerThread) throws Exception;

    @Override
    void close();

    /**
     * Pass (d)'s wait, the same for every library: yield until done, so that
     * no library's blocking wait (and what it allocates) is counted in its
     * bytes per GET. Pass (a) waits with each library's own blocking get.
     */
    static void awaitDone(Future<?> f) {
        while (!f.isDone()) {
            Thread.yield();
        }
    }

    /** Fails the pass if a GET did not return the expected value. */
    static void check(String driver, byte[] expected, Object actual) {
        if (!(actual instanceof byte[] bytes) || !java.util.Arrays.equals(expected, bytes)) {
            throw new IllegalStateException(driver + ": GET returned " + (actual instanceof byte[] b
                    ? new String(b, java.nio.charset.StandardCharsets.ISO_8859_1) : actual) + ", expected "
                    + new String(expected, java.nio.charset.StandardCharsets.ISO_8859_1));
        }
    }

    /** Fails the pass if a SET did not store. */
    static void checkStored(String driver, Object reply) {
        if (!Boolean.TRUE.equals(reply) && !"OK".equals(String.valueOf(reply))) {
            throw new IllegalStateException(driver + ": SET returned " + reply);
        }
    }
}
