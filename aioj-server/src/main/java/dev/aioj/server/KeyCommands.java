package dev.aioj.server;

import static dev.aioj.server.Command.FAST;
import static dev.aioj.server.Command.LOADING;
import static dev.aioj.server.Command.READONLY;
import static dev.aioj.server.Command.STALE;
import static dev.aioj.server.Command.WRITE;

import java.util.ArrayList;
import java.util.List;

/**
 * Commands on keys whatever their type (Redis's db.c): DEL, UNLINK, EXISTS,
 * TOUCH, TYPE, RENAME, RENAMENX, KEYS, RANDOMKEY, DBSIZE, FLUSHDB, FLUSHALL,
 * SELECT. Expiry commands are in {@link ExpireCommands}, SCAN in {@link
 * ScanCommands}, COPY, MOVE and SWAPDB in {@link CopyMoveCommands}.
 *
 * <p>UNLINK and the ASYNC flush options do the same as their synchronous
 * forms: freeing memory is the garbage collector's work here, not this
 * thread's.
 *
 * <p>Thread contract: the server's loop thread only.
 */
final class KeyCommands {

    private KeyCommands() {}

    static void register(CommandTable.Builder t) {
        String g = "generic";
        t.add("del", -2, WRITE, 1, -1, 1, g, "1.0.0", "Deletes one or more keys.", KeyCommands::del);
        t.add("unlink", -2, WRITE | FAST, 1, -1, 1, g, "4.0.0",
                "Asynchronously deletes one or more keys.", KeyCommands::del);
        t.add("exists", -2, READONLY | FAST, 1, -1, 1, g, "1.0.0", "Determines whether one or more keys exist.",
                KeyCommands::exists);
        t.add("touch", -2, READONLY | FAST, 1, -1, 1, g, "3.2.1",
                "Returns the number of existing keys out of those specified after updating the time they were last accessed.",
                KeyCommands::touch);
        t.add("type", 2, READONLY | FAST, 1, 1, 1, g, "1.0.0", "Determines the type of value stored at a key.",
                KeyCommands::type);
        t.add("rename", 3, WRITE, 1, 2, 1, g, "1.0.0", "Renames a key and overwrites the destination.",
                (c, a) -> rename(c, a, false));
        t.add("renamenx", 3, WRITE | FAST, 1, 2, 1, g, "1.0.0",
                "Renames a key only when the target key name doesn't exist.", (c, a) -> rename(c, a, true));
        t.add("keys", 2, READONLY, 0, 0, 0, g, "1.0.0", "Returns all key names that match a pattern.",
                KeyCommands::keys);
        t.add("randomkey", 1, READONLY, 0, 0, 0, g, "1.0.0", "Returns a random key name from the database.",
                KeyCommands::randomkey);
        t.add("dbsize", 1, READONLY | FAST, 0, 0, 0, "server", "1.0.0",
                "Returns the number of keys in the database.", (c, a) -> c.reply.integer(c.db.size()));
        t.add("flushdb", -1, WRITE, 0, 0, 0, "server", "1.0.0", "Remove all keys from the current database.",
                KeyCommands::flushdb);
        t.add("flushall", -1, WRITE, 0, 0, 0, "server", "1.0.0", "Removes all keys from all databases.",
                KeyCommands::flushall);
        t.add("select", 2, LOADING | STALE | FAST, 0, 0, 0, "connection", "1.0.0",
                "Changes the selected database.", KeyCommands::select);
    }

    static void del(Client c, byte[][] argv) {
        long deleted = 0;
        for (int j = 1; j < argv.length; j++) {
            c.db.expireIfNeeded(argv[j]);
            if (c.db.delete(argv[j])) {
                c.db.notify(NotifyType.GENERIC, "del", argv[j]);
                deleted++;
            }
        }
        c.reply.integer(deleted);
    }

    /** EXISTS counts without touching the keys' access time. */
    static void exists(Client c, byte[][] argv) {
        long count = 0;
        for (int j = 1; j < argv.length; j++) {
            if (c.db.lookupRead(argv[j], Database.NOTOUCH) != null) {
                count++;
            }
        }
        c.reply.integer(count);
    }

