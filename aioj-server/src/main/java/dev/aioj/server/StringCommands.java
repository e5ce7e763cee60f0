package dev.aioj.server;

import static dev.aioj.server.Command.DENYOOM;
import static dev.aioj.server.Command.FAST;
import static dev.aioj.server.Command.READONLY;
import static dev.aioj.server.Command.WRITE;

import java.util.Arrays;

/**
 * The string commands but the counters (those are in {@link
 * CounterCommands}): SET and its options, GET, GETDEL, GETEX, MGET, MSET,
 * MSETNX, SETNX, SETEX, PSETEX, GETSET, APPEND, STRLEN, SETRANGE, GETRANGE.
 * Ported from Redis's t_string.c, option parsing and error order included.
 *
 * <p>Stored strings are never modified in place (values may be shared with
 * a queued MULTI command's arguments): APPEND and SETRANGE store a new array,
 * which makes repeated APPENDs O(n) each where Redis is amortized O(1).
 *
 * <p>Thread contract: the server's loop thread only.
 */
final class StringCommands {

    private StringCommands() {}

    static void register(CommandTable.Builder t) {
        String g = "string";
        t.add("get", 2, READONLY | FAST, 1, 1, 1, g, "1.0.0", "Returns the string value of a key.",
                StringCommands::get);
        t.add("set", -3, WRITE | DENYOOM, 1, 1, 1, g, "1.0.0",
                "Sets the string value of a key, ignoring its type. The key is created if it doesn't exist.",
                StringCommands::set);
        t.add("setnx", 3, WRITE | DENYOOM | FAST, 1, 1, 1, g, "1.0.0",
                "Set the string value of a key only when the key doesn't exist.", StringCommands::setnx);
        t.add("setex", 4, WRITE | DENYOOM, 1, 1, 1, g, "2.0.0",
                "Sets the string value and expiration time of a key. Creates the key if it doesn't exist.",
                (c, a) -> setGeneric(c, a[1], a[3], a[2], EX, null, null));
        t.add("psetex", 4, WRITE | DENYOOM, 1, 1, 1, g, "2.6.0",
                "Sets both string value and expiration time in milliseconds of a key.",
                (c, a) -> setGeneric(c, a[1], a[3], a[2], PX, null, null));
        t.add("getset", 3, WRITE | DENYOOM | FAST, 1, 1, 1, g, "1.0.0",
                "Returns the previous string value of a key after setting it to a new value.", StringCommands::getset);
        t.add("getdel", 2, WRITE | FAST, 1, 1, 1, g, "6.2.0",
                "Returns the string value of a key after deleting the key.", StringCommands::getdel);
        t.add("getex", -2, WRITE | FAST, 1, 1, 1, g, "6.2.0",
                "Returns the string value of a key after setting its expiration time.", StringCommands::getex);
        t.add("mget", -2, READONLY | FAST, 1, -1, 1, g, "1.0.0",
                "Atomically returns the string values of one or more keys.", StringCommands::mget);
        t.add("mset", -3, WRITE | DENYOOM, 1, -1, 2, g, "1.0.1",
                "Atomically creates or modifies the string values of one or more keys.", (c, a) -> mset(c, a, false));
        t.add("msetnx", -3, WRITE | DENYOOM, 1, -1, 2, g, "1.0.1",
                "Atomically modifies the string values of one or more keys only when all keys don't exist.",
                (c, a) -> mset(c, a, true));
        t.add("append", 3, WRITE | DENYOOM | FAST, 1, 1, 1, g, "2.0.0",
                "Appends a string to the value of a key. Creates the key if it doesn't exist.", StringCommands::append);
        t.add("strlen", 2, READONLY | FAST, 1, 1, 1, g, "2.2.0", "Returns the length of a string value.",
                StringCommands::strlen);
        t.add("setrange", 4, WRITE | DENYOOM, 1, 1, 1, g, "2.2.0",
                "Overwrites a part of a string value with another by an offset. Creates the key if it doesn't exist.",
                StringCommands::setrange);
        t.add("getrange", 4, READONLY, 1, 1, 1, g, "2.4.0", "Returns a substring of the string stored at a key.",
                StringCommands::getrange);
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

    static void get(Client c, byte[][] argv) {
        Object v = c.db.lookupRead(argv[1]);
        if (v == null) {
            c.reply.nullBulk();
        } else if (v instanceof byte[] s) {
            c.reply.bulk(s);
        } else {
            c.reply.error(Errors.WRONGTYPE);
        }
    }

    /** GET for commands that reply with the old value first; false after a WRONGTYPE reply. */
    private static boolean replyOldValue(Client c, byte[] key) {
        Object v = c.db.lookupRead(key);
        if (v == null) {
            c.reply.nullBulk();
            return true;
        }
        if (v instanceof byte[] s) {
            c.reply.bulk(s);
            return true;
        }
        c.reply.error(Errors.WRONGTYPE);
        return false;
    }

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
        if ((flags & GET) != 0 && !replyOldValue(c, key)) {
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
        if (expire != null) {
            db.setExpire(key, when);
        }
        if ((flags & GET) == 0) {
            c.reply.raw(okReply != null ? okReply : ReplyWriter.OK);
        }
    }

    static void setnx(Client c, byte[][] argv) {
        setGeneric(c, argv[1], argv[2], null, NX, ReplyWriter.ONE, ReplyWriter.ZERO);
    }

    static void getset(Client c, byte[][] argv) {
        if (!replyOldValue(c, argv[1])) {
            return;
        }
        c.db.set(argv[1], argv[2], false);
    }

    static void getdel(Client c, byte[][] argv) {
        if (!replyOldValue(c, argv[1])) {
            return;
        }
        c.db.delete(argv[1]);
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
        } else if (expireIndex != 0) {
            c.db.setExpire(key, when);
            c.db.signalModified(key);
        } else if ((flags & PERSIST) != 0 && c.db.persist(key)) {
            c.db.signalModified(key);
        }
    }

