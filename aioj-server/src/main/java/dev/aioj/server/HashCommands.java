package dev.aioj.server;

import static dev.aioj.server.Command.DENYOOM;
import static dev.aioj.server.Command.FAST;
import static dev.aioj.server.Command.READONLY;
import static dev.aioj.server.Command.WRITE;

/**
 * Hash commands (Redis's t_hash.c): HSET, HSETNX, HMSET, HGET, HMGET, HDEL,
 * HGETALL (a map in RESP3), HLEN, HEXISTS, HSTRLEN, HINCRBY, HINCRBYFLOAT,
 * HKEYS, HVALS. HSCAN is in {@link ScanCommands}. An emptied hash is deleted.
 *
 * <p>Thread contract: the server's loop thread only.
 */
final class HashCommands {

    private HashCommands() {}

    static void register(CommandTable.Builder t) {
        String g = "hash";
        t.add("hset", -4, WRITE | DENYOOM | FAST, 1, 1, 1, g, "2.0.0",
                "Creates or modifies the value of a field in a hash.", (c, a) -> hset(c, a, false));
        t.add("hmset", -4, WRITE | DENYOOM | FAST, 1, 1, 1, g, "2.0.0", "Sets the values of multiple fields.",
                (c, a) -> hset(c, a, true));
        t.add("hsetnx", 4, WRITE | DENYOOM | FAST, 1, 1, 1, g, "2.0.0",
                "Sets the value of a field in a hash only when the field doesn't exist.", HashCommands::hsetnx);
        t.add("hget", 3, READONLY | FAST, 1, 1, 1, g, "2.0.0", "Returns the value of a field in a hash.",
                HashCommands::hget);
        t.add("hmget", -3, READONLY | FAST, 1, 1, 1, g, "2.0.0", "Returns the values of all fields in a hash.",
                HashCommands::hmget);
        t.add("hdel", -3, WRITE | FAST, 1, 1, 1, g, "2.0.0",
                "Deletes one or more fields and their values from a hash. Deletes the hash if no fields remain.",
                HashCommands::hdel);
        t.add("hgetall", 2, READONLY, 1, 1, 1, g, "2.0.0", "Returns all fields and values in a hash.",
                (c, a) -> getAll(c, a, true, true));
        t.add("hkeys", 2, READONLY, 1, 1, 1, g, "2.0.0", "Returns all fields in a hash.",
                (c, a) -> getAll(c, a, true, false));
        t.add("hvals", 2, READONLY, 1, 1, 1, g, "2.0.0", "Returns all values in a hash.",
                (c, a) -> getAll(c, a, false, true));
        t.add("hlen", 2, READONLY | FAST, 1, 1, 1, g, "2.0.0", "Returns the number of fields in a hash.",
                HashCommands::hlen);
        t.add("hexists", 3, READONLY | FAST, 1, 1, 1, g, "2.0.0", "Determines whether a field exists in a hash.",
                HashCommands::hexists);
        t.add("hstrlen", 3, READONLY | FAST, 1, 1, 1, g, "3.2.0", "Returns the length of the value of a field.",
                HashCommands::hstrlen);
        t.add("hincrby", 4, WRITE | DENYOOM | FAST, 1, 1, 1, g, "2.0.0",
                "Increments the integer value of a field in a hash by a number. Uses 0 as initial value if the field "
                        + "doesn't exist.", HashCommands::hincrby);
        t.add("hincrbyfloat", 4, WRITE | DENYOOM | FAST, 1, 1, 1, g, "2.6.0",
                "Increments the floating point value of a field by a number. Uses 0 as initial value if the field "
                        + "doesn't exist.", HashCommands::hincrbyfloat);
    }

    /** Marker for "wrong type, already replied". */
    private static final HashValue WRONG = new HashValue(new EncodingLimits(), 0);

    private static HashValue hash(Client c, Object v) {
        if (v == null || v instanceof HashValue) {
            return (HashValue) v;
        }
        c.reply.error(Errors.WRONGTYPE);
        return WRONG;
    }

    /** The hash at {@code key} for writing, created (not yet stored) when absent; WRONG after a reply. */
    private static HashValue hashForWrite(Client c, byte[] key, boolean[] created) {
        HashValue h = hash(c, c.db.lookup(key));
        if (h == null) {
            created[0] = true;
            return c.server.newHash();
        }
        return h;
    }

    /** Stores a new hash, or tells WATCH an existing one changed; then the {@code event}. */
    private static void written(Client c, byte[] key, HashValue h, boolean created, String event) {
        if (created) {
            c.db.add(key, h);
        } else {
            c.db.signalModified(key);
        }
        c.db.notify(NotifyType.HASH, event, key);
    }

    static void hset(Client c, byte[][] argv, boolean legacy) {
        if (argv.length % 2 == 1) {
            c.reply.error(Errors.arity(legacy ? "hmset" : "hset"));
            return;
        }
        boolean[] created = new boolean[1];
        HashValue h = hashForWrite(c, argv[1], created);
        if (h == WRONG) {
            return;
        }
        long added = 0;
        for (int i = 2; i < argv.length; i += 2) {
            if (h.put(argv[i], argv[i + 1])) {
                added++;
            }
        }
        written(c, argv[1], h, created[0], "hset");
        if (legacy) {
            c.reply.ok();
        } else {
            c.reply.integer(added);
        }
    }

