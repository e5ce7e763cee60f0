package dev.aioj.server;

import static dev.aioj.server.Command.DENYOOM;
import static dev.aioj.server.Command.FAST;
import static dev.aioj.server.Command.READONLY;
import static dev.aioj.server.Command.WRITE;

import java.util.Arrays;

/**
 * The string commands but SET and its relatives (those are in {@link
 * SetCommand}) and the counters (in {@link CounterCommands}): GET, GETDEL,
 * MGET, MSET, MSETNX, GETSET, APPEND, STRLEN, SETRANGE, GETRANGE. Ported from
 * Redis's t_string.c, error order included.
 *
 * <p>Stored strings are never modified in place (values may be shared with
 * a queued MULTI command's arguments): APPEND and SETRANGE store a new array,
 * which makes repeated APPENDs O(n) each where Redis is amortized O(1). The
 * exception are arrays bit and HLL commands allocated themselves ({@link
 * OwnedStrings}).
 *
 * <p>Thread contract: the server's loop thread only.
 */
final class StringCommands {

    private StringCommands() {}

    static void register(CommandTable.Builder t) {
        String g = "string";
        t.add("get", 2, READONLY | FAST, 1, 1, 1, g, "1.0.0", "Returns the string value of a key.",
                StringCommands::get);
        t.add("getset", 3, WRITE | DENYOOM | FAST, 1, 1, 1, g, "1.0.0",
                "Returns the previous string value of a key after setting it to a new value.", StringCommands::getset);
        t.add("getdel", 2, WRITE | FAST, 1, 1, 1, g, "6.2.0",
                "Returns the string value of a key after deleting the key.", StringCommands::getdel);
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
    static boolean replyOldValue(Client c, byte[] key) {
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

    static void getset(Client c, byte[][] argv) {
        if (!replyOldValue(c, argv[1])) {
            return;
        }
        c.db.set(argv[1], argv[2], false);
        c.db.notify(NotifyType.STRING, "set", argv[1]);
    }

    static void getdel(Client c, byte[][] argv) {
        if (!replyOldValue(c, argv[1])) {
            return;
        }
        if (c.db.delete(argv[1])) {
            c.db.notify(NotifyType.GENERIC, "del", argv[1]);
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
            c.db.notify(NotifyType.STRING, "set", argv[j]);
        }
        c.reply.raw(nx ? ReplyWriter.ONE : ReplyWriter.OK);
    }

    static void append(Client c, byte[][] argv) {
        byte[] key = argv[1];
        Object v = c.db.lookup(key);
        if (v == null) {
            c.db.add(key, argv[2]);
            c.db.notify(NotifyType.STRING, "append", key);
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
        c.db.set(key, joined, true, ObjectEncoding.RAW); // Redis appends in place to a raw string
        c.db.notify(NotifyType.STRING, "append", key);
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
        c.db.set(key, updated, true, ObjectEncoding.RAW); // Redis writes in place into a raw string
        c.db.notify(NotifyType.STRING, "setrange", key);
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
        IndexRange range = IndexRange.ofBytes(start, end, len);
        if (range.isEmpty()) {
            c.reply.bulk(EMPTY);
        } else {
            c.reply.bulk(s, (int) range.start(), (int) range.count());
        }
    }

    private static final byte[] EMPTY = new byte[0];
}
