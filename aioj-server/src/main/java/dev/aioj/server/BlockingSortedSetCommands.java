package dev.aioj.server;

import static dev.aioj.server.Command.BLOCKING;
import static dev.aioj.server.Command.FAST;
import static dev.aioj.server.Command.NOSCRIPT;
import static dev.aioj.server.Command.WRITE;

import java.util.Arrays;

/**
 * The sorted set commands that pop from the first non-empty of several sorted
 * sets, or wait for one (Redis's t_zset.c): BZPOPMIN, BZPOPMAX, BZMPOP and its
 * non-blocking twin ZMPOP. ZPOPMIN and ZPOPMAX (one key, no key in the reply)
 * are in {@link SortedSetCommands}; the waiting is {@link BlockedClients}'s.
 *
 * <p>Reply shapes, as Redis's genericZpopCommand: BZPOPMIN/BZPOPMAX answer
 * {@code [key, member, score]}; ZMPOP/BZMPOP {@code [key, [[member, score],
 * ...]]}; scores are RESP3 doubles under HELLO 3.
 *
 * <p>Thread contract: the server's loop thread only.
 */
final class BlockingSortedSetCommands {

    private BlockingSortedSetCommands() {}

    static void register(CommandTable.Builder t) {
        String g = "sorted_set";
        t.add("bzpopmin", -3, WRITE | NOSCRIPT | FAST | BLOCKING, 1, -2, 1, g, "5.0.0",
                "Remove and return the member with the lowest score from one or more sorted sets, or block until one "
                        + "is available",
                (c, a) -> blockingPop(c, a, Arrays.copyOfRange(a, 1, a.length - 1), a.length - 1, true, -1));
        t.add("bzpopmax", -3, WRITE | NOSCRIPT | FAST | BLOCKING, 1, -2, 1, g, "5.0.0",
                "Remove and return the member with the highest score from one or more sorted sets, or block until one "
                        + "is available",
                (c, a) -> blockingPop(c, a, Arrays.copyOfRange(a, 1, a.length - 1), a.length - 1, false, -1));
        t.add("bzmpop", -5, WRITE | BLOCKING, 0, 0, 0, g, "7.0.0",
                "Remove and return members with scores in a sorted set or block until one is available",
                BlockingSortedSetCommands::bzmpop);
        t.add("zmpop", -4, WRITE, 0, 0, 0, g, "7.0.0", "Remove and return members with scores in a sorted set",
                BlockingSortedSetCommands::zmpop);
    }

    /**
     * Redis's blockingGenericZpopCommand: the timeout, then the first existing
     * sorted set among {@code keys}; else wait. {@code count} -1 is
     * BZPOPMIN/BZPOPMAX's single member, else BZMPOP's up to {@code count}.
     */
    static void blockingPop(Client c, byte[][] argv, byte[][] keys, int timeoutIndex, boolean min, long count) {
        long timeoutMillis = BlockingListCommands.timeoutMillis(c, argv[timeoutIndex]);
        if (timeoutMillis < 0) {
            return;
        }
        for (byte[] key : keys) {
            SortedSet z = SortedSetCommands.zset(c, c.db.lookup(key));
            if (z == SortedSetCommands.WRONG) {
                return;
            }
            if (z != null && z.size() > 0) {
                pop(c, key, z, min, count);
                return;
            }
        }
        if (c.inExec) {
            c.reply.nullArray();
            return;
        }
        c.server.blocking.block(c, keys, BlockedClients.Kind.ZSET,
                (receiver, key) -> pop(receiver, key, (SortedSet) receiver.db.lookup(key), min, count),
                timeoutMillis);
    }

    /**
     * Pops from a non-empty sorted set and replies: {@code [key, member,
     * score]} for {@code count} -1, else {@code [key, [[member, score],
     * ...]]}; deletes the set once empty.
     */
    private static void pop(Client c, byte[] key, SortedSet z, boolean min, long count) {
        int n = (int) Math.min(count == -1 ? 1 : count, z.size());
        boolean nested = count != -1;
        if (nested) {
            c.reply.array(2);
            c.reply.bulk(key);
            c.reply.array(n);
        } else {
            c.reply.array(3);
            c.reply.bulk(key);
        }
        for (int i = 0; i < n; i++) {
            SkipList.Node node = min ? z.list.first() : z.list.last();
            byte[] member = node.member;
            double score = node.score;
            z.remove(member);
            if (nested) {
                c.reply.array(2);
            }
            c.reply.bulk(member);
            c.reply.doubleValue(score);
        }
        SortedSetCommands.removedMembers(c, key, z, min ? "zpopmin" : "zpopmax");
    }

    static void bzmpop(Client c, byte[][] argv) {
        MultiPopArgs args = MultiPopArgs.parse(c, argv, 2, "min", "max");
        if (args != null) {
            blockingPop(c, argv, args.keys(), 1, args.first(), args.count());
        }
    }

    /** ZMPOP: BZMPOP that never waits; the null array when no key holds a sorted set. */
    static void zmpop(Client c, byte[][] argv) {
        MultiPopArgs args = MultiPopArgs.parse(c, argv, 1, "min", "max");
        if (args == null) {
            return;
        }
        for (byte[] key : args.keys()) {
            SortedSet z = SortedSetCommands.zset(c, c.db.lookup(key));
            if (z == SortedSetCommands.WRONG) {
                return;
            }
            if (z != null) {
                pop(c, key, z, args.first(), args.count());
                return;
            }
        }
        c.reply.nullArray();
    }
}
