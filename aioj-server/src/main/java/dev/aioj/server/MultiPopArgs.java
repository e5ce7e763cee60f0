package dev.aioj.server;

/**
 * The arguments LMPOP, BLMPOP, ZMPOP and BZMPOP share: {@code numkeys key
 * [key ...] LEFT|RIGHT (or MIN|MAX) [COUNT count]}, parsed in Redis's order
 * and with its errors (lmpopGenericCommand, zmpopGenericCommand).
 *
 * @param keys the keys, in the order given
 * @param first true for LEFT (lists) or MIN (sorted sets)
 * @param count how many elements to pop at most, 1 without COUNT
 */
record MultiPopArgs(byte[][] keys, boolean first, long count) {

    /**
     * Parses {@code argv} from {@code numkeysIndex} on; {@code firstWord} and
     * {@code lastWord} are "left"/"right" or "min"/"max". Null after an error
     * reply.
     */
    static MultiPopArgs parse(Client c, byte[][] argv, int numkeysIndex, String firstWord, String lastWord) {
        if (!Args.isLongInRange(c, argv[numkeysIndex], 1, Long.MAX_VALUE, "ERR numkeys should be greater than 0")) {
            return null;
        }
        long numkeys = Numbers.toLong(argv[numkeysIndex]);
        long whereIndex = numkeysIndex + numkeys + 1;
        if (whereIndex >= argv.length) {
            c.reply.error(Errors.SYNTAX);
            return null;
        }
        boolean first;
        if (Args.is(argv[(int) whereIndex], firstWord)) {
            first = true;
        } else if (Args.is(argv[(int) whereIndex], lastWord)) {
            first = false;
        } else {
            c.reply.error(Errors.SYNTAX);
            return null;
        }
        long count = -1;
        for (int j = (int) whereIndex + 1; j < argv.length; j++) {
            boolean moreArgs = j < argv.length - 1;
            if (count == -1 && Args.is(argv[j], "count") && moreArgs) {
                j++;
                if (!Args.isLongInRange(c, argv[j], 1, Long.MAX_VALUE, "ERR count should be greater than 0")) {
                    return null;
                }
                count = Numbers.toLong(argv[j]);
            } else {
                c.reply.error(Errors.SYNTAX);
                return null;
            }
        }
        byte[][] keys = java.util.Arrays.copyOfRange(argv, numkeysIndex + 1, (int) whereIndex);
        return new MultiPopArgs(keys, first, count == -1 ? 1 : count);
    }
}
