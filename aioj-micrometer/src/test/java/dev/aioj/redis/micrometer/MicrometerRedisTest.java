package dev.aioj.redis.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aioj.redis.RedisConnection;
import dev.aioj.redis.RedisOptions;
import dev.aioj.redis.RedisUri;
import dev.aioj.redis.testing.RedisServerExtension;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A real connection to redis-server observed through Micrometer: observations per command, meters. */
class MicrometerRedisTest {

    @RegisterExtension
    static final RedisServerExtension redis = RedisServerExtension.builder().build();

    @Test
    void everyCommandIsAnObservationAndEveryBatchASample() throws Exception {
        TestObservationRegistry observations = TestObservationRegistry.create();
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        RedisOptions options = RedisOptions.builder().callerWrites(false)
                .observer(MicrometerObserver.create(observations, meters)).build();
        try (RedisConnection connection = RedisConnection.connect(RedisUri.parse(redis.uri() + "/1"), options)
                .get(10, TimeUnit.SECONDS)) {
            connection.set("text", "abc").get(10, TimeUnit.SECONDS);
            List<CompletableFuture<String>> gets = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                gets.add(connection.get("text"));
            }
            CompletableFuture.allOf(gets.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
            assertThatThrownBy(() -> connection.incr("text").get(10, TimeUnit.SECONDS))
                    .hasMessageContaining("not an integer");
        }

        TestObservationRegistryAssert.assertThat(observations)
                .hasNumberOfObservationsWithNameEqualTo("db.client.operation", 102)
                .hasAnObservation(o -> o.hasContextualNameEqualTo("INCR")
                        .hasLowCardinalityKeyValue("db.operation.name", "INCR")
                        .hasLowCardinalityKeyValue("db.namespace", "1")
                        .hasLowCardinalityKeyValue("server.port", Integer.toString(redis.port()))
                        .hasLowCardinalityKeyValue("db.response.status_code", "ERR")
                        .hasLowCardinalityKeyValue("error.type", "ERR")
                        .hasError());
        assertThat(meters.get("aioj.redis.pipeline.batch.commands").summary().totalAmount())
                .isGreaterThanOrEqualTo(102);
        assertThat(meters.get("aioj.redis.connection.events").tag("event", "connected").counter().count())
                .isEqualTo(1);
        assertThat(meters.get("aioj.redis.connection.events").tag("event", "disconnected").counter().count())
                .isEqualTo(1);
    }
}
