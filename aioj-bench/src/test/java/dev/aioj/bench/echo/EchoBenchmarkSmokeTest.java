package dev.aioj.bench.echo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Both echo servers and the load generator work, at a size that costs a second, not a benchmark. */
class EchoBenchmarkSmokeTest {

    @ParameterizedTest
    @ValueSource(strings = {"aioj", "netty"})
    void serverEchoesPingsAndStreams(String kind) throws Exception {
        try (EchoServer server = EchoServer.start(kind)) {
            Histogram latency = LoadGenerator.pingPong(server.port(), 64, 10, 200);
            assertThat(latency.getTotalCount()).isEqualTo(200);
            assertThat(latency.getValueAtPercentile(50)).isPositive();
            // Streams echo at all: a rate is the benchmark's business, not a test's (this window measured 0 B/s
            // once at load 11 when it was 200 ms and asked for 1 MiB/s; half a second of nothing is a stall).
            double bytesPerSecond = LoadGenerator.stream(server.port(), 4, 1024, Duration.ofMillis(50),
                    Duration.ofMillis(500));
            assertThat(bytesPerSecond).as("bytes/s echoed to 4 streaming connections").isPositive();
        }
    }
}
