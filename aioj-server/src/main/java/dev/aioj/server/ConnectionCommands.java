package dev.aioj.server;

import static dev.aioj.server.Command.ALLOW_BUSY;
import static dev.aioj.server.Command.FAST;
import static dev.aioj.server.Command.LOADING;
import static dev.aioj.server.Command.NOSCRIPT;
import static dev.aioj.server.Command.NO_AUTH;
import static dev.aioj.server.Command.PUBSUB_CONTEXT;
import static dev.aioj.server.Command.SENTINEL;
import static dev.aioj.server.Command.STALE;
import static dev.aioj.server.Command.TRANSACTION_CONTROL;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The connection's own commands: PING, ECHO, AUTH (with requirepass; the
 * only user is "default", as without ACLs in Redis), HELLO (RESP2/RESP3
 * switch, AUTH and SETNAME options), QUIT and RESET. SELECT is with the key
 * commands, CLIENT in {@link ClientCommand}.
 *
 * <p>HELLO answers {@code server: redis} and Redis's version, as other
 * Redis-compatible servers do, since client libraries branch on them.
 *
 * <p>Thread contract: the server's loop thread only.
 */
final class ConnectionCommands {

    private ConnectionCommands() {}

    /** The Redis version whose behaviour this server reproduces (HELLO, INFO). */
    static final String REDIS_VERSION = "7.0.15";

    static void register(CommandTable.Builder t) {
        String g = "connection";
        t.add("ping", -1, FAST | SENTINEL | PUBSUB_CONTEXT, 0, 0, 0, g, "1.0.0", "Returns the server's liveliness response.",
                ConnectionCommands::ping);
        t.add("echo", 2, LOADING | STALE | FAST, 0, 0, 0, g, "1.0.0", "Returns the given string.",
                (c, a) -> c.reply.bulk(a[1]));
        t.add("auth", -2, NOSCRIPT | LOADING | STALE | FAST | NO_AUTH | SENTINEL | ALLOW_BUSY, 0, 0, 0, g, "1.0.0",
                "Authenticates the connection.", ConnectionCommands::auth);
        t.add("hello", -1, NOSCRIPT | LOADING | STALE | FAST | NO_AUTH | SENTINEL | ALLOW_BUSY, 0, 0, 0, g, "6.0.0",
                "Handshakes with the Redis server.", ConnectionCommands::hello);
        t.add("quit", -1, ALLOW_BUSY | NOSCRIPT | LOADING | STALE | FAST | NO_AUTH | PUBSUB_CONTEXT
                | TRANSACTION_CONTROL, 0, 0, 0, g, "1.0.0", "Closes the connection.", ConnectionCommands::quit);
        t.add("reset", 1, NOSCRIPT | LOADING | STALE | FAST | NO_AUTH | ALLOW_BUSY | PUBSUB_CONTEXT
                | TRANSACTION_CONTROL, 0, 0, 0, g, "6.2.0", "Resets the connection.", ConnectionCommands::reset);
    }

    static void ping(Client c, byte[][] argv) {
        if (argv.length > 2) {
            c.reply.error(Errors.arity("ping"));
            return;
        }
        if (c.isSubscribed() && c.reply.resp == 2) {
            c.reply.array(2);
            c.reply.bulk("pong");
            c.reply.bulk(argv.length == 1 ? new byte[0] : argv[1]);
        } else if (argv.length == 1) {
            c.reply.raw(ReplyWriter.PONG);
        } else {
            c.reply.bulk(argv[1]);
        }
    }

    static void auth(Client c, byte[][] argv) {
        if (argv.length > 3) {
            c.reply.error(Errors.SYNTAX);
            return;
        }
        c.redact(1); // the password, or the user name: never in SLOWLOG or MONITOR
        if (argv.length == 3) {
            c.redact(2);
        }
        if (argv.length == 2 && c.server.requirePass == null) {
            c.reply.error("ERR AUTH <password> called without any password configured for the default user. "
                    + "Are you sure your configuration is correct?");
            return;
        }
        byte[] user = argv.length == 3 ? argv[1] : "default".getBytes(StandardCharsets.ISO_8859_1);
        byte[] password = argv[argv.length - 1];
        if (authenticate(c, user, password)) {
            c.reply.ok();
        } else {
            c.reply.error(Errors.WRONGPASS);
        }
    }

    /** Checks credentials as Redis's default user (nopass: any password) and marks the client. */
    private static boolean authenticate(Client c, byte[] user, byte[] password) {
        if (!java.util.Arrays.equals(user, "default".getBytes(StandardCharsets.ISO_8859_1))) {
            return false;
        }
        String required = c.server.requirePass;
        if (required != null && !MessageDigest.isEqual(required.getBytes(StandardCharsets.UTF_8), password)) {
            return false; // constant time, as Redis's time_independent_strcmp
        }
        c.authenticated = true;
        return true;
    }

    static void hello(Client c, byte[][] argv) {
        long version = 0;
        int next = 1;
        if (argv.length >= 2) {
            if (!Numbers.isLong(argv[1])) {
                c.reply.error("ERR Protocol version is not an integer or out of range");
                return;
            }
            version = Numbers.toLong(argv[1]);
            next = 2;
            if (version < 2 || version > 3) {
                c.reply.error("NOPROTO unsupported protocol version");
                return;
            }
        }
        for (int j = next; j < argv.length; j++) {
            int more = argv.length - 1 - j;
            if (Args.is(argv[j], "auth") && more >= 2) {
                c.redact(j + 1);
                c.redact(j + 2);
                if (!authenticate(c, argv[j + 1], argv[j + 2])) {
                    c.reply.error(Errors.WRONGPASS);
                    return;
                }
                j += 2;
            } else if (Args.is(argv[j], "setname") && more >= 1) {
                if (!ClientCommand.setName(c, argv[j + 1])) {
                    return;
                }
                j++;
            } else {
                c.reply.error("ERR Syntax error in HELLO option '" + Errors.latin1(argv[j], argv[j].length) + "'");
                return;
            }
        }
        if (!c.authenticated) {
            c.reply.error("NOAUTH HELLO must be called with the client already authenticated, otherwise the HELLO "
                    + "AUTH <user> <pass> option can be used to authenticate the client and select the RESP protocol "
                    + "version at the same time");
            return;
        }
        if (version != 0) {
            c.reply.resp = (int) version;
        }
        ReplyWriter r = c.reply;
        r.map(7);
        r.bulk("server");
        r.bulk("redis");
        r.bulk("version");
        r.bulk(REDIS_VERSION);
        r.bulk("proto");
        r.integer(r.resp);
        r.bulk("id");
        r.integer(c.id);
        r.bulk("mode");
        r.bulk("standalone");
        r.bulk("role");
        r.bulk("master");
        r.bulk("modules");
        r.raw(ReplyWriter.EMPTY_ARRAY);
    }

    static void quit(Client c, byte[][] argv) {
        c.reply.ok();
        c.closeAfterReply();
    }

    static void reset(Client c, byte[][] argv) {
        MonitorCommand.stop(c);
        boolean wasOff = c.replyOff;
        c.replyOff = false;
        c.replySkipNext = false;
        if (wasOff) {
            c.reply.unmute(); // +RESET is sent; a RESET that CLIENT REPLY SKIP covers stays silent, as in Redis
        }
        TransactionCommands.discard(c);
        c.server.pubsub.forget(c);
        c.server.tracking.disable(c);
        c.db = c.server.dbs[0];
        c.reply.resp = 2;
        c.authenticated = c.server.requirePass == null;
        c.name = null;
        c.reply.simple("RESET");
    }
}
