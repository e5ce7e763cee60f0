package dev.aioj.server;

import static dev.aioj.server.Command.BLOCKING;
import static dev.aioj.server.Command.NOSCRIPT;
import static dev.aioj.server.Command.WRITE;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;

/**
 * BLPOP and BRPOP: pop from the first non-empty list among the keys, or wait
 * for one (Redis's blockingPopGenericCommand). The waiting itself, its
 * fairness and timeouts are {@link BlockedClients}'s. Inside MULTI/EXEC the
 * commands never wait: they answer the null array, as in Redis.
 *
 * <p>Thread contract: the server's loop thread only.
 */
final class BlockingListCommands {

    private BlockingListCommands() {}

    static void register(CommandTable.Builder t) {
        t.add("blpop", -3, WRITE | NOSCRIPT | BLOCKING, 1, -2, 1, "list", "2.0.0",
                "Removes and returns the first element in a list. Blocks until an element is available otherwise. "
                        + "Deletes the list if the last element was popped.",
                (c, a) -> blockingPop(c, a, true));
        t.add("brpop", -3, WRITE | NOSCRIPT | BLOCKING, 1, -2, 1, "list", "2.0.0",
                "Removes and returns the last element in a list. Blocks until an element is available otherwise. "
                        + "Deletes the list if the last element was popped.",
                (c, a) -> blockingPop(c, a, false));
    }

    static void blockingPop(Client c, byte[][] argv, boolean left) {
        long timeoutMillis = timeoutMillis(c, argv[argv.length - 1]);
        if (timeoutMillis < 0) {
            return;
        }
        byte[][] keys = Arrays.copyOfRange(argv, 1, argv.length - 1);
        for (byte[] key : keys) {
            ListValue list = ListCommands.list(c, c.db.lookup(key));
            if (list == ListCommands.WRONG) {
                return;
            }
            if (list == null || list.isEmpty()) {
                continue;
            }
            c.reply.array(2);
            c.reply.bulk(key);
            c.reply.bulk(left ? list.popFirst() : list.popLast());
            ListCommands.removedElements(c.db, key, list, left ? "lpop" : "rpop");
            return;
        }
        if (c.inExec) {
            c.reply.nullArray();
            return;
        }
        c.server.blocking.block(c, keys, left, timeoutMillis);
    }

    /**
     * A timeout in seconds (decimals allowed) as milliseconds, rounded up as
     * Redis's getTimeoutFromObjectOrReply does; 0 waits forever; -1 after an
     * error reply.
     */
    static long timeoutMillis(Client c, byte[] arg) {
        LongDouble.Parsed parsed = LongDouble.parse(arg);
        if (parsed == null) {
            c.reply.error(Errors.TIMEOUT_NOT_FLOAT);
            return -1;
        }
        if (parsed.isInfinite()) {
            c.reply.error(parsed.infinity() < 0 ? Errors.TIMEOUT_NEGATIVE : Errors.TIMEOUT_RANGE);
            return -1;
        }
        // Redis computes ceill(seconds * 1000.0) in long double: round the product to that format first.
        BigDecimal product = LongDouble.roundToExtended(parsed.value().movePointRight(3));
        if (product == null) {
            c.reply.error(Errors.TIMEOUT_RANGE);
            return -1;
        }
        BigDecimal millis = product.setScale(0, RoundingMode.CEILING);
        if (millis.signum() < 0) {
            c.reply.error(Errors.TIMEOUT_NEGATIVE);
            return -1;
        }
        if (millis.compareTo(BigDecimal.valueOf(Long.MAX_VALUE / 4)) > 0) {
            c.reply.error(Errors.TIMEOUT_RANGE);
            return -1;
        }
        return millis.longValueExact();
    }
}
