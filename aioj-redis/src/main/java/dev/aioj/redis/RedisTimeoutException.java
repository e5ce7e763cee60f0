package dev.aioj.redis;

import java.time.Duration;
import java.util.Objects;

/**
 * A command got no reply within its deadline. The connection goes on: when
 * the late reply arrives it is read and dropped, never handed to another
 * command. {@link #command()} is the command's name only (never its
 * arguments, which may hold secrets); {@link #timeout()} the deadline it had.
 * The server may still execute the command.
 */
public final class RedisTimeoutException extends RedisException {

    private final String command;
    private final Duration timeout;

    /**
     * @param command the command name, e.g. {@code "BLPOP"}
     * @param timeout the deadline that passed
     */
    public RedisTimeoutException(String command, Duration timeout) {
        super(Objects.requireNonNull(command, "command") + " got no reply within "
                + Objects.requireNonNull(timeout, "timeout").toMillis() + " ms", null);
        this.command = command;
        this.timeout = timeout;
    }

    /** The command's name, without arguments. */
    public String command() {
        return command;
    }

    /** The deadline that passed. */
    public Duration timeout() {
        return timeout;
    }
}
