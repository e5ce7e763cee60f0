package dev.aioj.server;

import java.nio.charset.StandardCharsets;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/**
 * What a script returned, written as the caller's reply (Redis's
 * luaReplyToRedisReply): strings as bulk strings, numbers as integers
 * (truncated, as C's cast does), {@code true} as 1 and {@code false} as
 * null (or RESP3 booleans after {@code redis.setresp(3)}), tables as arrays
 * up to their first nil, and the single-field tables {@code {err=...}},
 * {@code {ok=...}}, {@code {double=...}}, {@code {big_number=...}}, {@code
 * {verbatim_string=...}}, {@code {map=...}}, {@code {set=...}} as those
 * replies.
 *
 * <p>Thread contract: the server's loop thread only.
 */
final class LuaToReply {

    private LuaToReply() {}

    private static final LuaString ERR = LuaString.valueOf("err");
    private static final LuaString OK = LuaString.valueOf("ok");
    private static final LuaString DOUBLE = LuaString.valueOf("double");
    private static final LuaString BIG_NUMBER = LuaString.valueOf("big_number");
    private static final LuaString VERBATIM = LuaString.valueOf("verbatim_string");
    private static final LuaString MAP = LuaString.valueOf("map");
    private static final LuaString SET = LuaString.valueOf("set");

    /** Writes {@code v} to {@code out}; {@code scriptResp} is the protocol the script chose with setresp. */
    static void write(ReplyWriter out, LuaValue v, int scriptResp) {
        switch (v.type()) {
            case LuaValue.TSTRING -> {
                LuaString s = (LuaString) v.checkstring();
                out.bulk(s.m_bytes, s.m_offset, s.m_length);
            }
            case LuaValue.TBOOLEAN -> {
                if (scriptResp == 2) {
                    if (v.toboolean()) {
                        out.integer(1);
                    } else {
                        out.nullBulk();
                    }
                } else {
                    out.bool(v.toboolean());
                }
            }
            case LuaValue.TNUMBER -> out.integer(toLongLong(v.todouble()));
            case LuaValue.TTABLE -> table(out, (LuaTable) v, scriptResp);
            default -> out.nullBulk();
        }
    }

    /** C's {@code (long long)} cast as x86 does it: out of range and NaN become LLONG_MIN. */
    static long toLongLong(double d) {
        if (Double.isNaN(d) || d >= 9.223372036854775807E18 || d < -9.223372036854775808E18) {
            return Long.MIN_VALUE;
        }
        return (long) d;
    }

    private static void table(ReplyWriter out, LuaTable t, int scriptResp) {
        LuaValue err = t.rawget(ERR);
        if (err.type() == LuaValue.TSTRING) {
            out.error(latin1(err));
            return;
        }
        LuaValue ok = t.rawget(OK);
        if (ok.type() == LuaValue.TSTRING) {
            out.simple(latin1(ok).replace('\r', ' ').replace('\n', ' '));
            return;
        }
        LuaValue d = t.rawget(DOUBLE);
        if (d.type() == LuaValue.TNUMBER) {
            out.doubleValue(d.todouble());
            return;
        }
        LuaValue big = t.rawget(BIG_NUMBER);
        if (big.type() == LuaValue.TSTRING) {
            String text = latin1(big).replace('\r', ' ').replace('\n', ' ');
            if (out.resp == 2) {
                out.bulk(text.getBytes(StandardCharsets.ISO_8859_1));
            } else {
                out.raw(("(" + text + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            }
            return;
        }
        LuaValue verbatim = t.rawget(VERBATIM);
        if (verbatim.istable()) {
            LuaValue format = verbatim.rawget("format");
            LuaValue string = verbatim.rawget("string");
            if (format.type() == LuaValue.TSTRING && string.type() == LuaValue.TSTRING) {
                LuaString s = (LuaString) string.checkstring();
                if (out.resp == 2) {
                    out.bulk(s.m_bytes, s.m_offset, s.m_length);
                } else {
                    byte[] f = format.checkstring().tojstring().getBytes(StandardCharsets.ISO_8859_1);
                    byte[] body = new byte[f.length + 1 + s.m_length];
                    System.arraycopy(f, 0, body, 0, f.length);
                    body[f.length] = ':';
                    System.arraycopy(s.m_bytes, s.m_offset, body, f.length + 1, s.m_length);
                    out.raw(("=" + body.length + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                    out.raw(body);
                    out.raw(ReplyWriter.CRLF);
                }
                return;
            }
        }
        LuaValue map = t.rawget(MAP);
        if (map.istable()) {
            LuaTable m = (LuaTable) map;
            out.map(count(m));
            for (LuaValue k = LuaValue.NIL; ; ) {
                Varargs n = m.next(k);
                if ((k = n.arg1()).isnil()) {
                    break;
                }
                write(out, k, scriptResp);
                write(out, n.arg(2), scriptResp);
            }
            return;
        }
        LuaValue set = t.rawget(SET);
        if (set.istable()) {
            LuaTable s = (LuaTable) set;
            out.set(count(s));
            for (LuaValue k = LuaValue.NIL; ; ) {
                Varargs n = s.next(k);
                if ((k = n.arg1()).isnil()) {
                    break;
                }
                write(out, k, scriptResp);
            }
            return;
        }
        int len = 0;
        while (!t.rawget(len + 1).isnil()) {
            len++;
        }
        out.array(len);
        for (int i = 1; i <= len; i++) {
            write(out, t.rawget(i), scriptResp);
        }
    }

    private static int count(LuaTable t) {
        int n = 0;
        for (LuaValue k = LuaValue.NIL; ; ) {
            Varargs e = t.next(k);
            if ((k = e.arg1()).isnil()) {
                return n;
            }
            n++;
        }
    }

    /** A Lua string's bytes as one char per byte, as {@link ReplyWriter#error} expects. */
    static String latin1(LuaValue s) {
        LuaString ls = s.checkstring();
        return new String(ls.m_bytes, ls.m_offset, ls.m_length, StandardCharsets.ISO_8859_1);
    }
}
