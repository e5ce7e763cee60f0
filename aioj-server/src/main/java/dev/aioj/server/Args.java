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

    /** True if {@code arg} is an integer that fits an int (Redis's getIntFromObjectOrReply and range checks). */
    static boolean isInt(Client c, byte[] arg) {
        if (Numbers.isLong(arg)) {
            long v = Numbers.toLong(arg);
            if (v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE) {
                return true;
            }
        }
        c.reply.error(Errors.NOT_INTEGER);
        return false;
    }

    /**
     * True if {@code arg} is a positive integer (Redis's
     * getPositiveLongFromObjectOrReply: 0 allowed); else replies "value is
     * out of range, must be positive" (or the integer error).
     */
    static boolean isPositiveLong(Client c, byte[] arg) {
        if (!isLong(c, arg)) {
            return false;
        }
        if (Numbers.toLong(arg) < 0) {
            c.reply.error(Errors.POSITIVE);
            return false;
        }
        return true;
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
