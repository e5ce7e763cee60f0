package dev.aioj.server;

import static dev.aioj.server.Command.DENYOOM;
import static dev.aioj.server.Command.FAST;
import static dev.aioj.server.Command.READONLY;
import static dev.aioj.server.Command.WRITE;

/**
 * Sorted set commands but the range queries (those are in {@link
 * ZRangeCommands}): ZADD with NX/XX/GT/LT/CH/INCR, ZINCRBY, ZSCORE, ZREM,
 * ZREMRANGEBYSCORE, ZREMRANGEBYRANK, ZCARD, ZRANK, ZREVRANK, ZCOUNT,
 * ZPOPMIN, ZPOPMAX. Ported from Redis's t_zset.c, including its RESP3 shapes
 * (doubles, nested pairs for popped members with COUNT).
 *
 * <p>Thread contract: the server's loop thread only.
 */
final class SortedSetCommands {

    private SortedSetCommands() {}

    static void register(CommandTable.Builder t) {
        String g = "sorted_set";
        t.add("zadd", -4, WRITE | DENYOOM | FAST, 1, 1, 1, g, "1.2.0",
                "Adds one or more members to a sorted set, or updates their scores. Creates the key if it doesn't exist.",
                (c, a) -> zadd(c, a, false));
        t.add("zincrby", 4, WRITE | DENYOOM | FAST, 1, 1, 1, g, "1.2.0",
                "Increments the score of a member in a sorted set.", (c, a) -> zadd(c, a, true));
        t.add("zscore", 3, READONLY | FAST, 1, 1, 1, g, "1.2.0",
                "Returns the score of a member in a sorted set.", SortedSetCommands::zscore);
        t.add("zrem", -3, WRITE | FAST, 1, 1, 1, g, "1.2.0",
                "Removes one or more members from a sorted set. Deletes the sorted set if all members were removed.",
                SortedSetCommands::zrem);
        t.add("zcard", 2, READONLY | FAST, 1, 1, 1, g, "1.2.0", "Returns the number of members in a sorted set.",
                SortedSetCommands::zcard);
        t.add("zrank", 3, READONLY | FAST, 1, 1, 1, g, "2.0.0",
                "Returns the index of a member in a sorted set ordered by ascending scores.",
                (c, a) -> zrank(c, a, false));
        t.add("zrevrank", 3, READONLY | FAST, 1, 1, 1, g, "2.0.0",
                "Returns the index of a member in a sorted set ordered by descending scores.",
                (c, a) -> zrank(c, a, true));
        t.add("zcount", 4, READONLY | FAST, 1, 1, 1, g, "2.0.0",
                "Returns the count of members in a sorted set that have scores within a range.",
                SortedSetCommands::zcount);
        t.add("zremrangebyscore", 4, WRITE, 1, 1, 1, g, "1.2.0",
                "Removes members in a sorted set within a range of scores. Deletes the sorted set if all members were "
                        + "removed.", (c, a) -> zremrange(c, a, false));
        t.add("zremrangebyrank", 4, WRITE, 1, 1, 1, g, "2.0.0",
                "Removes members in a sorted set within a range of indexes. Deletes the sorted set if all members "
                        + "were removed.", (c, a) -> zremrange(c, a, true));
        t.add("zpopmin", -2, WRITE | FAST, 1, 1, 1, g, "5.0.0",
                "Returns the lowest-scoring members from a sorted set after removing them. Deletes the sorted set if "
                        + "the last member was popped.", (c, a) -> zpop(c, a, false));
        t.add("zpopmax", -2, WRITE | FAST, 1, 1, 1, g, "5.0.0",
                "Returns the highest-scoring members from a sorted set after removing them. Deletes the sorted set "
                        + "if the last member was popped.", (c, a) -> zpop(c, a, true));
    }

    /** Marker for "wrong type, already replied". */
    static final SortedSet WRONG = new SortedSet(new EncodingLimits(), 0, new java.util.SplittableRandom(0));

    static SortedSet zset(Client c, Object v) {
        if (v == null || v instanceof SortedSet) {
            return (SortedSet) v;
        }
        c.reply.error(Errors.WRONGTYPE);
        return WRONG;
    }

    private static final int NX = 1;
    private static final int XX = 2;
    private static final int GT = 4;
    private static final int LT = 8;
    private static final int INCR = 16;

