package dev.aioj.server;

import static dev.aioj.server.Command.ADMIN;
import static dev.aioj.server.Command.LOADING;
import static dev.aioj.server.Command.NOSCRIPT;
import static dev.aioj.server.Command.PROTECTED;
import static dev.aioj.server.Command.STALE;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The DEBUG subcommands test suites written for Redis use (debug.c): SLEEP,
 * SET-ACTIVE-EXPIRE, OBJECT, DIGEST, DIGEST-VALUE, POPULATE, PROTOCOL, ERROR,
 * LOG, CHANGE-REPL-ID (a no-op: no replication), PAUSE-CRON,
 * QUICKLIST-PACKED-THRESHOLD, LISTPACK and QUICKLIST (accepted; lists here
 * are not quicklists), RELOAD (SAVE, then the file loaded back; NOSAVE
 * skips the save; MERGE and NOFLUSH are refused) and HELP. DEBUG is refused unless {@code enable-debug-command}
 * allows the client ({@link Dispatcher}), as in Redis 7.
 *
 * <p>SLEEP stops every client's commands for the time given, as Redis's
 * sleeping main thread does, without blocking the loop thread ({@link
 * ServerPause}); its reply comes when the time is over.
 *
 * <p>Thread contract: the server's loop thread only.
 */
final class DebugCommand {

    private static final System.Logger LOG = System.getLogger(DebugCommand.class.getName());

    private DebugCommand() {}

    static void register(CommandTable.Builder t) {
        t.add("debug", -2, ADMIN | NOSCRIPT | LOADING | STALE | PROTECTED, 0, 0, 0, "server", "1.0.0",
                "A container for debugging commands", DebugCommand::debug);
    }

    static void debug(Client c, byte[][] argv) {
        String sub = Errors.latin1(argv[1], argv[1].length).toLowerCase(java.util.Locale.ROOT);
        int argc = argv.length;
        switch (sub) {
            case "help" -> {
                if (argc == 2) {
                    help(c);
                    return;
                }
            }
            case "sleep" -> {
                if (argc == 3) {
                    sleep(c, strtod(Errors.latin1(argv[2], argv[2].length)));
                    return;
                }
            }
            case "set-active-expire" -> {
                if (argc == 3) {
                    c.server.activeExpireEnabled = atoi(argv[2]) != 0;
                    c.reply.ok();
                    return;
                }
            }
            case "pause-cron" -> {
                if (argc == 3) {
                    c.server.cronPaused = atoi(argv[2]) != 0;
                    c.reply.ok();
                    return;
                }
            }
            case "change-repl-id" -> {
                if (argc == 2) {
                    LOG.log(System.Logger.Level.INFO, "DEBUG CHANGE-REPL-ID: no replication here, nothing changed");
                    c.reply.ok();
                    return;
                }
            }
            case "reload" -> {
                reload(c, argv);
                return;
            }
            case "object" -> {
                if (argc == 3) {
                    object(c, argv[2]);
                    return;
                }
            }
            case "digest" -> {
                if (argc == 2) {
                    c.reply.simple(new DebugDigest().dataset(c.server));
                    return;
                }
            }
            case "digest-value" -> {
                DebugDigest digest = new DebugDigest();
                c.reply.array(argc - 2);
                for (int j = 2; j < argc; j++) {
                    c.reply.simple(digest.value(c.db, argv[j]));
                }
                return;
            }
            case "populate" -> {
                if (argc >= 3 && argc <= 5) {
                    populate(c, argv);
                    return;
                }
            }
            case "protocol" -> {
                if (argc == 3) {
                    DebugProtocol.reply(c, Errors.latin1(argv[2], argv[2].length));
                    return;
                }
            }
            case "error" -> {
                if (argc == 3) {
                    // written as is, like Redis's addReplySds: not counted in the error statistics
                    String text = Errors.latin1(argv[2], argv[2].length).replace('\r', ' ').replace('\n', ' ');
                    c.reply.raw(ReplyWriter.ascii("-" + text + "\r\n"));
                    return;
                }
            }
            case "log" -> {
                if (argc == 3) {
                    LOG.log(System.Logger.Level.WARNING, "DEBUG LOG: " + Errors.latin1(argv[2], argv[2].length));
                    c.reply.ok();
                    return;
                }
            }
            case "quicklist-packed-threshold" -> {
                if (argc == 3) {
                    Long size = DirectiveType.memToBytes(Errors.latin1(argv[2], argv[2].length));
                    if (size == null || Long.compareUnsigned(size, (1L << 32) - (1 << 20)) > 0) {
                        c.reply.error("ERR argument must be a memory value bigger than 1 and smaller than 4gb");
                    } else {
                        c.reply.ok(); // no quicklist nodes here: accepted, nothing to tune
                    }
                    return;
                }
            }
            case "listpack", "quicklist" -> {
                if (argc == 3 || (argc == 4 && sub.equals("quicklist"))) {
                    Dict.KeyEntry e = objectLookup(c, argv[2]);
                    if (e == null) {
                        c.reply.error(Errors.NO_SUCH_KEY);
                    } else if (!ObjectEncoding.of(e.value, e.meta).equals(sub)) {
                        c.reply.error("ERR Not a " + sub + " encoded object.");
                    } else {
                        c.reply.simple(sub.equals("listpack") ? "Listpack structure printed on stdout"
                                : "Quicklist structure printed on stdout");
                    }
                    return;
                }
            }
            default -> {
                // below
            }
        }
        c.reply.error(Errors.subcommandSyntax(argv[0], argv[1]));
    }

