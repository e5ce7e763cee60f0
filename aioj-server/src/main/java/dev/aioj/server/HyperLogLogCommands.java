package dev.aioj.server;

import static dev.aioj.server.Command.ADMIN;
import static dev.aioj.server.Command.DENYOOM;
import static dev.aioj.server.Command.FAST;
import static dev.aioj.server.Command.MAY_REPLICATE;
import static dev.aioj.server.Command.READONLY;
import static dev.aioj.server.Command.WRITE;

import java.util.Locale;

/**
 * The HyperLogLog commands (Redis's hyperloglog.c): PFADD, PFCOUNT (one key,
 * with the cached cardinality written back into the value as Redis does; or
 * the union of several), PFMERGE, and the internal PFDEBUG and PFSELFTEST
 * Redis's own tests use. The values are plain strings in Redis's format
 * ({@link HyperLogLog}); anything else answers Redis's WRONGTYPE text for
 * HLLs.
 *
 * <p>Thread contract: the server's loop thread only.
 */
final class HyperLogLogCommands {

    private HyperLogLogCommands() {}

    static final String NOT_HLL = "WRONGTYPE Key is not a valid HyperLogLog string value.";
    static final String CORRUPT = "INVALIDOBJ Corrupted HLL object detected";

    static void register(CommandTable.Builder t) {
        String g = "hyperloglog";
        t.add("pfadd", -2, WRITE | DENYOOM | FAST, 1, 1, 1, g, "2.8.9",
                "Adds the specified elements to the specified HyperLogLog.", HyperLogLogCommands::pfadd);
        t.add("pfcount", -2, READONLY | MAY_REPLICATE, 1, -1, 1, g, "2.8.9",
                "Return the approximated cardinality of the set(s) observed by the HyperLogLog at key(s).",
                HyperLogLogCommands::pfcount);
        t.add("pfmerge", -2, WRITE | DENYOOM, 1, -1, 1, g, "2.8.9",
                "Merge N different HyperLogLogs into a single one.", HyperLogLogCommands::pfmerge);
        t.add("pfdebug", 3, WRITE | DENYOOM | ADMIN, 2, 2, 1, g, "2.8.9",
                "Internal commands for debugging HyperLogLog values", HyperLogLogCommands::pfdebug);
        t.add("pfselftest", 1, ADMIN, 0, 0, 0, g, "2.8.9", "An internal command for testing HyperLogLog values",
                HyperLogLogCommands::pfselftest);
    }

    /**
     * The HLL stored at {@code key} as an editable copy: null when the key
     * is missing, {@link #WRONG} after an error reply (not a string, or not
     * an HLL).
     */
    private static HyperLogLog load(Client c, Object v) {
        if (v == null) {
            return null;
        }
        if (!(v instanceof byte[] s)) {
            c.reply.error(Errors.WRONGTYPE);
            return WRONG;
        }
        if (!HyperLogLog.isValid(s)) {
            c.reply.error(NOT_HLL);
            return WRONG;
        }
        return HyperLogLog.of(s, c.server.ownedStrings.owns(s));
    }

    private static final HyperLogLog WRONG = HyperLogLog.empty();

    static void pfadd(Client c, byte[][] argv) {
        byte[] key = argv[1];
        HyperLogLog hll = load(c, c.db.lookup(key));
        if (hll == WRONG) {
            return;
        }
        boolean created = hll == null;
        long updated = 0;
        if (created) {
            hll = HyperLogLog.empty();
            updated++;
        } else {
            c.db.unshareString(key); // Redis's HLL commands make the string raw before anything else
        }
        for (int j = 2; j < argv.length; j++) {
            int result = hll.add(argv[j], c.server.hllSparseMaxBytes);
            if (result == 1) {
                updated++;
            } else if (result == -1) {
                if (updated > 0) {
                    replaceQuietly(c.db, key, stored(c, hll)); // Redis changed it in place, unsignalled
                }
                c.reply.error(CORRUPT);
                return;
            }
        }
        if (updated > 0) {
            hll.invalidateCache();
            if (created) {
                c.db.addWithMeta(key, stored(c, hll), c.server.access.fresh() | ObjectEncoding.RAW);
            } else {
                c.db.set(key, stored(c, hll), true, ObjectEncoding.RAW);
            }
            c.db.notify(NotifyType.STRING, "pfadd", key);
        }
        c.reply.raw(updated > 0 ? ReplyWriter.ONE : ReplyWriter.ZERO);
    }

