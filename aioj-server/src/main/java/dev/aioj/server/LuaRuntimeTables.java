package dev.aioj.server;

import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.lib.TwoArgFunction;

/**
 * Metatables Redis 7.0 puts on its API tables: reading a missing field
 * fails with "Script attempted to access nonexistent global variable", as a
 * missing global does ({@code redis.nosuch}, or {@code string} while a
 * function library loads).
 *
 * <p>Thread contract: stateless, any thread.
 */
final class LuaRuntimeTables {

    private LuaRuntimeTables() {}

    static LuaTable missingField() {
        LuaTable mt = new LuaTable();
        mt.rawset(LuaValue.INDEX, new TwoArgFunction() {
            @Override
            public LuaValue call(LuaValue t, LuaValue key) {
                throw new LuaError("Script attempted to access nonexistent global variable '" + key.tojstring() + "'");
            }
        });
        return mt;
    }
}