    /** Redis's zaddGenericCommand; ZINCRBY is ZADD with INCR. */
    static void zadd(Client c, byte[][] argv, boolean zincrby) {
        int flags = zincrby ? INCR : 0;
        boolean ch = false;
        int scoreIdx = 2;
        for (; scoreIdx < argv.length; scoreIdx++) {
            byte[] opt = argv[scoreIdx];
            if (Args.is(opt, "nx")) {
                flags |= NX;
            } else if (Args.is(opt, "xx")) {
                flags |= XX;
            } else if (Args.is(opt, "ch")) {
                ch = true;
            } else if (Args.is(opt, "incr")) {
                flags |= INCR;
            } else if (Args.is(opt, "gt")) {
                flags |= GT;
            } else if (Args.is(opt, "lt")) {
                flags |= LT;
            } else {
                break;
            }
        }
        int elements = argv.length - scoreIdx;
        if (elements % 2 != 0 || elements == 0) {
            c.reply.error(Errors.SYNTAX);
            return;
        }
        elements /= 2;
        if ((flags & NX) != 0 && (flags & XX) != 0) {
            c.reply.error("ERR XX and NX options at the same time are not compatible");
            return;
        }
        if (((flags & GT) != 0 && (flags & NX) != 0) || ((flags & LT) != 0 && (flags & NX) != 0)
                || ((flags & GT) != 0 && (flags & LT) != 0)) {
            c.reply.error("ERR GT, LT, and/or NX options at the same time are not compatible");
            return;
        }
        boolean incr = (flags & INCR) != 0;
        if (incr && elements > 1) {
            c.reply.error("ERR INCR option supports a single increment-element pair");
            return;
        }
        double[] scores = new double[elements];
        for (int j = 0; j < elements; j++) {
            scores[j] = Args.doubleOrReply(c, argv[scoreIdx + j * 2]);
            if (Double.isNaN(scores[j])) {
                return;
            }
        }
        byte[] key = argv[1];
        SortedSet z = zset(c, c.db.lookup(key));
        if (z == WRONG) {
            return;
        }
        long added = 0;
        long updated = 0;
        long processed = 0;
        double score = 0;
        if (z == null && (flags & XX) == 0) {
            z = c.server.newSortedSet();
            c.db.add(key, z);
        }
        if (z != null) {
            for (int j = 0; j < elements; j++) {
                byte[] member = argv[scoreIdx + 1 + j * 2];
                double s = scores[j];
                SkipList.Node node = z.node(member);
                if (node != null) {
                    if ((flags & NX) != 0) {
                        continue;
                    }
                    double current = node.score;
                    if (incr) {
                        s += current;
                        if (Double.isNaN(s)) {
                            c.reply.error("ERR resulting score is not a number (NaN)");
                            signalIfChanged(c, key, added, updated, "zincr");
                            return;
                        }
                    }
                    if (((flags & LT) != 0 && s >= current) || ((flags & GT) != 0 && s <= current)) {
                        continue;
                    }
                    score = s;
                    processed++;
                    if (s != current) {
                        z.put(member, s);
                        updated++;
                    }
                } else if ((flags & XX) == 0) {
                    z.put(member, s);
                    added++;
                    processed++;
                    score = s;
                }
            }
        }
        if (incr) {
            if (processed > 0) {
                c.reply.doubleValue(score);
            } else {
                c.reply.nullBulk();
            }
        } else {
            c.reply.integer(ch ? added + updated : added);
        }
        signalIfChanged(c, key, added, updated, incr ? "zincr" : "zadd");
    }

    private static void signalIfChanged(Client c, byte[] key, long added, long updated, String event) {
        if (added > 0 || updated > 0) {
            c.db.signalModified(key);
            c.db.notify(NotifyType.ZSET, event, key);
        }
    }

    static void zscore(Client c, byte[][] argv) {
        SortedSet z = zset(c, c.db.lookupRead(argv[1]));
        if (z == WRONG) {
            return;
        }
        SkipList.Node node = z == null ? null : z.node(argv[2]);
        if (node == null) {
            c.reply.nullBulk();
        } else {
            c.reply.doubleValue(node.score);
        }
    }

    static void zrem(Client c, byte[][] argv) {
        SortedSet z = zset(c, c.db.lookup(argv[1]));
        if (z == WRONG) {
            return;
        }
        if (z == null) {
            c.reply.raw(ReplyWriter.ZERO);
            return;
        }
        long deleted = 0;
        for (int j = 2; j < argv.length; j++) {
            if (z.remove(argv[j])) {
                deleted++;
                if (z.size() == 0) {
                    break;
                }
            }
        }
        if (deleted > 0) {
            removedMembers(c, argv[1], z, "zrem");
        }
        c.reply.integer(deleted);
    }

    /** After members left a sorted set: the {@code event}, then the set deleted if empty (and {@code del}). */
    static void removedMembers(Client c, byte[] key, SortedSet z, String event) {
        c.db.notify(NotifyType.ZSET, event, key);
        if (z.size() == 0) {
            c.db.delete(key);
            c.db.notify(NotifyType.GENERIC, "del", key);
        } else {
            c.db.signalModified(key);
        }
    }

