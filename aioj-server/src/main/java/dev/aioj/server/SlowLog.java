package dev.aioj.server;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Iterator;

/**
 * The slow log (Redis's slowlog.c): the most recent commands that took at
 * least {@code slowlog-log-slower-than} microseconds (negative: off, 0:
 * every command), at most {@code slowlog-max-len} of them, newest first. An
 * entry keeps at most 32 arguments and 128 bytes of each, as Redis does, so a
 * huge command does not stay in memory through the log.
 *
 * <p>Thread contract: the server's loop thread only.
 */
final class SlowLog {

    /** Redis's SLOWLOG_ENTRY_MAX_ARGC and SLOWLOG_ENTRY_MAX_STRING. */
    static final int MAX_ARGC = 32;
    static final int MAX_STRING = 128;

    /** One logged command, as SLOWLOG GET shows it. */
    record Entry(long id, long unixSeconds, long micros, byte[][] argv, String peer, String clientName) {}

    private final ArrayDeque<Entry> entries = new ArrayDeque<>();
    private long nextId;
    /** {@code slowlog-log-slower-than}, microseconds; negative disables the log. */
    long slowerThanMicros = 10_000;
    /** {@code slowlog-max-len}. */
    long maxLen = 128;

    /** Logs the command if it was slow enough (Redis's slowlogPushEntryIfNeeded). */
    void record(Client c, byte[][] argv, long micros) {
        if (slowerThanMicros < 0 || micros < slowerThanMicros) {
            return;
        }
        entries.addFirst(new Entry(nextId++, c.server.now() / 1000, micros, trimmed(c, argv),
                c.transport == null ? "?:0" // the script client has no connection: Redis's text for it
                        : ClientInfo.address(c.transport.remoteAddress()),
                c.name == null ? "" : Errors.latin1(c.name, c.name.length)));
        trim();
    }

    /** Drops the oldest entries beyond {@link #maxLen} (also after CONFIG SET slowlog-max-len). */
    void trim() {
        while (entries.size() > maxLen) {
            entries.removeLast();
        }
    }

    int size() {
        return entries.size();
    }

    void reset() {
        entries.clear();
    }

    /** Newest first. */
    Iterator<Entry> iterator() {
        return entries.iterator();
    }

    /** The arguments as an entry keeps them: redacted, at most 32, each cut to 128 bytes. */
    private static byte[][] trimmed(Client c, byte[][] argv) {
        int argc = Math.min(argv.length, MAX_ARGC);
        byte[][] kept = new byte[argc][];
        for (int j = 0; j < argc; j++) {
            if (argc != argv.length && j == argc - 1) {
                kept[j] = ascii("... (" + (argv.length - argc + 1) + " more arguments)");
            } else if (c.isRedacted(j)) {
                kept[j] = Client.REDACTED;
            } else if (argv[j].length > MAX_STRING) {
                byte[] cut = java.util.Arrays.copyOf(argv[j], MAX_STRING);
                byte[] more = ascii("... (" + (argv[j].length - MAX_STRING) + " more bytes)");
                byte[] both = java.util.Arrays.copyOf(cut, MAX_STRING + more.length);
                System.arraycopy(more, 0, both, MAX_STRING, more.length);
                kept[j] = both;
            } else {
                kept[j] = argv[j].clone();
            }
        }
        return kept;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
