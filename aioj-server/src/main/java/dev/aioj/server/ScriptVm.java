package dev.aioj.server;

import dev.aioj.server.lua.LuaRuntime;

/**
 * A Lua state with Redis's API installed: EVAL scripts share one, FUNCTION
 * libraries another, as in Redis 7.0 (a library cannot see EVAL's globals).
 *
 * <p>Thread contract: the server's loop thread only.
 */
final class ScriptVm {

    final LuaRuntime lua = new LuaRuntime();
    final ScriptRedisApi api;

    ScriptVm(ScriptEngine engine, boolean forFunctions) {
        this.api = new ScriptRedisApi(engine, forFunctions);
        lua.env().rawset("redis", api.table());
        lua.hook().interrupt(engine::checkInterrupt);
        if (!forFunctions) {
            lua.env().rawset("KEYS", new org.luaj.vm2.LuaTable());
            lua.env().rawset("ARGV", new org.luaj.vm2.LuaTable());
        }
        lua.freeze();
    }
}
