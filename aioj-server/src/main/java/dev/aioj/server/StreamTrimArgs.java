package dev.aioj.server;

/**
 * XADD's and XTRIM's trimming options (Redis's streamAddTrimArgs and
 * streamParseAddOrTrimArgsOrReply): MAXLEN or MINID, exact ({@code =}) or
 * approximate ({@code ~}), LIMIT (for {@code ~} only; 100 nodes' worth by
 * default), and for XADD NOMKSTREAM and the ID, parsed in Redis's order so
 * that the first error is Redis's.
 *
 * <p>Thread contract: the server's loop thread only.
 */
final class StreamTrimArgs {

    /** XADD's ID when one was given ({@link #idGiven}); {@link #seqGiven} false for {@code <ms>-*}. */
    StreamId id;
    boolean idGiven, seqGiven = true, noMkStream;
    /** 0 none, 1 MAXLEN, 2 MINID. */
    int strategy;
    boolean approx;
    long maxLen;
    StreamId minId;
    long limit;
    /** XADD: the index of the ID argument. */
    int idPos;

    /** Trims {@code s} as these options say; the number of entries removed. */
    long trim(StreamValue s) {
        if (strategy == 0) {
            return 0;
        }
        return s.trim(maxLen, strategy == 2 ? minId : null, approx, limit);
    }

    /** Redis's streamParseAddOrTrimArgsOrReply; null after an error reply. */
    static StreamTrimArgs parse(Client c, byte[][] argv, boolean xadd) {
        StreamTrimArgs a = new StreamTrimArgs();
        int i = 2;
        boolean limitGiven = false;
        for (; i < argv.length; i++) {
            int moreArgs = argv.length - 1 - i;
            byte[] opt = argv[i];
            if (xadd && opt.length == 1 && opt[0] == '*') {
                break;
            } else if (Args.is(opt, "maxlen") && moreArgs > 0) {
                if (a.strategy != 0) {
                    c.reply.error("ERR syntax error, MAXLEN and MINID options at the same time are not compatible");
                    return null;
                }
                i = a.operator(argv, i, moreArgs);
                if (!Args.isLong(c, argv[i + 1])) {
                    return null;
                }
                a.maxLen = Numbers.toLong(argv[i + 1]);
                if (a.maxLen < 0) {
                    c.reply.error("ERR The MAXLEN argument must be >= 0.");
                    return null;
                }
                i++;
                a.strategy = 1;
            } else if (Args.is(opt, "minid") && moreArgs > 0) {
                if (a.strategy != 0) {
                    c.reply.error("ERR syntax error, MAXLEN and MINID options at the same time are not compatible");
                    return null;
                }
                i = a.operator(argv, i, moreArgs);
                a.minId = StreamCommands.strictId(c, argv[i + 1]);
                if (a.minId == null) {
                    return null;
                }
                i++;
                a.strategy = 2;
            } else if (Args.is(opt, "limit") && moreArgs > 0) {
                if (!Args.isLong(c, argv[i + 1])) {
                    return null;
                }
                a.limit = Numbers.toLong(argv[i + 1]);
                if (a.limit < 0) {
                    c.reply.error("ERR The LIMIT argument must be >= 0.");
                    return null;
                }
                limitGiven = true;
                i++;
            } else if (xadd && Args.is(opt, "nomkstream")) {
                a.noMkStream = true;
            } else if (xadd) {
                StreamId.Parsed p = StreamId.parse(opt, 0, true, true);
                if (p == null) {
                    c.reply.error(StreamId.INVALID);
                    return null;
                }
                a.id = p.id();
                a.seqGiven = p.seqGiven();
                a.idGiven = true;
                break;
            } else {
                c.reply.error(Errors.SYNTAX);
                return null;
            }
        }
        if (a.limit != 0 && a.strategy == 0) {
            c.reply.error("ERR syntax error, LIMIT cannot be used without specifying a trimming strategy");
            return null;
        }
        if (!xadd && a.strategy == 0) {
            c.reply.error("ERR syntax error, XTRIM must be called with a trimming strategy");
            return null;
        }
        if (limitGiven) {
            if (!a.approx) {
                c.reply.error("ERR syntax error, LIMIT cannot be used without the special ~ option");
                return null;
            }
        } else if (a.approx) {
            long entries = c.server.limits.streamNodeMaxEntries;
            a.limit = entries > Long.MAX_VALUE / 100 ? Long.MAX_VALUE : 100 * entries;
            if (a.limit <= 0) {
                a.limit = 10000;
            }
            if (a.limit > 1000000) {
                a.limit = 1000000;
            }
        } else {
            a.limit = 0;
        }
        a.idPos = i;
        return a;
    }

    /**
     * Reads the optional {@code ~} (approximate) or {@code =} (exact) after
     * MAXLEN/MINID at {@code i}; returns the index before the threshold.
     */
    private int operator(byte[][] argv, int i, int moreArgs) {
        approx = false;
        byte[] next = argv[i + 1];
        if (moreArgs >= 2 && next.length == 1 && (next[0] == '~' || next[0] == '=')) {
            approx = next[0] == '~';
            return i + 1;
        }
        return i;
    }
}
