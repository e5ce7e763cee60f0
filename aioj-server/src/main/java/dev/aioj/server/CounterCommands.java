package dev.aioj.server;

import static dev.aioj.server.Command.DENYOOM;
import static dev.aioj.server.Command.FAST;
import static dev.aioj.server.Command.WRITE;

/**
 * Strings as numbers: INCR, DECR, INCRBY, DECRBY (64-bit, overflow refused)
 * and INCRBYFLOAT (Redis's long double arithmetic, see {@link LongDouble}).
 * Values stay decimal text, as Redis shows them.
 *
 * <p>Thread contract: the server's loop thread only.
 */
final class CounterCommands {

    private CounterCommands() {}

    static void register(CommandTable.Builder t) {
        String g = "string";
        t.add("incr", 2, WRITE | DENYOOM | FAST, 1, 1, 1, g, "1.0.0",
                "Increments the integer value of a key by one. Uses 0 as initial value if the key doesn't exist.",
                (c, a) -> incrBy(c, a[1], 1));
        t.add("decr", 2, WRITE | DENYOOM | FAST, 1, 1, 1, g, "1.0.0",
                "Decrements the integer value of a key by one. Uses 0 as initial value if the key doesn't exist.",
                (c, a) -> incrBy(c, a[1], -1));
        t.add("incrby", 3, WRITE | DENYOOM | FAST, 1, 1, 1, g, "1.0.0",
                "Increments the integer value of a key by a number. Uses 0 as initial value if the key doesn't exist.",
                CounterCommands::incrby);
        t.add("decrby", 3, WRITE | DENYOOM | FAST, 1, 1, 1, g, "1.0.0",
                "Decrements a number from the integer value of a key. Uses 0 as initial value if the key doesn't exist.",
                CounterCommands::decrby);
        t.add("incrbyfloat", 3, WRITE | DENYOOM | FAST, 1, 1, 1, g, "2.6.0",
                "Increment the floating point value of a key by a number. Uses 0 as initial value if the key doesn't exist.",
                CounterCommands::incrbyfloat);
    }

    static void incrby(Client c, byte[][] argv) {
        if (!Args.isLong(c, argv[2])) {
            return;
        }
        incrBy(c, argv[1], Numbers.toLong(argv[2]));
    }

    static void decrby(Client c, byte[][] argv) {
        if (!Args.isLong(c, argv[2])) {
            return;
        }
        long by = Numbers.toLong(argv[2]);
        if (by == Long.MIN_VALUE) {
            c.reply.error("ERR decrement would overflow");
            return;
        }
        incrBy(c, argv[1], -by);
    }

    /** Redis's incrDecrCommand. */
    static void incrBy(Client c, byte[] key, long increment) {
        Object v = c.db.lookup(key);
        long value = 0;
        if (v != null) {
            if (!(v instanceof byte[] s)) {
                c.reply.error(Errors.WRONGTYPE);
                return;
            }
            if (!Args.isLong(c, s)) {
                return;
            }
            value = Numbers.toLong(s);
        }
        if ((increment < 0 && value < 0 && increment < Long.MIN_VALUE - value)
                || (increment > 0 && value > 0 && increment > Long.MAX_VALUE - value)) {
            c.reply.error(Errors.INCR_OVERFLOW);
            return;
        }
        value += increment;
        c.db.set(key, Numbers.toBytes(value), true);
        c.db.notify(NotifyType.STRING, "incrby", key);
        c.reply.integer(value);
    }

    static void incrbyfloat(Client c, byte[][] argv) {
        byte[] key = argv[1];
        Object v = c.db.lookup(key);
        LongDouble.Parsed current = new LongDouble.Parsed(java.math.BigDecimal.ZERO, 0);
        if (v != null) {
            if (!(v instanceof byte[] s)) {
                c.reply.error(Errors.WRONGTYPE);
                return;
            }
            current = LongDouble.parse(s);
            if (current == null) {
                c.reply.error(Errors.NOT_FLOAT);
                return;
            }
        }
        LongDouble.Parsed increment = LongDouble.parse(argv[2]);
        if (increment == null) {
            c.reply.error(Errors.NOT_FLOAT);
            return;
        }
        byte[] result = LongDouble.addAndFormat(current, increment);
        if (result == null) {
            c.reply.error(Errors.NAN_OR_INFINITY);
            return;
        }
        c.db.set(key, result, true, ObjectEncoding.NOT_INT); // createStringObject: embstr, never int
        c.db.notify(NotifyType.STRING, "incrbyfloat", key);
        c.reply.bulk(result);
    }
}
