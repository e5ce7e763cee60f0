package dev.aioj.server;

import static dev.aioj.server.Command.ADMIN;
import static dev.aioj.server.Command.ALLOW_BUSY;
import static dev.aioj.server.Command.FAST;
import static dev.aioj.server.Command.LOADING;
import static dev.aioj.server.Command.NOSCRIPT;
import static dev.aioj.server.Command.NO_MULTI;
import static dev.aioj.server.Command.SENTINEL;
import static dev.aioj.server.Command.STALE;

import java.time.Instant;

/**
 * TIME and SHUTDOWN (LASTSAVE is in {@link PersistenceCommands}). SHUTDOWN is accepted only from a loopback
 * client (a remote client, even authenticated, cannot stop an embedded
 * server); it does not reply: the server runs {@link ShutdownSequence} (the
 * final save) and closes every connection, as Redis does; if the save fails
 * it answers an error and keeps running.
 *
 * <p>Thread contract: the server's loop thread only.
 */
final class ServerCommands {

    private static final System.Logger LOG = System.getLogger(ServerCommands.class.getName());

    private ServerCommands() {}

    static void register(CommandTable.Builder t) {
        String g = "server";
        t.add("time", 1, LOADING | STALE | FAST, 0, 0, 0, g, "2.6.0", "Returns the server time.",
                ServerCommands::time);
        t.add("shutdown", -1, ADMIN | NOSCRIPT | LOADING | STALE | NO_MULTI | SENTINEL | ALLOW_BUSY, 0, 0, 0, g,
                "1.0.0", "Synchronously saves the database(s) to disk and shuts down the Redis server.",
                ServerCommands::shutdown);
    }

    static void time(Client c, byte[][] argv) {
        Instant now = c.server.clock.instant();
        c.reply.array(2);
        c.reply.bulk(now.getEpochSecond());
        c.reply.bulk(now.getNano() / 1000);
    }

    static void shutdown(Client c, byte[][] argv) {
        boolean abort = false;
        int flags = ShutdownFlags.NONE;
        for (int j = 1; j < argv.length; j++) {
            byte[] a = argv[j];
            if (Args.is(a, "abort")) {
                abort = true;
            } else if (Args.is(a, "nosave")) {
                flags |= ShutdownFlags.NOSAVE;
            } else if (Args.is(a, "save")) {
                flags |= ShutdownFlags.SAVE;
            } else if (Args.is(a, "now")) {
                flags |= ShutdownFlags.NOW;
            } else if (Args.is(a, "force")) {
                flags |= ShutdownFlags.FORCE;
            } else {
                c.reply.error(Errors.SYNTAX);
                return;
            }
        }
        if ((abort && flags != ShutdownFlags.NONE)
                || ((flags & ShutdownFlags.NOSAVE) != 0 && (flags & ShutdownFlags.SAVE) != 0)) {
            c.reply.error(Errors.SYNTAX);
            return;
        }
        if (abort) {
            c.reply.error("ERR No shutdown in progress.");
            return;
        }
        if (!c.isLocal()) {
            c.reply.error("ERR SHUTDOWN is only accepted from the loopback interface");
            return;
        }
        LOG.log(System.Logger.Level.DEBUG, "SHUTDOWN from client {0}", c.id);
        if (!ShutdownSequence.shutdown(c.server, flags)) {
            c.reply.error("ERR Errors trying to SHUTDOWN. Check logs.");
        }
    }
}
