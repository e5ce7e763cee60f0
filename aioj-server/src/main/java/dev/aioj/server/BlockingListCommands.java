package dev.aioj.server;

import static dev.aioj.server.Command.BLOCKING;
import static dev.aioj.server.Command.DENYOOM;
import static dev.aioj.server.Command.NOSCRIPT;
import static dev.aioj.server.Command.WRITE;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;

/**
 * The list commands that pop from the first non-empty of several lists, or
 * wait for one (Redis's t_list.c): BLPOP, BRPOP, BLMPOP and its non-blocking
 * twin LMPOP, and BLMOVE and BRPOPLPUSH, which wait on their source. The
 * waiting itself, its fairness and timeouts are {@link BlockedClients}'s; a
 * served client runs the same pop as a client that did not have to wait.
 *
 * <p>Inside MULTI/EXEC the commands never wait: they answer the null array
 * (BLMOVE the null bulk), as in Redis.
 *
 * <p>Thread contract: the server's loop thread only.
 */
final class BlockingListCommands {

    private BlockingListCommands() {}

    static void register(CommandTable.Builder t) {
        String g = "list";
        t.add("blpop", -3, WRITE | NOSCRIPT | BLOCKING, 1, -2, 1, g, "2.0.0",
                "Removes and returns the first element in a list. Blocks until an element is available otherwise. "
                        + "Deletes the list if the last element was popped.",
                (c, a) -> blockingPop(c, a, Arrays.copyOfRange(a, 1, a.length - 1), a.length - 1, true, -1));
        t.add("brpop", -3, WRITE | NOSCRIPT | BLOCKING, 1, -2, 1, g, "2.0.0",
                "Removes and returns the last element in a list. Blocks until an element is available otherwise. "
                        + "Deletes the list if the last element was popped.",
                (c, a) -> blockingPop(c, a, Arrays.copyOfRange(a, 1, a.length - 1), a.length - 1, false, -1));
        t.add("blmpop", -5, WRITE | BLOCKING, 0, 0, 0, g, "7.0.0",
                "Pop elements from a list, or block until one is available", BlockingListCommands::blmpop);
        t.add("lmpop", -4, WRITE, 0, 0, 0, g, "7.0.0", "Pop elements from a list", BlockingListCommands::lmpop);
        t.add("blmove", 6, WRITE | DENYOOM | NOSCRIPT | BLOCKING, 1, 2, 1, g, "6.2.0",
                "Pop an element from a list, push it to another list and return it; or block until one is available",
                BlockingListCommands::blmove);
        t.add("brpoplpush", 4, WRITE | DENYOOM | NOSCRIPT | BLOCKING, 1, 2, 1, g, "2.2.0",
                "Pop an element from a list, push it to another list and return it; or block until one is available",
                BlockingListCommands::brpoplpush);
    }

    /**
     * Redis's blockingPopGenericCommand: the timeout, then the first non-empty
     * list among {@code keys}; else wait. {@code count} -1 is BLPOP/BRPOP's
     * single element, else BLMPOP's up to {@code count}.
     */
    static void blockingPop(Client c, byte[][] argv, byte[][] keys, int timeoutIndex, boolean left, long count) {
        long timeoutMillis = timeoutMillis(c, argv[timeoutIndex]);
        if (timeoutMillis < 0) {
            return;
        }
        for (byte[] key : keys) {
            ListValue list = ListCommands.list(c, c.db.lookup(key));
            if (list == ListCommands.WRONG) {
                return;
            }
            if (list != null && !list.isEmpty()) {
                pop(c, key, list, left, count);
                return;
            }
        }
        if (c.inExec) {
            c.reply.nullArray();
            return;
        }
        c.server.blocking.block(c, keys, BlockedClients.Kind.LIST,
                (receiver, key) -> pop(receiver, key, (ListValue) receiver.db.lookup(key), left, count),
                timeoutMillis);
    }

    /**
     * Pops from a non-empty list and replies: {@code [key, element]} for
     * {@code count} -1, else {@code [key, [elements...]]} in pop order
     * (listPopRangeAndReplyWithKey).
     */
    private static void pop(Client c, byte[] key, ListValue list, boolean left, long count) {
        c.reply.array(2);
        c.reply.bulk(key);
        if (count == -1) {
            c.reply.bulk(left ? list.popFirst() : list.popLast());
        } else {
            int n = (int) Math.min(count, list.size());
            c.reply.array(n);
            for (int i = 0; i < n; i++) {
                c.reply.bulk(left ? list.popFirst() : list.popLast());
            }
        }
        ListCommands.removedElements(c.db, key, list, left ? "lpop" : "rpop");
    }

