package dev.aioj.server;

/**
 * Reading command arguments the way Redis's getXxxFromObjectOrReply
 * functions do: each check replies with Redis's error and returns false, so
 * a handler reads {@code if (!Args.isLong(c, argv[2])) return;} and then
 * converts without a second check.
 *
 * <p>Thread contract: the server's loop thread only (replies go to the client).
 */
final class Args {

    private Args() {}

    /** Whether {@code arg} equals the lower-case ASCII word {@code word}, ignoring case (strcasecmp). */
    static boolean is(byte[] arg, String word) {
        if (arg.length != word.length()) {
            return false;
        }
        for (int i = 0; i < arg.length; i++) {
            int b = arg[i];
            if (b >= 'A' && b <= 'Z') {
                b += 'a' - 'A';
            }
            if (b != word.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** True if {@code arg} is an integer; else replies "value is not an integer or out of range". */
    static boolean isLong(Client c, byte[] arg) {
        if (Numbers.isLong(arg)) {
            return true;
        }
        c.reply.error(Errors.NOT_INTEGER);
        return false;
    }

    /** True if {@code arg} is an integer that fits an int (Redis's getIntFromObjectOrReply). */
    static boolean isInt(Client c, byte[] arg) {
        return isLongInRange(c, arg, Integer.MIN_VALUE, Integer.MAX_VALUE);
    }

    /**
     * True if {@code arg} is an integer in [min, max] (Redis's
     * getRangeLongFromObjectOrReply without a custom message): the integer
     * error for a non-integer, Redis's "must between" text for one out of range.
     */
    static boolean isLongInRange(Client c, byte[] arg, long min, long max) {
        if (!isLong(c, arg)) {
            return false;
        }
        long v = Numbers.toLong(arg);
        if (v < min || v > max) {
            c.reply.error("ERR value is out of range, value must between " + min + " and " + max);
            return false;
        }
        return true;
    }

    /**
     * True if {@code arg} is an integer in [min, max]; else replies {@code
     * error} (Redis's getRangeLongFromObjectOrReply with a message: one text
     * for a non-integer and for a value out of range).
     */
    static boolean isLongInRange(Client c, byte[] arg, long min, long max, String error) {
        if (Numbers.isLong(arg)) {
            long v = Numbers.toLong(arg);
            if (v >= min && v <= max) {
                return true;
            }
        }
        c.reply.error(error);
        return false;
    }

    /**
     * True if {@code arg} is an integer &gt;= 0 (Redis's
     * getPositiveLongFromObjectOrReply); else replies "value is out of range,
     * must be positive", for a non-integer too, as Redis does.
     */
    static boolean isPositiveLong(Client c, byte[] arg) {
        if (Numbers.isLong(arg) && Numbers.toLong(arg) >= 0) {
            return true;
        }
        c.reply.error(Errors.POSITIVE);
        return false;
    }

    /** The double {@code arg} names (strtod's syntax), or NaN after replying "value is not a valid float". */
    static double doubleOrReply(Client c, byte[] arg) {
        double d = Numbers.parseDouble(arg);
        if (Double.isNaN(d)) {
            c.reply.error(Errors.NOT_FLOAT);
        }
        return d;
    }
}
