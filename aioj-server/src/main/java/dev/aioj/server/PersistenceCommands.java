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
        p.startBgsave();
        c.reply.simple("Background saving started");
    }
}
