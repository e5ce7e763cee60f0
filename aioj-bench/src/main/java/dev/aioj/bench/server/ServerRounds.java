package dev.aioj.bench.server;

import java.util.List;
import java.util.Locale;

/**
 * The rounds of a side-by-side server benchmark: each round starts
 * aioj-server and redis-server in turn, each in a process of its own, in an
 * order that alternates per round (so neither server always runs first, on a
 * cooler or a warmer machine), says on stderr which one runs, and stops it
 * when the round's body is done with it. {@link ServerBenchmark} and {@link
 * StreamBenchmark} schedule their loads this way.
 *
 * <p>Thread contract: the benchmark's main thread.
 */
final class ServerRounds {

    private ServerRounds() {}

    /** What a round does with one running server; {@code kind} is {@code "aioj"} or {@code "redis"}. */
    @FunctionalInterface
    interface Body {
        void run(int round, String kind, ServerProcess server) throws Exception;
    }

    static void run(int rounds, Body body) throws Exception {
        for (int round = 0; round < rounds; round++) {
            List<String> order = round % 2 == 0 ? List.of("aioj", "redis") : List.of("redis", "aioj");
            for (String kind : order) {
                try (ServerProcess server = kind.equals("aioj") ? ServerProcess.aioj() : ServerProcess.redis()) {
                    System.err.printf(Locale.ROOT, "round %d/%d: %s on port %d%n", round + 1, rounds, server.name(),
                            server.port());
                    body.run(round, kind, server);
                }
            }
        }
    }
}