    static void mget(Client c, byte[][] argv) {
        c.reply.array(argv.length - 1);
        for (int j = 1; j < argv.length; j++) {
            Object v = c.db.lookupRead(argv[j]);
            if (v instanceof byte[] s) {
                c.reply.bulk(s);
            } else {
                c.reply.nullBulk();
            }
        }
    }

    static void mset(Client c, byte[][] argv, boolean nx) {
        if (argv.length % 2 == 0) {
            c.reply.error(Errors.arity(nx ? "msetnx" : "mset"));
            return;
        }
        if (nx) {
            for (int j = 1; j < argv.length; j += 2) {
                if (c.db.lookup(argv[j]) != null) {
                    c.reply.raw(ReplyWriter.ZERO);
                    return;
                }
            }
        }
        for (int j = 1; j < argv.length; j += 2) {
            c.db.set(argv[j], argv[j + 1], false);
        }
        c.reply.raw(nx ? ReplyWriter.ONE : ReplyWriter.OK);
    }

    static void append(Client c, byte[][] argv) {
        byte[] key = argv[1];
        Object v = c.db.lookup(key);
        if (v == null) {
            c.db.add(key, argv[2]);
            c.reply.integer(argv[2].length);
            return;
        }
        if (!(v instanceof byte[] s)) {
            c.reply.error(Errors.WRONGTYPE);
            return;
        }
        if (!checkLength(c, s.length, argv[2].length)) {
            return;
        }
        byte[] joined = Arrays.copyOf(s, s.length + argv[2].length);
        System.arraycopy(argv[2], 0, joined, s.length, argv[2].length);
        c.db.set(key, joined, true);
        c.reply.integer(joined.length);
    }

    /** Redis's checkStringLength: false after the error reply. */
    static boolean checkLength(Client c, long size, long append) {
        long total = size + append;
        if (total > c.server.protoMaxBulkLen || total < size || total < append) {
            c.reply.error(Errors.STRING_TOO_LONG);
            return false;
        }
        return true;
    }

    static void strlen(Client c, byte[][] argv) {
        Object v = c.db.lookupRead(argv[1]);
        if (v == null) {
            c.reply.raw(ReplyWriter.ZERO);
        } else if (v instanceof byte[] s) {
            c.reply.integer(s.length);
        } else {
            c.reply.error(Errors.WRONGTYPE);
        }
    }

    static void setrange(Client c, byte[][] argv) {
        byte[] key = argv[1];
        byte[] value = argv[3];
        if (!Args.isLong(c, argv[2])) {
            return;
        }
        long offset = Numbers.toLong(argv[2]);
        if (offset < 0) {
            c.reply.error(Errors.OFFSET_RANGE);
            return;
        }
        Object v = c.db.lookup(key);
        byte[] old;
        if (v == null) {
            if (value.length == 0) {
                c.reply.raw(ReplyWriter.ZERO);
                return;
            }
            if (!checkLength(c, offset, value.length)) {
                return;
            }
            old = new byte[0];
        } else {
            if (!(v instanceof byte[] s)) {
                c.reply.error(Errors.WRONGTYPE);
                return;
            }
            old = s;
            if (value.length == 0) {
                c.reply.integer(old.length);
                return;
            }
            if (!checkLength(c, offset, value.length)) {
                return;
            }
        }
        int needed = (int) Math.max(old.length, offset + value.length);
        byte[] updated = Arrays.copyOf(old, needed);
        System.arraycopy(value, 0, updated, (int) offset, value.length);
        c.db.set(key, updated, true);
        c.reply.integer(updated.length);
    }

    static void getrange(Client c, byte[][] argv) {
        if (!Args.isLong(c, argv[2]) || !Args.isLong(c, argv[3])) {
            return;
        }
        long start = Numbers.toLong(argv[2]);
        long end = Numbers.toLong(argv[3]);
        Object v = c.db.lookupRead(argv[1]);
        if (v == null) {
            c.reply.bulk(EMPTY);
            return;
        }
        if (!(v instanceof byte[] s)) {
            c.reply.error(Errors.WRONGTYPE);
            return;
        }
        long len = s.length;
        if (start < 0 && end < 0 && start > end) {
            c.reply.bulk(EMPTY);
            return;
        }
        if (start < 0) {
            start = len + start;
        }
        if (end < 0) {
            end = len + end;
        }
        if (start < 0) {
            start = 0;
        }
        if (end < 0) {
            end = 0;
        }
        if (end >= len) {
            end = len - 1;
        }
        if (start > end || len == 0) {
            c.reply.bulk(EMPTY);
        } else {
            c.reply.bulk(s, (int) start, (int) (end - start + 1));
        }
    }

    private static final byte[] EMPTY = new byte[0];
}
