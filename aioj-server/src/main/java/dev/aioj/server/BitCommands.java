package dev.aioj.server;

import static dev.aioj.server.Command.DENYOOM;
import static dev.aioj.server.Command.FAST;
import static dev.aioj.server.Command.READONLY;
import static dev.aioj.server.Command.WRITE;

import java.util.Arrays;

/**
 * Bitmaps: strings seen as arrays of bits, bit 0 the most significant bit of
 * the first byte (Redis's bitops.c): SETBIT, GETBIT, BITCOUNT and BITPOS with
 * BYTE or BIT ranges, BITOP AND/OR/XOR/NOT. BITFIELD is in {@link
 * BitfieldCommand}. Ported with Redis's argument order and errors, including
 * its quirks (BITCOUNT and BITPOS check their range only when the key exists).
 *
 * <p>A string a bit write allocated is changed in place by the next ones
 * ({@link OwnedStrings}): SETBIT on a large bitmap is O(1), as in Redis. The
 * first bit write to a string another command stored copies it once.
 *
 * <p>Thread contract: the server's loop thread only.
 */
final class BitCommands {

    private BitCommands() {}

    private static final java.lang.invoke.VarHandle LONGS = java.lang.invoke.MethodHandles.byteArrayViewVarHandle(
            long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);

    static final String BIT_OFFSET = "ERR bit offset is not an integer or out of range";
    private static final String BIT_VALUE = "ERR bit is not an integer or out of range";

    static void register(CommandTable.Builder t) {
        String g = "bitmap";
        t.add("setbit", 4, WRITE | DENYOOM, 1, 1, 1, g, "2.2.0",
                "Sets or clears the bit at offset in the string value stored at key", BitCommands::setbit);
        t.add("getbit", 3, READONLY | FAST, 1, 1, 1, g, "2.2.0",
                "Returns the bit value at offset in the string value stored at key", BitCommands::getbit);
        t.add("bitcount", -2, READONLY, 1, 1, 1, g, "2.6.0", "Count set bits in a string", BitCommands::bitcount);
        t.add("bitpos", -3, READONLY, 1, 1, 1, g, "2.8.7", "Find first bit set or clear in a string",
                BitCommands::bitpos);
        t.add("bitop", -4, WRITE | DENYOOM, 2, -1, 1, g, "2.6.0", "Perform bitwise operations between strings",
                BitCommands::bitop);
    }

    /**
     * A bit offset (Redis's getBitOffsetFromArgument): a non-negative integer
     * whose byte lies below {@code proto-max-bulk-len}; with {@code bits} &gt; 0
     * a {@code #n} form means n times {@code bits} (BITFIELD). -1 after an
     * error reply.
     */
    static long bitOffset(Client c, byte[] arg, int bits) {
        boolean hash = bits > 0 && arg.length > 0 && arg[0] == '#';
        long offset = Numbers.parseLongOr(arg, hash ? 1 : 0, arg.length, -1); // any negative is refused below
        if (hash) {
            offset *= bits; // wraps like Redis's long long multiplication
        }
        if (offset < 0 || (offset >>> 3) >= c.server.protoMaxBulkLen) {
            c.reply.error(BIT_OFFSET);
            return -1;
        }
        return offset;
    }

    /**
     * The string at {@code key} for a bit write reaching bit {@code maxBit}
     * (lookupStringForBitCommand): the stored string itself when this server
     * owns it and it is long enough, else a copy zero-padded to hold the bit,
     * or a new zeroed string; null after a WRONGTYPE reply. The caller stores
     * it (storing the same array again is harmless).
     */
    static byte[] writableBits(Client c, byte[] key, long maxBit) {
        Object v = c.db.lookup(key);
        int needed = (int) (maxBit >>> 3) + 1;
        OwnedStrings owned = c.server.ownedStrings;
        if (v == null) {
            byte[] fresh = new byte[needed];
            owned.own(fresh);
            return fresh;
        }
        if (!(v instanceof byte[] s)) {
            c.reply.error(Errors.WRONGTYPE);
            return null;
        }
        if (s.length >= needed && owned.owns(s)) {
            return s;
        }
        byte[] copy = Arrays.copyOf(s, Math.max(s.length, needed));
        owned.own(copy);
        return copy;
    }

