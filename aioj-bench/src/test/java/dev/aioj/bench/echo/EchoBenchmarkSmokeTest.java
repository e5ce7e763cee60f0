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
            double bytesPerSecond = LoadGenerator.stream(server.port(), 4, 1024, Duration.ofMillis(50),
                    Duration.ofMillis(200));
            assertThat(bytesPerSecond).isGreaterThan(1024 * 1024); // loopback echoes far more than 1 MiB/s
        }
    }
}
