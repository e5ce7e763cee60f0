package dev.aioj.server.lua;

import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.VarArgFunction;

/**
 * The {@code bit} library Redis bundles (LuaBitOp 1.0): 32-bit operations on
 * Lua numbers, results as signed 32-bit numbers ({@code bit.tobit},
 * {@code tohex}, {@code bnot}, {@code band}, {@code bor}, {@code bxor},
 * {@code lshift}, {@code rshift}, {@code arshift}, {@code rol}, {@code ror},
 * {@code bswap}).
 *
 * <p>Thread contract: stateless, any thread.
 */
final class BitLib {

    private BitLib() {}

    static ReadOnlyTable create() {
        ReadOnlyTable t = new ReadOnlyTable();
        for (String name : new String[] {"tobit", "bnot", "band", "bor", "bxor", "lshift", "rshift", "arshift",
                "rol", "ror", "bswap", "tohex"}) {
            t.rawset(name, new Op(name));
        }
        return t;
    }

    /** LuaBitOp's barg: the number rounded to an integer, wrapped to 32 bits (the 2^52+2^51 trick). */
    static int toBit(LuaValue v, int arg, String fname) {
        if (v.type() != LuaValue.TNUMBER) {
            if (v.isnumber()) {
                v = v.tonumber();
            } else {
                throw new LuaError("bad argument #" + arg + " to '" + fname + "' (number expected, got "
                        + (v.isnil() ? "no value" : v.typename()) + ")");
            }
        }
        double d = v.todouble();
        long bits = Double.doubleToRawLongBits(d + 6755399441055744.0);
        return (int) bits;
    }

    private static final class Op extends VarArgFunction {
        private final String fname;

        Op(String fname) {
            this.fname = fname;
            this.name = fname;
        }

        @Override
        public Varargs invoke(Varargs args) {
            int b = toBit(args.arg1(), 1, fname);
            switch (fname) {
                case "tobit":
                    return valueOf(b);
                case "bnot":
                    return valueOf(~b);
                case "band":
                case "bor":
                case "bxor": {
                    for (int i = 2; i <= args.narg(); i++) {
                        int y = toBit(args.arg(i), i, fname);
                        b = fname.equals("band") ? b & y : fname.equals("bor") ? b | y : b ^ y;
                    }
                    return valueOf(b);
                }
                case "lshift":
                    return valueOf(b << (toBit(args.arg(2), 2, fname) & 31));
                case "rshift":
                    return valueOf(b >>> (toBit(args.arg(2), 2, fname) & 31));
                case "arshift":
                    return valueOf(b >> (toBit(args.arg(2), 2, fname) & 31));
                case "rol":
                    return valueOf(Integer.rotateLeft(b, toBit(args.arg(2), 2, fname) & 31));
                case "ror":
                    return valueOf(Integer.rotateRight(b, toBit(args.arg(2), 2, fname) & 31));
                case "bswap":
                    return valueOf(Integer.reverseBytes(b));
                case "tohex": {
                    int n = args.isnoneornil(2) ? 8 : toBit(args.arg(2), 2, fname);
                    boolean upper = n < 0;
                    if (n < 0) {
                        n = -n;
                    }
                    if (n > 8) {
                        n = 8;
                    }
                    String hex = String.format(upper ? "%08X" : "%08x", b);
                    return valueOf(hex.substring(8 - n));
                }
                default:
                    throw new IllegalStateException(fname);
            }
        }
    }
}
