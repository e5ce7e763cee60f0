package dev.aioj.redis.micrometer;

import dev.aioj.redis.RedisEndpoint;
import io.micrometer.observation.Observation;
import java.util.Objects;

/**
 * What an {@link io.micrometer.observation.Observation} of one Redis command
 * knows: the server and the command's name (never its arguments). The error,
 * if the command failed, is the context's {@link #getError()}. Made on the
 * submitting thread; read by conventions and handlers on the completing one.
 */
public final class RedisObservationContext extends Observation.Context {

    private final RedisEndpoint endpoint;
    private final String command;

    public RedisObservationContext(RedisEndpoint endpoint, String command) {
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.command = Objects.requireNonNull(command, "command");
    }

    /** The server and database. */
    public RedisEndpoint endpoint() {
        return endpoint;
    }

    /** The command's name, upper case ({@code GET}, {@code MULTI} for a transaction). */
    public String command() {
        return command;
    }
}
