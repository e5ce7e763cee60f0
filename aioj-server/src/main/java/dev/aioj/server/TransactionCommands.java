package dev.aioj.server;

import static dev.aioj.server.Command.ALLOW_BUSY;
import static dev.aioj.server.Command.FAST;
import static dev.aioj.server.Command.LOADING;
import static dev.aioj.server.Command.NOSCRIPT;
import static dev.aioj.server.Command.SKIP_SLOWLOG;
import static dev.aioj.server.Command.STALE;
import static dev.aioj.server.Command.TRANSACTION_CONTROL;

import java.util.ArrayList;
import java.util.List;

/**
 * MULTI, EXEC, DISCARD, WATCH, UNWATCH (the first half of Redis's multi.c;
 * WATCH's tables are {@link Watches}). Queuing itself happens in {@link
 * Dispatcher}: inside MULTI every command but these is checked, then queued
 * with +QUEUED; a command refused while queuing makes EXEC answer EXECABORT.
 *
 * <p>EXEC runs the queued commands back to back, nothing else runs in
 * between (the loop is single-threaded), with blocking commands turned into
 * their non-blocking answers, as in Redis.
 *
 * <p>Thread contract: the server's loop thread only.
 */
final class TransactionCommands {

    private TransactionCommands() {}

    /** EXEC's handler, which {@link Dispatcher} recognizes when refusing a command inside MULTI. */
    static final Command.Handler EXEC = TransactionCommands::exec;

    static void register(CommandTable.Builder t) {
        String g = "transactions";
        t.add("multi", 1, NOSCRIPT | LOADING | STALE | FAST | ALLOW_BUSY | TRANSACTION_CONTROL, 0, 0, 0, g, "1.2.0",
                "Starts a transaction.", TransactionCommands::multi);
        t.add("exec", 1, NOSCRIPT | LOADING | STALE | SKIP_SLOWLOG | TRANSACTION_CONTROL, 0, 0, 0, g, "1.2.0",
                "Executes all commands in a transaction.", EXEC);
        t.add("discard", 1, NOSCRIPT | LOADING | STALE | FAST | ALLOW_BUSY | TRANSACTION_CONTROL, 0, 0, 0, g,
                "2.0.0", "Discards a transaction.", TransactionCommands::discardCommand);
        t.add("watch", -2, NOSCRIPT | LOADING | STALE | FAST | ALLOW_BUSY | TRANSACTION_CONTROL, 1, -1, 1, g,
                "2.2.0", "Monitors changes to keys to determine the execution of a transaction.",
                TransactionCommands::watch);
        t.add("unwatch", 1, NOSCRIPT | LOADING | STALE | FAST | ALLOW_BUSY, 0, 0, 0, g, "2.2.0",
                "Forgets about watched keys of a transaction.", TransactionCommands::unwatch);
    }

    static void multi(Client c, byte[][] argv) {
        if (c.inMulti()) {
            c.reply.error("ERR MULTI calls can not be nested");
            return;
        }
        c.queued = new ArrayList<>();
        c.queuedCommands = new ArrayList<>();
        c.reply.ok();
    }

    /** Leaves MULTI: drops the queue, the failure flags and the watched keys. */
    static void discard(Client c) {
        c.queued = null;
        c.queuedCommands = null;
        c.dirtyExec = false;
        c.dirtyCas = false;
        c.server.watches.unwatchAll(c);
    }

    static void discardCommand(Client c, byte[][] argv) {
        if (!c.inMulti()) {
            c.reply.error("ERR DISCARD without MULTI");
            return;
        }
        discard(c);
        c.reply.ok();
    }

    static void exec(Client c, byte[][] argv) {
        if (!c.inMulti()) {
            c.reply.error("ERR EXEC without MULTI");
            return;
        }
        if (c.server.watches.anyExpiredSinceWatch(c)) {
            c.dirtyCas = true;
        }
        if (c.dirtyExec || c.dirtyCas) {
            if (c.dirtyExec) {
                c.reply.error(Errors.EXECABORT);
            } else {
                c.reply.nullArray();
            }
            discard(c);
            return;
        }
        List<byte[][]> queued = c.queued;
        List<Command> commands = c.queuedCommands;
        c.server.watches.unwatchAll(c);
        c.queued = null; // commands run outside MULTI (a queued MULTI would fail, as in Redis)
        c.queuedCommands = null;
        c.inExec = true;
        try {
            c.reply.array(queued.size());
            for (int i = 0; i < queued.size(); i++) {
                c.server.dispatcher.call(c, commands.get(i), queued.get(i));
            }
        } finally {
            c.inExec = false;
            discard(c);
            c.lastCommand = "exec";
        }
    }

    static void watch(Client c, byte[][] argv) {
        if (c.inMulti()) {
            c.reply.error("ERR WATCH inside MULTI is not allowed");
            return;
        }
        if (c.dirtyCas) {
            c.reply.ok();
            return;
        }
        for (int j = 1; j < argv.length; j++) {
            c.server.watches.watch(c, argv[j]);
        }
        c.reply.ok();
    }

    static void unwatch(Client c, byte[][] argv) {
        c.server.watches.unwatchAll(c);
        c.dirtyCas = false;
        c.reply.ok();
    }
}
