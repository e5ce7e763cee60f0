package dev.aioj.server;

import static dev.aioj.server.Command.DENYOOM;
import static dev.aioj.server.Command.FAST;
import static dev.aioj.server.Command.WRITE;

import java.util.Arrays;

/**
 * The commands that carry values across keys and databases (Redis's db.c):
 * COPY (a deep copy, any type, optionally to another database, with
 * REPLACE), MOVE (a key to another database) and SWAPDB (two whole
 * databases). Each keeps the key's deadline.
 *
 * <p>COPY duplicates with {@link Value#copy}, so the two keys never share a
 * mutable value; a string is shared unless bit commands change it in place
 * ({@link OwnedStrings#forSharing}).
 *
 * <p>Thread contract: the server's loop thread only.
 */
final class CopyMoveCommands {

    private CopyMoveCommands() {}

    static final String SAME_OBJECT = "ERR source and destination objects are the same";

    static void register(CommandTable.Builder t) {
        String g = "generic";
        t.add("copy", -3, WRITE | DENYOOM, 1, 2, 1, g, "6.2.0", "Copy a key", CopyMoveCommands::copy);
        t.add("move", 3, WRITE | FAST, 1, 1, 1, g, "1.0.0", "Move a key to another database",
                CopyMoveCommands::move);
        t.add("swapdb", 3, WRITE | FAST, 0, 0, 0, "server", "4.0.0", "Swaps two Redis databases",
                CopyMoveCommands::swapdb);
    }

    /** COPY source destination [DB index] [REPLACE] (Redis's copyCommand). */
    static void copy(Client c, byte[][] argv) {
        Database src = c.db;
        Database dst = c.db;
        boolean replace = false;
        for (int j = 3; j < argv.length; j++) {
            int additional = argv.length - j - 1;
            if (Args.is(argv[j], "replace")) {
                replace = true;
            } else if (Args.is(argv[j], "db") && additional >= 1) {
                dst = database(c, argv[j + 1]);
                if (dst == null) {
                    return;
                }
                j++;
            } else {
                c.reply.error(Errors.SYNTAX);
                return;
            }
        }
        byte[] key = argv[1];
        byte[] newKey = argv[2];
        if (src == dst && Arrays.equals(key, newKey)) {
            c.reply.error(SAME_OBJECT);
            return;
        }
        Object value = src.lookupRead(key);
        if (value == null) {
            c.reply.raw(ReplyWriter.ZERO);
            return;
        }
        long expire = src.expireOf(key);
        if (dst.lookup(newKey) != null) {
            if (!replace) {
                c.reply.raw(ReplyWriter.ZERO);
                return;
            }
            dst.delete(newKey);
        }
        // a new object (fresh access bits) of the source's encoding, as Redis's dupStringObject and friends
        int form = src.metaOf(key) & ObjectEncoding.STRING_FORM | ObjectEncoding.UNSHARED;
        dst.addWithMeta(newKey, value instanceof Value v ? v.copy() : c.server.ownedStrings.forSharing((byte[]) value),
                c.server.access.fresh() | form);
        if (expire != -1) {
            dst.setExpire(newKey, expire);
        }
        dst.notify(NotifyType.GENERIC, "copy_to", newKey);
        c.reply.raw(ReplyWriter.ONE);
    }

    /** MOVE key db (Redis's moveCommand). */
    static void move(Client c, byte[][] argv) {
        Database src = c.db;
        Database dst = database(c, argv[2]);
        if (dst == null) {
            return;
        }
        if (src == dst) {
            c.reply.error(SAME_OBJECT);
            return;
        }
        byte[] key = argv[1];
        Object value = src.lookup(key);
        if (value == null || dst.lookup(key) != null) {
            c.reply.raw(ReplyWriter.ZERO);
            return;
        }
        long expire = src.expireOf(key);
        int meta = src.metaOf(key);
        src.delete(key);
        dst.addWithMeta(key, value, meta); // the same object, with its access time and encoding
        if (expire != -1) {
            dst.setExpire(key, expire);
        }
        src.notify(NotifyType.GENERIC, "move_from", key);
        dst.notify(NotifyType.GENERIC, "move_to", key);
        c.reply.raw(ReplyWriter.ONE);
    }

    /** SWAPDB index1 index2 (Redis's swapdbCommand). */
    static void swapdb(Client c, byte[][] argv) {
        if (!Args.isLongInRange(c, argv[1], Integer.MIN_VALUE, Integer.MAX_VALUE, "ERR invalid first DB index")
                || !Args.isLongInRange(c, argv[2], Integer.MIN_VALUE, Integer.MAX_VALUE,
                        "ERR invalid second DB index")) {
            return;
        }
        long id1 = Numbers.toLong(argv[1]);
        long id2 = Numbers.toLong(argv[2]);
        Database[] dbs = c.server.dbs;
        if (id1 < 0 || id1 >= dbs.length || id2 < 0 || id2 >= dbs.length) {
            c.reply.error(Errors.DB_INDEX);
            return;
        }
        if (id1 != id2) {
            dbs[(int) id1].swapWith(dbs[(int) id2]);
        }
        c.reply.ok();
    }

    /** The database {@code arg} names (Redis's getIntFromObjectOrReply, then selectDb), or null after an error. */
    private static Database database(Client c, byte[] arg) {
        if (!Args.isInt(c, arg)) {
            return null;
        }
        long id = Numbers.toLong(arg);
        if (id < 0 || id >= c.server.dbs.length) {
            c.reply.error(Errors.DB_INDEX);
            return null;
        }
        return c.server.dbs[(int) id];
    }
}
