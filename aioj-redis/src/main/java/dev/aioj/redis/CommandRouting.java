package dev.aioj.redis;

import java.nio.charset.StandardCharsets;

/**
 * Which commands a {@link RedisClient} must not run on its shared, pipelined
 * connection. Blocking commands would stall every other caller behind them:
 * they are sent on a dedicated connection instead. Commands that change the
 * connection's state for everyone (WATCH, SELECT, SUBSCRIBE in RESP2, ...)
 * are refused with an explanation of what to use instead.
 *
 * <p>Checked for every command, so it looks at the first letter before
 * comparing names, and allocates nothing for ordinary commands.
 */
final class CommandRouting {

    enum Route { SHARED, DEDICATED, REFUSED }

    private CommandRouting() {}

    static Route route(Object[] args) {
        Object first = args[0];
        String name = first instanceof String s ? s
                : first instanceof byte[] b ? new String(b, StandardCharsets.US_ASCII) : String.valueOf(first);
        if (name.isEmpty()) {
            return Route.SHARED;
        }
        return switch (Character.toUpperCase(name.charAt(0))) {
            case 'B' -> is(name, "BLPOP", "BRPOP", "BLMOVE", "BRPOPLPUSH", "BZPOPMIN", "BZPOPMAX", "BLMPOP", "BZMPOP")
                    ? Route.DEDICATED : Route.SHARED;
            case 'X' -> is(name, "XREAD", "XREADGROUP") && hasBlockOption(args) ? Route.DEDICATED : Route.SHARED;
            case 'W' -> name.equalsIgnoreCase("WAIT") || name.equalsIgnoreCase("WAITAOF") ? Route.DEDICATED
                    : name.equalsIgnoreCase("WATCH") ? Route.REFUSED : Route.SHARED;
            case 'M' -> is(name, "MULTI", "MONITOR") ? Route.REFUSED : Route.SHARED;
            case 'E' -> name.equalsIgnoreCase("EXEC") ? Route.REFUSED : Route.SHARED;
            case 'D' -> name.equalsIgnoreCase("DISCARD") ? Route.REFUSED : Route.SHARED;
            case 'U' -> is(name, "UNWATCH", "UNSUBSCRIBE") ? Route.REFUSED : Route.SHARED;
            case 'S' -> is(name, "SELECT", "SUBSCRIBE", "SSUBSCRIBE", "SUNSUBSCRIBE") ? Route.REFUSED : Route.SHARED;
            case 'P' -> is(name, "PSUBSCRIBE", "PUNSUBSCRIBE") ? Route.REFUSED : Route.SHARED;
            case 'Q' -> name.equalsIgnoreCase("QUIT") ? Route.REFUSED : Route.SHARED;
            case 'R' -> name.equalsIgnoreCase("RESET") ? Route.REFUSED : Route.SHARED;
            default -> Route.SHARED;
        };
    }

    /** Why {@code name} is refused on the shared connection, and what to use instead. */
    static String refusal(Object[] args) {
        String name = args[0] instanceof byte[] b ? new String(b, StandardCharsets.US_ASCII) : String.valueOf(args[0]);
        return name + " would change the state of the connection every caller of this client shares; use "
                + "client.multi() for transactions, client.subscribe(...) for pub/sub, the URI's database for "
                + "SELECT, or client.dedicated() for a connection of your own";
    }

    private static boolean is(String name, String... candidates) {
        for (String candidate : candidates) {
            if (name.equalsIgnoreCase(candidate)) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasBlockOption(Object[] args) {
        for (Object arg : args) {
            if (arg instanceof String s && s.equalsIgnoreCase("BLOCK")) {
                return true;
            }
        }
        return false;
    }
}