    private static void help(Client c) {
        HelpReply.send(c, "debug",
                "CHANGE-REPL-ID",
                "    Change the replication IDs of the instance.",
                "    Dangerous: should be used only for testing the replication subsystem.",
                "DIGEST",
                "    Output a hex signature representing the current DB content.",
                "DIGEST-VALUE <key> [<key> ...]",
                "    Output a hex signature of the values of all the specified keys.",
                "ERROR <string>",
                "    Return a Redis protocol error with <string> as message. Useful for clients",
                "    unit tests to simulate Redis errors.",
                "LOG <message>",
                "    Write <message> to the server log.",
                "OBJECT <key>",
                "    Show low level info about `key` and associated value.",
                "POPULATE <count> [<prefix>] [<size>]",
                "    Create <count> string keys named key:<num>. If <prefix> is specified then",
                "    it is used instead of the 'key' prefix. These are not propagated to",
                "    replicas. Cluster slots are not respected so keys not belonging to the",
                "    current node can be created in cluster mode.",
                "PROTOCOL <type>",
                "    Reply with a test value of the specified type. <type> can be: string,",
                "    integer, double, bignum, null, array, set, map, attrib, push, verbatim,",
                "    true, false.",
                "RELOAD [option ...]",
                "    Save the RDB on disk and reload it back to memory.",
                "SET-ACTIVE-EXPIRE <0|1>",
                "    Setting it to 0 disables expiring keys in background when they are not",
                "    accessed (otherwise the Redis behavior). Setting it to 1 reenables back the",
                "    default.",
                "SLEEP <seconds>",
                "    Stop the server for <seconds>. Decimals allowed.",
                "PAUSE-CRON <0|1>",
                "    Stop periodic cron job processing.");
    }

    /**
     * DEBUG SLEEP: no client runs a command for {@code seconds}; this one's
     * +OK comes at the end. Inside MULTI the reply is part of EXEC's, at once,
     * and the pause follows.
     */
    private static void sleep(Client c, double seconds) {
        long nanos = seconds > 0 ? (long) (seconds * 1_000_000) * 1000 : 0;
        c.extraDurationNanos += nanos; // SLOWLOG and LATENCY see the time the server stood still
        if (c.inExec) {
            c.reply.ok();
            c.server.pause.pause(Duration.ofNanos(nanos), () -> {});
            return;
        }
        c.server.pause.pause(Duration.ofNanos(nanos), () -> {
            if (!c.isClosed()) {
                c.reply.ok();
            }
        });
    }