    static void blmpop(Client c, byte[][] argv) {
        MultiPopArgs args = MultiPopArgs.parse(c, argv, 2, "left", "right");
        if (args != null) {
            blockingPop(c, argv, args.keys(), 1, args.first(), args.count());
        }
    }

    /** Redis's mpopGenericCommand: BLMPOP that never waits; the null array when every list is empty. */
    static void lmpop(Client c, byte[][] argv) {
        MultiPopArgs args = MultiPopArgs.parse(c, argv, 1, "left", "right");
        if (args == null) {
            return;
        }
        for (byte[] key : args.keys()) {
            ListValue list = ListCommands.list(c, c.db.lookup(key));
            if (list == ListCommands.WRONG) {
                return;
            }
            if (list != null && !list.isEmpty()) {
                pop(c, key, list, args.first(), args.count());
                return;
            }
        }
        c.reply.nullArray();
    }

    static void blmove(Client c, byte[][] argv) {
        Boolean fromLeft = ListMoveCommands.side(c, argv[3]);
        if (fromLeft == null) {
            return;
        }
        Boolean toLeft = ListMoveCommands.side(c, argv[4]);
        if (toLeft == null) {
            return;
        }
        long timeoutMillis = timeoutMillis(c, argv[5]);
        if (timeoutMillis >= 0) {
            blockingMove(c, argv[1], argv[2], fromLeft, toLeft, timeoutMillis);
        }
    }

    static void brpoplpush(Client c, byte[][] argv) {
        long timeoutMillis = timeoutMillis(c, argv[3]);
        if (timeoutMillis >= 0) {
            blockingMove(c, argv[1], argv[2], false, true, timeoutMillis);
        }
    }

    /**
     * Redis's blmoveGenericCommand: LMOVE if the source has elements, else
     * wait on the source. A served client whose destination holds another
     * type by then gets WRONGTYPE and the source keeps its element, as in
     * Redis.
     */
    private static void blockingMove(Client c, byte[] source, byte[] destination, boolean fromLeft, boolean toLeft,
            long timeoutMillis) {
        ListValue src = ListCommands.list(c, c.db.lookup(source));
        if (src == ListCommands.WRONG) {
            return;
        }
        if (src != null) {
            ListMoveCommands.move(c, source, destination, fromLeft, toLeft);
            return;
        }
        if (c.inExec) {
            c.reply.nullBulk();
            return;
        }
        c.server.blocking.block(c, new byte[][] {source}, BlockedClients.Kind.LIST,
                (receiver, key) -> ListMoveCommands.move(receiver, key, destination, fromLeft, toLeft),
                timeoutMillis);
    }

    /**
     * A timeout in seconds (decimals allowed) as milliseconds, rounded up as
     * Redis's getTimeoutFromObjectOrReply does; 0 waits forever; -1 after an
     * error reply.
     *
     * <p>Redis 7.0 converts {@code ceill(seconds * 1000.0)} to a long long:
     * infinities and values past its range become LLONG_MIN on x86-64, so
     * they answer "timeout is negative" like negative ones. A timeout too far
     * away to ever expire (beyond Long.MAX_VALUE / 4 ms, about 73 million
     * years) waits forever.
     */
    static long timeoutMillis(Client c, byte[] arg) {
        LongDouble.Parsed parsed = LongDouble.parse(arg);
        if (parsed == null) {
            c.reply.error(Errors.TIMEOUT_NOT_FLOAT);
            return -1;
        }
        if (parsed.isInfinite()) {
            c.reply.error(Errors.TIMEOUT_NEGATIVE);
            return -1;
        }
        // Redis computes ceill(seconds * 1000.0) in long double: round the product to that format first.
        BigDecimal product = LongDouble.roundToExtended(parsed.value().movePointRight(3));
        BigDecimal millis = product == null ? null : product.setScale(0, RoundingMode.CEILING);
        if (millis == null || millis.signum() < 0 || millis.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            c.reply.error(Errors.TIMEOUT_NEGATIVE);
            return -1;
        }
        return millis.compareTo(BigDecimal.valueOf(Long.MAX_VALUE / 4)) > 0 ? 0 : millis.longValueExact();
    }
}
