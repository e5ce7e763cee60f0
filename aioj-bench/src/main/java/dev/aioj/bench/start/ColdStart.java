package dev.aioj.bench.start;

import dev.aioj.server.junit.EmbeddedRedis;

/**
 * A fresh JVM's first aioj-server, for the start-time benchmark: starts an
 * {@link EmbeddedRedis}, sends it a PING, prints {@code READY <ms>} (the time
 * from this main's first line to the PONG, so class loading and a cold JIT
 * included, JVM boot excluded) and the CPU time the whole JVM has used by
 * then (boot included: a figure a busy machine does not inflate), and stops
 * when standard input closes.
 */
public final class ColdStart {

    private ColdStart() {}

    public static void main(String[] args) throws Exception {
        long t0 = System.nanoTime();
        try (EmbeddedRedis redis = EmbeddedRedis.start()) {
            Ping.await("127.0.0.1", redis.port());
            long nanos = System.nanoTime() - t0;
            long cpu = ProcessHandle.current().info().totalCpuDuration().map(java.time.Duration::toNanos).orElse(-1L);
            System.out.println("READY " + nanos + " " + cpu);
            System.out.flush();
            System.in.read();
        }
    }
}
