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

    private static final int MAX_DEPTH = 1000;

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
                return new Decoder(s).decodeAll();
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

    // ---------------------------------------------------------------- decode

    /** lua-cjson's token names, used in its parse errors. */
    private static final String T_END = "T_END";

    private static final class Decoder {
        private final byte[] b;
        private final int start;
        private final int end;
        private int pos;
        private int depth;

        Decoder(LuaString s) {
            this.b = s.m_bytes;
            this.start = s.m_offset;
            this.end = s.m_offset + s.m_length;
            this.pos = start;
        }

        private LuaError error(String expected, String found, int at) {
            return new LuaError("Expected " + expected + " but found " + found + " at character " + (at - start + 1));
        }

        Varargs decodeAll() {
            skipSpace();
            LuaValue v = value();
            skipSpace();
            if (pos < end) {
                throw error("the end", tokenName(), pos);
            }
            return v;
        }

        private void skipSpace() {
            while (pos < end && (b[pos] == ' ' || b[pos] == '\t' || b[pos] == '\n' || b[pos] == '\r')) {
                pos++;
            }
        }

        /** The name lua-cjson gives the token at pos, for an error. */
        private String tokenName() {
            if (pos >= end) {
                return T_END;
            }
            return switch (b[pos]) {
                case '{' -> "T_OBJ_BEGIN";
                case '}' -> "T_OBJ_END";
                case '[' -> "T_ARR_BEGIN";
                case ']' -> "T_ARR_END";
                case '"' -> "T_STRING";
                case ':' -> "T_COLON";
                case ',' -> "T_COMMA";
                case 't', 'f' -> matches("true") || matches("false") ? "T_BOOLEAN" : "invalid token";
                case 'n' -> matches("null") ? "T_NULL" : "invalid token";
                default -> (b[pos] == '-' || (b[pos] >= '0' && b[pos] <= '9')) ? "T_NUMBER" : "invalid token";
            };
        }

        private boolean matches(String word) {
            if (end - pos < word.length()) {
                return false;
            }
            for (int i = 0; i < word.length(); i++) {
                if (b[pos + i] != word.charAt(i)) {
                    return false;
                }
            }
            return true;
        }

        private LuaValue value() {
            if (pos >= end) {
                throw error("value", T_END, pos);
            }
            byte c = b[pos];
            switch (c) {
                case '{':
                    return object();
                case '[':
                    return array();
                case '"':
                    return string();
                case 't':
                    if (matches("true")) {
                        pos += 4;
                        return LuaValue.TRUE;
                    }
                    break;
                case 'f':
                    if (matches("false")) {
                        pos += 5;
                        return LuaValue.FALSE;
                    }
                    break;
                case 'n':
                    if (matches("null")) {
                        pos += 4;
                        return NULL;
                    }
                    if (matches("nan")) {
                        pos += 3;
                        return LuaValue.valueOf(Double.NaN);
                    }
                    break;
                default:
                    if (c == '-' || (c >= '0' && c <= '9') || c == 'i' || c == 'I' || c == 'N') {
                        LuaValue n = number();
                        if (n != null) {
                            return n;
                        }
                    }
            }
            String found = tokenName();
            throw error("value", found.equals("T_NUMBER") ? "invalid number" : found, pos);
        }

        private LuaValue number() {
            int s = pos;
            int e = pos;
            while (e < end && "+-0123456789.eExXabcdefABCDEFinftyINFTYN".indexOf(b[e]) >= 0) {
                e++;
            }
            String text = new String(b, s, e - s, StandardCharsets.ISO_8859_1);
            Double d = parseStrtod(text);
            if (d == null) {
                return null;
            }
            pos = e;
            return LuaValue.valueOf(d);
        }

        private static Double parseStrtod(String text) {
            try {
                String t = text;
                boolean neg = t.startsWith("-");
                String body = neg || t.startsWith("+") ? t.substring(1) : t;
                if (body.regionMatches(true, 0, "0x", 0, 2)) {
                    double v = Long.parseLong(body.substring(2), 16);
                    return neg ? -v : v;
                }
                if (body.equalsIgnoreCase("inf") || body.equalsIgnoreCase("infinity")) {
                    return neg ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
                }
                if (body.equalsIgnoreCase("nan")) {
                    return Double.NaN;
                }
                if (!body.isEmpty() && !Character.isDigit(body.charAt(0)) && body.charAt(0) != '.') {
                    return null;
                }
                return Double.parseDouble(t);
            } catch (NumberFormatException e) {
                return null;
            }
        }

        private LuaValue string() {
            int s = pos;
            pos++; // opening quote
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            while (true) {
                if (pos >= end) {
                    throw error("value", "invalid token", s);
                }
                byte c = b[pos++];
                if (c == '"') {
                    break;
                }
                if (c != '\\') {
                    out.write(c);
                    continue;
                }
                if (pos >= end) {
                    throw error("value", "invalid token", s);
                }
                byte e = b[pos++];
                switch (e) {
                    case '"', '\\', '/' -> out.write(e);
                    case 'b' -> out.write('\b');
                    case 'f' -> out.write('\f');
                    case 'n' -> out.write('\n');
                    case 'r' -> out.write('\r');
                    case 't' -> out.write('\t');
                    case 'u' -> {
                        int cp = hex4(s);
                        if (cp >= 0xD800 && cp <= 0xDBFF) {
                            if (pos + 1 < end && b[pos] == '\\' && b[pos + 1] == 'u') {
                                pos += 2;
                                int low = hex4(s);
                                if (low < 0xDC00 || low > 0xDFFF) {
                                    throw error("value", "invalid token", s);
                                }
                                cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
                            } else {
                                throw error("value", "invalid token", s);
                            }
                        } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
                            throw error("value", "invalid token", s);
                        }
                        byte[] utf8 = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
                        out.write(utf8, 0, utf8.length);
                    }
                    default -> throw error("value", "invalid token", s);
                }
            }
            return LuaValue.valueOf(out.toByteArray());
        }

        private int hex4(int tokenStart) {
            if (end - pos < 4) {
                throw error("value", "invalid token", tokenStart);
            }
            int v = 0;
            for (int i = 0; i < 4; i++) {
                int d = Character.digit(b[pos++], 16);
                if (d < 0) {
                    throw error("value", "invalid token", tokenStart);
                }
                v = v * 16 + d;
            }
            return v;
        }

        private void enter() {
            if (++depth > MAX_DEPTH) {
                throw new LuaError("Found too many nested data structures (" + depth + ") at character "
                        + (pos - start + 1));
            }
        }

        private LuaValue object() {
            enter();
            pos++;
            LuaTable t = new LuaTable();
            skipSpace();
            if (pos < end && b[pos] == '}') {
                pos++;
                depth--;
                return t;
            }
            while (true) {
                skipSpace();
                if (pos >= end || b[pos] != '"') {
                    throw error("object key string", tokenName(), pos);
                }
                LuaValue key = string();
                skipSpace();
                if (pos >= end || b[pos] != ':') {
                    throw error("colon", tokenName(), pos);
                }
                pos++;
                skipSpace();
                t.rawset(key, value());
                skipSpace();
                if (pos < end && b[pos] == '}') {
                    pos++;
                    break;
                }
                if (pos >= end || b[pos] != ',') {
                    throw error("comma or object end", tokenName(), pos);
                }
                pos++;
            }
            depth--;
            return t;
        }

        private LuaValue array() {
            enter();
            pos++;
            LuaTable t = new LuaTable();
            skipSpace();
            if (pos < end && b[pos] == ']') {
                pos++;
                depth--;
                return t;
            }
            for (int i = 1; ; i++) {
                skipSpace();
                t.rawset(i, value());
                skipSpace();
                if (pos < end && b[pos] == ']') {
                    pos++;
                    break;
                }
                if (pos >= end || b[pos] != ',') {
                    throw error("comma or array end", tokenName(), pos);
                }
                pos++;
            }
            depth--;
            return t;
        }
    }
}
