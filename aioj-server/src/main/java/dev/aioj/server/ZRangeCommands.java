package dev.aioj.server;

import static dev.aioj.server.Command.READONLY;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Sorted set range queries: ZRANGE with BYSCORE, BYLEX, REV, LIMIT and
 * WITHSCORES (Redis 6.2's unified form), and the older ZRANGEBYSCORE,
 * ZREVRANGE, ZREVRANGEBYSCORE, ZRANGEBYLEX. One parser, Redis's
 * zrangeGenericCommand, with its quirks kept (a negative LIMIT offset
 * returns nothing, a negative count returns everything).
 *
 * <p>WITHSCORES replies are flat in RESP2 and [member, score] pairs in RESP3,
 * as in Redis 7.
 *
 * <p>Thread contract: the server's loop thread only.
 */
final class ZRangeCommands {

    private ZRangeCommands() {}

    private enum By { AUTO, RANK, SCORE, LEX }

    static void register(CommandTable.Builder t) {
        String g = "sorted_set";
        t.add("zrange", -4, READONLY, 1, 1, 1, g, "1.2.0", "Returns members in a sorted set within a range of indexes.",
                (c, a) -> zrange(c, a, By.AUTO, false, true));
        t.add("zrangebyscore", -4, READONLY, 1, 1, 1, g, "1.0.5",
                "Returns members in a sorted set within a range of scores.", (c, a) -> zrange(c, a, By.SCORE, false, false));
        t.add("zrevrange", -4, READONLY, 1, 1, 1, g, "1.2.0",
                "Returns members in a sorted set within a range of indexes in reverse order.",
                (c, a) -> zrange(c, a, By.RANK, true, false));
        t.add("zrevrangebyscore", -4, READONLY, 1, 1, 1, g, "2.2.0",
                "Returns members in a sorted set within a range of scores in reverse order.",
                (c, a) -> zrange(c, a, By.SCORE, true, false));
        t.add("zrangebylex", -4, READONLY, 1, 1, 1, g, "2.8.9",
                "Returns members in a sorted set within a lexicographical range.",
                (c, a) -> zrange(c, a, By.LEX, false, false));
    }

    /**
     * Redis's zrangeGenericCommand.
     *
     * @param autoDirection whether REV may be given (ZRANGE only)
     */
    static void zrange(Client c, byte[][] argv, By by, boolean reverse, boolean autoDirection) {
        boolean withScores = false;
        long offset = 0;
        long limit = -1;
        boolean limitGiven = false;
        for (int j = 4; j < argv.length; j++) {
            int left = argv.length - j - 1;
            if (Args.is(argv[j], "withscores")) {
                withScores = true;
            } else if (Args.is(argv[j], "limit") && left >= 2) {
                if (!Args.isLong(c, argv[j + 1]) || !Args.isLong(c, argv[j + 2])) {
                    return;
                }
                offset = Numbers.toLong(argv[j + 1]);
                limit = Numbers.toLong(argv[j + 2]);
                limitGiven = true;
                j += 2;
            } else if (autoDirection && !reverse && Args.is(argv[j], "rev")) {
                reverse = true;
            } else if (by == By.AUTO && Args.is(argv[j], "bylex")) {
                by = By.LEX;
            } else if (by == By.AUTO && Args.is(argv[j], "byscore")) {
                by = By.SCORE;
            } else {
                c.reply.error(Errors.SYNTAX);
                return;
            }
        }
        if (by == By.AUTO) {
            by = By.RANK;
        }
        if (limitGiven && limit != -1 && by == By.RANK) {
            c.reply.error("ERR syntax error, LIMIT is only supported in combination with either BYSCORE or BYLEX");
            return;
        }
        if (withScores && by == By.LEX) {
            c.reply.error("ERR syntax error, WITHSCORES not supported in combination with BYLEX");
            return;
        }
        byte[] minArg = argv[2];
        byte[] maxArg = argv[3];
        if (reverse && by != By.RANK) {
            byte[] tmp = minArg;
            minArg = maxArg;
            maxArg = tmp;
        }
        long start = 0;
        long end = 0;
        SkipList.ScoreRange scoreRange = null;
        LexRange lexRange = null;
        switch (by) {
            case RANK -> {
                if (!Args.isLong(c, minArg) || !Args.isLong(c, maxArg)) {
                    return;
                }
                start = Numbers.toLong(minArg);
                end = Numbers.toLong(maxArg);
            }
            case SCORE -> {
                scoreRange = parseScoreRange(minArg, maxArg);
                if (scoreRange == null) {
                    c.reply.error("ERR min or max is not a float");
                    return;
                }
            }
            case LEX -> {
                lexRange = LexRange.parse(minArg, maxArg);
                if (lexRange == null) {
                    c.reply.error("ERR min or max not valid string range item");
                    return;
                }
            }
            default -> throw new IllegalStateException("unreachable: " + by);
        }
        SortedSet z = SortedSetCommands.zset(c, c.db.lookupRead(argv[1]));
        if (z == SortedSetCommands.WRONG) {
            return;
        }
        if (z == null) {
            c.reply.raw(ReplyWriter.EMPTY_ARRAY);
            return;
        }
        List<SkipList.Node> nodes = switch (by) {
            case RANK -> byRank(z, start, end, reverse);
            case SCORE -> byScore(z, scoreRange, offset, limit, reverse);
            case LEX -> byLex(z, lexRange, offset, limit, reverse);
            default -> throw new IllegalStateException("unreachable: " + by);
        };
        emit(c, nodes, withScores);
    }

    private static void emit(Client c, List<SkipList.Node> nodes, boolean withScores) {
        boolean pairs = withScores && c.reply.resp > 2;
        c.reply.array(withScores && !pairs ? nodes.size() * 2 : nodes.size());
        for (SkipList.Node n : nodes) {
            if (pairs) {
                c.reply.array(2);
            }
            c.reply.bulk(n.member);
            if (withScores) {
                c.reply.doubleValue(n.score);
            }
        }
    }

    private static List<SkipList.Node> byRank(SortedSet z, long start, long end, boolean reverse) {
        long llen = z.size();
        IndexRange ranks = IndexRange.ofElements(start, end, llen);
        List<SkipList.Node> nodes = new ArrayList<>();
        if (ranks.isEmpty()) {
            return nodes;
        }
        long n = ranks.count();
        SkipList.Node node = reverse ? z.list.byRank((int) (llen - ranks.start()))
                : z.list.byRank((int) (ranks.start() + 1));
        for (long i = 0; i < n && node != null; i++) {
            nodes.add(node);
            node = reverse ? node.backward : node.next();
        }
        return nodes;
    }

    private static List<SkipList.Node> byScore(SortedSet z, SkipList.ScoreRange range, long offset, long limit,
            boolean reverse) {
        List<SkipList.Node> nodes = new ArrayList<>();
        if (offset > 0 && offset >= z.size()) {
            return nodes;
        }
        SkipList.Node node = reverse ? z.list.lastInRange(range) : z.list.firstInRange(range);
        while (node != null && offset-- != 0) {
            node = reverse ? node.backward : node.next();
        }
        while (node != null && limit-- != 0) {
            if (reverse ? !range.aboveMin(node.score) : !range.belowMax(node.score)) {
                break;
            }
            nodes.add(node);
            node = reverse ? node.backward : node.next();
        }
        return nodes;
    }

    private static List<SkipList.Node> byLex(SortedSet z, LexRange range, long offset, long limit, boolean reverse) {
        List<SkipList.Node> nodes = new ArrayList<>();
        if (offset > 0 && offset >= z.size()) {
            return nodes;
        }
        // Lex ranges assume equal scores (as in Redis); walk in order to the first member in range.
        SkipList.Node node = reverse ? z.list.last() : z.list.first();
        while (node != null && !(reverse ? range.belowMax(node.member) : range.aboveMin(node.member))) {
            node = reverse ? node.backward : node.next();
        }
        if (node != null && !(reverse ? range.aboveMin(node.member) : range.belowMax(node.member))) {
            return nodes;
        }
        while (node != null && offset-- != 0) {
            node = reverse ? node.backward : node.next();
        }
        while (node != null && limit-- != 0) {
            if (reverse ? !range.aboveMin(node.member) : !range.belowMax(node.member)) {
                break;
            }
            nodes.add(node);
            node = reverse ? node.backward : node.next();
        }
        return nodes;
    }

    /**
     * A score interval as Redis's zslParseRange reads it: {@code (} makes an
     * end exclusive; C's strtod without Redis's usual strictness (leading
     * spaces and an empty string, read as 0, pass; "inf" is fine); null when
     * invalid.
     */
    static SkipList.ScoreRange parseScoreRange(byte[] min, byte[] max) {
        boolean minEx = min.length > 0 && min[0] == '(';
        boolean maxEx = max.length > 0 && max[0] == '(';
        double lo = lenientStrtod(minEx ? Arrays.copyOfRange(min, 1, min.length) : min);
        double hi = lenientStrtod(maxEx ? Arrays.copyOfRange(max, 1, max.length) : max);
        if (Double.isNaN(lo) || Double.isNaN(hi)) {
            return null;
        }
        return new SkipList.ScoreRange(lo, minEx, hi, maxEx);
    }

    /** strtod that must consume every byte but allows leading spaces, overflow, and "" (as 0). NaN: invalid. */
    private static double lenientStrtod(byte[] s) {
        int i = 0;
        while (i < s.length && InlineArgs.isSpace(s[i])) {
            i++;
        }
        if (i == s.length) {
            return i == 0 ? 0 : Double.NaN; // "" reads as 0; "  " leaves nothing parsed... and eptr at the end
        }
        String text = Numbers.strtodText(Arrays.copyOfRange(s, i, s.length));
        if (text == null) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /** One end of a ZRANGEBYLEX interval: {@code -}, {@code +}, {@code [member} or {@code (member}. */
    record LexBound(int infinity, byte[] value, boolean exclusive) {
        /** Redis's zslParseLexRangeItem; null when invalid. */
        static LexBound parse(byte[] item) {
            if (item.length == 0) {
                return null;
            }
            return switch (item[0]) {
                case '-' -> item.length == 1 ? new LexBound(-1, null, true) : null;
                case '+' -> item.length == 1 ? new LexBound(1, null, true) : null;
                case '(' -> new LexBound(0, Arrays.copyOfRange(item, 1, item.length), true);
                case '[' -> new LexBound(0, Arrays.copyOfRange(item, 1, item.length), false);
                default -> null;
            };
        }
    }

    /** A ZRANGEBYLEX interval. */
    record LexRange(LexBound min, LexBound max) {
        static LexRange parse(byte[] min, byte[] max) {
            LexBound lo = LexBound.parse(min);
            LexBound hi = LexBound.parse(max);
            return lo == null || hi == null ? null : new LexRange(lo, hi);
        }

        boolean aboveMin(byte[] member) {
            if (min.infinity() != 0) {
                return min.infinity() < 0;
            }
            int cmp = Arrays.compareUnsigned(member, min.value());
            return min.exclusive() ? cmp > 0 : cmp >= 0;
        }

        boolean belowMax(byte[] member) {
            if (max.infinity() != 0) {
                return max.infinity() > 0;
            }
            int cmp = Arrays.compareUnsigned(member, max.value());
            return max.exclusive() ? cmp < 0 : cmp <= 0;
        }
    }
}
