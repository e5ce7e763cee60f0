package dev.aioj.server;

import static dev.aioj.server.Command.ADMIN;
import static dev.aioj.server.Command.LOADING;
import static dev.aioj.server.Command.STALE;

import java.util.Iterator;

/**
 * SLOWLOG GET [count], LEN, RESET and HELP over the {@link SlowLog}: entries
 * newest first, each {@code [id, unix time, microseconds, arguments, client
 * address, client name]}, as Redis's slowlogCommand replies.
 *
 * <p>Thread contract: the server's loop thread only.
 */
final class SlowlogCommand {

    private SlowlogCommand() {}

    static void register(CommandTable.Builder t) {
        String g = "server";
        int flags = ADMIN | LOADING | STALE;
        t.addContainer("slowlog", -2, 0, g, "2.2.12", "A container for slow log commands", sub -> sub
                .add("get", -2, flags, 0, 0, 0, g, "2.2.12", "Get the slow log's entries", SlowlogCommand::get)
                .add("len", 2, flags, 0, 0, 0, g, "2.2.12", "Get the slow log's length",
                        (c, a) -> c.reply.integer(c.server.slowlog.size()))
                .add("reset", 2, flags, 0, 0, 0, g, "2.2.12", "Clear all entries from the slow log", (c, a) -> {
                    c.server.slowlog.reset();
                    c.reply.ok();
                })
                .add("help", 2, LOADING | STALE, 0, 0, 0, g, "6.2.0",
                        "Show helpful text about the different subcommands", (c, a) -> HelpReply.send(c, "slowlog",
                        "GET [<count>]",
                        "    Return top <count> entries from the slowlog (default: 10, -1 mean all).",
                        "    Entries are made of:",
                        "    id, timestamp, time in microseconds, arguments array, client IP and port,",
                        "    client name",
                        "LEN",
                        "    Return the length of the slowlog.",
                        "RESET",
                        "    Reset the slowlog.")));
    }

    static void get(Client c, byte[][] argv) {
        SlowLog log = c.server.slowlog;
        long count = 10;
        if (argv.length == 3) {
            if (!Numbers.isLong(argv[2]) || Numbers.toLong(argv[2]) < -1) {
                c.reply.error("ERR count should be greater than or equal to -1");
                return;
            }
            count = Numbers.toLong(argv[2]);
            if (count == -1) {
                count = log.size();
            }
        } else if (argv.length > 3) {
            c.reply.error(Errors.subcommandSyntax(argv[0], argv[1]));
            return;
        }
        int n = (int) Math.min(count, log.size());
        c.reply.array(n);
        Iterator<SlowLog.Entry> it = log.iterator();
        for (int i = 0; i < n; i++) {
            SlowLog.Entry e = it.next();
            c.reply.array(6);
            c.reply.integer(e.id());
            c.reply.integer(e.unixSeconds());
            c.reply.integer(e.micros());
            c.reply.array(e.argv().length);
            for (byte[] arg : e.argv()) {
                c.reply.bulk(arg);
            }
            c.reply.bulk(e.peer());
            c.reply.bulk(e.clientName());
        }
    }
}
