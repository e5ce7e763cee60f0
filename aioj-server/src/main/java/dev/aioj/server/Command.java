package dev.aioj.server;

import java.util.ArrayList;
import java.util.List;

/**
 * One command of the table: its name, Redis's arity convention (positive:
 * exactly that many arguments including the name; negative: at least that
 * many), flags, key positions and documentation as COMMAND reports them,
 * and the handler that runs it.
 *
 * @param name lower-case name ("get"; "setname" for a subcommand)
 * @param fullName the name in errors: "get", or "client|setname"
 * @param arity Redis's arity
 * @param flags {@link #WRITE} and the other bits below
 * @param firstKey position of the first key argument, 0 for none
 * @param lastKey position of the last key, -1 for "the last argument"
 * @param step distance between keys
 * @param group COMMAND DOCS group ("string", "list", ...)
 * @param since Redis version that introduced it
 * @param summary one line for COMMAND DOCS (redis-cli's help)
 * @param handler what runs it
 * @param subcommands for container commands (CLIENT, CONFIG, COMMAND), else null
 * @param stats this command's counters on this server (INFO commandstats), the one mutable part
 */
record Command(String name, String fullName, int arity, int flags, int firstKey, int lastKey, int step,
        String group, String since, String summary, Handler handler, CommandTable subcommands, CommandStats stats) {

    /** Runs one command for one client, writing its reply. */
    @FunctionalInterface
    interface Handler {
        void execute(Client client, byte[][] argv);
    }

    static final int WRITE = 1;
    static final int READONLY = 1 << 1;
    static final int DENYOOM = 1 << 2;
    static final int ADMIN = 1 << 3;
    static final int PUBSUB = 1 << 4;
    static final int NOSCRIPT = 1 << 5;
    static final int BLOCKING = 1 << 6;
    static final int LOADING = 1 << 7;
    static final int STALE = 1 << 8;
    static final int SKIP_SLOWLOG = 1 << 9;
    static final int FAST = 1 << 10;
    static final int NO_AUTH = 1 << 11;
    static final int MAY_REPLICATE = 1 << 12;
    static final int SENTINEL = 1 << 13;
    static final int NO_MULTI = 1 << 14;
    static final int ALLOW_BUSY = 1 << 15;
    static final int SKIP_MONITOR = 1 << 16;
    /** Not a Redis flag: allowed while a RESP2 client is subscribed (PING, (P)(UN)SUBSCRIBE, QUIT, RESET). */
    static final int PUBSUB_CONTEXT = 1 << 20;
    /** Not a Redis flag: runs at once inside MULTI instead of being queued (EXEC, DISCARD, MULTI, WATCH, QUIT, RESET). */
    static final int TRANSACTION_CONTROL = 1 << 21;
    /**
     * Redis's CMD_PROTECTED (not shown by COMMAND): refused unless {@code
     * enable-debug-command} allows the client (DEBUG).
     */
    static final int PROTECTED = 1 << 22;

    /** The flags' names in Redis's command JSON (src/commands/*.json), by bit: see {@link CommandDocs}. */
    private static final String[] JSON_FLAG_NAMES = {
        "WRITE", "READONLY", "DENYOOM", "ADMIN", "PUBSUB", "NOSCRIPT", "BLOCKING", "LOADING", "STALE",
        "SKIP_SLOWLOG", "FAST", "NO_AUTH", "MAY_REPLICATE", "SENTINEL", "NO_MULTI", "ALLOW_BUSY", "SKIP_MONITOR",
    };

    Command {
        if (arity == 0) {
            throw new IllegalArgumentException("arity == 0 for " + fullName);
        }
    }

    boolean has(int flag) {
        return (flags & flag) != 0;
    }

    /** Redis's commandCheckArity: whether {@code argc} arguments (name included) are acceptable. */
    boolean arityAccepts(int argc) {
        return arity > 0 ? argc == arity : argc >= -arity;
    }

    /** The Redis flags among {@code flags}, named as Redis's command JSON names them ("WRITE", "NO_AUTH", ...). */
    static List<String> jsonFlagNames(int flags) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < JSON_FLAG_NAMES.length; i++) {
            if ((flags & (1 << i)) != 0) {
                names.add(JSON_FLAG_NAMES[i]);
            }
        }
        if ((flags & PROTECTED) != 0) {
            names.add("PROTECTED");
        }
        return names;
    }
}