    static void setbit(Client c, byte[][] argv) {
        long offset = bitOffset(c, argv[2], 0);
        if (offset < 0) {
            return;
        }
        if (!Numbers.isLong(argv[3]) || (Numbers.toLong(argv[3]) & ~1L) != 0) {
            c.reply.error(BIT_VALUE);
            return;
        }
        int on = (int) Numbers.toLong(argv[3]);
        int byteIndex = (int) (offset >>> 3);
        int bit = 7 - (int) (offset & 7);
        if (c.db.lookup(argv[1]) instanceof byte[] s && byteIndex < s.length && ((s[byteIndex] >> bit) & 1) == on) {
            c.reply.raw(on == 1 ? ReplyWriter.ONE : ReplyWriter.ZERO); // no change: no copy, no write
            return;
        }
        byte[] bits = writableBits(c, argv[1], offset);
        if (bits == null) {
            return;
        }
        int previous = (bits[byteIndex] >> bit) & 1;
        bits[byteIndex] = (byte) ((bits[byteIndex] & ~(1 << bit)) | (on << bit));
        c.db.set(argv[1], bits, true);
        c.db.notify(NotifyType.STRING, "setbit", argv[1]);
        c.reply.raw(previous == 1 ? ReplyWriter.ONE : ReplyWriter.ZERO);
    }

    static void getbit(Client c, byte[][] argv) {
        long offset = bitOffset(c, argv[2], 0);
        if (offset < 0) {
            return;
        }
        Object v = c.db.lookupRead(argv[1]);
        if (v == null) {
            c.reply.raw(ReplyWriter.ZERO);
            return;
        }
        if (!(v instanceof byte[] s)) {
            c.reply.error(Errors.WRONGTYPE);
            return;
        }
        long byteIndex = offset >>> 3;
        int bit = byteIndex < s.length ? (s[(int) byteIndex] >> (7 - (int) (offset & 7))) & 1 : 0;
        c.reply.raw(bit == 1 ? ReplyWriter.ONE : ReplyWriter.ZERO);
    }

    /** The byte range of BITCOUNT and BITPOS, with masks for bits outside it in its edge bytes (BIT ranges). */
    private record Range(long start, long end, int firstMask, int lastMask) {}

    /**
     * Converts a user range over {@code length} bytes (Redis's conversion of
     * negative indexes and clamping; BIT ranges become bytes plus edge masks).
     */
    private static Range range(long start, long end, boolean isBit, long length) {
        long total = isBit ? length << 3 : length;
        if (start < 0) {
            start = total + start;
        }
        if (end < 0) {
            end = total + end;
        }
        if (start < 0) {
            start = 0;
        }
        if (end < 0) {
            end = 0;
        }
        if (end >= total) {
            end = total - 1;
        }
        int firstMask = 0;
        int lastMask = 0;
        if (isBit && start <= end) {
            firstMask = ~((1 << (8 - (start & 7))) - 1) & 0xFF;
            lastMask = (1 << (7 - (end & 7))) - 1;
            start >>= 3;
            end >>= 3;
        }
        return new Range(start, end, firstMask, lastMask);
    }

    /** BYTE or BIT as the range's unit; null after a syntax error reply. */
    private static Boolean unitIsBit(Client c, byte[] arg) {
        if (Args.is(arg, "bit")) {
            return Boolean.TRUE;
        }
        if (Args.is(arg, "byte")) {
            return Boolean.FALSE;
        }
        c.reply.error(Errors.SYNTAX);
        return null;
    }

