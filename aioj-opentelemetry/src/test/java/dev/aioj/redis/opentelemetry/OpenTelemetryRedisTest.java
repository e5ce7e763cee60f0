package dev.aioj.redis.opentelemetry;

import static io.opentelemetry.sdk.testing.assertj.OpenTelemetryAssertions.assertThat;
import static io.opentelemetry.sdk.testing.assertj.OpenTelemetryAssertions.equalTo;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aioj.redis.RedisConnection;
import dev.aioj.redis.RedisOptions;
import dev.aioj.redis.RedisUri;
import dev.aioj.redis.testing.RedisServerExtension;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.testing.junit5.OpenTelemetryExtension;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.data.StatusData;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A real connection to redis-server traced through OpenTelemetry: spans, the duration histogram. */
class OpenTelemetryRedisTest {

    @RegisterExtension
    static final RedisServerExtension redis = RedisServerExtension.builder().build();

    @RegisterExtension
    static final OpenTelemetryExtension otel = OpenTelemetryExtension.create();

    @Test
    void everyCommandIsASpanUnderTheCallersSpanAndADurationSample() throws Exception {
        RedisOptions options = RedisOptions.builder()
                .observer(OpenTelemetryObserver.create(otel.getOpenTelemetry())).build();
        Span request = otel.getOpenTelemetry().getTracer("test").spanBuilder("request").startSpan();
        try (RedisConnection connection = RedisConnection.connect(RedisUri.parse(redis.uri() + "/3"), options)
                .get(10, TimeUnit.SECONDS);
                Scope scope = request.makeCurrent()) {
            connection.set("text", "abc").get(10, TimeUnit.SECONDS);
            connection.get("text").get(10, TimeUnit.SECONDS);
            assertThatThrownBy(() -> connection.lpush("text", "x").get(10, TimeUnit.SECONDS))
                    .hasMessageContaining("WRONGTYPE");
        } finally {
            request.end();
        }

        List<SpanData> spans = otel.getSpans();
        SpanData parent = spans.stream().filter(s -> s.getName().equals("request")).findFirst().orElseThrow();
        SpanData set = spans.stream().filter(s -> s.getName().equals("SET")).findFirst().orElseThrow();
        assertThat(set).hasParent(parent)
                .hasAttributesSatisfyingExactly(
                        equalTo(AttributeKey.stringKey("db.system.name"), "redis"),
                        equalTo(AttributeKey.stringKey("db.operation.name"), "SET"),
                        equalTo(AttributeKey.stringKey("db.namespace"), "3"),
                        equalTo(AttributeKey.stringKey("server.address"), "127.0.0.1"),
                        equalTo(AttributeKey.longKey("server.port"), (long) redis.port()));
        SpanData lpush = spans.stream().filter(s -> s.getName().equals("LPUSH")).findFirst().orElseThrow();
        assertThat(lpush).hasStatus(StatusData.error())
                .hasAttribute(AttributeKey.stringKey("db.response.status_code"), "WRONGTYPE")
                .hasAttribute(AttributeKey.stringKey("error.type"), "WRONGTYPE");
        assertThat(otel.getMetrics()).anySatisfy(metric -> assertThat(metric)
                .hasName("db.client.operation.duration")
                .hasHistogramSatisfying(histogram -> histogram.hasPointsSatisfying(
                        point -> point.hasCount(1).hasAttributesSatisfying(
                                equalTo(AttributeKey.stringKey("db.operation.name"), "SET")),
                        point -> point.hasCount(1).hasAttributesSatisfying(
                                equalTo(AttributeKey.stringKey("db.operation.name"), "GET")),
                        point -> point.hasCount(1).hasAttributesSatisfying(
                                equalTo(AttributeKey.stringKey("db.operation.name"), "LPUSH"),
                                equalTo(AttributeKey.stringKey("error.type"), "WRONGTYPE")))));
    }
}
