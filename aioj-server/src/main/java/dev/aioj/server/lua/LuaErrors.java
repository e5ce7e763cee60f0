package dev.aioj.server.lua;

import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaValue;

/**
 * Errors with Lua 5.1's text. luaj writes a position as {@code
 * "@user_script:1 msg"} and ignores {@code error}'s level; Lua 5.1 writes
 * {@code "user_script:1: msg"} at the level asked. Every error reaches the
 * handler {@link LuaRuntime} installs (luaj calls it where the error is
 * raised, with the call stack still in place): it records that position
 * (Redis reports it after the message) and writes the position as Lua 5.1
 * does, unless the error was made here with its final text.
 *
 * <p>Thread contract: pure functions, any thread.
 */
public final class LuaErrors {

    private LuaErrors() {}

    /** Marks a message whose text is final: the handler strips it and adds no position. */
    static final String FINAL = "\u0000final\u0000";

    /** An error whose text is final: no position is added. */
    public static LuaError unpositioned(String message) {
        return new LuaError(FINAL + message);
    }

    /** An error carrying a Lua value (Redis's error tables), passed through pcall unchanged. */
    public static LuaError ofValue(LuaValue value) {
        return new LuaError(value);
    }

    /** The value a caught error stands for: its table or string, as pcall returns it. */
    public static LuaValue valueOf(LuaError e) {
        LuaValue v = e.getMessageObject();
        if (v == null) {
            return LuaValue.NIL;
        }
        if (v.type() == LuaValue.TSTRING) {
            String s = v.tojstring();
            int at = s.indexOf(FINAL);
            if (at >= 0) { // an error that never passed the handler (raised outside Lua code)
                return LuaValue.valueOf(s.substring(at + FINAL.length()));
            }
        }
        return v;
    }
}