    static void bitcount(Client c, byte[][] argv) {
        Object v = c.db.lookupRead(argv[1]);
        if (v == null) {
            c.reply.raw(ReplyWriter.ZERO);
            return;
        }
        if (!(v instanceof byte[] s)) {
            c.reply.error(Errors.WRONGTYPE);
            return;
        }
        Range r;
        if (argv.length == 4 || argv.length == 5) {
            if (!Args.isLong(c, argv[2]) || !Args.isLong(c, argv[3])) {
                return;
            }
            long start = Numbers.toLong(argv[2]);
            long end = Numbers.toLong(argv[3]);
            if (start < 0 && end < 0 && start > end) {
                c.reply.raw(ReplyWriter.ZERO);
                return;
            }
            boolean isBit = false;
            if (argv.length == 5) {
                Boolean unit = unitIsBit(c, argv[4]);
                if (unit == null) {
                    return;
                }
                isBit = unit;
            }
            r = range(start, end, isBit, s.length);
        } else if (argv.length == 2) {
            r = new Range(0, s.length - 1, 0, 0);
        } else {
            c.reply.error(Errors.SYNTAX);
            return;
        }
        if (r.start() > r.end()) {
            c.reply.raw(ReplyWriter.ZERO);
            return;
        }
        int from = (int) r.start();
        int to = (int) r.end();
        long count = popcount(s, from, to - from + 1);
        count -= Integer.bitCount(s[from] & r.firstMask() & 0xFF);
        count -= Integer.bitCount(s[to] & r.lastMask() & 0xFF);
        c.reply.integer(count);
    }

    /** Set bits in {@code s[from, from + length)}. */
    static long popcount(byte[] s, int from, int length) {
        long count = 0;
        int i = from;
        int end = from + length;
        for (; i + 8 <= end; i += 8) {
            count += Long.bitCount((long) LONGS.get(s, i));
        }
        for (; i < end; i++) {
            count += Integer.bitCount(s[i] & 0xFF);
        }
        return count;
    }

    static void bitpos(Client c, byte[][] argv) {
        if (!Args.isLong(c, argv[2])) {
            return;
        }
        long bit = Numbers.toLong(argv[2]);
        if (bit != 0 && bit != 1) {
            c.reply.error("ERR The bit argument must be 1 or 0.");
            return;
        }
        Object v = c.db.lookupRead(argv[1]);
        if (v == null) {
            c.reply.integer(bit == 1 ? -1 : 0);
            return;
        }
        if (!(v instanceof byte[] s)) {
            c.reply.error(Errors.WRONGTYPE);
            return;
        }
        boolean endGiven = false;
        Range r;
        if (argv.length >= 4 && argv.length <= 6) {
            if (!Args.isLong(c, argv[3])) {
                return;
            }
            long start = Numbers.toLong(argv[3]);
            boolean isBit = false;
            if (argv.length == 6) {
                Boolean unit = unitIsBit(c, argv[5]);
                if (unit == null) {
                    return;
                }
                isBit = unit;
            }
            long end;
            if (argv.length >= 5) {
                if (!Args.isLong(c, argv[4])) {
                    return;
                }
                end = Numbers.toLong(argv[4]);
                endGiven = true;
            } else {
                end = isBit ? ((long) s.length << 3) + 7 : s.length - 1;
            }
            r = range(start, end, isBit, s.length);
        } else if (argv.length == 3) {
            r = new Range(0, s.length - 1, 0, 0);
        } else {
            c.reply.error(Errors.SYNTAX);
            return;
        }
        c.reply.integer(bitpos(s, r, (int) bit, endGiven));
    }

