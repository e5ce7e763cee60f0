package dev.aioj.server.lua;

import java.io.ByteArrayOutputStream;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.VarArgFunction;

/**
 * The {@code struct} library Redis bundles (Roberto Ierusalimschy's struct
 * 0.2): {@code struct.pack(fmt, ...)}, {@code struct.unpack(fmt, s [, i])}
 * and {@code struct.size(fmt)}, with its formats: endianness {@code < > =},
 * alignment {@code !n}, {@code x} padding, {@code b B h H l L T i I in In}
 * integers, {@code f d} floats, {@code s} zero-terminated and {@code cn}
 * fixed-size strings. Native means little-endian, 8-byte long and size_t,
 * as on the x86-64 and arm64 machines Redis runs on.
 *
 * <p>Thread contract: stateless, any thread.
 */
final class StructLib {

    private StructLib() {}

    private static final int MAXINTSIZE = 32;
    private static final int MAXALIGN = 8;

    static ReadOnlyTable create() {
        ReadOnlyTable t = new ReadOnlyTable();
        t.rawset("pack", new VarArgFunction() {
            @Override
            public Varargs invoke(Varargs args) {
                return pack(args);
            }
        });
        t.rawset("unpack", new VarArgFunction() {
            @Override
            public Varargs invoke(Varargs args) {
                return unpack(args);
            }
        });
        t.rawset("size", new VarArgFunction() {
            @Override
            public Varargs invoke(Varargs args) {
                return size(args);
            }
        });
        return t;
    }

    /** Parsing state of a format: its position, endianness and alignment. */
    private static final class Format {
        final String fmt;
        int pos;
        boolean little = true;
        int align = 1;

        Format(String fmt) {
            this.fmt = fmt;
        }

        boolean more() {
            return pos < fmt.length();
        }

        int number(int dflt) {
            if (pos >= fmt.length() || !Character.isDigit(fmt.charAt(pos))) {
                return dflt;
            }
            int a = 0;
            while (pos < fmt.length() && Character.isDigit(fmt.charAt(pos))) {
                a = a * 10 + (fmt.charAt(pos++) - '0');
            }
            return a;
        }

        /** The size of option {@code opt} (after reading its count). */
        int optSize(char opt) {
            switch (opt) {
                case 'B': case 'b': return 1;
                case 'H': case 'h': return 2;
                case 'L': case 'l': return 8;
                case 'T': return 8;
                case 'f': return 4;
                case 'd': return 8;
                case 'x': return 1;
                case 'c': return number(1);
                case 'i': case 'I': {
                    int sz = number(4);
                    if (sz > MAXINTSIZE) {
                        throw new LuaError("integral size " + sz + " is larger than limit of " + MAXINTSIZE);
                    }
                    return sz;
                }
                default: return 0;
            }
        }

        int gettoalign(int len, char opt, int size) {
            if (size == 0 || opt == 'c') {
                return 0;
            }
            if (size > align) {
                size = align;
            }
            return (size - (len & (size - 1))) & (size - 1);
        }

        /** Handles the options that change state; returns true if {@code opt} was one. */
        boolean control(char opt) {
            switch (opt) {
                case ' ':
                    return true;
                case '>':
                    little = false;
                    return true;
                case '<':
                case '=':
                    little = true;
                    return true;
                case '!': {
                    int a = number(MAXALIGN);
                    if ((a & (a - 1)) != 0) {
                        throw new LuaError("alignment " + a + " is not a power of 2");
                    }
                    align = a;
                    return true;
                }
                default:
                    return false;
            }
        }
    }

    private static void putInteger(ByteArrayOutputStream out, long value, boolean little, int size) {
        byte[] buff = new byte[size];
        for (int i = 0; i < size; i++) {
            byte b = i < 8 ? (byte) (value >>> (8 * i)) : (byte) (value < 0 ? 0xff : 0);
            buff[little ? i : size - 1 - i] = b;
        }
        out.write(buff, 0, size);
    }

    private static Varargs pack(Varargs args) {
        Format f = new Format(args.checkjstring(1));
        int arg = 2;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (f.more()) {
            char opt = f.fmt.charAt(f.pos++);
            if (f.control(opt)) {
                continue;
            }
            int size = f.optSize(opt);
            int toalign = f.gettoalign(out.size(), opt, size);
            for (int i = 0; i < toalign; i++) {
                out.write(0);
            }
            switch (opt) {
                case 'b': case 'B': case 'h': case 'H': case 'l': case 'L': case 'T': case 'i': case 'I': {
                    double n = args.checkdouble(arg++);
                    long v = (opt >= 'a' && opt <= 'z') ? (long) n : (n < 0 ? (long) n : toUnsigned(n));
                    putInteger(out, v, f.little, size);
                    break;
                }
                case 'x':
                    out.write(0);
                    break;
                case 'f': {
                    int bits = Float.floatToRawIntBits((float) args.checkdouble(arg++));
                    putInteger(out, bits, f.little, 4);
                    break;
                }
                case 'd': {
                    long bits = Double.doubleToRawLongBits(args.checkdouble(arg++));
                    putInteger(out, bits, f.little, 8);
                    break;
                }
                case 'c': case 's': {
                    LuaString s = args.checkstring(arg);
                    int l = s.m_length;
                    if (size == 0) {
                        size = l;
                    }
                    if (l < size) {
                        throw new LuaError("bad argument #" + arg + " to 'pack' (string too short)");
                    }
                    out.write(s.m_bytes, s.m_offset, size);
                    if (opt == 's') {
                        out.write(0);
                    }
                    arg++;
                    break;
                }
                default:
                    throw new LuaError("invalid format option '" + opt + "'");
            }
        }
        return LuaValue.valueOf(out.toByteArray());
    }