    private static void reload(Client c, byte[][] argv) {
        for (int j = 2; j < argv.length; j++) {
            if (!(Args.is(argv[j], "merge") || Args.is(argv[j], "noflush") || Args.is(argv[j], "nosave"))) {
                c.reply.error("ERR DEBUG RELOAD only supports the MERGE, NOFLUSH and NOSAVE options.");
                return;
            }
        }
        boolean save = true;
        for (int j = 2; j < argv.length; j++) {
            if (Args.is(argv[j], "nosave")) {
                save = false;
            } else {
                c.reply.error("ERR DEBUG RELOAD MERGE and NOFLUSH are not supported by aioj-server");
                return;
            }
        }
        try {
            c.server.persistence.reload(save);
        } catch (java.io.IOException e) {
            c.reply.error("ERR Error trying to load the RDB dump, check server logs.");
            return;
        } catch (RdbInput.RdbException e) {
            c.reply.error("ERR Error trying to load the RDB dump, check server logs.");
            LOG.log(System.Logger.Level.WARNING, "DEBUG RELOAD: {0}", e.getMessage());
            return;
        }
        c.reply.ok();
    }

    /** The entry of a key, even logically expired (Redis's DEBUG OBJECT uses dictFind), or null. */
    private static Dict.KeyEntry objectLookup(Client c, byte[] key) {
        return (Dict.KeyEntry) c.db.keys.find(key);
    }

    private static void object(Client c, byte[] key) {
        Dict.KeyEntry e = objectLookup(c, key);
        if (e == null) {
            c.reply.error(Errors.NO_SUCH_KEY);
        } else {
            c.reply.simple(DebugObject.describe(c.server, e));
        }
    }

    /** DEBUG POPULATE count [prefix] [size]: string keys prefix:N holding value:N (cut or zero-padded to size). */
    private static void populate(Client c, byte[][] argv) {
        if (!Args.isPositiveLong(c, argv[2])) {
            return;
        }
        long count = Numbers.toLong(argv[2]);
        long size = 0;
        if (argv.length == 5) {
            if (!Args.isPositiveLong(c, argv[4])) {
                return;
            }
            size = Numbers.toLong(argv[4]);
        }
        String prefix = argv.length >= 4 ? Errors.latin1(argv[3], argv[3].length) : "key";
        for (long j = 0; j < count; j++) {
            byte[] key = (prefix + ":" + j).getBytes(StandardCharsets.ISO_8859_1);
            if (c.db.lookup(key) != null) {
                continue;
            }
            byte[] text = ("value:" + j).getBytes(StandardCharsets.ISO_8859_1);
            byte[] value = size == 0 ? text : java.util.Arrays.copyOf(text, (int) Math.min(size, Integer.MAX_VALUE));
            c.db.set(key, value, false, ObjectEncoding.NOT_INT); // createStringObject: embstr or raw
        }
        c.reply.ok();
    }

    private static final Pattern STRTOD = Pattern.compile("^\\s*[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    /** C's strtod on a whole argument: its longest numeric prefix, 0 when there is none. */
    static double strtod(String s) {
        Matcher m = STRTOD.matcher(s);
        return m.find() ? Double.parseDouble(m.group().trim()) : 0;
    }

    /** C's atoi: the leading integer, 0 when there is none. */
    static int atoi(byte[] s) {
        int i = 0;
        while (i < s.length && Character.isWhitespace(s[i])) {
            i++;
        }
        boolean negative = i < s.length && s[i] == '-';
        if (i < s.length && (s[i] == '-' || s[i] == '+')) {
            i++;
        }
        long v = 0;
        while (i < s.length && s[i] >= '0' && s[i] <= '9' && v < Integer.MAX_VALUE) {
            v = v * 10 + (s[i++] - '0');
        }
        return (int) (negative ? -v : v);
    }
}
