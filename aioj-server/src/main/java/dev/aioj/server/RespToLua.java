package dev.aioj.server;

import java.nio.charset.StandardCharsets;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;

/**
 * A command's reply, as the scripts' client captured it in RESP2 or RESP3,
 * turned into the Lua value {@code redis.call} returns (Redis's
 * redisProtocolToLuaType): integers as numbers, bulk strings as strings, a
 * null bulk or array as {@code false}, arrays as tables, status replies as
 * {@code {ok=...}}, errors as {@code {err=...}}; in RESP3 also maps as
 * {@code {map={...}}}, sets as {@code {set={member=true}}}, doubles as
 * {@code {double=n}}, big numbers, verbatim strings, booleans and nil.
 *
 * <p>Reads the bytes in place, one reply at a time. Thread contract: the
 * server's loop thread only.
 */
final class RespToLua {

    private static final LuaString OK = LuaString.valueOf("ok");
    private static final LuaString ERR = LuaString.valueOf("err");
    private static final LuaString MAP = LuaString.valueOf("map");
    private static final LuaString SET = LuaString.valueOf("set");
    private static final LuaString DOUBLE = LuaString.valueOf("double");
    private static final LuaString BIG_NUMBER = LuaString.valueOf("big_number");
    private static final LuaString VERBATIM = LuaString.valueOf("verbatim_string");
    private static final LuaString FORMAT = LuaString.valueOf("format");
    private static final LuaString STRING = LuaString.valueOf("string");

    private final byte[] b;
    private int pos;
    /** True once the top-level reply was an error. */
    boolean isError;

    private RespToLua(byte[] b) {
        this.b = b;
    }

    /** The first reply in {@code b} as a Lua value. */
    static RespToLua parse(byte[] b) {
        return new RespToLua(b);
    }

    LuaValue value() {
        isError = b[pos] == '-';
        return next();
    }

    private long number() {
        long v = 0;
        boolean neg = false;
        if (b[pos] == '-') {
            neg = true;
            pos++;
        }
        while (b[pos] != '\r') {
            v = v * 10 + (b[pos++] - '0');
        }
        pos += 2;
        return neg ? -v : v;
    }

    private LuaString line() {
        int start = pos;
        while (b[pos] != '\r') {
            pos++;
        }
        LuaString s = LuaString.valueOf(java.util.Arrays.copyOfRange(b, start, pos));
        pos += 2;
        return s;
    }

    private LuaValue bulkBody(long n) {
        LuaString s = LuaString.valueOf(java.util.Arrays.copyOfRange(b, pos, pos + (int) n));
        pos += (int) n + 2;
        return s;
    }

    private LuaValue next() {
        byte type = b[pos++];
        switch (type) {
            case '+': {
                LuaTable t = new LuaTable();
                t.rawset(OK, line());
                return t;
            }
            case '-': {
                LuaTable t = new LuaTable();
                t.rawset(ERR, line());
                return t;
            }
            case ':':
                return LuaValue.valueOf((double) number());
            case '$': {
                long n = number();
                return n < 0 ? LuaValue.FALSE : bulkBody(n);
            }
            case '*': {
                long n = number();
                if (n < 0) {
                    return LuaValue.FALSE;
                }
                LuaTable t = new LuaTable((int) n, 0);
                for (int i = 1; i <= n; i++) {
                    t.rawset(i, next());
                }
                return t;
            }
            case '%': {
                long n = number();
                LuaTable inner = new LuaTable();
                for (long i = 0; i < n; i++) {
                    LuaValue k = next();
                    inner.rawset(k, next());
                }
                LuaTable t = new LuaTable();
                t.rawset(MAP, inner);
                return t;
            }
            case '~': {
                long n = number();
                LuaTable inner = new LuaTable();
                for (long i = 0; i < n; i++) {
                    inner.rawset(next(), LuaValue.TRUE);
                }
                LuaTable t = new LuaTable();
                t.rawset(SET, inner);
                return t;
            }
            case '_':
                pos += 2;
                return LuaValue.NIL;
            case '#': {
                boolean v = b[pos] == 't';
                pos += 3;
                return LuaValue.valueOf(v);
            }
            case ',': {
                String text = line().tojstring();
                double d = switch (text) {
                    case "inf" -> Double.POSITIVE_INFINITY;
                    case "-inf" -> Double.NEGATIVE_INFINITY;
                    case "nan" -> Double.NaN;
                    default -> Double.parseDouble(text);
                };
                LuaTable t = new LuaTable();
                t.rawset(DOUBLE, LuaValue.valueOf(d));
                return t;
            }
            case '(': {
                LuaTable t = new LuaTable();
                t.rawset(BIG_NUMBER, line());
                return t;
            }
            case '=': {
                long n = number();
                LuaTable inner = new LuaTable();
                inner.rawset(FORMAT, LuaString.valueOf(java.util.Arrays.copyOfRange(b, pos, pos + 3)));
                inner.rawset(STRING, LuaString.valueOf(java.util.Arrays.copyOfRange(b, pos + 4, pos + (int) n)));
                pos += (int) n + 2;
                LuaTable t = new LuaTable();
                t.rawset(VERBATIM, inner);
                return t;
            }
            case '>': {
                long n = number();
                for (long i = 0; i < n; i++) {
                    next();
                }
                return next();
            }
            default:
                throw new IllegalStateException("unexpected reply type '" + (char) type + "' in "
                        + new String(b, 0, Math.min(b.length, 64), StandardCharsets.ISO_8859_1));
        }
    }
}