    private static long toUnsigned(double n) {
        if (n >= 9.223372036854775807E18) {
            return new java.math.BigDecimal(n).toBigInteger().longValue();
        }
        return (long) n;
    }

    private static Varargs unpack(Varargs args) {
        Format f = new Format(args.checkjstring(1));
        LuaString data = args.checkstring(2);
        int ld = data.m_length;
        int pos = args.optint(3, 1) - 1;
        if (pos < 0) {
            throw new LuaError("bad argument #3 to 'unpack' (offset must be 1 or greater)");
        }
        java.util.List<LuaValue> results = new java.util.ArrayList<>();
        while (f.more()) {
            char opt = f.fmt.charAt(f.pos++);
            if (f.control(opt)) {
                continue;
            }
            int size = f.optSize(opt);
            pos += f.gettoalign(pos, opt, size);
            if (size > ld - pos || pos > ld) {
                throw new LuaError("bad argument #2 to 'unpack' (data string too short)");
            }
            switch (opt) {
                case 'b': case 'B': case 'h': case 'H': case 'l': case 'L': case 'T': case 'i': case 'I': {
                    boolean signed = opt >= 'a' && opt <= 'z';
                    long v = 0;
                    for (int i = 0; i < size && i < 8; i++) {
                        int b = data.m_bytes[data.m_offset + pos + (f.little ? i : size - 1 - i)] & 0xff;
                        v |= ((long) b) << (8 * i);
                    }
                    double d;
                    if (signed && size < 8) {
                        long mask = 1L << (size * 8 - 1);
                        v = (v ^ mask) - mask;
                        d = v;
                    } else if (signed) {
                        d = v;
                    } else {
                        d = v >= 0 ? v : (double) (v >>> 1) * 2 + (v & 1);
                    }
                    results.add(LuaValue.valueOf(d));
                    break;
                }
                case 'x':
                    break;
                case 'f': {
                    long v = 0;
                    for (int i = 0; i < 4; i++) {
                        v |= ((long) (data.m_bytes[data.m_offset + pos + (f.little ? i : 3 - i)] & 0xff)) << (8 * i);
                    }
                    results.add(LuaValue.valueOf(Float.intBitsToFloat((int) v)));
                    break;
                }
                case 'd': {
                    long v = 0;
                    for (int i = 0; i < 8; i++) {
                        v |= ((long) (data.m_bytes[data.m_offset + pos + (f.little ? i : 7 - i)] & 0xff)) << (8 * i);
                    }
                    results.add(LuaValue.valueOf(Double.longBitsToDouble(v)));
                    break;
                }
                case 'c': {
                    if (size == 0) {
                        if (results.isEmpty() || results.get(results.size() - 1).type() != LuaValue.TNUMBER) {
                            throw new LuaError("format 'c0' needs a previous size");
                        }
                        size = results.remove(results.size() - 1).toint();
                        if (size > ld - pos) {
                            throw new LuaError("bad argument #2 to 'unpack' (data string too short)");
                        }
                    }
                    results.add(LuaString.valueOf(data.m_bytes, data.m_offset + pos, size));
                    break;
                }
                case 's': {
                    int e = pos;
                    while (e < ld && data.m_bytes[data.m_offset + e] != 0) {
                        e++;
                    }
                    if (e >= ld) {
                        throw new LuaError("unfinished string in data");
                    }
                    size = e - pos + 1;
                    results.add(LuaString.valueOf(data.m_bytes, data.m_offset + pos, size - 1));
                    break;
                }
                default:
                    throw new LuaError("invalid format option '" + opt + "'");
            }
            pos += size;
        }
        results.add(LuaValue.valueOf(pos + 1));
        return LuaValue.varargsOf(results.toArray(new LuaValue[0]));
    }

    private static Varargs size(Varargs args) {
        Format f = new Format(args.checkjstring(1));
        int pos = 0;
        while (f.more()) {
            char opt = f.fmt.charAt(f.pos++);
            if (f.control(opt)) {
                continue;
            }
            int size = f.optSize(opt);
            pos += f.gettoalign(pos, opt, size);
            if (opt == 's') {
                throw new LuaError("bad argument #1 to 'size' (options 's' has no fixed size)");
            } else if (opt == 'c' && size == 0) {
                throw new LuaError("bad argument #1 to 'size' (options 'c0' has no fixed size)");
            }
            if (!isKnown(opt)) {
                throw new LuaError("invalid format option '" + opt + "'");
            }
            pos += size;
        }
        return LuaValue.valueOf(pos);
    }

    private static boolean isKnown(char opt) {
        return "bBhHlLTiIfdxcs".indexOf(opt) >= 0;
    }
}
