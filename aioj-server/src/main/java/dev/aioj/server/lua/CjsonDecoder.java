package dev.aioj.server.lua;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/**
 * {@code cjson.decode}: JSON text to Lua values as lua-cjson 2.1.0 reads it
 * (numbers as strtod reads them, {@code null} as {@code cjson.null}, nesting
 * limited to 1000), failing with lua-cjson's texts ("Expected value but found
 * invalid token at character 1"). One decoder per call.
 *
 * <p>Thread contract: the thread running the script.
 */
final class CjsonDecoder {

    /** lua-cjson's name for the end of the input, used in its parse errors. */
    private static final String T_END = "T_END";

    private final byte[] b;
    private final int start;
    private final int end;
    private int pos;
    private int depth;

    CjsonDecoder(LuaString s) {
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
                    return CjsonLib.NULL;
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
        if (++depth > CjsonLib.MAX_DEPTH) {
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
