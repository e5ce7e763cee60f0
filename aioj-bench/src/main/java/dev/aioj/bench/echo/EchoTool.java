package dev.aioj.bench.echo;

import java.time.Duration;
import org.HdrHistogram.Histogram;

/**
 * The echo benchmark's pieces as separate processes, for profiling one side
 * at a time (strace, a profiler): {@code serve aioj|netty} prints the port
 * and serves until stdin closes; {@code ping PORT N} and {@code stream PORT
 * CONNECTIONS SECONDS} run one workload of the load generator.
 */
public final class EchoTool {

    private EchoTool() {}

    public static void main(String[] args) throws Exception {
        switch (args.length > 0 ? args[0] : "") {
            case "serve" -> {
                try (EchoServer server = EchoServer.start(args[1])) {
                    System.out.println(server.port());
                    System.out.flush();
                    System.in.transferTo(java.io.OutputStream.nullOutputStream());
                }
            }
            case "ping" -> {
                Histogram h = LoadGenerator.pingPong(Integer.parseInt(args[1]), 64, 1000, Integer.parseInt(args[2]));
                System.out.printf("p50 %.1f µs, p99 %.1f µs%n", h.getValueAtPercentile(50) / 1e3,
                        h.getValueAtPercentile(99) / 1e3);
            }
            case "stream" -> {
                double rate = LoadGenerator.stream(Integer.parseInt(args[1]), Integer.parseInt(args[2]), 1024,
                        Duration.ofMillis(500), Duration.ofSeconds(Integer.parseInt(args[3])));
                System.out.printf("%.1f MiB/s%n", rate / (1024 * 1024));
            }
            default -> {
                System.err.println("usage: EchoTool serve aioj|netty | ping PORT N | stream PORT CONNECTIONS SECONDS");
                System.exit(2);
            }
        }
    }
}