    static void pfcount(Client c, byte[][] argv) {
        if (argv.length > 2) {
            byte[] max = new byte[HyperLogLog.REGISTERS];
            for (int j = 1; j < argv.length; j++) {
                HyperLogLog hll = load(c, c.db.lookupRead(argv[j]));
                if (hll == WRONG) {
                    return;
                }
                if (hll != null && !hll.mergeInto(max)) {
                    c.reply.error(CORRUPT);
                    return;
                }
            }
            c.reply.integer(HyperLogLogMath.countRaw(max));
            return;
        }
        HyperLogLog hll = load(c, c.db.lookupRead(argv[1]));
        if (hll == WRONG) {
            return;
        }
        if (hll == null) {
            c.reply.raw(ReplyWriter.ZERO);
            return;
        }
        c.db.unshareString(argv[1]);
        long count = hll.cachedCount();
        if (count < 0) {
            count = hll.count();
            if (count < 0) {
                c.reply.error(CORRUPT);
                return;
            }
            hll.cacheCount(count);
            c.db.set(argv[1], stored(c, hll), true, ObjectEncoding.RAW); // the cache is part of the value, as in Redis
        }
        c.reply.integer(count);
    }

    static void pfmerge(Client c, byte[][] argv) {
        byte[] max = new byte[HyperLogLog.REGISTERS];
        boolean useDense = false;
        for (int j = 1; j < argv.length; j++) {
            HyperLogLog hll = load(c, c.db.lookupRead(argv[j]));
            if (hll == WRONG) {
                return;
            }
            if (hll == null) {
                continue;
            }
            if (hll.encoding() == HyperLogLog.DENSE) {
                useDense = true;
            }
            if (!hll.mergeInto(max)) {
                c.reply.error(CORRUPT);
                return;
            }
        }
        byte[] key = argv[1];
        Object stored = c.db.lookup(key);
        HyperLogLog target = stored == null ? HyperLogLog.empty()
                : HyperLogLog.of((byte[]) stored, c.server.ownedStrings.owns((byte[]) stored));
        if (useDense && !target.toDense()) {
            c.reply.error(CORRUPT);
            return;
        }
        for (int i = 0; i < HyperLogLog.REGISTERS; i++) {
            if (max[i] != 0) {
                target.setRegister(i, max[i], c.server.hllSparseMaxBytes);
            }
        }
        target.invalidateCache();
        c.db.set(key, stored(c, target), true, ObjectEncoding.RAW);
        c.db.notify(NotifyType.STRING, "pfadd", key); // Redis announces a merge as a mass add
        c.reply.ok();
    }

    static void pfdebug(Client c, byte[][] argv) {
        byte[] sub = argv[1];
        byte[] key = argv[2];
        Object v = c.db.lookup(key);
        if (v == null) {
            c.reply.error("ERR The specified key does not exist");
            return;
        }
        HyperLogLog hll = load(c, v);
        if (hll == WRONG) {
            return;
        }
        c.db.unshareString(key);
        if (Args.is(sub, "getreg")) {
            if (hll.encoding() == HyperLogLog.SPARSE) {
                if (!hll.toDense()) {
                    c.reply.error(CORRUPT);
                    return;
                }
                replaceQuietly(c.db, key, stored(c, hll));
            }
            int[] registers = hll.registers();
            c.reply.array(registers.length);
            for (int r : registers) {
                c.reply.integer(r);
            }
        } else if (Args.is(sub, "decode")) {
            if (hll.encoding() != HyperLogLog.SPARSE) {
                c.reply.error("ERR HLL encoding is not sparse");
                return;
            }
            c.reply.bulk(hll.decodeSparse());
        } else if (Args.is(sub, "encoding")) {
            c.reply.simple(hll.encoding() == HyperLogLog.DENSE ? "dense" : "sparse");
        } else if (Args.is(sub, "todense")) {
            boolean converted = false;
            if (hll.encoding() == HyperLogLog.SPARSE) {
                if (!hll.toDense()) {
                    c.reply.error(CORRUPT);
                    return;
                }
                replaceQuietly(c.db, key, stored(c, hll));
                converted = true;
            }
            c.reply.raw(converted ? ReplyWriter.ONE : ReplyWriter.ZERO);
        } else {
            c.reply.error("ERR Unknown PFDEBUG subcommand '" + Errors.latin1(sub, Integer.MAX_VALUE) + "'");
        }
    }

