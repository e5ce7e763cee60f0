package dev.aioj.redis.micrometer;

import dev.aioj.redis.RedisEndpoint;
import dev.aioj.redis.RedisObserver;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * aioj-redis's {@link RedisObserver} for Micrometer: each command is an
 * {@link Observation} (named and tagged by a {@link RedisObservationConvention},
 * OpenTelemetry's database names by default), started on the submitting thread
 * so it nests under the caller's current observation, stopped when the reply
 * or the failure arrives. Pipelined batches, connection events and the
 * client-side cache go to meters ({@link EndpointMeters} lists them).
 *
 * <pre>{@code
 * MeterRegistry meters = ...;                 // Prometheus, OTLP, SimpleMeterRegistry
 * ObservationRegistry observations = ...;     // with the handlers you use (tracing, meters)
 * RedisOptions options = RedisOptions.builder()
 *         .observer(MicrometerObserver.create(observations, meters))
 *         .build();
 * }</pre>
 *
 * <p>Given only a {@link MeterRegistry} ({@link #create(MeterRegistry)}), it
 * makes an observation registry whose one handler turns every observation into
 * a timer ({@code db.client.operation}) and a long task timer. Command
 * arguments are never recorded.
 *
 * <p>Thread contract: any thread, as {@link RedisObserver} requires.
 */
public final class MicrometerObserver implements RedisObserver {

    private static final DefaultRedisObservationConvention DEFAULT_CONVENTION =
            new DefaultRedisObservationConvention();

    private final ObservationRegistry observations;
    private final MeterRegistry meters;
    private final RedisObservationConvention convention;
    private final Map<RedisEndpoint, EndpointMeters> byEndpoint = new ConcurrentHashMap<>();

    private MicrometerObserver(Builder builder) {
        this.meters = builder.meters;
        this.convention = builder.convention;
        if (builder.observations != null) {
            this.observations = builder.observations;
        } else if (meters != null) {
            ObservationRegistry own = ObservationRegistry.create();
            own.observationConfig().observationHandler(new DefaultMeterObservationHandler(meters));
            this.observations = own;
        } else {
            throw new IllegalArgumentException("neither an ObservationRegistry nor a MeterRegistry was given");
        }
    }

    /** Observations into {@code observations}; batches, connection and cache events into {@code meters}. */
    public static MicrometerObserver create(ObservationRegistry observations, MeterRegistry meters) {
        return builder().observationRegistry(observations).meterRegistry(meters).build();
    }

    /** Everything into {@code meters}: each command as the timer {@code db.client.operation}. */
    public static MicrometerObserver create(MeterRegistry meters) {
        return builder().meterRegistry(meters).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Object commandStarted(RedisEndpoint endpoint, String command) {
        return Observation.createNotStarted(convention, DEFAULT_CONVENTION,
                () -> new RedisObservationContext(endpoint, command), observations).start();
    }

    @Override
    public void commandSucceeded(RedisEndpoint endpoint, String command, long durationNanos, Object context) {
        if (context instanceof Observation observation) {
            observation.stop();
        }
    }

    @Override
    public void commandFailed(RedisEndpoint endpoint, String command, long durationNanos, Throwable error,
            Object context) {
        if (context instanceof Observation observation) {
            observation.error(error);
            observation.stop();
        }
    }

    @Override
    public void batchWritten(RedisEndpoint endpoint, int commands, long bytes) {
        EndpointMeters m = metersOf(endpoint);
        if (m != null) {
            m.batchCommands.record(commands);
            m.batchBytes.record(bytes);
        }
    }

    @Override
    public void connected(RedisEndpoint endpoint, int protocol, long connectNanos, long handshakeNanos,
            int attempt) {
        EndpointMeters m = metersOf(endpoint);
        if (m != null) {
            m.connected.increment();
            m.setup.record(Duration.ofNanos(connectNanos + handshakeNanos));
        }
    }

    @Override
    public void connectFailed(RedisEndpoint endpoint, int attempt, Throwable error) {
        EndpointMeters m = metersOf(endpoint);
        if (m != null) {
            m.connectFailed.increment();
        }
    }

    @Override
    public void disconnected(RedisEndpoint endpoint, Throwable cause) {
        EndpointMeters m = metersOf(endpoint);
        if (m != null) {
            m.disconnected.increment();
        }
    }

    @Override
    public void reconnectScheduled(RedisEndpoint endpoint, int attempt, Duration delay, Throwable cause) {
        EndpointMeters m = metersOf(endpoint);
        if (m != null) {
            m.reconnects.increment();
        }
    }

    @Override
    public void cacheAccessed(RedisEndpoint endpoint, String command, boolean hit) {
        EndpointMeters m = metersOf(endpoint);
        if (m != null) {
            (hit ? m.cacheHits : m.cacheMisses).increment();
        }
    }

    @Override
    public void cacheInvalidated(RedisEndpoint endpoint, long entries) {
        EndpointMeters m = metersOf(endpoint);
        if (m != null) {
            m.cacheInvalidations.increment(entries);
        }
    }

    private EndpointMeters metersOf(RedisEndpoint endpoint) {
        return meters == null ? null : byEndpoint.computeIfAbsent(endpoint, e -> new EndpointMeters(meters, e));
    }

    /** Builds a {@link MicrometerObserver}; at least one registry is needed. Not thread-safe. */
    public static final class Builder {
        private ObservationRegistry observations;
        private MeterRegistry meters;
        private RedisObservationConvention convention;

        private Builder() {}

        /** Where command observations go; default: a registry timing them into {@link #meterRegistry}. */
        public Builder observationRegistry(ObservationRegistry observations) {
            this.observations = observations;
            return this;
        }

        /** Where batch, connection and cache meters go; null: none of those. */
        public Builder meterRegistry(MeterRegistry meters) {
            this.meters = meters;
            return this;
        }

        /** Names and tags of command observations; null (the default): {@link DefaultRedisObservationConvention}. */
        public Builder convention(RedisObservationConvention convention) {
            this.convention = convention;
            return this;
        }

        public MicrometerObserver build() {
            return new MicrometerObserver(this);
        }
    }
}
