package dev.aioj.server;

import static dev.aioj.server.Command.DENYOOM;
import static dev.aioj.server.Command.FAST;
import static dev.aioj.server.Command.READONLY;
import static dev.aioj.server.Command.WRITE;

import java.util.ArrayList;
import java.util.List;

/**
 * BITFIELD and BITFIELD_RO (Redis's bitfieldGeneric in bitops.c): signed and
 * unsigned integers of 1 to 64 bits (63 unsigned) at any bit offset of a
 * string, read with GET, written with SET and INCRBY under the overflow mode
 * set by the last OVERFLOW before them (WRAP, the default; SAT; FAIL, which
 * skips the write and answers null). Offsets may be {@code #n}: n times the
 * width. Integers are big-endian bit strings, as SETBIT numbers bits.
 *
 * <p>Every operation is parsed first, so a bad one fails the whole command
 * before anything is written; then the string is grown once to the farthest
 * bit written, and the operations run in order on one copy that replaces the
 * stored string.
 *
 * <p>Thread contract: the server's loop thread only.
 */
final class BitfieldCommand {

    private BitfieldCommand() {}

    private static final String BAD_TYPE =
            "ERR Invalid bitfield type. Use something like i16 u8. Note that u64 is not supported but i64 is.";

    private enum OpCode { GET, SET, INCRBY }

    private enum Overflow { WRAP, SAT, FAIL }

    /** One parsed operation. */
    private record Op(OpCode code, Overflow overflow, boolean signed, int bits, long offset, long value) {}

    static void register(CommandTable.Builder t) {
        String g = "bitmap";
        t.add("bitfield", -2, WRITE | DENYOOM, 1, 1, 1, g, "3.2.0",
                "Perform arbitrary bitfield integer operations on strings", (c, a) -> bitfield(c, a, false));
        t.add("bitfield_ro", -2, READONLY | FAST, 1, 1, 1, g, "6.0.0",
                "Perform arbitrary bitfield integer operations on strings. Read-only variant of BITFIELD",
                (c, a) -> bitfield(c, a, true));
    }

    static void bitfield(Client c, byte[][] argv, boolean readOnlyCommand) {
        List<Op> ops = parse(c, argv);
        if (ops == null) {
            return;
        }
        long highestWrite = -1;
        for (Op op : ops) {
            if (op.code() != OpCode.GET) {
                highestWrite = Math.max(highestWrite, op.offset() + op.bits() - 1);
            }
        }
        byte[] key = argv[1];
        byte[] bits;
        boolean created = false;
        boolean grew = false;
        if (highestWrite < 0) {
            Object v = c.db.lookupRead(key);
            if (v != null && !(v instanceof byte[])) {
                c.reply.error(Errors.WRONGTYPE);
                return;
            }
            bits = (byte[]) v;
        } else {
            if (readOnlyCommand) {
                c.reply.error("ERR BITFIELD_RO only supports the GET subcommand");
                return;
            }
            Object old = c.db.lookup(key);
            bits = BitCommands.writableBits(c, key, highestWrite);
            if (bits == null) {
                return;
            }
            created = old == null;
            grew = created || ((byte[]) old).length != bits.length;
        }
        c.reply.array(ops.size());
        long changes = 0;
        for (Op op : ops) {
            if (op.code() == OpCode.GET) {
                long v = bits == null ? 0 : read(bits, op.offset(), op.bits(), op.signed(), true);
                c.reply.integer(v);
                continue;
            }
            long old = read(bits, op.offset(), op.bits(), op.signed(), false);
            long newValue;
            long reply;
            boolean overflow;
            if (op.code() == OpCode.INCRBY) {
                long[] wrapped = new long[1];
                overflow = op.signed()
                        ? signedOverflow(old, op.value(), op.bits(), op.overflow(), wrapped) != 0
                        : unsignedOverflow(old, op.value(), op.bits(), op.overflow(), wrapped) != 0;
                newValue = overflow ? wrapped[0] : old + op.value();
                reply = newValue;
            } else {
                long[] wrapped = new long[1];
                newValue = op.value();
                overflow = op.signed()
                        ? signedOverflow(newValue, 0, op.bits(), op.overflow(), wrapped) != 0
                        : unsignedOverflow(newValue, 0, op.bits(), op.overflow(), wrapped) != 0;
                if (overflow) {
                    newValue = wrapped[0];
                }
                reply = old;
            }
            if (overflow && op.overflow() == Overflow.FAIL) {
                c.reply.nullBulk();
                continue;
            }
            c.reply.integer(reply);
            write(bits, op.offset(), op.bits(), newValue);
            if (grew || old != newValue) {
                changes++;
            }
        }
        if (changes > 0) {
            c.db.set(key, bits, true, ObjectEncoding.RAW);
            c.db.notify(NotifyType.STRING, "setbit", key);
        } else if (created) {
            c.db.addWithMeta(key, bits, c.server.access.fresh() | ObjectEncoding.RAW);
        } else if (highestWrite >= 0) {
            if (grew) {
                c.db.keys.find(key).value = bits; // Redis grows the string without signalling a change
            }
            c.db.unshareString(key); // and makes it raw even when nothing changed
        }
    }

