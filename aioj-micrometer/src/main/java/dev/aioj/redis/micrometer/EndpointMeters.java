package dev.aioj.redis.micrometer;

import dev.aioj.redis.RedisEndpoint;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

/**
 * The meters of one server, registered once when it is first seen, tagged
 * {@code db.system.name}, {@code db.namespace}, {@code server.address},
 * {@code server.port} like the command observations:
 *
 * <ul>
 * <li>{@code aioj.redis.pipeline.batch.commands}, {@code
 *     aioj.redis.pipeline.batch.bytes}: distribution summaries, one sample
 *     per pipelined write (automatic pipelining at work);
 * <li>{@code aioj.redis.connection.events}: a counter per {@code event}
 *     ({@code connected}, {@code connect_failed}, {@code disconnected},
 *     {@code reconnect_scheduled});
 * <li>{@code aioj.redis.connection.setup}: a timer of connect plus greeting;
 * <li>{@code aioj.redis.cache.requests}: a counter per {@code result} ({@code
 *     hit}, {@code miss}) of reads through the client-side cache;
 * <li>{@code aioj.redis.cache.invalidations}: a counter of the cached replies
 *     the server's invalidations dropped.
 * </ul>
 */
final class EndpointMeters {

    final DistributionSummary batchCommands;
    final DistributionSummary batchBytes;
    final Counter connected;
    final Counter connectFailed;
    final Counter disconnected;
    final Counter reconnects;
    final Timer setup;
    final Counter cacheHits;
    final Counter cacheMisses;
    final Counter cacheInvalidations;

    EndpointMeters(MeterRegistry registry, RedisEndpoint endpoint) {
        Tags tags = Tags.of(
                "db.system.name", "redis",
                "db.namespace", Integer.toString(endpoint.database()),
                "server.address", endpoint.address(),
                "server.port", endpoint.isUnixSocket() ? DefaultRedisObservationConvention.NONE
                        : Integer.toString(endpoint.port()));
        batchCommands = DistributionSummary.builder("aioj.redis.pipeline.batch.commands")
                .description("Commands written in one pipelined batch (one write)")
                .baseUnit("commands").tags(tags).register(registry);
        batchBytes = DistributionSummary.builder("aioj.redis.pipeline.batch.bytes")
                .description("Bytes written in one pipelined batch (one write)")
                .baseUnit("bytes").tags(tags).register(registry);
        connected = event(registry, tags, "connected");
        connectFailed = event(registry, tags, "connect_failed");
        disconnected = event(registry, tags, "disconnected");
        reconnects = event(registry, tags, "reconnect_scheduled");
        setup = Timer.builder("aioj.redis.connection.setup")
                .description("Opening a connection and greeting the server (HELLO/AUTH, SELECT, SETNAME)")
                .tags(tags).register(registry);
        cacheHits = cache(registry, tags, "hit");
        cacheMisses = cache(registry, tags, "miss");
        cacheInvalidations = Counter.builder("aioj.redis.cache.invalidations")
                .description("Cached replies dropped because the server said their keys changed (or were flushed)")
                .baseUnit("entries").tags(tags).register(registry);
    }

    private static Counter event(MeterRegistry registry, Tags tags, String event) {
        return Counter.builder("aioj.redis.connection.events")
                .description("Connections made, refused, lost, and reconnects scheduled")
                .tags(tags).tag("event", event).register(registry);
    }

    private static Counter cache(MeterRegistry registry, Tags tags, String result) {
        return Counter.builder("aioj.redis.cache.requests")
                .description("Reads through the client-side cache, by result")
                .tags(tags).tag("result", result).register(registry);
    }
}