    static void hsetnx(Client c, byte[][] argv) {
        boolean[] created = new boolean[1];
        HashValue h = hashForWrite(c, argv[1], created);
        if (h == WRONG) {
            return;
        }
        if (h.contains(argv[2])) {
            c.reply.raw(ReplyWriter.ZERO);
            return;
        }
        h.put(argv[2], argv[3]);
        written(c, argv[1], h, created[0], "hset");
        c.reply.raw(ReplyWriter.ONE);
    }

    static void hget(Client c, byte[][] argv) {
        HashValue h = hash(c, c.db.lookupRead(argv[1]));
        if (h != WRONG) {
            c.reply.bulkOrNull(h == null ? null : h.get(argv[2]));
        }
    }

    static void hmget(Client c, byte[][] argv) {
        HashValue h = hash(c, c.db.lookupRead(argv[1]));
        if (h == WRONG) {
            return;
        }
        c.reply.array(argv.length - 2);
        for (int i = 2; i < argv.length; i++) {
            c.reply.bulkOrNull(h == null ? null : h.get(argv[i]));
        }
    }

    static void hdel(Client c, byte[][] argv) {
        HashValue h = hash(c, c.db.lookup(argv[1]));
        if (h == WRONG) {
            return;
        }
        if (h == null) {
            c.reply.raw(ReplyWriter.ZERO);
            return;
        }
        long deleted = 0;
        for (int i = 2; i < argv.length; i++) {
            if (h.remove(argv[i])) {
                deleted++;
                if (h.size() == 0) {
                    break;
                }
            }
        }
        if (deleted > 0) {
            if (h.size() == 0) {
                c.db.delete(argv[1]);
                c.db.notify(NotifyType.HASH, "hdel", argv[1]);
                c.db.notify(NotifyType.GENERIC, "del", argv[1]);
            } else {
                c.db.signalModified(argv[1]);
                c.db.notify(NotifyType.HASH, "hdel", argv[1]);
            }
        }
        c.reply.integer(deleted);
    }

    static void getAll(Client c, byte[][] argv, boolean keys, boolean values) {
        HashValue h = hash(c, c.db.lookupRead(argv[1]));
        if (h == WRONG) {
            return;
        }
        boolean both = keys && values;
        int n = h == null ? 0 : h.size();
        if (both) {
            c.reply.map(n);
        } else {
            c.reply.array(n);
        }
        if (h != null) {
            h.forEach((field, value) -> {
                if (keys) {
                    c.reply.bulk(field);
                }
                if (values) {
                    c.reply.bulk(value);
                }
            });
        }
    }

    static void hlen(Client c, byte[][] argv) {
        HashValue h = hash(c, c.db.lookupRead(argv[1]));
        if (h != WRONG) {
            c.reply.integer(h == null ? 0 : h.size());
        }
    }

    static void hexists(Client c, byte[][] argv) {
        HashValue h = hash(c, c.db.lookupRead(argv[1]));
        if (h != WRONG) {
            c.reply.raw(h != null && h.contains(argv[2]) ? ReplyWriter.ONE : ReplyWriter.ZERO);
        }
    }

    static void hstrlen(Client c, byte[][] argv) {
        HashValue h = hash(c, c.db.lookupRead(argv[1]));
        if (h != WRONG) {
            byte[] v = h == null ? null : h.get(argv[2]);
            c.reply.integer(v == null ? 0 : v.length);
        }
    }

    static void hincrby(Client c, byte[][] argv) {
        if (!Args.isLong(c, argv[3])) {
            return;
        }
        long increment = Numbers.toLong(argv[3]);
        boolean[] created = new boolean[1];
        HashValue h = hashForWrite(c, argv[1], created);
        if (h == WRONG) {
            return;
        }
        byte[] current = h.get(argv[2]);
        long value = 0;
        if (current != null) {
            if (!Numbers.isLong(current)) {
                c.reply.error(Errors.HASH_NOT_INTEGER);
                return;
            }
            value = Numbers.toLong(current);
        }
        if ((increment < 0 && value < 0 && increment < Long.MIN_VALUE - value)
                || (increment > 0 && value > 0 && increment > Long.MAX_VALUE - value)) {
            c.reply.error(Errors.INCR_OVERFLOW);
            return;
        }
        value += increment;
        h.put(argv[2], Numbers.toBytes(value));
        written(c, argv[1], h, created[0], "hincrby");
        c.reply.integer(value);
    }

    static void hincrbyfloat(Client c, byte[][] argv) {
        LongDouble.Parsed increment = LongDouble.parse(argv[3]);
        if (increment == null) {
            c.reply.error(Errors.NOT_FLOAT);
            return;
        }
        if (increment.isInfinite()) {
            c.reply.error("ERR value is NaN or Infinity");
            return;
        }
        boolean[] created = new boolean[1];
        HashValue h = hashForWrite(c, argv[1], created);
        if (h == WRONG) {
            return;
        }
        byte[] current = h.get(argv[2]);
        LongDouble.Parsed value = new LongDouble.Parsed(java.math.BigDecimal.ZERO, 0);
        if (current != null) {
            value = LongDouble.parse(current);
            if (value == null) {
                c.reply.error(Errors.HASH_NOT_FLOAT);
                return;
            }
        }
        byte[] result = LongDouble.addAndFormat(value, increment);
        if (result == null) {
            c.reply.error(Errors.NAN_OR_INFINITY);
            return;
        }
        h.put(argv[2], result);
        written(c, argv[1], h, created[0], "hincrbyfloat");
        c.reply.bulk(result);
    }
}
