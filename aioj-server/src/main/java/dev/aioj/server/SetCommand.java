package dev.aioj.server;

import static dev.aioj.server.Command.DENYOOM;
import static dev.aioj.server.Command.FAST;
import static dev.aioj.server.Command.WRITE;

/**
 * SET with its options (NX, XX, GET, EX, PX, EXAT, PXAT, KEEPTTL) and the
 * commands built on the same code in Redis's t_string.c: SETNX, SETEX,
 * PSETEX, and GETEX (whose options are SET's expiry options plus PERSIST).
 * Option parsing follows Redis's parseExtendedStringArgumentsOrReply, so
 * conflicting options give the same syntax errors in the same order.
 *
 * <p>Thread contract: the server's loop thread only.
 */
final class SetCommand {

    private SetCommand() {}

    static void register(CommandTable.Builder t) {
        String g = "string";
        t.add("set", -3, WRITE | DENYOOM, 1, 1, 1, g, "1.0.0",
                "Sets the string value of a key, ignoring its type. The key is created if it doesn't exist.",
                SetCommand::set);
        t.add("setnx", 3, WRITE | DENYOOM | FAST, 1, 1, 1, g, "1.0.0",
                "Set the string value of a key only when the key doesn't exist.", SetCommand::setnx);
        t.add("setex", 4, WRITE | DENYOOM, 1, 1, 1, g, "2.0.0",
                "Sets the string value and expiration time of a key. Creates the key if it doesn't exist.",
                (c, a) -> setGeneric(c, a[1], a[3], a[2], EX, null, null));
        t.add("psetex", 4, WRITE | DENYOOM, 1, 1, 1, g, "2.6.0",
                "Sets both string value and expiration time in milliseconds of a key.",
                (c, a) -> setGeneric(c, a[1], a[3], a[2], PX, null, null));
        t.add("getex", -2, WRITE | FAST, 1, 1, 1, g, "6.2.0",
                "Returns the string value of a key after setting its expiration time.", SetCommand::getex);
    }

    // SET flags, as t_string.c's OBJ_* bits.
    private static final int NX = 1;
    private static final int XX = 1 << 1;
    private static final int EX = 1 << 2;
    private static final int PX = 1 << 3;
    private static final int KEEPTTL = 1 << 4;
    private static final int GET = 1 << 5;
    private static final int EXAT = 1 << 6;
    private static final int PXAT = 1 << 7;
    private static final int PERSIST = 1 << 8;
    private static final int ANY_EXPIRE = EX | PX | EXAT | PXAT;

    static void set(Client c, byte[][] argv) {
        if (argv.length == 3) {
            setGeneric(c, argv[1], argv[2], null, 0, null, null); // the common case, without option parsing
            return;
        }
        int[] flagsOut = new int[1];
        int expireAt = parseOptions(c, argv, 3, true, flagsOut);
        if (expireAt < 0) {
            return;
        }
        setGeneric(c, argv[1], argv[2], expireAt == 0 ? null : argv[expireAt], flagsOut[0], null, null);
    }

    /**
     * Parses SET/GETEX options from {@code argv[from]} on (Redis's
     * parseExtendedStringArgumentsOrReply).
     *
     * @return the index of the expire argument, 0 for none, -1 after a syntax error reply
     */
    private static int parseOptions(Client c, byte[][] argv, int from, boolean forSet, int[] flagsOut) {
        int flags = 0;
        int expireIndex = 0;
        for (int j = from; j < argv.length; j++) {
            byte[] opt = argv[j];
            boolean hasNext = j < argv.length - 1;
            if (Args.is(opt, "nx") && (flags & XX) == 0 && forSet) {
                flags |= NX;
            } else if (Args.is(opt, "xx") && (flags & NX) == 0 && forSet) {
                flags |= XX;
            } else if (Args.is(opt, "get") && forSet) {
                flags |= GET;
            } else if (Args.is(opt, "keepttl") && (flags & (PERSIST | ANY_EXPIRE)) == 0 && forSet) {
                flags |= KEEPTTL;
            } else if (Args.is(opt, "persist") && !forSet && (flags & (ANY_EXPIRE | KEEPTTL)) == 0) {
                flags |= PERSIST;
            } else if (Args.is(opt, "ex") && (flags & (KEEPTTL | PERSIST | EXAT | PX | PXAT)) == 0 && hasNext) {
                flags |= EX;
                expireIndex = ++j;
            } else if (Args.is(opt, "px") && (flags & (KEEPTTL | PERSIST | EX | EXAT | PXAT)) == 0 && hasNext) {
                flags |= PX;
                expireIndex = ++j;
            } else if (Args.is(opt, "exat") && (flags & (KEEPTTL | PERSIST | EX | PX | PXAT)) == 0 && hasNext) {
                flags |= EXAT;
                expireIndex = ++j;
            } else if (Args.is(opt, "pxat") && (flags & (KEEPTTL | PERSIST | EX | EXAT | PX)) == 0 && hasNext) {
                flags |= PXAT;
                expireIndex = ++j;
            } else {
                c.reply.error(Errors.SYNTAX);
                return -1;
            }
        }
        flagsOut[0] = flags;
        return expireIndex;
    }

