package dev.aioj.server;

import static dev.aioj.server.Command.ADMIN;
import static dev.aioj.server.Command.LOADING;
import static dev.aioj.server.Command.NOSCRIPT;
import static dev.aioj.server.Command.STALE;

/**
 * MONITOR: the client starts receiving every command the server runs
 * ({@link Monitors}), until it disconnects or sends RESET. Inside MULTI it is
 * refused, as in Redis (a client there must get one reply per command).
 *
 * <p>Thread contract: the server's loop thread only.
 */
final class MonitorCommand {

    private MonitorCommand() {}

    static void register(CommandTable.Builder t) {
        t.add("monitor", 1, ADMIN | NOSCRIPT | LOADING | STALE, 0, 0, 0, "server", "1.0.0",
                "Listen for all requests received by the server in real time", MonitorCommand::monitor);
    }

    static void monitor(Client c, byte[][] argv) {
        if (c.inExec) {
            c.reply.error("ERR MONITOR isn't allowed for DENY BLOCKING client");
            return;
        }
        if (c.monitor) {
            return; // already monitoring: Redis ignores it, without a reply
        }
        c.monitor = true;
        c.server.monitors.add(c);
        c.reply.ok();
    }

    /** Leaves monitor mode (RESET). */
    static void stop(Client c) {
        if (c.monitor) {
            c.monitor = false;
            c.server.monitors.remove(c);
        }
    }
}
