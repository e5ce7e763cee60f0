package dev.aioj.server.lua;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.VarArgFunction;

/**
 * The {@code cmsgpack} library Redis bundles (lua-cmsgpack 0.4.0): {@code
 * pack(...)} writes each argument as MessagePack (integers in the smallest
 * encoding, other numbers as float32 when exact, else float64; tables keyed
 * 1..n as arrays, others as maps; nesting past 16 levels as nil), {@code
 * unpack(s)}, {@code unpack_one(s [, offset])} and {@code unpack_limit(s,
 * limit [, offset])} read them back, binary data included.
 *
 * <p>Thread contract: stateless, any thread.
 */
final class CmsgpackLib {

    private CmsgpackLib() {}

    private static final int MAX_NESTING = 16;

    static ReadOnlyTable create() {
        ReadOnlyTable t = new ReadOnlyTable();
        t.rawset("pack", new VarArgFunction() {
            @Override
            public Varargs invoke(Varargs args) {
                if (args.narg() == 0) {
                    throw new LuaError("bad argument #0 to 'pack' (MessagePack pack needs input.)");
                }
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                for (int i = 1; i <= args.narg(); i++) {
                    encode(out, args.arg(i), 0);
                }
                return LuaValue.valueOf(out.toByteArray());
            }
        });
        t.rawset("unpack", new VarArgFunction() {
            @Override
            public Varargs invoke(Varargs args) {
                return unpack(args.checkstring(1), 0, 0, false);
            }
        });
        t.rawset("unpack_one", new VarArgFunction() {
            @Override
            public Varargs invoke(Varargs args) {
                return unpack(args.checkstring(1), 1, args.optint(2, 0), true);
            }
        });
        t.rawset("unpack_limit", new VarArgFunction() {
            @Override
            public Varargs invoke(Varargs args) {
                return unpack(args.checkstring(1), args.checkint(2), args.optint(3, 0), true);
            }
        });
        t.rawset("_NAME", LuaValue.valueOf("cmsgpack"));
        t.rawset("_VERSION", LuaValue.valueOf("lua-cmsgpack 0.4.0"));
        t.rawset("_COPYRIGHT", LuaValue.valueOf("Copyright (C) 2012, Salvatore Sanfilippo"));
        t.rawset("_DESCRIPTION", LuaValue.valueOf("MessagePack C implementation for Lua"));
        return t;
    }

    // ---------------------------------------------------------------- encode

    private static void be(ByteArrayOutputStream out, long v, int bytes) {
        for (int i = bytes - 1; i >= 0; i--) {
            out.write((int) (v >>> (8 * i)));
        }
    }

    private static void encode(ByteArrayOutputStream out, LuaValue v, int level) {
        switch (v.type()) {
            case LuaValue.TSTRING -> {
                LuaString s = v.checkstring();
                int len = s.m_length;
                if (len < 32) {
                    out.write(0xa0 | len);
                } else if (len <= 0xff) {
                    out.write(0xd9);
                    be(out, len, 1);
                } else if (len <= 0xffff) {
                    out.write(0xda);
                    be(out, len, 2);
                } else {
                    out.write(0xdb);
                    be(out, len, 4);
                }
                out.write(s.m_bytes, s.m_offset, len);
            }
            case LuaValue.TBOOLEAN -> out.write(v.toboolean() ? 0xc3 : 0xc2);
            case LuaValue.TNUMBER -> encodeNumber(out, v.todouble());
            case LuaValue.TTABLE -> {
                if (level == MAX_NESTING) {
                    out.write(0xc0);
                } else {
                    encodeTable(out, (LuaTable) v, level + 1);
                }
            }
            default -> out.write(0xc0);
        }
    }

    private static void encodeNumber(ByteArrayOutputStream out, double d) {
        if (!Double.isInfinite(d) && (double) (long) d == d) {
            encodeInt(out, (long) d);
        } else if ((double) (float) d == d) {
            out.write(0xca);
            be(out, Float.floatToRawIntBits((float) d), 4);
        } else {
            out.write(0xcb);
            be(out, Double.doubleToRawLongBits(d), 8);
        }
    }

    private static void encodeInt(ByteArrayOutputStream out, long n) {
        if (n >= 0) {
            if (n <= 127) {
                out.write((int) n);
            } else if (n <= 0xff) {
                out.write(0xcc);
                be(out, n, 1);
            } else if (n <= 0xffff) {
                out.write(0xcd);
                be(out, n, 2);
            } else if (n <= 0xffffffffL) {
                out.write(0xce);
                be(out, n, 4);
            } else {
                out.write(0xcf);
                be(out, n, 8);
            }
        } else if (n >= -32) {
            out.write((int) (n & 0xff));
        } else if (n >= -128) {
            out.write(0xd0);
            be(out, n, 1);
        } else if (n >= -32768) {
            out.write(0xd1);
            be(out, n, 2);
        } else if (n >= -2147483648L) {
            out.write(0xd2);
            be(out, n, 4);
        } else {
            out.write(0xd3);
            be(out, n, 8);
        }
    }

