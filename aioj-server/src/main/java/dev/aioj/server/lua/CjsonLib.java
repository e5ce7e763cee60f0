package dev.aioj.server.lua;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaUserdata;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.VarArgFunction;

/**
 * The {@code cjson} library Redis bundles (lua-cjson 2.1.0) with its
 * defaults: {@code cjson.encode} (numbers as {@code %.14g}, {@code /}
 * escaped, arrays for tables keyed 1..n, "excessively sparse array" past
 * lua-cjson's ratio, nesting limited to 1000), {@code cjson.decode}
 * (with lua-cjson's error texts, {@code null} as {@code cjson.null}), and the
 * configuration functions, which answer their current settings.
 *
 * <p>Objects list their keys in luaj's table order, which differs from
 * Redis's Lua (the JSON is the same object; its text may order keys
 * differently).
 *
 * <p>Thread contract: the thread running the script.
 */
final class CjsonLib {

    private CjsonLib() {}

    /** cjson.null: a light userdata in lua-cjson; one shared value here. */
    static final LuaUserdata NULL = new LuaUserdata(new Object()) {
        @Override
        public String tojstring() {
            return "userdata: 0x0";
        }
    };

    /** lua-cjson's default encode and decode depth limit. */
    static final int MAX_DEPTH = 1000;

    static ReadOnlyTable create() {
        ReadOnlyTable t = new ReadOnlyTable();
        t.rawset("encode", new VarArgFunction() {
            @Override
            public Varargs invoke(Varargs args) {
                if (args.narg() != 1) {
                    throw new LuaError("bad argument #1 to 'encode' (expected 1 argument)");
                }
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                encode(out, args.arg1(), 0);
                return LuaValue.valueOf(out.toByteArray());
            }
        });
        t.rawset("decode", new VarArgFunction() {
            @Override
            public Varargs invoke(Varargs args) {
                if (args.narg() != 1) {
                    throw new LuaError("bad argument #1 to 'decode' (expected 1 argument)");
                }
                LuaString s = args.checkstring(1);
                return new CjsonDecoder(s).decodeAll();
            }
        });
        t.rawset("null", NULL);
        t.rawset("_NAME", LuaValue.valueOf("cjson"));
        t.rawset("_VERSION", LuaValue.valueOf("2.1.0"));
        setting(t, "encode_sparse_array", LuaValue.FALSE, LuaValue.valueOf(2), LuaValue.valueOf(10));
        setting(t, "encode_max_depth", LuaValue.valueOf(MAX_DEPTH));
        setting(t, "decode_max_depth", LuaValue.valueOf(MAX_DEPTH));
        setting(t, "encode_number_precision", LuaValue.valueOf(14));
        setting(t, "encode_keep_buffer", LuaValue.TRUE);
        setting(t, "encode_invalid_numbers", LuaValue.FALSE);
        setting(t, "decode_invalid_numbers", LuaValue.TRUE);
        return t;
    }

    private static void setting(LuaTable t, String name, LuaValue... current) {
        t.rawset(name, new VarArgFunction() {
            @Override
            public Varargs invoke(Varargs args) {
                return LuaValue.varargsOf(current);
            }
        });
    }

    // ---------------------------------------------------------------- encode

    private static void ascii(ByteArrayOutputStream out, String s) {
        byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
        out.write(b, 0, b.length);
    }

    private static void encode(ByteArrayOutputStream out, LuaValue v, int depth) {
        switch (v.type()) {
            case LuaValue.TSTRING -> encodeString(out, v.checkstring());
            case LuaValue.TNUMBER -> encodeNumber(out, v.todouble());
            case LuaValue.TBOOLEAN -> ascii(out, v.toboolean() ? "true" : "false");
            case LuaValue.TNIL -> ascii(out, "null");
            case LuaValue.TTABLE -> encodeTable(out, (LuaTable) v, depth + 1);
            case LuaValue.TUSERDATA, LuaValue.TLIGHTUSERDATA -> {
                if (v == NULL) {
                    ascii(out, "null");
                } else {
                    throw new LuaError("Cannot serialise userdata: type not supported");
                }
            }
            default -> throw new LuaError("Cannot serialise " + v.typename() + ": type not supported");
        }
    }

    private static void encodeNumber(ByteArrayOutputStream out, double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            throw new LuaError("Cannot serialise number: must not be NaN or Inf");
        }
        ascii(out, LuaNumbers.format14(d));
    }

    private static final String[] ESCAPES = new String[256];

    static {
        for (int c = 0; c < 32; c++) {
            ESCAPES[c] = String.format("\\u%04x", c);
        }
        ESCAPES['\b'] = "\\b";
        ESCAPES['\t'] = "\\t";
        ESCAPES['\n'] = "\\n";
        ESCAPES['\f'] = "\\f";
        ESCAPES['\r'] = "\\r";
        ESCAPES['"'] = "\\\"";
        ESCAPES['\\'] = "\\\\";
        ESCAPES['/'] = "\\/";
        ESCAPES[127] = "\\u007f";
    }

    private static void encodeString(ByteArrayOutputStream out, LuaString s) {
        out.write('"');
        for (int i = 0; i < s.m_length; i++) {
            int c = s.m_bytes[s.m_offset + i] & 0xff;
            String esc = ESCAPES[c];
            if (esc != null) {
                ascii(out, esc);
            } else {
                out.write(c);
            }
        }
        out.write('"');
    }

    private static void encodeTable(ByteArrayOutputStream out, LuaTable t, int depth) {
        if (depth > MAX_DEPTH) {
            throw new LuaError("Cannot serialise, excessive nesting (" + depth + ")");
        }
        int arrayLength = arrayLength(t);
        if (arrayLength > 0) {
            out.write('[');
            for (int i = 1; i <= arrayLength; i++) {
                if (i > 1) {
                    out.write(',');
                }
                encode(out, t.rawget(i), depth);
            }
            out.write(']');
            return;
        }
        out.write('{');
        boolean first = true;
        for (LuaValue k = LuaValue.NIL; ; ) {
            Varargs n = t.next(k);
            if ((k = n.arg1()).isnil()) {
                break;
            }
            if (!first) {
                out.write(',');
            }
            first = false;
            if (k.type() == LuaValue.TSTRING) {
                encodeString(out, k.checkstring());
            } else if (k.type() == LuaValue.TNUMBER) {
                out.write('"');
                encodeNumber(out, k.todouble());
                out.write('"');
            } else {
                throw new LuaError("Cannot serialise table: table key must be a number or string");
            }
            out.write(':');
            encode(out, n.arg(2), depth);
        }
        out.write('}');
    }

    /** lua-cjson's lua_array_length: n for a table keyed 1..n (holes allowed within its ratio), else -1 (0 if empty). */
    private static int arrayLength(LuaTable t) {
        double max = 0;
        int items = 0;
        for (LuaValue k = LuaValue.NIL; ; ) {
            Varargs n = t.next(k);
            if ((k = n.arg1()).isnil()) {
                break;
            }
            if (k.type() == LuaValue.TNUMBER) {
                double d = k.todouble();
                if (d == Math.floor(d) && d >= 1) {
                    if (d > max) {
                        max = d;
                    }
                    items++;
                    continue;
                }
            }
            return -1;
        }
        if (max > 10 && max > items * 2.0) {
            throw new LuaError("Cannot serialise table: excessively sparse array");
        }
        return (int) max;
    }
}
