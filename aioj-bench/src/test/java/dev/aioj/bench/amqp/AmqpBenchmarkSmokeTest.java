package dev.aioj.bench.amqp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aioj.amqp.testing.RabbitMqExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The AMQP benchmark in miniature against a real RabbitMQ, so its drivers
 * and report do not rot between runs: every row, both clients, tiny counts.
 * Not a performance test (no number is checked, only that each row has one).
 */
class AmqpBenchmarkSmokeTest {

    @RegisterExtension
    static final RabbitMqExtension rabbit = new RabbitMqExtension();

    @Test
    void everyRowGetsANumberFromBothClients() throws Exception {
        AmqpBenchmark benchmark = new AmqpBenchmark(500, 1);
        String version = benchmark.run(rabbit.uri());
        assertThat(version).startsWith("RabbitMQ 3.");
        assertThat(benchmark.results).hasSize(17);
        benchmark.results.values().forEach(byDriver ->
                assertThat(byDriver.keySet()).containsExactly("aioj-amqp", "amqp-client 5.38"));
        String md = benchmark.markdown("./aioj bench-amqp --test", version, "0", "0");
        assertThat(md).contains("| consume, prefetch 100, 16 B, manual acks (msg/s) |");
    }
}
