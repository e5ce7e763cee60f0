package dev.aioj.server;

import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Sends what aioj logs through {@code System.Logger} (whose default backend
 * is java.util.logging) to a {@link RedisLog}, so {@code aioj server}'s own
 * lines and the engine's (a client disconnected for its output buffer, a
 * CONFIG REWRITE) share Redis's format, file and level. Levels map as
 * WARNING and above to warning ({@code #}), INFO to notice ({@code *}),
 * DEBUG (FINE) to verbose ({@code -}), TRACE to debug ({@code .}).
 *
 * <p>Installed by {@link ServerMain} only: an embedded server leaves its
 * host's logging alone. Thread contract: any thread.
 */
final class RedisLogHandler extends Handler {

    private final RedisLog log;
    private final SimpleFormatter messages = new SimpleFormatter();

    private RedisLogHandler(RedisLog log) {
        this.log = log;
    }

    /** Replaces the root logger's handlers with one writing to {@code log}, at its level. */
    static void install(RedisLog log) {
        Logger root = Logger.getLogger("");
        for (Handler h : root.getHandlers()) {
            root.removeHandler(h);
        }
        root.addHandler(new RedisLogHandler(log));
        follow(log);
    }

    /** Lets through what {@code log}'s level (loglevel) lets through. */
    static void follow(RedisLog log) {
        Level level = switch (log.level()) {
            case DEBUG -> Level.ALL;
            case VERBOSE -> Level.FINE;
            case NOTICE -> Level.INFO;
            case WARNING -> Level.WARNING;
        };
        Logger.getLogger("").setLevel(level);
        Logger.getLogger("dev.aioj").setLevel(level);
    }

    static RedisLog.Level levelOf(Level level) {
        int v = level.intValue();
        if (v >= Level.WARNING.intValue()) {
            return RedisLog.Level.WARNING;
        }
        if (v >= Level.INFO.intValue()) {
            return RedisLog.Level.NOTICE;
        }
        if (v >= Level.FINE.intValue()) {
            return RedisLog.Level.VERBOSE;
        }
        return RedisLog.Level.DEBUG;
    }

    @Override
    public void publish(LogRecord record) {
        String logger = record.getLoggerName();
        if ((logger == null || !logger.startsWith("dev.aioj")) && record.getLevel().intValue() < Level.WARNING.intValue()) {
            return; // the JDK's own chatter ("Runtime.exit() called") is not Redis's log
        }
        String message = messages.formatMessage(record);
        if (record.getThrown() != null) {
            message += " (" + record.getThrown() + ")";
        }
        log.log(levelOf(record.getLevel()), message);
    }

    @Override
    public void flush() {
        // every line is flushed as it is written
    }

    @Override
    public void close() {
        // the log's file is opened per line; nothing stays open
    }
}
