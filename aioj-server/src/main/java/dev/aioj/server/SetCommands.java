package dev.aioj.server;

import static dev.aioj.server.Command.DENYOOM;
import static dev.aioj.server.Command.FAST;
import static dev.aioj.server.Command.READONLY;
import static dev.aioj.server.Command.WRITE;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Set commands (Redis's t_set.c): SADD, SREM, SMEMBERS, SISMEMBER,
 * SMISMEMBER, SCARD, SINTER, SUNION, SDIFF and their STORE forms, SPOP and
 * SRANDMEMBER (with COUNT), SMOVE. Replies are sets in RESP3. SUNION and SDIFF build their
 * result as a new set, as Redis does, so integer results come out sorted;
 * SSCAN is in {@link ScanCommands}.
 *
 * <p>Thread contract: the server's loop thread only.
 */
final class SetCommands {

    private SetCommands() {}

    static void register(CommandTable.Builder t) {
        String g = "set";
        t.add("sadd", -3, WRITE | DENYOOM | FAST, 1, 1, 1, g, "1.0.0",
                "Adds one or more members to a set. Creates the key if it doesn't exist.", SetCommands::sadd);
        t.add("srem", -3, WRITE | FAST, 1, 1, 1, g, "1.0.0",
                "Removes one or more members from a set. Deletes the set if the last member was removed.",
                SetCommands::srem);
        t.add("smembers", 2, READONLY, 1, 1, 1, g, "1.0.0", "Returns all members of a set.",
                SetCommands::sinter);
        t.add("sismember", 3, READONLY | FAST, 1, 1, 1, g, "1.0.0",
                "Determines whether a member belongs to a set.", SetCommands::sismember);
        t.add("smismember", -3, READONLY | FAST, 1, 1, 1, g, "6.2.0",
                "Determines whether multiple members belong to a set.", SetCommands::smismember);
        t.add("scard", 2, READONLY | FAST, 1, 1, 1, g, "1.0.0", "Returns the number of members in a set.",
                SetCommands::scard);
        t.add("sinter", -2, READONLY, 1, -1, 1, g, "1.0.0", "Returns the intersect of multiple sets.",
                SetCommands::sinter);
        t.add("sunion", -2, READONLY, 1, -1, 1, g, "1.0.0", "Returns the union of multiple sets.",
                (c, a) -> unionOrDiff(c, a, true));
        t.add("sdiff", -2, READONLY, 1, -1, 1, g, "1.0.0", "Returns the difference of multiple sets.",
                (c, a) -> unionOrDiff(c, a, false));
        t.add("spop", -2, WRITE | FAST, 1, 1, 1, g, "1.0.0",
                "Returns one or more random members from a set after removing them. Deletes the set if the last "
                        + "member was popped.", SetCommands::spop);
        t.add("srandmember", -2, READONLY, 1, 1, 1, g, "1.0.0", "Get one or multiple random members from a set",
                SetCommands::srandmember);
        t.add("sinterstore", -3, WRITE | DENYOOM, 1, -1, 1, g, "1.0.0",
                "Stores the intersect of multiple sets in a key.", (c, a) -> store(c, a, "inter"));
        t.add("sunionstore", -3, WRITE | DENYOOM, 1, -1, 1, g, "1.0.0",
                "Stores the union of multiple sets in a key.", (c, a) -> store(c, a, "union"));
        t.add("sdiffstore", -3, WRITE | DENYOOM, 1, -1, 1, g, "1.0.0",
                "Stores the difference of multiple sets in a key.", (c, a) -> store(c, a, "diff"));
        t.add("smove", 4, WRITE | FAST, 1, 2, 1, g, "1.0.0", "Moves a member from one set to another.",
                SetCommands::smove);
    }

    /** Marker for "wrong type, already replied". */
    private static final SetValue WRONG = new SetValue(new EncodingLimits(), 0);

    private static SetValue set(Client c, Object v) {
        if (v == null || v instanceof SetValue) {
            return (SetValue) v;
        }
        c.reply.error(Errors.WRONGTYPE);
        return WRONG;
    }

    static void sadd(Client c, byte[][] argv) {
        SetValue s = set(c, c.db.lookup(argv[1]));
        if (s == WRONG) {
            return;
        }
        boolean created = s == null;
        if (created) {
            s = c.server.newSet();
        }
        long added = 0;
        for (int i = 2; i < argv.length; i++) {
            if (s.add(argv[i])) {
                added++;
            }
        }
        if (created) {
            c.db.add(argv[1], s);
        } else if (added > 0) {
            c.db.signalModified(argv[1]);
        }
        if (added > 0) {
            c.db.notify(NotifyType.SET, "sadd", argv[1]);
        }
        c.reply.integer(added);
    }

    static void srem(Client c, byte[][] argv) {
        SetValue s = set(c, c.db.lookup(argv[1]));
        if (s == WRONG) {
            return;
        }
        if (s == null) {
            c.reply.raw(ReplyWriter.ZERO);
            return;
        }
        long removed = 0;
        for (int i = 2; i < argv.length; i++) {
            if (s.remove(argv[i])) {
                removed++;
                if (s.size() == 0) {
                    break;
                }
            }
        }
        if (removed > 0) {
            removedMembers(c, argv[1], s, "srem");
        }
        c.reply.integer(removed);
    }

    /** After members left a set: the {@code event}, then the set deleted if empty (and {@code del}). */
    private static void removedMembers(Client c, byte[] key, SetValue s, String event) {
        c.db.notify(NotifyType.SET, event, key);
        if (s.size() == 0) {
            c.db.delete(key);
            c.db.notify(NotifyType.GENERIC, "del", key);
        } else {
            c.db.signalModified(key);
        }
    }

    static void sismember(Client c, byte[][] argv) {
        SetValue s = set(c, c.db.lookupRead(argv[1]));
        if (s != WRONG) {
            c.reply.raw(s != null && s.contains(argv[2]) ? ReplyWriter.ONE : ReplyWriter.ZERO);
        }
    }

    static void smismember(Client c, byte[][] argv) {
        SetValue s = set(c, c.db.lookupRead(argv[1]));
        if (s == WRONG) {
            return;
        }
        c.reply.array(argv.length - 2);
        for (int i = 2; i < argv.length; i++) {
            c.reply.raw(s != null && s.contains(argv[i]) ? ReplyWriter.ONE : ReplyWriter.ZERO);
        }
    }

    static void scard(Client c, byte[][] argv) {
        SetValue s = set(c, c.db.lookupRead(argv[1]));
        if (s != WRONG) {
            c.reply.integer(s == null ? 0 : s.size());
        }
    }

    /** The sets named by {@code argv[from..]}, null entries for missing keys; null after a WRONGTYPE reply. */
    private static SetValue[] sets(Client c, byte[][] argv, int from) {
        SetValue[] sets = new SetValue[argv.length - from];
        for (int i = from; i < argv.length; i++) {
            SetValue s = set(c, c.db.lookupRead(argv[i]));
            if (s == WRONG) {
                return null;
            }
            sets[i - from] = s;
        }
        return sets;
    }

    /** SINTER, and SMEMBERS (Redis runs it as a one-key SINTER). */
    static void sinter(Client c, byte[][] argv) {
        SetValue[] sets = sets(c, argv, 1);
        if (sets == null) {
            return;
        }
        List<byte[]> result = intersection(sets);
        c.reply.set(result.size());
        for (byte[] m : result) {
            c.reply.bulk(m);
        }
    }

    /** The members common to every set, in the smallest set's order; none if any set is missing. */
    private static List<byte[]> intersection(SetValue[] sets) {
        List<byte[]> result = new ArrayList<>();
        for (SetValue s : sets) {
            if (s == null) {
                return result;
            }
        }
        SetValue[] bySize = sets.clone();
        java.util.Arrays.sort(bySize, Comparator.comparingInt(SetValue::size));
        bySize[0].forEach(member -> {
            for (int j = 1; j < bySize.length; j++) {
                if (bySize[j] != bySize[0] && !bySize[j].contains(member)) {
                    return;
                }
            }
            result.add(member);
        });
        return result;
    }

    static void unionOrDiff(Client c, byte[][] argv, boolean union) {
        SetValue[] sets = sets(c, argv, 1);
        if (sets == null) {
            return;
        }
        SetValue result = unionOrDiff(c, sets, union);
        c.reply.set(result.size());
        result.forEach(c.reply::bulk);
    }

    /** Redis's sunionDiffGenericCommand: the result is built as a new set. */
    private static SetValue unionOrDiff(Client c, SetValue[] sets, boolean union) {
        SetValue result = c.server.newSet();
        if (union) {
            for (SetValue s : sets) {
                if (s != null) {
                    s.forEach(result::add);
                }
            }
        } else if (sets[0] != null) {
            sets[0].forEach(member -> {
                for (int j = 1; j < sets.length; j++) {
                    if (sets[j] != null && (sets[j] == sets[0] || sets[j].contains(member))) {
                        return;
                    }
                }
                result.add(member);
            });
        }
        return result;
    }

    /** SINTERSTORE, SUNIONSTORE, SDIFFSTORE: the result replaces the destination; empty deletes it. */
    static void store(Client c, byte[][] argv, String op) {
        SetValue[] sets = sets(c, argv, 2);
        if (sets == null) {
            return;
        }
        SetValue result;
        if (op.equals("inter")) {
            result = c.server.newSet();
            for (byte[] m : intersection(sets)) {
                result.add(m);
            }
        } else {
            result = unionOrDiff(c, sets, op.equals("union"));
        }
        if (result.size() == 0) {
            if (c.db.delete(argv[1])) {
                c.db.notify(NotifyType.GENERIC, "del", argv[1]);
            }
        } else {
            c.db.set(argv[1], result, false);
            c.db.notify(NotifyType.SET, switch (op) {
                case "inter" -> "sinterstore";
                case "union" -> "sunionstore";
                default -> "sdiffstore";
            }, argv[1]);
        }
        c.reply.integer(result.size());
    }

    /** Redis's SPOP_MOVE_STRATEGY_MUL: SPOP with a count rebuilds the set when at most 1/5 of it stays. */
    private static final int SPOP_MOVE_STRATEGY_MUL = 5;

    static void spop(Client c, byte[][] argv) {
        if (argv.length > 3) {
            c.reply.error(Errors.SYNTAX);
            return;
        }
        if (argv.length == 3) {
            if (!Args.isPositiveLong(c, argv[2])) {
                return;
            }
        }
        SetValue s = set(c, c.db.lookup(argv[1]));
        if (s == WRONG) {
            return;
        }
        if (argv.length == 2) {
            if (s == null) {
                c.reply.nullBulk();
                return;
            }
            byte[] member = s.random(c.server.random);
            s.remove(member);
            removedMembers(c, argv[1], s, "spop");
            c.reply.bulk(member);
            return;
        }
        long count = Numbers.toLong(argv[2]);
        if (s == null || count == 0) {
            c.reply.set(0);
            return;
        }
        int n = (int) Math.min(count, s.size());
        long remaining = s.size() - n;
        c.reply.set(n);
        for (int i = 0; i < n; i++) {
            byte[] member = s.random(c.server.random);
            s.remove(member);
            c.reply.bulk(member);
        }
        if (remaining > 0 && remaining * SPOP_MOVE_STRATEGY_MUL <= count) {
            // Redis builds a new set of the few members left (its CASE 3), which starts small again.
            SetValue rebuilt = c.server.newSet();
            s.forEach(rebuilt::add);
            c.db.set(argv[1], rebuilt, true);
            s = rebuilt;
        }
        removedMembers(c, argv[1], s, "spop");
    }

    static void srandmember(Client c, byte[][] argv) {
        if (argv.length > 3) {
            c.reply.error(Errors.SYNTAX);
            return;
        }
        long count = 0;
        if (argv.length == 3) {
            if (!Args.isLongInRange(c, argv[2], -Long.MAX_VALUE, Long.MAX_VALUE)) {
                return;
            }
            count = Numbers.toLong(argv[2]);
        }
        SetValue s = set(c, c.db.lookupRead(argv[1]));
        if (s == WRONG) {
            return;
        }
        if (argv.length == 2) {
            c.reply.bulkOrNull(s == null ? null : s.random(c.server.random));
            return;
        }
        if (s == null || count == 0) {
            c.reply.raw(ReplyWriter.EMPTY_ARRAY);
            return;
        }
        if (count < 0) {
            c.reply.array((int) Math.min(-count, Integer.MAX_VALUE));
            for (long i = 0; i < -count; i++) {
                c.reply.bulk(s.random(c.server.random));
            }
            return;
        }
        // Distinct members: all of them when asked for at least the size.
        List<byte[]> members = new ArrayList<>(s.size());
        s.forEach(members::add);
        if (count < members.size()) {
            java.util.Collections.shuffle(members, new java.util.Random(c.server.random.nextLong()));
            members = members.subList(0, (int) count);
        }
        c.reply.array(members.size());
        for (byte[] m : members) {
            c.reply.bulk(m);
        }
    }

    static void smove(Client c, byte[][] argv) {
        SetValue src = set(c, c.db.lookup(argv[1]));
        if (src == WRONG) {
            return;
        }
        SetValue dst = set(c, c.db.lookup(argv[2]));
        if (dst == WRONG) {
            return;
        }
        if (src == null) {
            c.reply.raw(ReplyWriter.ZERO);
            return;
        }
        if (src == dst) {
            c.reply.raw(src.contains(argv[3]) ? ReplyWriter.ONE : ReplyWriter.ZERO);
            return;
        }
        if (!src.remove(argv[3])) {
            c.reply.raw(ReplyWriter.ZERO);
            return;
        }
        removedMembers(c, argv[1], src, "srem");
        if (dst == null) {
            dst = c.server.newSet();
            dst.add(argv[3]);
            c.db.add(argv[2], dst);
            c.db.notify(NotifyType.SET, "sadd", argv[2]);
        } else if (dst.add(argv[3])) {
            c.db.signalModified(argv[2]);
            c.db.notify(NotifyType.SET, "sadd", argv[2]);
        }
        c.reply.raw(ReplyWriter.ONE);
    }
}
