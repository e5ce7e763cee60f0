package dev.aioj.server.lua;

import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;

/**
 * A Lua table that refuses changes once {@link #freeze frozen}, as Redis 7.0
 * protects the globals and the libraries of its Lua state: assignments from
 * Lua code fail with "Attempt to modify a readonly table" at the script's
 * line; {@code rawset}, {@code setmetatable} and the table library fail with
 * the same text and no position, as in Redis (where they fail inside C).
 *
 * <p>Thread contract: the thread running the script.
 */
public final class ReadOnlyTable extends LuaTable {

    static final String READONLY = "Attempt to modify a readonly table";

    private boolean frozen;

    /** Makes the table read-only from now on. */
    public void freeze() {
        frozen = true;
    }

    /** Sets a field even when frozen: the engine's own writes (KEYS, ARGV). */
    public void setInternal(String key, LuaValue value) {
        super.rawset(LuaValue.valueOf(key), value);
    }

    @Override
    public void set(LuaValue key, LuaValue value) {
        if (frozen) {
            throw new org.luaj.vm2.LuaError(READONLY); // positioned at the assignment, as a VM error
        }
        super.set(key, value);
    }

    @Override
    public void set(int key, LuaValue value) {
        if (frozen) {
            throw new org.luaj.vm2.LuaError(READONLY);
        }
        super.set(key, value);
    }

    @Override
    public void rawset(LuaValue key, LuaValue value) {
        if (frozen) {
            throw LuaErrors.unpositioned(READONLY);
        }
        super.rawset(key, value);
    }

    @Override
    public void rawset(int key, LuaValue value) {
        if (frozen) {
            throw LuaErrors.unpositioned(READONLY);
        }
        super.rawset(key, value);
    }

    @Override
    public LuaValue setmetatable(LuaValue metatable) {
        if (frozen) {
            throw LuaErrors.unpositioned(READONLY);
        }
        return super.setmetatable(metatable);
    }

    @Override
    public void insert(int pos, LuaValue value) {
        if (frozen) {
            throw LuaErrors.unpositioned(READONLY);
        }
        super.insert(pos, value);
    }

    @Override
    public LuaValue remove(int pos) {
        if (frozen) {
            throw LuaErrors.unpositioned(READONLY);
        }
        return super.remove(pos);
    }

    @Override
    public void sort(LuaValue comparator) {
        if (frozen) {
            throw LuaErrors.unpositioned(READONLY);
        }
        super.sort(comparator);
    }
}
