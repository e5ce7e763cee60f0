package dev.aioj.redis.opentelemetry;

import dev.aioj.redis.RedisEndpoint;
import dev.aioj.redis.RedisObserver;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.LongHistogram;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * aioj-redis's {@link RedisObserver} for OpenTelemetry. Each command is a
 * {@code CLIENT} span named after it ({@code GET}), started on the submitting
 * thread (so its parent is that thread's current span) and ended when the
 * reply or the failure arrives; its duration also goes to the {@code
 * db.client.operation.duration} histogram (seconds, the semantic conventions'
 * buckets). Attributes are the conventions' database names:
 * {@code db.system.name=redis}, {@code db.operation.name}, {@code
 * db.namespace} (the database index), {@code server.address}, {@code
 * server.port} (absent for a unix socket), and on failure {@code error.type}
 * and, for an error reply, {@code db.response.status_code} (the server's
 * prefix, {@code WRONGTYPE}). Command arguments are never recorded, nor an
 * error reply's text (which may quote them).
 *
 * <p>Pipelining: every written batch goes to the histogram {@code
 * aioj.redis.pipeline.batch.size} ({@code {command}}); with {@link
 * Builder#batchSpans(boolean)} a batch of two or more commands is also a
 * {@code PIPELINE} span with {@code db.operation.batch.size}. Connection
 * events and cache reads are counted ({@code aioj.redis.connection.events} by
 * {@code event}, {@code aioj.redis.cache.requests} by {@code result}), and so
 * are the cached replies invalidations dropped ({@code aioj.redis.cache.invalidations}).
 *
 * <pre>{@code
 * RedisOptions options = RedisOptions.builder()
 *         .observer(OpenTelemetryObserver.create(GlobalOpenTelemetry.get()))
 *         .build();
 * }</pre>
 *
 * <p>Thread contract: any thread, as {@link RedisObserver} requires.
 */
public final class OpenTelemetryObserver implements RedisObserver {

    /** The instrumentation scope of the spans and metrics. */
    public static final String SCOPE = "dev.aioj.redis";

    static final AttributeKey<String> DB_SYSTEM_NAME = AttributeKey.stringKey("db.system.name");
    static final AttributeKey<String> DB_OPERATION_NAME = AttributeKey.stringKey("db.operation.name");
    static final AttributeKey<String> DB_NAMESPACE = AttributeKey.stringKey("db.namespace");
    static final AttributeKey<String> DB_RESPONSE_STATUS_CODE = AttributeKey.stringKey("db.response.status_code");
    static final AttributeKey<Long> DB_OPERATION_BATCH_SIZE = AttributeKey.longKey("db.operation.batch.size");
    static final AttributeKey<String> SERVER_ADDRESS = AttributeKey.stringKey("server.address");
    static final AttributeKey<Long> SERVER_PORT = AttributeKey.longKey("server.port");
    static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");
    static final AttributeKey<String> EVENT = AttributeKey.stringKey("event");
    static final AttributeKey<String> RESULT = AttributeKey.stringKey("result");

    /** The semantic conventions' advice for {@code db.client.operation.duration}, in seconds. */
    static final List<Double> DURATION_BUCKETS = List.of(0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1.0, 5.0, 10.0);

    private final Tracer tracer;
    private final DoubleHistogram duration;
    private final LongHistogram batchSize;
    private final LongCounter connectionEvents;
    private final LongCounter cacheRequests;
    private final LongCounter cacheInvalidations;
    private final boolean batchSpans;
    private final Map<RedisEndpoint, Attributes> endpointAttributes = new ConcurrentHashMap<>();

    private OpenTelemetryObserver(OpenTelemetry openTelemetry, boolean batchSpans) {
        this.tracer = openTelemetry.getTracer(SCOPE);
        Meter meter = openTelemetry.getMeter(SCOPE);
        this.duration = meter.histogramBuilder("db.client.operation.duration")
                .setDescription("Duration of database client operations.")
                .setUnit("s")
                .setExplicitBucketBoundariesAdvice(DURATION_BUCKETS)
                .build();
        this.batchSize = meter.histogramBuilder("aioj.redis.pipeline.batch.size")
                .setDescription("Commands written to Redis in one pipelined batch (one write).")
                .setUnit("{command}")
                .ofLongs()
                .build();
        this.connectionEvents = meter.counterBuilder("aioj.redis.connection.events")
                .setDescription("Redis connections made, refused, lost, and reconnects scheduled.")
                .setUnit("{event}")
                .build();
        this.cacheRequests = meter.counterBuilder("aioj.redis.cache.requests")
                .setDescription("Reads through the Redis client-side cache, by result.")
                .setUnit("{request}")
                .build();
        this.cacheInvalidations = meter.counterBuilder("aioj.redis.cache.invalidations")
                .setDescription("Cached replies dropped because the server said their keys changed (or were flushed).")
                .setUnit("{entry}")
                .build();
        this.batchSpans = batchSpans;
    }

    /** Spans and metrics through {@code openTelemetry} (an SDK, or {@code GlobalOpenTelemetry.get()}). */
    public static OpenTelemetryObserver create(OpenTelemetry openTelemetry) {
        return builder(openTelemetry).build();
    }

    public static Builder builder(OpenTelemetry openTelemetry) {
        return new Builder(openTelemetry);
    }

    @Override
    public Object commandStarted(RedisEndpoint endpoint, String command) {
        return tracer.spanBuilder(command)
                .setSpanKind(SpanKind.CLIENT)
                .setAllAttributes(attributesOf(endpoint))
                .setAttribute(DB_OPERATION_NAME, command)
                .startSpan();
    }

    @Override
    public void commandSucceeded(RedisEndpoint endpoint, String command, long durationNanos, Object context) {
        if (context instanceof Span span) {
            span.end();
        }
        duration.record(durationNanos / 1e9, attributesOf(endpoint).toBuilder()
                .put(DB_OPERATION_NAME, command).build());
    }

    @Override
    public void commandFailed(RedisEndpoint endpoint, String command, long durationNanos, Throwable error,
            Object context) {
        String errorType = RedisObserver.errorType(error);
        String statusCode = RedisObserver.errorCode(error);
        if (context instanceof Span span) {
            span.setAttribute(ERROR_TYPE, errorType);
            if (statusCode != null) {
                span.setAttribute(DB_RESPONSE_STATUS_CODE, statusCode);
            }
            span.setStatus(StatusCode.ERROR);
            span.end();
        }
        AttributesBuilder attributes = attributesOf(endpoint).toBuilder()
                .put(DB_OPERATION_NAME, command)
                .put(ERROR_TYPE, errorType);
        if (statusCode != null) {
            attributes.put(DB_RESPONSE_STATUS_CODE, statusCode);
        }
        duration.record(durationNanos / 1e9, attributes.build());
    }

    @Override
    public void batchWritten(RedisEndpoint endpoint, int commands, long bytes) {
        Attributes attributes = attributesOf(endpoint);
        batchSize.record(commands, attributes);
        if (batchSpans && commands >= 2) {
            tracer.spanBuilder("PIPELINE")
                    .setSpanKind(SpanKind.CLIENT)
                    .setNoParent()
                    .setAllAttributes(attributes)
                    .setAttribute(DB_OPERATION_NAME, "PIPELINE")
                    .setAttribute(DB_OPERATION_BATCH_SIZE, (long) commands)
                    .setAttribute("aioj.redis.pipeline.bytes", bytes)
                    .startSpan()
                    .end();
        }
    }

    @Override
    public void connected(RedisEndpoint endpoint, int protocol, long connectNanos, long handshakeNanos,
            int attempt) {
        count(endpoint, "connected");
    }

    @Override
    public void connectFailed(RedisEndpoint endpoint, int attempt, Throwable error) {
        count(endpoint, "connect_failed");
    }

    @Override
    public void disconnected(RedisEndpoint endpoint, Throwable cause) {
        count(endpoint, "disconnected");
    }

    @Override
    public void reconnectScheduled(RedisEndpoint endpoint, int attempt, Duration delay, Throwable cause) {
        count(endpoint, "reconnect_scheduled");
    }

    @Override
    public void cacheAccessed(RedisEndpoint endpoint, String command, boolean hit) {
        cacheRequests.add(1, attributesOf(endpoint).toBuilder().put(RESULT, hit ? "hit" : "miss").build());
    }

    @Override
    public void cacheInvalidated(RedisEndpoint endpoint, long entries) {
        cacheInvalidations.add(entries, attributesOf(endpoint));
    }

    private void count(RedisEndpoint endpoint, String event) {
        connectionEvents.add(1, attributesOf(endpoint).toBuilder().put(EVENT, event).build());
    }

    private Attributes attributesOf(RedisEndpoint endpoint) {
        return endpointAttributes.computeIfAbsent(endpoint, OpenTelemetryObserver::endpointAttributes);
    }

    private static Attributes endpointAttributes(RedisEndpoint endpoint) {
        AttributesBuilder b = Attributes.builder()
                .put(DB_SYSTEM_NAME, "redis")
                .put(DB_NAMESPACE, Integer.toString(endpoint.database()))
                .put(SERVER_ADDRESS, endpoint.address());
        if (!endpoint.isUnixSocket()) {
            b.put(SERVER_PORT, (long) endpoint.port());
        }
        return b.build();
    }

    /** Builds an {@link OpenTelemetryObserver}. Not thread-safe. */
    public static final class Builder {
        private final OpenTelemetry openTelemetry;
        private boolean batchSpans;

        private Builder(OpenTelemetry openTelemetry) {
            this.openTelemetry = Objects.requireNonNull(openTelemetry, "openTelemetry");
        }

        /**
         * Also make a {@code PIPELINE} span (with {@code db.operation.batch.size})
         * for each written batch of two or more commands; off by default, as a
         * busy connection writes thousands of batches a second.
         */
        public Builder batchSpans(boolean batchSpans) {
            this.batchSpans = batchSpans;
            return this;
        }

        public OpenTelemetryObserver build() {
            return new OpenTelemetryObserver(openTelemetry, batchSpans);
        }
    }
}
