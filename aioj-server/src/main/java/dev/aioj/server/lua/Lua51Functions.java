package dev.aioj.server.lua;

import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.OneArgFunction;
import org.luaj.vm2.lib.VarArgFunction;

/**
 * Lua 5.1 base and table functions that luaj does differently and that need
 * nothing of the running state: {@code tostring} and {@code table.concat}
 * with numbers as {@code %.14g}, 5.1's {@code xpcall}, and a {@code
 * collectgarbage} that never runs a full GC of the server's JVM.
 * {@link LuaRuntime} installs them.
 *
 * <p>Thread contract: stateless, any thread.
 */
final class Lua51Functions {

    private Lua51Functions() {}

    /** tostring with numbers as %.14g. */
    static final class Tostring extends OneArgFunction {
        @Override
        public LuaValue call(LuaValue v) {
            if (v.type() == LuaValue.TNUMBER) {
                return LuaValue.valueOf(LuaNumbers.format14(v.todouble()));
            }
            LuaValue h = v.metatag(LuaValue.TOSTRING);
            if (!h.isnil()) {
                return h.call(v);
            }
            LuaValue s = v.tostring();
            return s.isnil() ? LuaValue.valueOf(v.tojstring()) : s;
        }
    }

    /** xpcall(f, handler): the handler's result is the error value, as in Lua 5.1. */
    static final class Xpcall extends VarArgFunction {
        @Override
        public Varargs invoke(Varargs args) {
            LuaValue f = args.arg1();
            LuaValue handler = args.checkvalue(2);
            try {
                return LuaValue.varargsOf(LuaValue.TRUE, f.invoke());
            } catch (LuaError e) {
                return LuaValue.varargsOf(LuaValue.FALSE, handler.call(LuaErrors.valueOf(e)));
            }
        }
    }

    /** collectgarbage: never runs a full GC of the server's JVM; "count" reports the heap in use. */
    static final class CollectGarbage extends VarArgFunction {
        @Override
        public Varargs invoke(Varargs args) {
            String op = args.optjstring(1, "collect");
            Runtime rt = Runtime.getRuntime();
            long used = rt.totalMemory() - rt.freeMemory();
            return switch (op) {
                case "count" -> LuaValue.valueOf(used / 1024.0);
                case "step" -> LuaValue.TRUE;
                case "collect", "stop", "restart", "setpause", "setstepmul" -> LuaValue.ZERO;
                default -> argerror(1, "invalid option '" + op + "'");
            };
        }
    }

    /** table.concat with numbers as %.14g, and Lua 5.1's error for other values. */
    static final class Concat extends VarArgFunction {
        @Override
        public Varargs invoke(Varargs args) {
            LuaTable t = args.checktable(1);
            LuaString sep = args.optstring(2, LuaValue.EMPTYSTRING);
            int i = args.optint(3, 1);
            int j = args.isnoneornil(4) ? t.length() : args.checkint(4);
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            for (int k = i; k <= j; k++) {
                LuaValue v = t.get(k);
                if (v.type() == LuaValue.TNUMBER) {
                    byte[] b = LuaNumbers.format14(v.todouble()).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
                    out.write(b, 0, b.length);
                } else if (v.type() == LuaValue.TSTRING) {
                    LuaString s = v.checkstring();
                    out.write(s.m_bytes, s.m_offset, s.m_length);
                } else {
                    throw new LuaError("invalid value (at index " + k + ") in table for 'concat'");
                }
                if (k < j) {
                    out.write(sep.m_bytes, sep.m_offset, sep.m_length);
                }
            }
            return LuaValue.valueOf(out.toByteArray());
        }
    }
}
