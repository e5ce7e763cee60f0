package dev.aioj.server.lua;

import org.luaj.vm2.LuaValue;
import org.luaj.vm2.lib.MathLib;
import org.luaj.vm2.lib.OneArgFunction;
import org.luaj.vm2.lib.TwoArgFunction;

/**
 * Lua 5.1's {@code math} on luaj's portable one: {@code x^y} and {@code
 * math.pow} with {@link Math#pow} (luaj's portable pow is an
 * approximation), and the functions luaj keeps for its desktop library:
 * {@code acos asin atan atan2 cosh sinh tanh log log10 exp}.
 *
 * <p>Thread contract: stateless, any thread.
 */
final class Lua51Math extends MathLib {

    @Override
    public double dpow_lib(double a, double b) {
        return Math.pow(a, b);
    }

    @Override
    public LuaValue call(LuaValue modname, LuaValue env) {
        LuaValue math = super.call(modname, env);
        one(math, "acos", Math::acos);
        one(math, "asin", Math::asin);
        one(math, "atan", Math::atan);
        one(math, "cosh", Math::cosh);
        one(math, "sinh", Math::sinh);
        one(math, "tanh", Math::tanh);
        one(math, "exp", Math::exp);
        one(math, "log10", Math::log10);
        math.set("log", new OneArgFunction() {
            @Override
            public LuaValue call(LuaValue x) {
                return valueOf(Math.log(x.checkdouble()));
            }
        });
        math.set("atan2", new TwoArgFunction() {
            @Override
            public LuaValue call(LuaValue y, LuaValue x) {
                return valueOf(Math.atan2(y.checkdouble(), x.checkdouble()));
            }
        });
        math.set("pow", new TwoArgFunction() {
            @Override
            public LuaValue call(LuaValue x, LuaValue y) {
                return valueOf(Math.pow(x.checkdouble(), y.checkdouble()));
            }
        });
        return math;
    }

    private static void one(LuaValue math, String name, java.util.function.DoubleUnaryOperator f) {
        math.set(name, new OneArgFunction() {
            @Override
            public LuaValue call(LuaValue x) {
                return valueOf(f.applyAsDouble(x.checkdouble()));
            }
        });
    }
}