    /**
     * The HLL's bytes, about to be stored under one key: owned, so the next
     * edit of a dense HLL changes it in place ({@link OwnedStrings}).
     */
    private static byte[] stored(Client c, HyperLogLog hll) {
        byte[] bytes = hll.bytes();
        c.server.ownedStrings.own(bytes);
        return bytes;
    }

    /** Changes a stored HLL without telling WATCH: Redis edits such values in place, unsignalled. */
    private static void replaceQuietly(Database db, byte[] key, byte[] value) {
        db.keys.find(key).value = value;
    }

    /**
     * PFSELFTEST (pfselftestCommand): registers keep their values, and dense
     * and sparse forms agree, with an error within bounds, while adding ten
     * million pseudo-random elements. Takes a few seconds, like Redis's.
     */
    static void pfselftest(Client c, byte[][] argv) {
        java.util.random.RandomGenerator random = c.server.random;
        HyperLogLog dense = HyperLogLog.empty();
        dense.toDense();
        int[] expected = new int[HyperLogLog.REGISTERS];
        for (int cycle = 0; cycle < 1000; cycle++) {
            for (int i = 0; i < HyperLogLog.REGISTERS; i++) {
                expected[i] = random.nextInt(HyperLogLog.REGISTER_MAX + 1);
            }
            HyperLogLog h = HyperLogLog.empty();
            h.toDense();
            for (int i = 0; i < HyperLogLog.REGISTERS; i++) {
                h.setRegister(i, expected[i], 0);
            }
            int[] actual = h.registers();
            for (int i = 0; i < HyperLogLog.REGISTERS; i++) {
                if (actual[i] != expected[i]) {
                    c.reply.error(String.format(Locale.ROOT, "TESTFAILED Register %d should be %d but is %d", i,
                            expected[i], actual[i]));
                    return;
                }
            }
        }
        HyperLogLog sparse = HyperLogLog.empty();
        double relativeError = 1.04 / Math.sqrt(HyperLogLog.REGISTERS);
        long checkpoint = 1;
        long seed = random.nextLong();
        byte[] element = new byte[8];
        for (long j = 1; j <= 10_000_000; j++) {
            long e = j ^ seed;
            for (int b = 0; b < 8; b++) {
                element[b] = (byte) (e >>> (8 * b));
            }
            dense.add(element, c.server.hllSparseMaxBytes);
            sparse.add(element, c.server.hllSparseMaxBytes);
            if (j != checkpoint) {
                continue;
            }
            if (j < c.server.hllSparseMaxBytes / 2 && sparse.encoding() != HyperLogLog.SPARSE) {
                c.reply.error("TESTFAILED sparse encoding not used");
                return;
            }
            long denseCount = dense.count();
            if (denseCount != sparse.count()) {
                c.reply.error("TESTFAILED dense/sparse disagree");
                return;
            }
            long maxError = j == 10 ? 1 : (long) Math.ceil(relativeError * 6 * checkpoint);
            long absError = Math.abs(checkpoint - denseCount);
            if (absError > maxError) {
                c.reply.error("TESTFAILED Too big error. card:" + checkpoint + " abserr:" + absError);
                return;
            }
            checkpoint *= 10;
        }
        c.reply.ok();
    }
}
