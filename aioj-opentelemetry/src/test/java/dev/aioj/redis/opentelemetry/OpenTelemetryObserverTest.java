package dev.aioj.redis.opentelemetry;

import static io.opentelemetry.sdk.testing.assertj.OpenTelemetryAssertions.assertThat;
import static io.opentelemetry.sdk.testing.assertj.OpenTelemetryAssertions.equalTo;

import dev.aioj.redis.RedisEndpoint;
import dev.aioj.redis.RedisReplyException;
import dev.aioj.redis.RedisTimeoutException;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.testing.junit5.OpenTelemetryExtension;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The observer driven through the SPI, as a connection calls it: spans, attributes, metrics. */
class OpenTelemetryObserverTest {

    @RegisterExtension
    static final OpenTelemetryExtension otel = OpenTelemetryExtension.create();

    private static final RedisEndpoint ENDPOINT = new RedisEndpoint("127.0.0.1", 6379, 2, false);

    @Test
    void aCommandIsAClientSpanNamedAfterItWithTheDatabaseAttributes() {
        OpenTelemetryObserver observer = OpenTelemetryObserver.create(otel.getOpenTelemetry());
        Object context = observer.commandStarted(ENDPOINT, "GET");
        observer.commandSucceeded(ENDPOINT, "GET", 2_000_000, context);

        List<SpanData> spans = otel.getSpans();
        assertThat(spans).hasSize(1);
        assertThat(spans.get(0))
                .hasName("GET")
                .hasKind(SpanKind.CLIENT)
                .hasAttributesSatisfyingExactly(
                        equalTo(AttributeKey.stringKey("db.system.name"), "redis"),
                        equalTo(AttributeKey.stringKey("db.operation.name"), "GET"),
                        equalTo(AttributeKey.stringKey("db.namespace"), "2"),
                        equalTo(AttributeKey.stringKey("server.address"), "127.0.0.1"),
                        equalTo(AttributeKey.longKey("server.port"), 6379L))
                .hasStatus(io.opentelemetry.sdk.trace.data.StatusData.unset())
                .hasEnded();
    }

    @Test
    void anErrorReplyMarksTheSpanWithItsPrefixAndNotItsText() {
        OpenTelemetryObserver observer = OpenTelemetryObserver.create(otel.getOpenTelemetry());
        Object context = observer.commandStarted(ENDPOINT, "FOO");
        RedisReplyException error = new RedisReplyException("ERR",
                "ERR unknown command 'FOO', with args beginning with: 'secret'");
        observer.commandFailed(ENDPOINT, "FOO", 1_000_000, new CompletionException(error), context);

        SpanData span = otel.getSpans().get(0);
        assertThat(span)
                .hasStatus(io.opentelemetry.sdk.trace.data.StatusData.error())
                .hasAttribute(AttributeKey.stringKey("db.response.status_code"), "ERR")
                .hasAttribute(AttributeKey.stringKey("error.type"), "ERR")
                .hasTotalRecordedEvents(0);
        assertThat(span.getStatus().getDescription()).doesNotContain("secret");
        assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    }

    @Test
    void aTimeoutIsErrorTypeTimeoutWithoutStatusCode() {
        OpenTelemetryObserver observer = OpenTelemetryObserver.create(otel.getOpenTelemetry());
        Object context = observer.commandStarted(ENDPOINT, "BLPOP");
        observer.commandFailed(ENDPOINT, "BLPOP", 1_000_000, new RedisTimeoutException("BLPOP",
                Duration.ofMillis(1)), context);

        SpanData span = otel.getSpans().get(0);
        assertThat(span).hasAttribute(AttributeKey.stringKey("error.type"), "timeout");
        assertThat(span.getAttributes().get(AttributeKey.stringKey("db.response.status_code"))).isNull();
    }

    @Test
    void aCommandSpanIsAChildOfTheSubmittingThreadsCurrentSpan() {
        OpenTelemetryObserver observer = OpenTelemetryObserver.create(otel.getOpenTelemetry());
        Span parent = otel.getOpenTelemetry().getTracer("test").spanBuilder("request").startSpan();
        Object context;
        try (Scope scope = parent.makeCurrent()) {
            context = observer.commandStarted(ENDPOINT, "SET");
        }
        observer.commandSucceeded(ENDPOINT, "SET", 1_000, context);
        parent.end();

        SpanData set = otel.getSpans().stream().filter(s -> s.getName().equals("SET")).findFirst().orElseThrow();
        assertThat(set).hasParent(otel.getSpans().stream().filter(s -> s.getName().equals("request"))
                .findFirst().orElseThrow());
    }