    /** TOUCH: EXISTS that does touch them (OBJECT IDLETIME starts again). */
    static void touch(Client c, byte[][] argv) {
        long count = 0;
        for (int j = 1; j < argv.length; j++) {
            if (c.db.lookupRead(argv[j]) != null) {
                count++;
            }
        }
        c.reply.integer(count);
    }

    static void type(Client c, byte[][] argv) {
        c.reply.simple(Value.typeOf(c.db.lookupRead(argv[1], Database.NOTOUCH)));
    }

    static void rename(Client c, byte[][] argv, boolean nx) {
        byte[] from = argv[1];
        byte[] to = argv[2];
        Database db = c.db;
        Object value = db.lookup(from);
        if (value == null) {
            c.reply.error(Errors.NO_SUCH_KEY);
            return;
        }
        if (java.util.Arrays.equals(from, to)) {
            c.reply.raw(nx ? ReplyWriter.ZERO : ReplyWriter.OK);
            return;
        }
        long expire = db.expireOf(from);
        int meta = db.metaOf(from);
        if (db.lookup(to) != null) {
            if (nx) {
                c.reply.raw(ReplyWriter.ZERO);
                return;
            }
            db.delete(to);
        }
        db.delete(from);
        db.addWithMeta(to, value, meta); // the same object, with its access time and encoding
        if (expire != -1) {
            db.setExpire(to, expire);
        }
        db.notify(NotifyType.GENERIC, "rename_from", from);
        db.notify(NotifyType.GENERIC, "rename_to", to);
        c.reply.raw(nx ? ReplyWriter.ONE : ReplyWriter.OK);
    }

    static void keys(Client c, byte[][] argv) {
        byte[] pattern = argv[1];
        boolean all = Glob.isMatchAll(pattern);
        Database db = c.db;
        List<byte[]> found = new ArrayList<>();
        db.keys.forEach(e -> {
            if ((all || Glob.matches(pattern, e.key)) && !db.isExpired(e.key)) {
                found.add(e.key);
            }
        });
        c.reply.array(found.size());
        for (byte[] k : found) {
            c.reply.bulk(k);
        }
    }

    static void randomkey(Client c, byte[][] argv) {
        Database db = c.db;
        // Redis's dbRandomKey: retry when the pick has expired; give up returning
        // an expired key if every key is volatile and many tries failed.
        for (int tries = 0; ; tries++) {
            Dict.Entry e = db.keys.randomEntry(c.server.random);
            if (e == null) {
                c.reply.nullBulk();
                return;
            }
            if (db.expires.isEmpty() || !db.isExpired(e.key)) {
                c.reply.bulk(e.key);
                return;
            }
            if (db.expires.size() == db.keys.size() && tries >= 100) {
                c.reply.bulk(e.key);
                return;
            }
            db.deleteExpired(e.key);
        }
    }

    /** FLUSHDB/FLUSHALL's optional SYNC or ASYNC; false after a syntax error reply. */
    private static boolean flushFlagsValid(Client c, byte[][] argv) {
        if (argv.length == 1 || (argv.length == 2 && (Args.is(argv[1], "sync") || Args.is(argv[1], "async")))) {
            return true;
        }
        c.reply.error(Errors.SYNTAX);
        return false;
    }

    static void flushdb(Client c, byte[][] argv) {
        if (!flushFlagsValid(c, argv)) {
            return;
        }
        c.db.flush();
        c.server.tracking.flushed();
        c.reply.ok();
    }

    static void flushall(Client c, byte[][] argv) {
        if (!flushFlagsValid(c, argv)) {
            return;
        }
        for (Database db : c.server.dbs) {
            db.flush();
        }
        c.server.tracking.flushed();
        c.reply.ok();
    }

    static void select(Client c, byte[][] argv) {
        if (!Args.isInt(c, argv[1])) {
            return;
        }
        long id = Numbers.toLong(argv[1]);
        if (id < 0 || id >= c.server.dbs.length) {
            c.reply.error(Errors.DB_INDEX);
            return;
        }
        c.db = c.server.dbs[(int) id];
        c.reply.ok();
    }
}
