package dev.aioj.bench.redis.jmh;

import dev.aioj.redis.RedisConnection;
import dev.aioj.redis.RedisObserver;
import dev.aioj.redis.RedisOptions;
import dev.aioj.redis.Reply;
import dev.aioj.redis.micrometer.MicrometerObserver;
import dev.aioj.redis.opentelemetry.OpenTelemetryObserver;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.export.MetricExporter;
import io.opentelemetry.sdk.metrics.export.PeriodicMetricReader;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.opentelemetry.sdk.metrics.InstrumentType;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import jdk.jfr.Recording;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What observability costs per command: {@link PipelinedGetBenchmark}'s
 * pipelined GET against {@link CannedRedisServer}, with each way of watching
 * the client. Run with {@code -prof gc}; {@code gc.alloc.rate.norm} is the
 * bytes per GET.
 *
 * <ul>
 * <li>{@code off}: no observer, no recording: must allocate what
 *     PipelinedGetBenchmark does (nothing more);
 * <li>{@code jfr}: a Flight Recorder recording with every {@code
 *     dev.aioj.redis} event on (a PipelineFlush event per batch);
 * <li>{@code observer}: an observer that does nothing: the SPI's own cost
 *     (one completion callback per command);
 * <li>{@code micrometer}: {@code MicrometerObserver} on a SimpleMeterRegistry
 *     (an Observation and a timer sample per command);
 * <li>{@code opentelemetry}: {@code OpenTelemetryObserver} on the SDK, spans
 *     batched to an exporter that drops them, metrics kept by a reader.
 * </ul>
 *
 * <p>Usage: {@code ./aioj jmh ObservedGetBenchmark -prof gc}; {@link
 * ObservabilityAllocation} gives the same numbers split by thread, faster.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class ObservedGetBenchmark {

    /** A connection to the canned server, observed as {@link #observability} says. */
    @State(Scope.Thread)
    public static class Observed {
        @Param({"off", "jfr", "observer", "micrometer", "opentelemetry"})
        public String observability;

        @Param({"1", "128"})
        public int window;

        CannedConnection canned;
        RedisConnection connection;
        Recording recording;
        OpenTelemetrySdk otel;
        CompletableFuture<String>[] ring;
        int next;

        @Setup(Level.Trial)
        @SuppressWarnings("unchecked")
        public void open() {
            canned = CannedConnection.open(this::observe);
            connection = canned.connection;
            ring = new CompletableFuture[window];
        }

        /** Starts the recording, or adds the observer, that {@link #observability} names. */
        private void observe(RedisOptions.Builder options) {
            switch (observability) {
                case "off" -> { }
                case "jfr" -> {
                    recording = new Recording();
                    for (String event : List.of("Connect", "Handshake", "Reconnect", "CommandTimeout",
                            "ProtocolError", "PipelineFlush", "CacheStatistics")) {
                        recording.enable("dev.aioj.redis." + event);
                    }
                    recording.setMaxSize(64L << 20);
                    recording.start();
                }
                case "observer" -> options.observer(new RedisObserver() { });
                case "micrometer" -> options.observer(MicrometerObserver.create(new SimpleMeterRegistry()));
                case "opentelemetry" -> {
                    otel = droppingSdk();
                    options.observer(OpenTelemetryObserver.create(otel));
                }
                default -> throw new IllegalArgumentException("observability: " + observability);
            }
        }

        /** One pipelined GET: wait for the one {@code window} GETs ago, then submit. */
        String get() {
            int slot = next;
            next = slot + 1 == window ? 0 : slot + 1;
            CompletableFuture<String> old = ring[slot];
            String reply = old == null ? null : PipelinedGetBenchmark.await(old);
            ring[slot] = connection.command(Reply.<String>value(), "GET", PipelinedGetBenchmark.KEY);
            return reply;
        }

        @TearDown(Level.Trial)
        public void close() {
            PipelinedGetBenchmark.awaitAll(ring);
            canned.close();
            if (recording != null) {
                recording.close();
            }
            if (otel != null) {
                otel.close();
            }
        }
    }

    /** The OpenTelemetry SDK as a service would set it up, exporting to nowhere. */
    static OpenTelemetrySdk droppingSdk() {
        SpanExporter spans = new SpanExporter() {
            @Override
            public CompletableResultCode export(Collection<SpanData> batch) {
                return CompletableResultCode.ofSuccess();
            }

            @Override
            public CompletableResultCode flush() {
                return CompletableResultCode.ofSuccess();
            }

            @Override
            public CompletableResultCode shutdown() {
                return CompletableResultCode.ofSuccess();
            }
        };
        MetricExporter metrics = new MetricExporter() {
            @Override
            public AggregationTemporality getAggregationTemporality(InstrumentType type) {
                return AggregationTemporality.CUMULATIVE;
            }

            @Override
            public CompletableResultCode export(Collection<MetricData> batch) {
                return CompletableResultCode.ofSuccess();
            }

            @Override
            public CompletableResultCode flush() {
                return CompletableResultCode.ofSuccess();
            }

            @Override
            public CompletableResultCode shutdown() {
                return CompletableResultCode.ofSuccess();
            }
        };
        return OpenTelemetrySdk.builder()
                .setTracerProvider(SdkTracerProvider.builder()
                        .addSpanProcessor(BatchSpanProcessor.builder(spans).build()).build())
                .setMeterProvider(SdkMeterProvider.builder()
                        .registerMetricReader(PeriodicMetricReader.builder(metrics)
                                .setInterval(Duration.ofMinutes(10)).build()).build())
                .build();
    }

    @Benchmark
    public String get(Observed state) {
        return state.get();
    }
}