    private static void encodeTable(ByteArrayOutputStream out, LuaTable t, int level) {
        long count = 0;
        double max = 0;
        boolean array = true;
        for (LuaValue k = LuaValue.NIL; ; ) {
            Varargs n = t.next(k);
            if ((k = n.arg1()).isnil()) {
                break;
            }
            count++;
            if (k.type() == LuaValue.TNUMBER && k.todouble() > 0 && k.todouble() == Math.floor(k.todouble())) {
                max = Math.max(max, k.todouble());
            } else {
                array = false;
            }
        }
        if (array && max == count) {
            header(out, count, 0x90, 0xdc, 0xdd);
            for (int i = 1; i <= count; i++) {
                encode(out, t.rawget(i), level);
            }
            return;
        }
        header(out, count, 0x80, 0xde, 0xdf);
        for (LuaValue k = LuaValue.NIL; ; ) {
            Varargs n = t.next(k);
            if ((k = n.arg1()).isnil()) {
                break;
            }
            encode(out, k, level);
            encode(out, n.arg(2), level);
        }
    }

    private static void header(ByteArrayOutputStream out, long n, int fix, int op16, int op32) {
        if (n <= 15) {
            out.write(fix | (int) n);
        } else if (n <= 0xffff) {
            out.write(op16);
            be(out, n, 2);
        } else {
            out.write(op32);
            be(out, n, 4);
        }
    }

    // ---------------------------------------------------------------- decode

    private static Varargs unpack(LuaString s, int limit, int offset, boolean withOffset) {
        if (offset < 0 || limit < 0) {
            throw new LuaError("Invalid request to unpack with offset of " + offset + " and limit of " + limit + ".");
        }
        if (offset > s.m_length) {
            throw new LuaError("Start offset " + offset + " greater than input length " + s.m_length + ".");
        }
        Reader r = new Reader(s.m_bytes, s.m_offset + offset, s.m_offset + s.m_length);
        List<LuaValue> values = new ArrayList<>();
        if (withOffset) {
            values.add(LuaValue.NIL); // replaced by the next offset
        }
        int decoded = 0;
        while (r.pos < r.end && (limit == 0 || decoded < limit)) {
            values.add(r.value());
            decoded++;
        }
        if (withOffset) {
            int next = r.pos < r.end ? r.pos - s.m_offset : -1;
            values.set(0, LuaValue.valueOf(next));
        }
        return LuaValue.varargsOf(values.toArray(new LuaValue[0]));
    }

    private static final class Reader {
        final byte[] b;
        int pos;
        final int end;

        Reader(byte[] b, int pos, int end) {
            this.b = b;
            this.pos = pos;
            this.end = end;
        }

        private void need(int n) {
            if (end - pos < n) {
                throw new LuaError("Missing bytes in input.");
            }
        }

        private long be(int n) {
            need(n);
            long v = 0;
            for (int i = 0; i < n; i++) {
                v = (v << 8) | (b[pos++] & 0xff);
            }
            return v;
        }

        private LuaValue str(long len) {
            if (len < 0 || len > end - pos) {
                throw new LuaError("Missing bytes in input.");
            }
            LuaValue v = LuaString.valueOf(java.util.Arrays.copyOfRange(b, pos, pos + (int) len));
            pos += (int) len;
            return v;
        }

        private LuaValue array(long n) {
            LuaTable t = new LuaTable();
            for (int i = 1; i <= n; i++) {
                t.rawset(i, value());
            }
            return t;
        }

        private LuaValue map(long n) {
            LuaTable t = new LuaTable();
            for (long i = 0; i < n; i++) {
                LuaValue k = value();
                LuaValue v = value();
                if (!k.isnil()) {
                    t.rawset(k, v);
                }
            }
            return t;
        }

        LuaValue value() {
            need(1);
            int c = b[pos++] & 0xff;
            if (c <= 0x7f) {
                return LuaValue.valueOf(c);
            }
            if (c >= 0xe0) {
                return LuaValue.valueOf((byte) c);
            }
            if ((c & 0xe0) == 0xa0) {
                return str(c & 0x1f);
            }
            if ((c & 0xf0) == 0x90) {
                return array(c & 0x0f);
            }
            if ((c & 0xf0) == 0x80) {
                return map(c & 0x0f);
            }
            switch (c) {
                case 0xc0: return LuaValue.NIL;
                case 0xc2: return LuaValue.FALSE;
                case 0xc3: return LuaValue.TRUE;
                case 0xcc: return LuaValue.valueOf(be(1));
                case 0xcd: return LuaValue.valueOf(be(2));
                case 0xce: return LuaValue.valueOf(be(4));
                case 0xcf: {
                    long v = be(8);
                    return LuaValue.valueOf(v >= 0 ? v : (double) (v >>> 1) * 2 + (v & 1));
                }
                case 0xd0: return LuaValue.valueOf((byte) be(1));
                case 0xd1: return LuaValue.valueOf((short) be(2));
                case 0xd2: return LuaValue.valueOf((int) be(4));
                case 0xd3: return LuaValue.valueOf((double) be(8));
                case 0xca: return LuaValue.valueOf(Float.intBitsToFloat((int) be(4)));
                case 0xcb: return LuaValue.valueOf(Double.longBitsToDouble(be(8)));
                case 0xc4: case 0xd9: return str(be(1));
                case 0xc5: case 0xda: return str(be(2));
                case 0xc6: case 0xdb: return str(be(4));
                case 0xdc: return array(be(2));
                case 0xdd: return array(be(4));
                case 0xde: return map(be(2));
                case 0xdf: return map(be(4));
                default: throw new LuaError("Bad data format in input.");
            }
        }
    }
}
