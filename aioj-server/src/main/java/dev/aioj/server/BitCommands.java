package dev.aioj.server;

import static dev.aioj.server.Command.DENYOOM;
import static dev.aioj.server.Command.FAST;
import static dev.aioj.server.Command.READONLY;
import static dev.aioj.server.Command.WRITE;

import java.util.Arrays;

/**
 * Bitmaps: strings seen as arrays of bits, bit 0 the most significant bit of
 * the first byte (Redis's bitops.c): SETBIT, GETBIT, BITOP AND/OR/XOR/NOT.
 * BITCOUNT and BITPOS are in {@link BitCountCommands}, BITFIELD in {@link
 * BitfieldCommand}. Ported with Redis's argument order and errors.
 *
 * <p>A string a bit write allocated is changed in place by the next ones
 * ({@link OwnedStrings}): SETBIT on a large bitmap is O(1), as in Redis. The
 * first bit write to a string another command stored copies it once.
 *
 * <p>Thread contract: the server's loop thread only.
 */
final class BitCommands {

    private BitCommands() {}

    static final String BIT_OFFSET = "ERR bit offset is not an integer or out of range";
    private static final String BIT_VALUE = "ERR bit is not an integer or out of range";

    static void register(CommandTable.Builder t) {
        String g = "bitmap";
        t.add("setbit", 4, WRITE | DENYOOM, 1, 1, 1, g, "2.2.0",
                "Sets or clears the bit at offset in the string value stored at key", BitCommands::setbit);
        t.add("getbit", 3, READONLY | FAST, 1, 1, 1, g, "2.2.0",
                "Returns the bit value at offset in the string value stored at key", BitCommands::getbit);
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
            c.db.unshareString(argv[1]); // Redis made it raw anyway
            c.reply.raw(on == 1 ? ReplyWriter.ONE : ReplyWriter.ZERO); // no change: no copy, no write
            return;
        }
        byte[] bits = writableBits(c, argv[1], offset);
        if (bits == null) {
            return;
        }
        int previous = (bits[byteIndex] >> bit) & 1;
        bits[byteIndex] = (byte) ((bits[byteIndex] & ~(1 << bit)) | (on << bit));
        c.db.set(argv[1], bits, true, ObjectEncoding.RAW);
        c.db.notify(NotifyType.STRING, "setbit", argv[1]);
        c.reply.raw(previous == 1 ? ReplyWriter.ONE : ReplyWriter.ZERO);
    }

    /**
     * The string at {@code key} for a bit read (lookupKeyReadOrReply with
     * {@code :0}): null after replying 0 for a missing key or WRONGTYPE.
     */
    static byte[] stringOrZero(Client c, byte[] key) {
        Object v = c.db.lookupRead(key);
        if (v == null) {
            c.reply.raw(ReplyWriter.ZERO);
            return null;
        }
        if (!(v instanceof byte[] s)) {
            c.reply.error(Errors.WRONGTYPE);
            return null;
        }
        return s;
    }

    static void getbit(Client c, byte[][] argv) {
        long offset = bitOffset(c, argv[2], 0);
        if (offset < 0) {
            return;
        }
        byte[] s = stringOrZero(c, argv[1]);
        if (s == null) {
            return;
        }
        long byteIndex = offset >>> 3;
        int bit = byteIndex < s.length ? (s[(int) byteIndex] >> (7 - (int) (offset & 7))) & 1 : 0;
        c.reply.raw(bit == 1 ? ReplyWriter.ONE : ReplyWriter.ZERO);
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
        c.db.set(target, res, false, ObjectEncoding.RAW); // createObject: raw whatever the bytes
        c.db.notify(NotifyType.STRING, "set", target);
        c.reply.integer(maxLen);
    }
}
