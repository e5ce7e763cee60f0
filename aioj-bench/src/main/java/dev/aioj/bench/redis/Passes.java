package dev.aioj.bench.redis;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * What the drivers share: timing many virtual threads, reading percentiles,
 * checking replies. Public for the memcached benchmark's drivers too.
 */
public final class Passes {

    private Passes() {}

    /** One virtual thread's part of scenario (c). */
    @FunctionalInterface
    public interface ThreadBody {
        void run(int thread) throws Exception;
    }

    /**
     * Starts {@code threads} virtual threads, releases them together, and
     * returns the nanoseconds from the release until the last one finished.
     * The first failure of any thread is rethrown.
     */
    public static long onVirtualThreads(int threads, ThreadBody body) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Thread> started = new ArrayList<>(threads);
        for (int t = 0; t < threads; t++) {
            int thread = t;
            started.add(Thread.ofVirtual().name("bench-vt-" + t).start(() -> {
                try {
                    go.await();
                    body.run(thread);
                } catch (Throwable e) {
                    failures.add(e);
                }
            }));
        }
        long start = System.nanoTime();
        go.countDown();
        for (Thread thread : started) {
            thread.join();
        }
        long elapsed = System.nanoTime() - start;
        if (!failures.isEmpty()) {
            Throwable first = failures.getFirst();
            throw first instanceof Exception e ? e : new RuntimeException(first);
        }
        return elapsed;
    }

    /** One virtual thread's part of scenario (c), recording each command's nanoseconds into its own histogram. */
    @FunctionalInterface
    public interface TimedBody {
        void run(int thread, Histogram nanos) throws Exception;
    }

    /**
     * {@link #onVirtualThreads} with a histogram per thread ({@code body}
     * records each command's nanoseconds into it); returns the rate and the
     * merged percentiles.
     */
    static ClientDriver.SharedPass timedOnVirtualThreads(int threads, int opsPerThread, TimedBody body)
            throws Exception {
        Histogram[] perThread = new Histogram[threads];
        for (int t = 0; t < threads; t++) {
            perThread[t] = latencyHistogram();
        }
        long nanos = onVirtualThreads(threads, thread -> body.run(thread, perThread[thread]));
        Histogram all = latencyHistogram();
        for (Histogram h : perThread) {
            all.add(h);
        }
        return new ClientDriver.SharedPass(perSecond((long) threads * opsPerThread, nanos), latencies(all));
    }

    /** A histogram of nanoseconds up to a minute, three significant digits. */
    public static Histogram latencyHistogram() {
        return new Histogram(TimeUnit.MINUTES.toNanos(1), 3);
    }

    static ClientDriver.Latencies latencies(Histogram nanos) {
        return new ClientDriver.Latencies(nanos.getValueAtPercentile(50) / 1e3, nanos.getValueAtPercentile(99) / 1e3,
                nanos.getValueAtPercentile(99.9) / 1e3);
    }

    public static double perSecond(long count, long nanos) {
        return count * 1e9 / nanos;
    }

    /** Fails the pass if a GET did not return what the SET before it wrote. */
    static void checkValue(String driver, Object expected, Object actual) {
        if (!expected.equals(actual)) {
            throw new IllegalStateException(driver + ": GET returned " + actual + ", expected " + expected);
        }
    }

    /** Fails the pass if a SET did not answer OK. */
    static void checkOk(String driver, Object reply) {
        if (!"OK".equals(reply)) {
            throw new IllegalStateException(driver + ": SET returned " + reply + ", expected OK");
        }
    }
}
