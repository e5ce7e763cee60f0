package dev.aioj.server;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * MONITOR's feed (Redis's replicationFeedMonitors): after each command runs,
 * every client in monitor mode gets a status line with the time, the
 * database and the client's address, and the arguments quoted as Redis's
 * sdscatrepr quotes them:
 * {@code +1700000000.123456 [0 127.0.0.1:50123] "set" "k" "v"}. Arguments a
 * command redacted (AUTH's password) show as {@code (redacted)}.
 * Administrative commands and MONITOR itself are not shown, as in Redis.
 *
 * <p>The line is built once and copied to each monitor; with no monitor the
 * cost is one emptiness test per command.
 *
 * <p>Thread contract: the server's loop thread only.
 */
final class Monitors {

    private final Set<Client> clients = new LinkedHashSet<>();

    boolean isEmpty() {
        return clients.isEmpty();
    }

    int size() {
        return clients.size();
    }

    void add(Client c) {
        clients.add(c);
    }

    void remove(Client c) {
        clients.remove(c);
    }

    /**
     * Sends {@code argv}, run by {@code c} on database {@code db}, to every
     * monitor; a script's commands show as run by {@code lua}.
     */
    void feed(Client c, int db, byte[][] argv) {
        Instant now = c.server.clock.instant();
        ByteArrayOutputStream line = new ByteArrayOutputStream(64);
        String who = c.server.scripts.isScriptClient(c) ? "lua"
                : ClientInfo.address(c.transport == null ? null : c.transport.remoteAddress());
        ascii(line, String.format(java.util.Locale.ROOT, "+%d.%06d [%d %s] ", now.getEpochSecond(),
                now.getNano() / 1000, db, who));
        for (int j = 0; j < argv.length; j++) {
            repr(line, c.isRedacted(j) ? Client.REDACTED : argv[j]);
            if (j != argv.length - 1) {
                line.write(' ');
            }
        }
        ascii(line, "\r\n");
        byte[] frame = line.toByteArray();
        for (Client monitor : new ArrayList<>(clients)) {
            monitor.deliverReply(frame);
        }
    }

    /** Redis's sdscatrepr: quoted, with C escapes for quotes, backslashes and unprintable bytes. */
    static void repr(ByteArrayOutputStream out, byte[] s) {
        out.write('"');
        for (byte b : s) {
            switch (b) {
                case '\\', '"' -> {
                    out.write('\\');
                    out.write(b);
                }
                case '\n' -> ascii(out, "\\n");
                case '\r' -> ascii(out, "\\r");
                case '\t' -> ascii(out, "\\t");
                case 7 -> ascii(out, "\\a");
                case '\b' -> ascii(out, "\\b");
                default -> {
                    if (b >= 0x20 && b < 0x7F) {
                        out.write(b);
                    } else {
                        ascii(out, String.format("\\x%02x", b & 0xFF));
                    }
                }
            }
        }
        out.write('"');
    }

    private static void ascii(ByteArrayOutputStream out, String s) {
        out.writeBytes(s.getBytes(StandardCharsets.ISO_8859_1));
    }
}
