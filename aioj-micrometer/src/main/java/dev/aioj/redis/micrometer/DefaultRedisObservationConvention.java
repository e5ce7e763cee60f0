package dev.aioj.redis.micrometer;

import dev.aioj.redis.RedisEndpoint;
import dev.aioj.redis.RedisObserver;
import io.micrometer.common.KeyValues;

/**
 * OpenTelemetry's database names: observation {@code db.client.operation}
 * (so the timer a meter handler makes is that, in seconds), contextual (span)
 * name the command ({@code GET}), and low-cardinality key values {@code
 * db.system.name=redis}, {@code db.operation.name}, {@code db.namespace} (the
 * database index), {@code server.address}, {@code server.port}, {@code
 * db.response.status_code} (the server's error prefix, {@code WRONGTYPE}) and
 * {@code error.type}. Every key is always present, {@code none} when it does
 * not apply (a success has no status code; a unix socket no port), because
 * registries such as Prometheus need the same tag keys on every meter of a
 * name. Command arguments are never recorded.
 */
public class DefaultRedisObservationConvention implements RedisObservationConvention {

    /** The observation's name, OpenTelemetry's operation metric without {@code .duration}. */
    public static final String NAME = "db.client.operation";

    static final String NONE = "none";

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public String getContextualName(RedisObservationContext context) {
        return context.command();
    }

    @Override
    public KeyValues getLowCardinalityKeyValues(RedisObservationContext context) {
        RedisEndpoint endpoint = context.endpoint();
        Throwable error = context.getError();
        String code = error == null ? null : RedisObserver.errorCode(error);
        return KeyValues.of(
                "db.system.name", "redis",
                "db.operation.name", context.command(),
                "db.namespace", Integer.toString(endpoint.database()),
                "server.address", endpoint.address(),
                "server.port", endpoint.isUnixSocket() ? NONE : Integer.toString(endpoint.port()),
                "db.response.status_code", code == null ? NONE : code,
                "error.type", error == null ? NONE : RedisObserver.errorType(error));
    }
}
