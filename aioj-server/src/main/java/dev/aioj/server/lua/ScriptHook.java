package dev.aioj.server.lua;

import org.luaj.vm2.Lua;
import org.luaj.vm2.LuaClosure;
import org.luaj.vm2.LuaFunction;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Prototype;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.DebugLib;

/**
 * The VM's hook (luaj calls it on every call, instruction and return when a
 * debug library is installed): keeps a light call stack, so that errors get
 * Lua 5.1's positions ({@code error("x", 2)}), and every {@value
 * #CHECK_EVERY} instructions asks the {@link Interrupt} whether the script
 * must stop or the server must answer other clients (Redis's count hook).
 * Scripts never see a {@code debug} table: Redis 7.0 hides it.
 *
 * <p>Thread contract: the thread running the script.
 */
public final class ScriptHook extends DebugLib {

    /** Instructions between two interrupt checks: a check reads the clock, so not every one. */
    static final int CHECK_EVERY = 1024;

    /** What the hook asks while a script runs; may throw a {@link org.luaj.vm2.LuaError} to stop it. */
    public interface Interrupt {
        void check();
    }

    private LuaClosure[] closures = new LuaClosure[32];
    private int[] pcs = new int[32];
    private LuaValue[][] stacks = new LuaValue[32][];
    private int depth;
    private int countdown = CHECK_EVERY;
    private Interrupt interrupt = () -> {};

    public void interrupt(Interrupt interrupt) {
        this.interrupt = interrupt;
    }

    /** After a killed script: check at every instruction, so pcall cannot swallow the kill for long. */
    public void checkEveryInstruction() {
        countdown = 1;
    }

    /** Forgets the call stack: before each script run. */
    public void reset() {
        depth = 0;
        returnedClosure = null;
        countdown = CHECK_EVERY;
    }

    private void push(LuaClosure c) {
        if (depth == closures.length) {
            closures = java.util.Arrays.copyOf(closures, depth * 2);
            pcs = java.util.Arrays.copyOf(pcs, depth * 2);
            stacks = java.util.Arrays.copyOf(stacks, depth * 2);
        }
        closures[depth] = c;
        pcs[depth] = 0;
        depth++;
    }

    @Override
    public void onCall(LuaFunction f) {
        push(null);
        stacks[depth - 1] = null;
    }

    @Override
    public void onCall(LuaClosure c, Varargs varargs, LuaValue[] stack) {
        push(c);
        stacks[depth - 1] = stack;
    }

    @Override
    public void onInstruction(int pc, Varargs v, int top) {
        if (depth > 0) {
            pcs[depth - 1] = pc;
        }
        if (--countdown <= 0) {
            countdown = CHECK_EVERY;
            interrupt.check();
        }
    }

    @Override
    public void onReturn() {
        if (depth > 0) {
            LuaClosure c = closures[--depth];
            if (c != null) {
                returnedClosure = c;
                returnedPc = pcs[depth];
            }
            closures[depth] = null;
            stacks[depth] = null;
        }
    }

    /** The innermost frame's closure, pc and registers, for {@link VmMessages}. */
    LuaClosure currentClosure() {
        return depth > 0 ? closures[depth - 1] : null;
    }

    int currentPc() {
        return depth > 0 ? pcs[depth - 1] : -1;
    }

    LuaValue[] currentStack() {
        return depth > 0 ? stacks[depth - 1] : null;
    }

    /*
     * The Lua function that returned last and where it was: luaj runs "return
     * f(x)" after the caller's frame is gone, so an error raised by f (a Java
     * function such as redis.call) is located at the caller's tail call, as
     * Lua 5.1 locates it.
     */
    private LuaClosure returnedClosure;
    private int returnedPc;

    /** The source of the Lua function that returned last, or null. */
    public String returnedSource() {
        return returnedClosure == null || returnedClosure.p.source == null ? null
                : returnedClosure.p.source.tojstring();
    }

    /** The line where the Lua function that returned last was, or -1. */
    public int returnedLine() {
        if (returnedClosure == null) {
            return -1;
        }
        Prototype p = returnedClosure.p;
        return p.lineinfo != null && returnedPc >= 0 && returnedPc < p.lineinfo.length ? p.lineinfo[returnedPc] : -1;
    }

    @Override
    public String traceback(int level) {
        return "";
    }

    /**
     * Lua 5.1's {@code luaL_where}: {@code "user_script:3:"} for the Lua
     * function {@code level} frames up (1: the innermost), or "" when that
     * frame is a Java function or absent.
     */
    public String where(int level) {
        int i = depth - level;
        if (level < 1 || i < 0 || closures[i] == null) {
            return "";
        }
        Prototype p = closures[i].p;
        int pc = pcs[i];
        int line = p.lineinfo != null && pc >= 0 && pc < p.lineinfo.length ? p.lineinfo[pc] : 0;
        return chunkName(p) + ":" + line + ":";
    }

    /** The source of the innermost Lua function ({@code "@user_script"}), or null. */
    public String currentSource() {
        for (int i = depth - 1; i >= 0; i--) {
            if (closures[i] != null) {
                return closures[i].p.source == null ? "?" : closures[i].p.source.tojstring();
            }
        }
        return null;
    }

    /** The current line of the innermost Lua function, or -1. */
    public int currentLine() {
        for (int i = depth - 1; i >= 0; i--) {
            if (closures[i] != null) {
                Prototype p = closures[i].p;
                int pc = pcs[i];
                return p.lineinfo != null && pc >= 0 && pc < p.lineinfo.length ? p.lineinfo[pc] : -1;
            }
        }
        return -1;
    }

    /** luaj's own prefix for a VM error at the innermost frame ("@user_script:1 "), to strip it. */
    String luajPrefix() {
        int i = depth - 1;
        if (i < 0 || closures[i] == null) {
            return null;
        }
        Prototype p = closures[i].p;
        int pc = pcs[i];
        String line = p.lineinfo != null && pc >= 0 && pc < p.lineinfo.length ? String.valueOf(p.lineinfo[pc]) : "?";
        return (p.source != null ? p.source.tojstring() : "?") + ":" + line + " ";
    }

    private static String chunkName(Prototype p) {
        return p.source == null ? "?" : Lua.chunkid(p.source.tojstring());
    }
}
