package dev.aioj.server;

import static dev.aioj.server.Command.READONLY;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * BITCOUNT and BITPOS (Redis's bitops.c): counting set bits and finding the
 * first set or clear bit in a range of a string, in bytes or (BIT) in bits,
 * with negative indexes from the end. Ported with Redis's quirks: both check
 * their range arguments only when the key exists, and BITPOS looking for a
 * clear bit without an end treats the string as padded with zeros.
 *
 * <p>Thread contract: the server's loop thread only.
 */
final class BitCountCommands {

    private BitCountCommands() {}

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    static void register(CommandTable.Builder t) {
        String g = "bitmap";
        t.add("bitcount", -2, READONLY, 1, 1, 1, g, "2.6.0", "Count set bits in a string",
                BitCountCommands::bitcount);
        t.add("bitpos", -3, READONLY, 1, 1, 1, g, "2.8.7", "Find first bit set or clear in a string",
                BitCountCommands::bitpos);
    }

    /** The byte range of BITCOUNT and BITPOS, with masks for bits outside it in its edge bytes (BIT ranges). */
    private record Range(long start, long end, int firstMask, int lastMask) {}

    /**
     * Converts a user range over {@code length} bytes (Redis's conversion of
     * negative indexes and clamping; BIT ranges become bytes plus edge masks).
     */
    private static Range range(long start, long end, boolean isBit, long length) {
        IndexRange r = IndexRange.ofBytes(start, end, isBit ? length << 3 : length);
        start = r.start();
        end = r.end();
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
        byte[] s = BitCommands.stringOrZero(c, argv[1]);
        if (s == null) {
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
}