    @Test
    void durationsGoToTheOperationDurationHistogramInSeconds() {
        OpenTelemetryObserver observer = OpenTelemetryObserver.create(otel.getOpenTelemetry());
        for (int i = 0; i < 3; i++) {
            Object context = observer.commandStarted(ENDPOINT, "GET");
            observer.commandSucceeded(ENDPOINT, "GET", 2_000_000, context);
        }
        Object context = observer.commandStarted(ENDPOINT, "INCR");
        observer.commandFailed(ENDPOINT, "INCR", 4_000_000, new RedisReplyException("WRONGTYPE", "WRONGTYPE x"),
                context);

        assertThat(otel.getMetrics()).anySatisfy(metric -> assertThat(metric)
                .hasName("db.client.operation.duration")
                .hasUnit("s")
                .hasHistogramSatisfying(histogram -> histogram.hasPointsSatisfying(
                        point -> point.hasCount(3).hasSum(0.006).hasBucketBoundaries(
                                0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1.0, 5.0, 10.0)
                                .hasAttributesSatisfyingExactly(
                                        equalTo(AttributeKey.stringKey("db.system.name"), "redis"),
                                        equalTo(AttributeKey.stringKey("db.operation.name"), "GET"),
                                        equalTo(AttributeKey.stringKey("db.namespace"), "2"),
                                        equalTo(AttributeKey.stringKey("server.address"), "127.0.0.1"),
                                        equalTo(AttributeKey.longKey("server.port"), 6379L)),
                        point -> point.hasCount(1).hasSum(0.004)
                                .hasAttributesSatisfying(
                                        equalTo(AttributeKey.stringKey("db.operation.name"), "INCR"),
                                        equalTo(AttributeKey.stringKey("error.type"), "WRONGTYPE"),
                                        equalTo(AttributeKey.stringKey("db.response.status_code"), "WRONGTYPE")))));
    }

    @Test
    void batchesGoToTheBatchSizeHistogramAndOptionallyToPipelineSpans() {
        OpenTelemetryObserver observer = OpenTelemetryObserver.builder(otel.getOpenTelemetry())
                .batchSpans(true).build();
        observer.batchWritten(ENDPOINT, 1, 30);
        observer.batchWritten(ENDPOINT, 40, 1200);

        assertThat(otel.getMetrics()).anySatisfy(metric -> assertThat(metric)
                .hasName("aioj.redis.pipeline.batch.size")
                .hasHistogramSatisfying(histogram -> histogram.hasPointsSatisfying(
                        point -> point.hasCount(2).hasSum(41).hasMax(40))));
        List<SpanData> spans = otel.getSpans();
        assertThat(spans).hasSize(1); // a batch of one command is no batch
        assertThat(spans.get(0))
                .hasName("PIPELINE")
                .hasAttribute(AttributeKey.stringKey("db.operation.name"), "PIPELINE")
                .hasAttribute(AttributeKey.longKey("db.operation.batch.size"), 40L);
    }

    @Test
    void withoutBatchSpansABatchMakesNoSpan() {
        OpenTelemetryObserver observer = OpenTelemetryObserver.create(otel.getOpenTelemetry());
        observer.batchWritten(ENDPOINT, 40, 1200);
        assertThat(otel.getSpans()).isEmpty();
    }

    @Test
    void connectionEventsAndCacheReadsAreCounted() {
        OpenTelemetryObserver observer = OpenTelemetryObserver.create(otel.getOpenTelemetry());
        observer.connected(ENDPOINT, 3, 1_000, 1_000, 0);
        observer.disconnected(ENDPOINT, null);
        observer.reconnectScheduled(ENDPOINT, 1, Duration.ofMillis(10), null);
        observer.connected(ENDPOINT, 3, 1_000, 1_000, 1);
        observer.cacheAccessed(ENDPOINT, "GET", true);
        observer.cacheAccessed(ENDPOINT, "GET", false);
        observer.cacheAccessed(ENDPOINT, "GET", false);
        observer.cacheInvalidated(ENDPOINT, 2);
        observer.cacheInvalidated(ENDPOINT, 1);

        assertThat(otel.getMetrics()).anySatisfy(metric -> assertThat(metric)
                .hasName("aioj.redis.connection.events")
                .hasLongSumSatisfying(sum -> sum.hasPointsSatisfying(
                        point -> point.hasValue(2).hasAttributesSatisfying(
                                equalTo(AttributeKey.stringKey("event"), "connected")),
                        point -> point.hasValue(1).hasAttributesSatisfying(
                                equalTo(AttributeKey.stringKey("event"), "disconnected")),
                        point -> point.hasValue(1).hasAttributesSatisfying(
                                equalTo(AttributeKey.stringKey("event"), "reconnect_scheduled")))));
        assertThat(otel.getMetrics()).anySatisfy(metric -> assertThat(metric)
                .hasName("aioj.redis.cache.requests")
                .hasLongSumSatisfying(sum -> sum.hasPointsSatisfying(
                        point -> point.hasValue(1).hasAttributesSatisfying(
                                equalTo(AttributeKey.stringKey("result"), "hit")),
                        point -> point.hasValue(2).hasAttributesSatisfying(
                                equalTo(AttributeKey.stringKey("result"), "miss")))));
        assertThat(otel.getMetrics()).anySatisfy(metric -> assertThat(metric)
                .hasName("aioj.redis.cache.invalidations")
                .hasLongSumSatisfying(sum -> sum.hasPointsSatisfying(point -> point.hasValue(3))));
    }

    @Test
    void aUnixSocketHasItsPathAsAddressAndNoPort() {
        OpenTelemetryObserver observer = OpenTelemetryObserver.create(otel.getOpenTelemetry());
        RedisEndpoint unix = new RedisEndpoint("/run/redis.sock", -1, 0, false);
        Object context = observer.commandStarted(unix, "PING");
        observer.commandSucceeded(unix, "PING", 1_000, context);

        SpanData span = otel.getSpans().get(0);
        assertThat(span).hasAttribute(AttributeKey.stringKey("server.address"), "/run/redis.sock");
        assertThat(span.getAttributes().get(AttributeKey.longKey("server.port"))).isNull();
    }
}
