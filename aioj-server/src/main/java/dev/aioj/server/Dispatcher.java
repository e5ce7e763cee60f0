package dev.aioj.server;

/**
 * Decides what happens to one parsed command, in Redis's processCommand
 * order: look it up (and its subcommand), check its arity, authentication,
 * MULTI restrictions, the RESP2 subscribed context and a busy script, then queue it (inside
 * MULTI) or run it; after a command runs, clients blocked on keys that got
 * data are served.
 *
 * <p>A command refused here inside MULTI marks the transaction failed (EXEC
 * answers EXECABORT), as Redis's flagTransaction does.
 *
 * <p>Thread contract: the server's loop thread only.
 */
final class Dispatcher {

    private static final System.Logger LOG = System.getLogger(Dispatcher.class.getName());

    private static final String PUBSUB_CONTEXT_ERROR =
            "': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / QUIT / RESET are allowed in this context";

    private final ServerState server;

    Dispatcher(ServerState server) {
        this.server = server;
    }

    void dispatch(Client c, byte[][] argv) {
        server.tracking.current(c);
        if (c.replyOff || c.replySkipNext) {
            dispatchSilenced(c, argv);
        } else {
            process(c, argv);
        }
        server.tracking.current(null);
        if (c.tracking != null) {
            Command top = server.commands.get(argv[0]);
            Tracking.afterCommand(c, top != null && top.name().equals("client"));
        }
    }

    /**
     * A command under CLIENT REPLY OFF, or the one after CLIENT REPLY SKIP:
     * it runs, its reply is dropped (Redis's CLIENT_REPLY_OFF/SKIP).
     */
    private void dispatchSilenced(Client c, byte[][] argv) {
        c.replySkipNext = false;
        c.reply.mute();
        process(c, argv);
        if (!c.replyOff) {
            c.reply.unmute();
        }
    }

    private void process(Client c, byte[][] argv) {
        Command cmd = server.commands.get(argv[0]);
        if (cmd != null && cmd.subcommands() != null && argv.length >= 2) {
            Command sub = cmd.subcommands().get(argv[1]);
            if (sub == null) {
                reject(c, null, Errors.unknownSubcommand(argv[0], argv[1]));
                return;
            }
            cmd = sub;
        }
        if (cmd == null) {
            if (isCrossProtocolAttack(argv[0])) {
                LOG.log(System.Logger.Level.WARNING, "Possible SECURITY ATTACK detected. It looks like somebody is "
                        + "sending POST or Host: commands to Redis. This is likely due to an attacker attempting "
                        + "to use Cross Protocol Scripting to compromise your Redis instance. Connection aborted.");
                c.disconnect();
                return;
            }
            reject(c, null, Errors.unknownCommand(argv));
            return;
        }
        if (!cmd.arityAccepts(argv.length)) {
            reject(c, cmd, Errors.arity(cmd.fullName()));
            return;
        }
        if (cmd.has(Command.PROTECTED) && !protectedAllowed(c)) {
            reject(c, cmd, "ERR DEBUG command not allowed. If the enable-debug-command option is set to \"local\", you "
                    + "can run it from a local connection, otherwise you need to set this option in the configuration "
                    + "file, and then restart the server.");
            return;
        }
        if (!c.authenticated && !cmd.has(Command.NO_AUTH)) {
            reject(c, cmd, Errors.NOAUTH);
            return;
        }
        if (c.inMulti() && cmd.has(Command.NO_MULTI)) {
            reject(c, cmd, "ERR Command not allowed inside a transaction");
            return;
        }
        server.tracking.limit(); // Redis's trackingLimitUsedSlots
        if (c.reply.resp == 2 && c.isSubscribed() && !cmd.has(Command.PUBSUB_CONTEXT)) {
            reject(c, cmd, "ERR Can't execute '" + cmd.fullName() + PUBSUB_CONTEXT_ERROR);
            return;
        }
        if (server.scripts.isBusy() && !cmd.has(Command.ALLOW_BUSY)) {
            reject(c, cmd, server.scripts.busyError()); // a slow script runs: see ScriptEngine
            return;
        }
        if (c.inMulti() && !cmd.has(Command.TRANSACTION_CONTROL)) {
            c.queued.add(argv);
            c.queuedCommands.add(cmd);
            c.reply.raw(ReplyWriter.QUEUED);
            return;
        }
        call(c, cmd, argv);
        if (server.blocking.hasReadyKeys()) {
            server.blocking.serveReadyKeys();
        }
        if (server.aof != null) {
            server.aof.flushTouched(); // what the served blocking pops changed
        }
    }

    /**
     * Runs a command that passed the checks (also EXEC's queued commands),
     * timed for commandstats, the slow log and the latency monitor.
     */
    void call(Client c, Command cmd, byte[][] argv) {
        c.lastCommand = cmd.fullName();
        long errorsBefore = server.stats.errorReplies;
        long start = System.nanoTime();
        Client outer = server.tracking.enter(c);
        if (server.callDepth++ == 0) {
            server.commandStartMillis = server.now(); // EXEC's and scripts' commands keep their caller's
        }
        try {
            AppendOnlyFile aof = server.aof;
            if (aof == null) {
                cmd.handler().execute(c, argv);
            } else {
                long dirtyBefore = server.persistence.dirty;
                aof.commandStarting();
                try {
                    cmd.handler().execute(c, argv);
                } finally {
                    aof.commandDone(c, cmd, argv, server.persistence.dirty != dirtyBefore);
                }
            }
        } finally {
            server.callDepth--;
            server.tracking.leave(outer, cmd, argv); // remembers what a tracking client read
        }
        long nanos = System.nanoTime() - start + c.extraDurationNanos;
        c.extraDurationNanos = 0;
        server.stats.commandsProcessed++;
        server.observers.ran(c, cmd, argv, nanos, server.stats.errorReplies != errorsBefore);
        c.redactedArgs = 0;
    }

    /** Redis's rejectCommand: the error, and a failed transaction if inside MULTI. */
    private void reject(Client c, Command cmd, String error) {
        if (cmd != null) {
            server.observers.rejected(cmd);
        }
        if (cmd != null && cmd.handler() == TransactionCommands.EXEC && c.inMulti()) {
            String reason = error.startsWith("ERR ") ? error.substring(4) : error;
            TransactionCommands.discard(c);
            c.reply.error("EXECABORT Transaction discarded because of: " + reason);
            return;
        }
        if (c.inMulti()) {
            c.dirtyExec = true;
        }
        c.reply.error(error);
    }

    /** Redis's allowProtectedAction for enable-debug-command: yes, or local and the client is local. */
    private boolean protectedAllowed(Client c) {
        String mode = server.config.enableDebugCommand();
        return mode.equals("yes") || (mode.equals("local") && c.isLocal());
    }

    private static boolean isCrossProtocolAttack(byte[] name) {
        return equalsIgnoreCase(name, "host:") || equalsIgnoreCase(name, "post");
    }

    private static boolean equalsIgnoreCase(byte[] b, String s) {
        if (b.length != s.length()) {
            return false;
        }
        for (int i = 0; i < b.length; i++) {
            if (Character.toLowerCase((char) (b[i] & 0xFF)) != s.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