    /** Redis's bitposCommand after parsing: the position of the first {@code bit} in the range, or -1. */
    private static long bitpos(byte[] s, Range r, int bit, boolean endGiven) {
        if (r.start() > r.end()) {
            return -1;
        }
        int start = (int) r.start();
        int end = (int) r.end();
        long bytes = end - start + 1;
        long pos;
        done:
        {
            if (r.firstMask() != 0) {
                int b = bit == 1 ? s[start] & ~r.firstMask() : s[start] | r.firstMask();
                if (r.lastMask() != 0 && bytes == 1) {
                    b = bit == 1 ? b & ~r.lastMask() : b | r.lastMask();
                }
                pos = firstBit(new byte[] {(byte) b}, 0, 1, bit);
                if (bytes == 1 || (pos != -1 && pos != 8)) {
                    break done;
                }
                start++;
                bytes--;
            }
            long whole = bytes - (r.lastMask() != 0 ? 1 : 0);
            if (whole > 0) {
                pos = firstBit(s, start, (int) whole, bit);
                if (bytes == whole || (pos != -1 && pos != whole << 3)) {
                    break done;
                }
                start += (int) whole;
                bytes -= whole;
            }
            int b = bit == 1 ? s[end] & ~r.lastMask() : s[end] | r.lastMask();
            pos = firstBit(new byte[] {(byte) b}, 0, 1, bit);
        }
        if (endGiven && bit == 0 && pos == bytes << 3) {
            return -1;
        }
        return pos == -1 ? -1 : pos + ((long) start << 3);
    }

    /**
     * Redis's redisBitpos: the first {@code bit} in {@code s[from, from +
     * count)}, counting the string as zero-padded on the right (so looking
     * for 0 in all-ones answers {@code count * 8}); -1 if looking for 1 finds none.
     */
    static long firstBit(byte[] s, int from, int count, int bit) {
        int skip = bit == 1 ? 0 : 0xFF;
        for (int i = 0; i < count; i++) {
            int b = s[from + i] & 0xFF;
            if (b != skip) {
                int lead = Integer.numberOfLeadingZeros((bit == 1 ? b : ~b & 0xFF)) - 24;
                return ((long) i << 3) + lead;
            }
        }
        return bit == 1 ? -1 : (long) count << 3;
    }

    static void bitop(Client c, byte[][] argv) {
        byte[] op = argv[1];
        int kind;
        if (Args.is(op, "and")) {
            kind = 0;
        } else if (Args.is(op, "or")) {
            kind = 1;
        } else if (Args.is(op, "xor")) {
            kind = 2;
        } else if (Args.is(op, "not")) {
            kind = 3;
        } else {
            c.reply.error(Errors.SYNTAX);
            return;
        }
        if (kind == 3 && argv.length != 4) {
            c.reply.error("ERR BITOP NOT must be called with a single source key.");
            return;
        }
        int n = argv.length - 3;
        byte[][] src = new byte[n][];
        int maxLen = 0;
        for (int j = 0; j < n; j++) {
            Object v = c.db.lookupRead(argv[j + 3]);
            if (v == null) {
                src[j] = new byte[0];
                continue;
            }
            if (!(v instanceof byte[] s)) {
                c.reply.error(Errors.WRONGTYPE);
                return;
            }
            src[j] = s;
            maxLen = Math.max(maxLen, s.length);
        }
        byte[] target = argv[2];
        if (maxLen == 0) {
            if (c.db.delete(target)) {
                c.db.notify(NotifyType.GENERIC, "del", target);
            }
            c.reply.raw(ReplyWriter.ZERO);
            return;
        }
        byte[] res = new byte[maxLen];
        for (int i = 0; i < maxLen; i++) {
            int out = i < src[0].length ? src[0][i] & 0xFF : 0;
            if (kind == 3) {
                out = ~out & 0xFF;
            }
            for (int j = 1; j < n; j++) {
                int b = i < src[j].length ? src[j][i] & 0xFF : 0;
                out = switch (kind) {
                    case 0 -> out & b;
                    case 1 -> out | b;
                    default -> out ^ b;
                };
            }
            res[i] = (byte) out;
        }
        c.db.set(target, res, false);
        c.db.notify(NotifyType.STRING, "set", target);
        c.reply.integer(maxLen);
    }
}
