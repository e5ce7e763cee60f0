package dev.aioj.redis.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aioj.redis.RedisEndpoint;
import dev.aioj.redis.RedisReplyException;
import dev.aioj.redis.RedisTimeoutException;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The observer driven through the SPI, as a connection calls it: observations, tags, meters. */
class MicrometerObserverTest {

    private static final RedisEndpoint ENDPOINT = new RedisEndpoint("127.0.0.1", 6379, 2, false);

    private final TestObservationRegistry observations = TestObservationRegistry.create();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final MicrometerObserver observer = MicrometerObserver.create(observations, meters);

    @Test
    void aCommandIsOneObservationWithOpenTelemetrysDatabaseNames() {
        Object context = observer.commandStarted(ENDPOINT, "GET");
        observer.commandSucceeded(ENDPOINT, "GET", 1_000_000, context);

        TestObservationRegistryAssert.assertThat(observations).hasSingleObservationThat()
                .hasNameEqualTo("db.client.operation")
                .hasContextualNameEqualTo("GET")
                .hasLowCardinalityKeyValue("db.system.name", "redis")
                .hasLowCardinalityKeyValue("db.operation.name", "GET")
                .hasLowCardinalityKeyValue("db.namespace", "2")
                .hasLowCardinalityKeyValue("server.address", "127.0.0.1")
                .hasLowCardinalityKeyValue("server.port", "6379")
                .hasLowCardinalityKeyValue("db.response.status_code", "none")
                .hasLowCardinalityKeyValue("error.type", "none")
                .hasBeenStarted()
                .hasBeenStopped()
                .doesNotHaveError();
    }

    @Test
    void anErrorReplyTagsItsPrefixAsStatusCodeAndErrorType() {
        Object context = observer.commandStarted(ENDPOINT, "INCR");
        RedisReplyException error = new RedisReplyException("WRONGTYPE",
                "WRONGTYPE Operation against a key holding the wrong kind of value");
        observer.commandFailed(ENDPOINT, "INCR", 1_000_000, new CompletionException(error), context);

        TestObservationRegistryAssert.assertThat(observations).hasSingleObservationThat()
                .hasLowCardinalityKeyValue("db.response.status_code", "WRONGTYPE")
                .hasLowCardinalityKeyValue("error.type", "WRONGTYPE")
                .hasError()
                .hasBeenStopped();
    }

    @Test
    void aTimeoutIsErrorTypeTimeoutWithNoStatusCode() {
        Object context = observer.commandStarted(ENDPOINT, "BLPOP");
        observer.commandFailed(ENDPOINT, "BLPOP", 5_000_000,
                new RedisTimeoutException("BLPOP", Duration.ofMillis(5)), context);

        TestObservationRegistryAssert.assertThat(observations).hasSingleObservationThat()
                .hasLowCardinalityKeyValue("db.response.status_code", "none")
                .hasLowCardinalityKeyValue("error.type", "timeout");
    }

    @Test
    void aCommandNestsUnderTheSubmittingThreadsCurrentObservation() {
        Observation parent = Observation.start("request", observations);
        Object context;
        try (Observation.Scope scope = parent.openScope()) {
            context = observer.commandStarted(ENDPOINT, "SET");
        }
        observer.commandSucceeded(ENDPOINT, "SET", 1_000, context);
        parent.stop();

        assertThat(((Observation) context).getContextView().getParentObservation()).isSameAs(parent);
    }

    @Test
    void withOnlyAMeterRegistryEachCommandIsATimerTaggedTheSameWay() {
        MicrometerObserver metersOnly = MicrometerObserver.create(meters);
        for (int i = 0; i < 3; i++) {
            Object context = metersOnly.commandStarted(ENDPOINT, "GET");
            metersOnly.commandSucceeded(ENDPOINT, "GET", 1_000, context);
        }
        Timer timer = meters.get("db.client.operation")
                .tag("db.operation.name", "GET").tag("db.namespace", "2").tag("error.type", "none").timer();
        assertThat(timer.count()).isEqualTo(3);
    }

    @Test
    void batchesAreSummariesOfCommandsAndBytesPerWrite() {
        observer.batchWritten(ENDPOINT, 10, 300);
        observer.batchWritten(ENDPOINT, 30, 900);

        DistributionSummary commands = meters.get("aioj.redis.pipeline.batch.commands")
                .tag("server.address", "127.0.0.1").summary();
        assertThat(commands.count()).isEqualTo(2);
        assertThat(commands.totalAmount()).isEqualTo(40.0);
        assertThat(commands.max()).isEqualTo(30.0);
        assertThat(meters.get("aioj.redis.pipeline.batch.bytes").summary().totalAmount()).isEqualTo(1200.0);
    }

    @Test
    void connectionEventsAndCacheReadsAreCounted() {
        observer.connected(ENDPOINT, 3, 2_000_000, 1_000_000, 0);
        observer.disconnected(ENDPOINT, new RuntimeException("reset"));
        observer.reconnectScheduled(ENDPOINT, 1, Duration.ofMillis(10), null);
        observer.connectFailed(ENDPOINT, 1, new RuntimeException("refused"));
        observer.connected(ENDPOINT, 3, 2_000_000, 1_000_000, 2);
        observer.cacheAccessed(ENDPOINT, "GET", true);
        observer.cacheAccessed(ENDPOINT, "GET", true);
        observer.cacheAccessed(ENDPOINT, "GET", false);
        observer.cacheInvalidated(ENDPOINT, 2);
        observer.cacheInvalidated(ENDPOINT, 1);

        assertThat(meters.get("aioj.redis.connection.events").tag("event", "connected").counter().count())
                .isEqualTo(2);
        assertThat(meters.get("aioj.redis.connection.events").tag("event", "disconnected").counter().count())
                .isEqualTo(1);
        assertThat(meters.get("aioj.redis.connection.events").tag("event", "reconnect_scheduled").counter()
                .count()).isEqualTo(1);
        assertThat(meters.get("aioj.redis.connection.events").tag("event", "connect_failed").counter().count())
                .isEqualTo(1);
        assertThat(meters.get("aioj.redis.connection.setup").timer().totalTime(TimeUnit.MILLISECONDS))
                .isEqualTo(6.0);
        assertThat(meters.get("aioj.redis.cache.requests").tag("result", "hit").counter().count()).isEqualTo(2);
        assertThat(meters.get("aioj.redis.cache.requests").tag("result", "miss").counter().count()).isEqualTo(1);
        assertThat(meters.get("aioj.redis.cache.invalidations").counter().count()).isEqualTo(3);
    }

    @Test
    void aUnixSocketHasItsPathAsAddressAndNoPort() {
        RedisEndpoint unix = new RedisEndpoint("/run/redis.sock", -1, 0, false);
        Object context = observer.commandStarted(unix, "PING");
        observer.commandSucceeded(unix, "PING", 1_000, context);

        TestObservationRegistryAssert.assertThat(observations).hasSingleObservationThat()
                .hasLowCardinalityKeyValue("server.address", "/run/redis.sock")
                .hasLowCardinalityKeyValue("server.port", "none");
    }
}
