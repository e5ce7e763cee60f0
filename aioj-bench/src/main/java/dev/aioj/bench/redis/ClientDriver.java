package dev.aioj.bench.redis;

/**
 * One client library (or tool) under test, connected to the run's server.
 * A driver implements the scenarios its library has a documented way to do
 * ({@link Pipelined}, {@link Sequential}, {@link Shared}); each method runs one
 * measured pass and checks the replies it got, so a broken driver fails
 * instead of posting a fast, wrong number.
 *
 * <p>Thread contract: one benchmark thread calls a driver; the driver starts
 * the threads its scenario needs.
 */
interface ClientDriver extends AutoCloseable {

    /** The name in result tables, e.g. {@code "Lettuce (auto-flush)"}. */
    String name();

    @Override
    void close();

    /**
     * True if the client runs as a child process of this JVM (redis-benchmark):
     * its CPU is then that child's, not this JVM's ({@link CpuClock}).
     */
    default boolean runsAsChildProcess() {
        return false;
    }

    /** Scenario (a): one thread, SET/GET alternating, {@code window} commands in flight. */
    interface Pipelined extends ClientDriver {
        /** Runs {@code total} commands; returns commands per second. */
        double alternating(Workload workload, int total, int window) throws Exception;
    }

    /** Scenario (b): one thread, one GET at a time. */
    interface Sequential extends ClientDriver {
        /** Runs {@code count} GETs of {@link Workload#LATENCY_KEY}, each timed. */
        Latencies sequentialGets(String expectedValue, int count) throws Exception;
    }

    /** Scenario (c): many virtual threads share the client, each doing sequential SET then GET. */
    interface Shared extends ClientDriver {
        /** Each of {@code threads} runs {@code opsPerThread} commands; returns commands per second. */
        double shared(Workload workload, int threads, int opsPerThread) throws Exception;

        /**
         * The same pass, also timing each command from its call to its reply;
         * a driver that does not time them (another build's, say) gives null
         * latencies.
         */
        default SharedPass sharedPass(Workload workload, int threads, int opsPerThread) throws Exception {
            return new SharedPass(shared(workload, threads, opsPerThread), null);
        }
    }

    /** One pass of scenario (c): commands per second, and each command's latency (null if not timed). */
    record SharedPass(double rate, Latencies latencies) {}

    /** Latency percentiles of one pass, in microseconds. */
    record Latencies(double p50, double p99, double p999) {}
}
