package dev.aioj.server;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A configuration redis-server would refuse: an unknown directive, a value
 * out of range, unbalanced quotes, a config file that cannot be read. The
 * fields say where, {@link #reason()} says what in redis-server's own words,
 * and {@link #redisReport()} is the text redis-server 7.0 prints before it
 * exits with status 1:
 *
 * <pre>
 * *** FATAL CONFIG FILE ERROR (Redis 7.0.15) ***
 * Reading the configuration file, at line 2
 * &gt;&gt;&gt; 'maxmemory "1zb"'
 * argument must be a memory value
 * </pre>
 *
 * <p>Thread contract: immutable, any thread.
 */
public final class ConfigException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** The Redis version whose behaviour and texts aioj-server reproduces. */
    static final String REDIS_VERSION = "7.0.15";

    private final String reason;
    private final int lineNumber;
    private final String line;
    private final transient Path file;
    private final boolean cannotOpen;

    private ConfigException(String message, String reason, int lineNumber, String line, Path file,
            boolean cannotOpen) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
        this.lineNumber = lineNumber;
        this.line = line;
        this.file = file;
        this.cannotOpen = cannotOpen;
    }

    /** A refused line of config text; {@code lineNumber} counts from 1 in the text being read. */
    static ConfigException atLine(String reason, int lineNumber, String line, Path file) {
        return new ConfigException((file != null ? file + ":" : "line ") + lineNumber + ": '" + line + "': " + reason,
                reason, lineNumber, line, file, false);
    }

    /** A refused directive given outside any file (builder, annotation): {@code line} is it as a config line. */
    static ConfigException forDirective(String reason, String line) {
        return new ConfigException("'" + line + "': " + reason, reason, 0, line, null, false);
    }

    /** A refusal that concerns the configuration as a whole (no line to point at). */
    static ConfigException general(String reason) {
        return new ConfigException(reason, reason, 0, null, null, false);
    }

    /** A config file (or an included one) that cannot be read; {@code reason} is strerror's text. */
    static ConfigException cannotOpen(Path file, String reason) {
        return new ConfigException("Fatal error, can't open config file '" + file + "': " + reason, reason, 0, null,
                file, true);
    }

    /** What is wrong, in redis-server's words ("Bad directive or wrong number of arguments", ...). */
    public String reason() {
        return reason;
    }

    /** The line number in the text being read, from 1; 0 when there is no line. */
    public int lineNumber() {
        return lineNumber;
    }

    /** The offending line as redis-server echoes it (trimmed, command-line values quoted), or null. */
    public String line() {
        return line;
    }

    /** The file being read (an included one when the error is there), or null for none. */
    public Path file() {
        return file;
    }

    /** True when a config file could not be read at all, which redis-server logs rather than reports. */
    public boolean cannotOpen() {
        return cannotOpen;
    }

    /**
     * What redis-server prints about this error: the FATAL CONFIG FILE ERROR
     * block on standard error, or for a file it cannot open the text of the
     * log line it writes instead.
     */
    public String redisReport() {
        if (cannotOpen) {
            return getMessage();
        }
        StringBuilder b = new StringBuilder("\n*** FATAL CONFIG FILE ERROR (Redis ").append(REDIS_VERSION)
                .append(") ***\n");
        if (lineNumber > 0) {
            b.append("Reading the configuration file, at line ").append(lineNumber).append('\n');
            b.append(">>> '").append(line).append("'\n");
        }
        return b.append(reason).append('\n').toString();
    }
}