    /** Parses every operation, Redis's order of checks; null after an error reply. */
    private static List<Op> parse(Client c, byte[][] argv) {
        List<Op> ops = new ArrayList<>();
        Overflow overflow = Overflow.WRAP;
        for (int j = 2; j < argv.length; j++) {
            int remaining = argv.length - j - 1;
            OpCode code;
            if (Args.is(argv[j], "get") && remaining >= 2) {
                code = OpCode.GET;
            } else if (Args.is(argv[j], "set") && remaining >= 3) {
                code = OpCode.SET;
            } else if (Args.is(argv[j], "incrby") && remaining >= 3) {
                code = OpCode.INCRBY;
            } else if (Args.is(argv[j], "overflow") && remaining >= 1) {
                byte[] mode = argv[++j];
                if (Args.is(mode, "wrap")) {
                    overflow = Overflow.WRAP;
                } else if (Args.is(mode, "sat")) {
                    overflow = Overflow.SAT;
                } else if (Args.is(mode, "fail")) {
                    overflow = Overflow.FAIL;
                } else {
                    c.reply.error("ERR Invalid OVERFLOW type specified");
                    return null;
                }
                continue;
            } else {
                c.reply.error(Errors.SYNTAX);
                return null;
            }
            byte[] type = argv[j + 1];
            boolean signed;
            if (type.length > 0 && type[0] == 'i') {
                signed = true;
            } else if (type.length > 0 && type[0] == 'u') {
                signed = false;
            } else {
                c.reply.error(BAD_TYPE);
                return null;
            }
            long bits = Numbers.parseLongOr(type, 1, cString(type), -1);
            if (bits < 1 || (signed && bits > 64) || (!signed && bits > 63)) {
                c.reply.error(BAD_TYPE);
                return null;
            }
            long offset = BitCommands.bitOffset(c, argv[j + 2], (int) bits);
            if (offset < 0) {
                return null;
            }
            long value = 0;
            if (code != OpCode.GET) {
                if (!Args.isLong(c, argv[j + 3])) {
                    return null;
                }
                value = Numbers.toLong(argv[j + 3]);
            }
            ops.add(new Op(code, overflow, signed, (int) bits, offset, value));
            j += code == OpCode.GET ? 2 : 3;
        }
        return ops;
    }

    /** The length of {@code s} up to its first NUL byte, as C's strlen sees it. */
    private static int cString(byte[] s) {
        for (int i = 0; i < s.length; i++) {
            if (s[i] == 0) {
                return i;
            }
        }
        return s.length;
    }

    /**
     * The integer of {@code bits} bits at bit {@code offset}; bits past the end
     * of {@code s} read as 0 when {@code padded} (GET), else {@code s} is known
     * to hold them.
     */
    private static long read(byte[] s, long offset, int bits, boolean signed, boolean padded) {
        long value = 0;
        for (int j = 0; j < bits; j++, offset++) {
            long byteIndex = offset >>> 3;
            int bit = padded && byteIndex >= s.length ? 0 : (s[(int) byteIndex] >> (7 - (int) (offset & 7))) & 1;
            value = (value << 1) | bit;
        }
        if (signed && bits < 64 && (value & (1L << (bits - 1))) != 0) {
            value |= -1L << bits;
        }
        return value;
    }

    private static void write(byte[] s, long offset, int bits, long value) {
        for (int j = 0; j < bits; j++, offset++) {
            int bitValue = (int) ((value >>> (bits - 1 - j)) & 1);
            int byteIndex = (int) (offset >>> 3);
            int bit = 7 - (int) (offset & 7);
            s[byteIndex] = (byte) ((s[byteIndex] & ~(1 << bit)) | (bitValue << bit));
        }
    }

    /**
     * Redis's checkUnsignedBitfieldOverflow: 1 on overflow, -1 on underflow, 0
     * when {@code value + incr} fits; on a non-zero answer {@code limit[0]} is
     * what WRAP or SAT stores (FAIL stores nothing).
     */
    static int unsignedOverflow(long value, long incr, int bits, Overflow mode, long[] limit) {
        long max = bits == 64 ? -1L : (1L << bits) - 1;
        long maxIncr = max - value;
        long minIncr = -value;
        int result;
        if (Long.compareUnsigned(value, max) > 0 || (incr > 0 && incr > maxIncr)) {
            result = 1;
            if (mode == Overflow.SAT) {
                limit[0] = max;
            }
        } else if (incr < 0 && incr < minIncr) {
            result = -1;
            if (mode == Overflow.SAT) {
                limit[0] = 0;
            }
        } else {
            return 0;
        }
        if (mode == Overflow.WRAP) {
            long mask = bits == 64 ? 0 : -1L << bits;
            limit[0] = (value + incr) & ~mask;
        }
        return result;
    }

    /** Redis's checkSignedBitfieldOverflow, like {@link #unsignedOverflow}; WRAP wraps to the most negative. */
    static int signedOverflow(long value, long incr, int bits, Overflow mode, long[] limit) {
        long max = bits == 64 ? Long.MAX_VALUE : (1L << (bits - 1)) - 1;
        long min = -max - 1;
        long maxIncr = max - value;
        long minIncr = min - value;
        int result;
        if (value > max || (bits != 64 && incr > maxIncr) || (value >= 0 && incr > 0 && incr > maxIncr)) {
            result = 1;
            if (mode == Overflow.SAT) {
                limit[0] = max;
            }
        } else if (value < min || (bits != 64 && incr < minIncr) || (value < 0 && incr < 0 && incr < minIncr)) {
            result = -1;
            if (mode == Overflow.SAT) {
                limit[0] = min;
            }
        } else {
            return 0;
        }
        if (mode == Overflow.WRAP) {
            long c = value + incr;
            if (bits < 64) {
                long mask = -1L << bits;
                long msb = 1L << (bits - 1);
                c = (c & msb) != 0 ? c | mask : c & ~mask;
            }
            limit[0] = c;
        }
        return result;
    }
}
