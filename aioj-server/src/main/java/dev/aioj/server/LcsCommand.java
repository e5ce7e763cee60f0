package dev.aioj.server;

import static dev.aioj.server.Command.READONLY;

import java.util.ArrayList;
import java.util.List;

/**
 * LCS key1 key2 [LEN] [IDX] [MINMATCHLEN len] [WITHMATCHLEN] (Redis's
 * lcsCommand in t_string.c): the longest common subsequence of two strings
 * by the textbook dynamic-programming table, answered as the subsequence,
 * its length, or (IDX) the matching ranges from the end of the strings
 * backwards, exactly as Redis walks the table back.
 *
 * <p>The table has (len1 + 1) × (len2 + 1) ints; like Redis, a table larger
 * than {@code proto-max-bulk-len} bytes is refused, and one the JVM cannot
 * allocate answers Redis's out-of-memory error. It runs on the loop thread
 * and takes O(len1 × len2) time, as in Redis.
 *
 * <p>Thread contract: the server's loop thread only.
 */
final class LcsCommand {

    private LcsCommand() {}

    static void register(CommandTable.Builder t) {
        t.add("lcs", -3, READONLY, 1, 2, 1, "string", "7.0.0", "Find longest common substring", LcsCommand::lcs);
    }

    /** One matching range: a[aStart, aEnd] equals b[bStart, bEnd]. */
    private record Match(int aStart, int aEnd, int bStart, int bEnd) {}

    static void lcs(Client c, byte[][] argv) {
        Object va = c.db.lookupRead(argv[1]);
        Object vb = c.db.lookupRead(argv[2]);
        if ((va != null && !(va instanceof byte[])) || (vb != null && !(vb instanceof byte[]))) {
            c.reply.error("ERR The specified keys must contain string values");
            return;
        }
        byte[] a = va == null ? new byte[0] : (byte[]) va;
        byte[] b = vb == null ? new byte[0] : (byte[]) vb;
        boolean getLen = false;
        boolean getIdx = false;
        boolean withMatchLen = false;
        long minMatchLen = 0;
        for (int j = 3; j < argv.length; j++) {
            boolean moreArgs = j < argv.length - 1;
            if (Args.is(argv[j], "idx")) {
                getIdx = true;
            } else if (Args.is(argv[j], "len")) {
                getLen = true;
            } else if (Args.is(argv[j], "withmatchlen")) {
                withMatchLen = true;
            } else if (Args.is(argv[j], "minmatchlen") && moreArgs) {
                if (!Args.isLong(c, argv[j + 1])) {
                    return;
                }
                minMatchLen = Math.max(0, Numbers.toLong(argv[j + 1]));
                j++;
            } else {
                c.reply.error(Errors.SYNTAX);
                return;
            }
        }
        if (getLen && getIdx) {
            c.reply.error("ERR If you want both the length and indexes, please just use IDX.");
            return;
        }
        int alen = a.length;
        int blen = b.length;
        long cells = (long) (alen + 1) * (blen + 1);
        if (cells * Integer.BYTES > c.server.protoMaxBulkLen) {
            c.reply.error("ERR Insufficient memory, transient memory for LCS exceeds proto-max-bulk-len");
            return;
        }
        int[] lcs;
        try {
            if (cells > Integer.MAX_VALUE - 8) {
                throw new OutOfMemoryError("LCS table of " + cells + " cells"); // beyond a Java array
            }
            lcs = new int[(int) cells];
        } catch (OutOfMemoryError e) {
            c.reply.error("ERR Insufficient memory, failed allocating transient memory for LCS");
            return;
        }
        int width = blen + 1;
        for (int i = 1; i <= alen; i++) {
            for (int j = 1; j <= blen; j++) {
                if (a[i - 1] == b[j - 1]) {
                    lcs[i * width + j] = lcs[(i - 1) * width + j - 1] + 1;
                } else {
                    lcs[i * width + j] = Math.max(lcs[(i - 1) * width + j], lcs[i * width + j - 1]);
                }
            }
        }
        int length = lcs[alen * width + blen];
        if (getLen) {
            c.reply.integer(length);
            return;
        }
        byte[] result = new byte[length];
        List<Match> matches = new ArrayList<>();
        int idx = length;
        int i = alen;
        int j = blen;
        int aStart = alen; // alen: no range open
        int aEnd = 0;
        int bStart = 0;
        int bEnd = 0;
        while (i > 0 && j > 0) {
            boolean emit = false;
            if (a[i - 1] == b[j - 1]) {
                result[idx - 1] = a[i - 1];
                if (aStart == alen) {
                    aStart = i - 1;
                    aEnd = i - 1;
                    bStart = j - 1;
                    bEnd = j - 1;
                } else if (aStart == i && bStart == j) {
                    aStart--;
                    bStart--;
                } else {
                    emit = true;
                }
                if (aStart == 0 || bStart == 0) {
                    emit = true;
                }
                idx--;
                i--;
                j--;
            } else {
                if (lcs[(i - 1) * width + j] > lcs[i * width + j - 1]) {
                    i--;
                } else {
                    j--;
                }
                if (aStart != alen) {
                    emit = true;
                }
            }
            if (emit) {
                int matchLen = aEnd - aStart + 1;
                if (minMatchLen == 0 || matchLen >= minMatchLen) {
                    matches.add(new Match(aStart, aEnd, bStart, bEnd));
                }
                aStart = alen;
            }
        }
        if (!getIdx) {
            c.reply.bulk(result);
            return;
        }
        c.reply.map(2);
        c.reply.bulk("matches");
        c.reply.array(matches.size());
        for (Match m : matches) {
            c.reply.array(withMatchLen ? 3 : 2);
            c.reply.array(2);
            c.reply.integer(m.aStart());
            c.reply.integer(m.aEnd());
            c.reply.array(2);
            c.reply.integer(m.bStart());
            c.reply.integer(m.bEnd());
            if (withMatchLen) {
                c.reply.integer(m.aEnd() - m.aStart() + 1);
            }
        }
        c.reply.bulk("len");
        c.reply.integer(length);
    }
}
