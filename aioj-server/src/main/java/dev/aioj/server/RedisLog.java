package dev.aioj.server;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The log of {@code aioj server} in redis-server's line shape, so tools that
 * read Redis logs read it too:
 *
 * <pre>
 * 4242:M 02 Dec 2026 15:58:30.431 * Ready to accept connections
 * </pre>
 *
 * the PID, the role ({@code C} while the configuration is read, {@code M}
 * once the server runs), the local time to the millisecond, the level's mark
 * ({@code .} debug, {@code -} verbose, {@code *} notice, {@code #} warning)
 * and the message. It goes to standard output, or appended to {@code
 * logfile} (opened for each line, as Redis does, so log rotation works).
 * Messages below {@code loglevel} are dropped; the level may change while
 * running (CONFIG SET loglevel).
 *
 * <p>Thread contract: any thread; lines are written whole.
 */
final class RedisLog {

    /** Redis's verbosity levels, lowest first, with their marks. */
    enum Level {
        DEBUG('.'), VERBOSE('-'), NOTICE('*'), WARNING('#');

        final char mark;

        Level(char mark) {
            this.mark = mark;
        }

        static Level named(String name) {
            return valueOf(name.toUpperCase(Locale.ROOT));
        }
    }

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("dd MMM yyyy HH:mm:ss.SSS", Locale.ENGLISH);

    private final PrintStream stdout;
    private final Path file;
    private final long pid = ProcessHandle.current().pid();
    private final ZoneId zone = ZoneId.systemDefault();
    private volatile Level level;
    private volatile char role = 'C';

    private RedisLog(PrintStream stdout, Path file, Level level) {
        this.stdout = stdout;
        this.file = file;
        this.level = level;
    }

    /**
     * A log to {@code file}, or to {@code stdout} when it is null; the file
     * is opened once now, so a path that cannot be written fails here.
     *
     * @throws IOException when the file cannot be opened for appending
     */
    static RedisLog open(PrintStream stdout, Path file, Level level) throws IOException {
        if (file != null) {
            Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND).close();
        }
        return new RedisLog(stdout, file, level);
    }

    /** A log to {@code stdout} at notice level, for what happens before the configuration is read. */
    static RedisLog console(PrintStream stdout) {
        return new RedisLog(stdout, null, Level.NOTICE);
    }

    /** From now on lines carry role {@code M}: the server is initialized. */
    void serverInitialized() {
        role = 'M';
    }

    void level(Level level) {
        this.level = level;
    }

    /** loglevel's word (debug, verbose, notice, warning). */
    void level(String name) {
        level(Level.named(name));
    }

    Level level() {
        return level;
    }

    /** Whether a message at {@code at} would be written. */
    boolean enabled(Level at) {
        return at.compareTo(level) >= 0;
    }

    void log(Level at, String message) {
        if (enabled(at)) {
            write(line(at, message, Instant.now()) + "\n");
        }
    }

    /** Text written as is, such as the start-up banner (Redis's LL_RAW). */
    void raw(Level at, String text) {
        if (enabled(at)) {
            write(text);
        }
    }

    /** A line as redis-server's serverLogRaw writes it (without the newline). */
    String line(Level at, String message, Instant when) {
        return pid + ":" + role + " " + TIME.format(when.atZone(zone)) + " " + at.mark + " " + message;
    }

    /** A line as redis-server writes from a signal handler: no level, seconds since the epoch. */
    void fromSignalHandler(String message) {
        write(pid + ":signal-handler (" + Instant.now().getEpochSecond() + ") " + message + "\n");
    }

    private synchronized void write(String text) {
        if (file == null) {
            stdout.print(text);
            stdout.flush();
            return;
        }
        try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // Like Redis: a log line that cannot be written is lost, the server goes on.
        }
    }
}