    /**
     * The absolute deadline an EX/PX/EXAT/PXAT argument names, or -1 after an
     * error reply (Redis's getExpireMillisecondsOrReply).
     */
    private static long expireMillis(Client c, byte[] arg, int flags) {
        if (!Args.isLong(c, arg)) {
            return -1;
        }
        long v = Numbers.toLong(arg);
        boolean seconds = (flags & (EX | EXAT)) != 0;
        if (v <= 0 || (seconds && v > Long.MAX_VALUE / 1000)) {
            c.reply.error("ERR invalid expire time in '" + c.lastCommand + "' command");
            return -1;
        }
        if (seconds) {
            v *= 1000;
        }
        if ((flags & (EX | PX)) != 0) {
            v += c.server.now();
        }
        if (v <= 0) {
            c.reply.error("ERR invalid expire time in '" + c.lastCommand + "' command");
            return -1;
        }
        return v;
    }

    /** Redis's setGenericCommand; {@code okReply}/{@code abortReply} null mean +OK and the null reply. */
    private static void setGeneric(Client c, byte[] key, byte[] value, byte[] expire, int flags, byte[] okReply,
            byte[] abortReply) {
        long when = 0;
        if (expire != null) {
            when = expireMillis(c, expire, flags);
            if (when < 0) {
                return;
            }
        }
        if ((flags & GET) != 0 && !StringCommands.replyOldValue(c, key)) {
            return;
        }
        Database db = c.db;
        boolean found = db.lookup(key) != null;
        if (((flags & NX) != 0 && found) || ((flags & XX) != 0 && !found)) {
            if ((flags & GET) == 0) {
                if (abortReply != null) {
                    c.reply.raw(abortReply);
                } else {
                    c.reply.nullBulk();
                }
            }
            return;
        }
        db.set(key, value, (flags & KEEPTTL) != 0);
        db.notify(NotifyType.STRING, "set", key);
        if (expire != null) {
            db.setExpire(key, when);
            db.notify(NotifyType.GENERIC, "expire", key);
        }
        if ((flags & GET) == 0) {
            c.reply.raw(okReply != null ? okReply : ReplyWriter.OK);
        }
    }

    static void setnx(Client c, byte[][] argv) {
        setGeneric(c, argv[1], argv[2], null, NX, ReplyWriter.ONE, ReplyWriter.ZERO);
    }

    static void getex(Client c, byte[][] argv) {
        int[] flagsOut = new int[1];
        int expireIndex = parseOptions(c, argv, 2, false, flagsOut);
        if (expireIndex < 0) {
            return;
        }
        int flags = flagsOut[0];
        byte[] key = argv[1];
        Object v = c.db.lookupRead(key);
        if (v == null) {
            c.reply.nullBulk();
            return;
        }
        if (!(v instanceof byte[] s)) {
            c.reply.error(Errors.WRONGTYPE);
            return;
        }
        long when = 0;
        if (expireIndex != 0) {
            when = expireMillis(c, argv[expireIndex], flags);
            if (when < 0) {
                return;
            }
        }
        c.reply.bulk(s);
        if ((flags & (EXAT | PXAT)) != 0 && when <= c.server.now()) {
            c.db.delete(key); // an absolute deadline already passed
            c.db.notify(NotifyType.GENERIC, "del", key);
        } else if (expireIndex != 0) {
            c.db.setExpire(key, when);
            c.db.signalModified(key);
            c.db.notify(NotifyType.GENERIC, "expire", key);
        } else if ((flags & PERSIST) != 0 && c.db.persist(key)) {
            c.db.signalModified(key);
            c.db.notify(NotifyType.GENERIC, "persist", key);
        }
    }
}
