package dev.aioj.server;

import static dev.aioj.server.Command.FAST;
import static dev.aioj.server.Command.READONLY;
import static dev.aioj.server.Command.WRITE;

/**
 * Deadlines on keys (Redis's expire.c commands): EXPIRE, PEXPIRE, EXPIREAT,
 * PEXPIREAT with the NX/XX/GT/LT options of Redis 7, TTL, PTTL, EXPIRETIME,
 * PEXPIRETIME, PERSIST. A deadline already in the past deletes the key at
 * once, as Redis does on a primary.
 *
 * <p>Thread contract: the server's loop thread only.
 */
final class ExpireCommands {

    private ExpireCommands() {}

    static void register(CommandTable.Builder t) {
        String g = "generic";
        t.add("expire", -3, WRITE | FAST, 1, 1, 1, g, "1.0.0", "Sets the expiration time of a key in seconds.",
                (c, a) -> expire(c, a, c.server.now(), true));
        t.add("pexpire", -3, WRITE | FAST, 1, 1, 1, g, "2.6.0",
                "Sets the expiration time of a key in milliseconds.", (c, a) -> expire(c, a, c.server.now(), false));
        t.add("expireat", -3, WRITE | FAST, 1, 1, 1, g, "1.2.0",
                "Sets the expiration time of a key to a Unix timestamp.", (c, a) -> expire(c, a, 0, true));
        t.add("pexpireat", -3, WRITE | FAST, 1, 1, 1, g, "2.6.0",
                "Sets the expiration time of a key to a Unix milliseconds timestamp.",
                (c, a) -> expire(c, a, 0, false));
        t.add("ttl", 2, READONLY | FAST, 1, 1, 1, g, "1.0.0", "Returns the expiration time in seconds of a key.",
                (c, a) -> ttl(c, a, false, false));
        t.add("pttl", 2, READONLY | FAST, 1, 1, 1, g, "2.6.0",
                "Returns the expiration time in milliseconds of a key.", (c, a) -> ttl(c, a, true, false));
        t.add("expiretime", 2, READONLY | FAST, 1, 1, 1, g, "7.0.0",
                "Returns the expiration time of a key as a Unix timestamp.", (c, a) -> ttl(c, a, false, true));
        t.add("pexpiretime", 2, READONLY | FAST, 1, 1, 1, g, "7.0.0",
                "Returns the expiration time of a key as a Unix milliseconds timestamp.",
                (c, a) -> ttl(c, a, true, true));
        t.add("persist", 2, WRITE | FAST, 1, 1, 1, g, "2.2.0", "Removes the expiration time of a key.",
                ExpireCommands::persist);
    }

    private static final int NX = 1;
    private static final int XX = 2;
    private static final int GT = 4;
    private static final int LT = 8;

    /** Redis's expireGenericCommand. */
    static void expire(Client c, byte[][] argv, long basetime, boolean seconds) {
        int flags = 0;
        for (int j = 3; j < argv.length; j++) {
            byte[] opt = argv[j];
            if (Args.is(opt, "nx")) {
                flags |= NX;
            } else if (Args.is(opt, "xx")) {
                flags |= XX;
            } else if (Args.is(opt, "gt")) {
                flags |= GT;
            } else if (Args.is(opt, "lt")) {
                flags |= LT;
            } else {
                c.reply.error("ERR Unsupported option " + Errors.latin1(opt, opt.length));
                return;
            }
        }
        if ((flags & NX) != 0 && (flags & (XX | GT | LT)) != 0) {
            c.reply.error("ERR NX and XX, GT or LT options at the same time are not compatible");
            return;
        }
        if ((flags & GT) != 0 && (flags & LT) != 0) {
            c.reply.error("ERR GT and LT options at the same time are not compatible");
            return;
        }
        if (!Args.isLong(c, argv[2])) {
            return;
        }
        long when = Numbers.toLong(argv[2]);
        String invalid = "ERR invalid expire time in '" + c.lastCommand + "' command";
        if (seconds) {
            if (when > Long.MAX_VALUE / 1000 || when < Long.MIN_VALUE / 1000) {
                c.reply.error(invalid);
                return;
            }
            when *= 1000;
        }
        if (when > Long.MAX_VALUE - basetime) {
            c.reply.error(invalid);
            return;
        }
        when += basetime;
        byte[] key = argv[1];
        Database db = c.db;
        if (db.lookup(key) == null) {
            c.reply.raw(ReplyWriter.ZERO);
            return;
        }
        if (flags != 0) {
            long current = db.expireOf(key);
            if (((flags & NX) != 0 && current != -1)
                    || ((flags & XX) != 0 && current == -1)
                    || ((flags & GT) != 0 && (when <= current || current == -1))
                    || ((flags & LT) != 0 && current != -1 && when >= current)) {
                c.reply.raw(ReplyWriter.ZERO);
                return;
            }
        }
        if (when <= c.server.now()) {
            db.delete(key);
            db.notify(NotifyType.GENERIC, "del", key);
        } else {
            db.setExpire(key, when);
            db.signalModified(key);
            db.notify(NotifyType.GENERIC, "expire", key);
        }
        c.reply.raw(ReplyWriter.ONE);
    }

    /** Redis's ttlGenericCommand: -2 for a missing key, -1 for no deadline. */
    static void ttl(Client c, byte[][] argv, boolean millis, boolean absolute) {
        Database db = c.db;
        if (db.lookupRead(argv[1], Database.NOTOUCH) == null) {
            c.reply.integer(-2);
            return;
        }
        long expire = db.expireOf(argv[1]);
        if (expire == -1) {
            c.reply.integer(-1);
            return;
        }
        long ttl = absolute ? expire : expire - c.server.now();
        if (ttl < 0) {
            ttl = 0;
        }
        c.reply.integer(millis ? ttl : (ttl + 500) / 1000);
    }

    static void persist(Client c, byte[][] argv) {
        Database db = c.db;
        if (db.lookup(argv[1]) != null && db.persist(argv[1])) {
            db.signalModified(argv[1]);
            db.notify(NotifyType.GENERIC, "persist", argv[1]);
            c.reply.raw(ReplyWriter.ONE);
        } else {
            c.reply.raw(ReplyWriter.ZERO);
        }
    }
}