    static void zcard(Client c, byte[][] argv) {
        SortedSet z = zset(c, c.db.lookupRead(argv[1]));
        if (z != WRONG) {
            c.reply.integer(z == null ? 0 : z.size());
        }
    }

    static void zrank(Client c, byte[][] argv, boolean reverse) {
        SortedSet z = zset(c, c.db.lookupRead(argv[1]));
        if (z == WRONG) {
            return;
        }
        long rank = z == null ? -1 : z.rank(argv[2]);
        if (rank < 0) {
            c.reply.nullBulk();
        } else {
            c.reply.integer(reverse ? z.size() - 1 - rank : rank);
        }
    }

    static void zcount(Client c, byte[][] argv) {
        SkipList.ScoreRange range = ZRangeCommands.parseScoreRange(argv[2], argv[3]);
        if (range == null) {
            c.reply.error("ERR min or max is not a float");
            return;
        }
        SortedSet z = zset(c, c.db.lookupRead(argv[1]));
        if (z == WRONG) {
            return;
        }
        if (z == null) {
            c.reply.raw(ReplyWriter.ZERO);
            return;
        }
        SkipList.Node first = z.list.firstInRange(range);
        if (first == null) {
            c.reply.raw(ReplyWriter.ZERO);
            return;
        }
        SkipList.Node last = z.list.lastInRange(range);
        long firstRank = z.list.rank(first.score, first.member);
        long lastRank = z.list.rank(last.score, last.member);
        c.reply.integer(lastRank - firstRank + 1);
    }

    /** Redis's zremrangeGenericCommand for ranks and scores. */
    static void zremrange(Client c, byte[][] argv, boolean byRank) {
        long start = 0;
        long end = 0;
        SkipList.ScoreRange range = null;
        if (byRank) {
            if (!Args.isLong(c, argv[2]) || !Args.isLong(c, argv[3])) {
                return;
            }
            start = Numbers.toLong(argv[2]);
            end = Numbers.toLong(argv[3]);
        } else {
            range = ZRangeCommands.parseScoreRange(argv[2], argv[3]);
            if (range == null) {
                c.reply.error("ERR min or max is not a float");
                return;
            }
        }
        SortedSet z = zset(c, c.db.lookup(argv[1]));
        if (z == WRONG) {
            return;
        }
        if (z == null) {
            c.reply.raw(ReplyWriter.ZERO);
            return;
        }
        java.util.List<byte[]> doomed = new java.util.ArrayList<>();
        if (byRank) {
            IndexRange ranks = IndexRange.ofElements(start, end, z.size());
            if (ranks.isEmpty()) {
                c.reply.raw(ReplyWriter.ZERO);
                return;
            }
            SkipList.Node n = z.list.byRank((int) ranks.start() + 1);
            for (long i = ranks.start(); i <= ranks.end() && n != null; i++, n = n.next()) {
                doomed.add(n.member);
            }
        } else {
            for (SkipList.Node n = z.list.firstInRange(range); n != null && range.belowMax(n.score); n = n.next()) {
                doomed.add(n.member);
            }
        }
        for (byte[] member : doomed) {
            z.remove(member);
        }
        if (!doomed.isEmpty()) {
            removedMembers(c, argv[1], z, byRank ? "zremrangebyrank" : "zremrangebyscore");
        }
        c.reply.integer(doomed.size());
    }

    /** Redis's zpopMinMaxCommand. */
    static void zpop(Client c, byte[][] argv, boolean max) {
        if (argv.length > 3) {
            c.reply.error(Errors.SYNTAX);
            return;
        }
        long count = -1;
        if (argv.length == 3) {
            if (!Args.isPositiveLong(c, argv[2])) {
                return;
            }
            count = Numbers.toLong(argv[2]);
        }
        boolean nested = c.reply.resp > 2 && count != -1;
        SortedSet z = zset(c, c.db.lookup(argv[1]));
        if (z == WRONG) {
            return;
        }
        if (z == null || count == 0) {
            c.reply.raw(ReplyWriter.EMPTY_ARRAY);
            return;
        }
        int n = (int) Math.min(count == -1 ? 1 : count, z.size());
        c.reply.array(nested ? n : n * 2);
        for (int i = 0; i < n; i++) {
            SkipList.Node node = max ? z.list.last() : z.list.first();
            byte[] member = node.member;
            double score = node.score;
            z.remove(member);
            if (nested) {
                c.reply.array(2);
            }
            c.reply.bulk(member);
            c.reply.doubleValue(score);
        }
        removedMembers(c, argv[1], z, max ? "zpopmax" : "zpopmin");
    }
}
