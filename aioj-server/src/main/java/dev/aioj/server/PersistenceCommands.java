package dev.aioj.server;

import static dev.aioj.server.Command.ADMIN;
import static dev.aioj.server.Command.FAST;
import static dev.aioj.server.Command.LOADING;
import static dev.aioj.server.Command.NOSCRIPT;
import static dev.aioj.server.Command.NO_MULTI;
import static dev.aioj.server.Command.STALE;

import java.io.IOException;

/**
 * SAVE, BGSAVE and LASTSAVE (Redis's {@code saveCommand}, {@code
 * bgsaveCommand}, {@code lastsaveCommand}); the work is in {@link
 * Persistence}.
 *
 * <p>Thread contract: the server's loop thread only.
 */
final class PersistenceCommands {

    private PersistenceCommands() {}

    static void register(CommandTable.Builder t) {
        String g = "server";
        t.add("save", 1, ADMIN | NOSCRIPT | NO_MULTI, 0, 0, 0, g, "1.0.0", "Synchronously saves the database(s) to disk.",
                PersistenceCommands::save);
        t.add("bgsave", -1, ADMIN | NOSCRIPT, 0, 0, 0, g, "1.0.0", "Asynchronously saves the database(s) to disk.",
                PersistenceCommands::bgsave);
        t.add("bgrewriteaof", 1, ADMIN | NOSCRIPT, 0, 0, 0, g, "1.0.0",
                "Asynchronously rewrites the append-only file to disk.", PersistenceCommands::bgrewriteaof);
        t.add("lastsave", 1, LOADING | STALE | FAST, 0, 0, 0, g, "1.0.0",
                "Returns the Unix timestamp of the last successful save to disk.",
                (c, a) -> c.reply.integer(c.server.persistence.lastSaveMillis / 1000));
    }

    static void save(Client c, byte[][] argv) {
        Persistence p = c.server.persistence;
        if (p.bgsave != null) {
            c.reply.error("ERR Background save already in progress");
            return;
        }
        try {
            p.save();
            c.reply.ok();
        } catch (IOException | RuntimeException e) {
            p.lastBgsaveOk = false;
            c.reply.error("ERR " + e.getMessage());
        }
    }

    static void bgrewriteaof(Client c, byte[][] argv) {
        try {
            String r = c.server.persistence.bgrewriteaof();
            if (r.startsWith("+")) {
                c.reply.simple(r.substring(1));
            } else {
                c.reply.error(r.substring(1));
            }
        } catch (IOException e) {
            c.reply.error("ERR Can't rewrite append only file in background: " + e.getMessage());
        }
    }

    static void bgsave(Client c, byte[][] argv) {
        if (argv.length > 2 || (argv.length == 2 && !Args.is(argv[1], "schedule"))) {
            c.reply.error(Errors.SYNTAX);
            return;
        }
        Persistence p = c.server.persistence;
        if (p.bgsave != null) {
            c.reply.error("ERR Background save already in progress");
            return;
        }
        if (c.server.aof != null && c.server.aof.rewriting()) {
            c.reply.error("ERR An AOF log rewriting in progress: can't BGSAVE right now. Use BGSAVE SCHEDULE in "
                    + "order to schedule a BGSAVE whenever possible.");
            return;
        }
        p.startBgsave();
        c.reply.simple("Background saving started");
    }
}
