package dev.aioj.server.lua;

import java.io.ByteArrayInputStream;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LoadState;
import org.luaj.vm2.Lua;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaFunction;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.compiler.LuaC;
import org.luaj.vm2.lib.BaseLib;
import org.luaj.vm2.lib.CoroutineLib;
import org.luaj.vm2.lib.OneArgFunction;
import org.luaj.vm2.lib.PackageLib;
import org.luaj.vm2.lib.StringLib;
import org.luaj.vm2.lib.TableLib;
import org.luaj.vm2.lib.TwoArgFunction;
import org.luaj.vm2.lib.VarArgFunction;

/**
 * One Lua state as Redis 7.0 sets it up for scripts, on luaj (a Lua 5.2 VM
 * in pure Java) made to look like Redis's Lua 5.1: the 5.1 base library
 * ({@code unpack}, {@code loadstring}, {@code gcinfo}, {@code math.mod},
 * {@code table.getn}, {@code string.gfind}, no {@code table.pack}), numbers
 * printed with {@code %.14g}, 5.1's error positions, Redis's libraries
 * ({@code bit}, {@code cjson}, {@code cmsgpack}, {@code struct}) and its
 * sandbox: only the allowed globals, read-only globals and libraries,
 * "Script attempted to access nonexistent global variable" for a missing
 * global, and no {@code os}, {@code io}, {@code debug}, {@code print},
 * {@code require}, {@code loadfile} or {@code dofile}.
 *
 * <p>The scripts' globals are {@link #env()}, not luaj's {@link Globals}
 * (which holds the compiler and the hook); the engine adds {@code redis},
 * {@code KEYS} and {@code ARGV}, then {@link #freeze()}s it.
 *
 * <p>Thread contract: one thread at a time (the server's loop thread).
 */
public final class LuaRuntime {

    private final Globals globals = new Globals();
    private final ScriptHook hook = new ScriptHook();
    private final ReadOnlyTable env = new ReadOnlyTable();
    private final LuaFunction errorHandler;

    public LuaRuntime() {
        globals.load(new BaseLib());
        globals.load(new PackageLib());
        globals.load(new TableLib());
        globals.load(new StringLib());
        globals.load(new Lua51Math());
        globals.load(new CoroutineLib());
        LoadState.install(globals);
        LuaC.install(globals);
        globals.debuglib = hook;
        errorHandler = new OneArgFunction() {
            @Override
            public LuaValue call(LuaValue message) {
                return LuaValue.valueOf(rewriteVmError(message.tojstring()));
            }
        };
        globals.running.errorfunc = errorHandler;

        for (String name : new String[] {"assert", "getmetatable", "ipairs", "next", "pairs", "rawequal",
                "rawget", "rawset", "select", "setmetatable", "tonumber", "type"}) {
            env.rawset(name, globals.get(name));
        }
        env.rawset("_G", env);
        env.rawset("_VERSION", LuaValue.valueOf("Lua 5.1"));
        env.rawset("tostring", new Lua51Functions.Tostring());
        env.rawset("error", new ErrorFunction());
        env.rawset("xpcall", new Lua51Functions.Xpcall());
        env.rawset("pcall", new Pcall());
        env.rawset("collectgarbage", new Lua51Functions.CollectGarbage());
        env.rawset("gcinfo", new VarArgFunction() {
            @Override
            public Varargs invoke(Varargs args) {
                Runtime rt = Runtime.getRuntime();
                return LuaValue.valueOf((int) ((rt.totalMemory() - rt.freeMemory()) / 1024));
            }
        });
        env.rawset("loadstring", new Loadstring());
        env.rawset("load", new Load());

        LuaTable table = library(globals.get("table"));
        table.rawset("concat", new Lua51Functions.Concat());
        table.rawset("getn", new OneArgFunction() {
            @Override
            public LuaValue call(LuaValue t) {
                return LuaValue.valueOf(t.checktable().length());
            }
        });
        table.rawset("maxn", new OneArgFunction() {
            @Override
            public LuaValue call(LuaValue t) {
                double max = 0;
                LuaTable tt = t.checktable();
                for (LuaValue k = LuaValue.NIL; ; ) {
                    Varargs n = tt.next(k);
                    if ((k = n.arg1()).isnil()) {
                        break;
                    }
                    if (k.type() == LuaValue.TNUMBER && k.todouble() > max) {
                        max = k.todouble();
                    }
                }
                return LuaValue.valueOf(max);
            }
        });
        table.rawset("pack", LuaValue.NIL);
        env.rawset("unpack", table.rawget("unpack"));
        table.rawset("unpack", LuaValue.NIL);
        LuaTable string = library(globals.get("string"));
        string.rawset("gfind", string.rawget("gmatch"));
        string.rawset("format", new StringFormat());
        LuaTable math = library(globals.get("math"));
        math.rawset("mod", math.rawget("fmod"));
        LuaTable coroutine = library(globals.get("coroutine"));
        env.rawset("table", table);
        env.rawset("string", string);
        env.rawset("math", math);
        env.rawset("coroutine", coroutine);
        env.rawset("bit", BitLib.create());
        env.rawset("cjson", CjsonLib.create());
        env.rawset("cmsgpack", CmsgpackLib.create());
        env.rawset("struct", StructLib.create());
        env.rawset("__redis__err__handler", new OneArgFunction() {
            @Override
            public LuaValue call(LuaValue err) {
                return err;
            }
        });
        // "abc":upper() finds the read-only string table.
        LuaString.s_metatable = LuaValue.tableOf(new LuaValue[] {LuaValue.INDEX, string});
        LuaTable mt = new LuaTable();
        mt.rawset(LuaValue.INDEX, new TwoArgFunction() {
            @Override
            public LuaValue call(LuaValue t, LuaValue key) {
                throw new LuaError("Script attempted to access nonexistent global variable '" + key.tojstring() + "'");
            }
        });
        env.setmetatable(mt);
    }

    /** The scripts' global table. */
    public ReadOnlyTable env() {
        return env;
    }

    public ScriptHook hook() {
        return hook;
    }

    /** Freezes the globals and every library table. */
    public void freeze() {
        for (LuaValue k = LuaValue.NIL; ; ) {
            Varargs n = env.next(k);
            if ((k = n.arg1()).isnil()) {
                break;
            }
            if (n.arg(2) instanceof ReadOnlyTable t && t != env) {
                t.freeze();
            }
        }
        env.freeze();
    }

    /** A copy of a luaj library table that can be frozen. */
    private static ReadOnlyTable library(LuaValue luajTable) {
        ReadOnlyTable t = new ReadOnlyTable();
        for (LuaValue k = LuaValue.NIL; ; ) {
            Varargs n = luajTable.next(k);
            if ((k = n.arg1()).isnil()) {
                break;
            }
            t.rawset(k, n.arg(2));
        }
        return t;
    }

    /**
     * Compiles {@code code} as a chunk named {@code chunkName} ({@code
     * "@user_script"}) whose globals are {@code environment}.
     *
     * @throws LuaError with Lua's text ("user_script:1: unexpected symbol near '&lt;eof&gt;'")
     */
    public LuaFunction compile(byte[] code, String chunkName, LuaTable environment) {
        org.luaj.vm2.Prototype p;
        try {
            p = globals.compilePrototype(new ByteArrayInputStream(code), chunkName);
        } catch (LuaError e) {
            throw new LuaError(SyntaxErrors.lua51(e.getMessage(), code));
        } catch (java.io.IOException e) {
            throw new LuaError("cannot read " + chunkName + ": " + e.getMessage());
        }
        // The closure's "globals" (hook, error handler) are luaj's; its _ENV is the scripts' table.
        org.luaj.vm2.LuaClosure f = new org.luaj.vm2.LuaClosure(p, globals);
        if (f.upValues.length > 0) {
            f.upValues[0] = new org.luaj.vm2.UpValue(new LuaValue[] {environment}, 0);
        }
        return f;
    }

    /** Makes the handler rewrite errors of the running coroutine too (luaj gives each its own). */
    public void installErrorHandler() {
        globals.running.errorfunc = errorHandler;
        lastErrorSource = null;
        lastErrorLine = -1;
    }

    /**
     * The value of a failed script's error, as Lua 5.1 positions it: an error
     * raised by a Java function in tail position ("return cmsgpack.unpack(s)")
     * never meets the handler (its caller's frame is gone), so it is
     * positioned here at the tail call.
     */
    public LuaValue errorValue(LuaError e) {
        LuaValue v = LuaErrors.valueOf(e);
        if (lastErrorSource == null && v.type() == LuaValue.TSTRING && !e.getMessage().contains(LuaErrors.FINAL)
                && hook.returnedSource() != null) {
            return LuaValue.valueOf(Lua.chunkid(hook.returnedSource()) + ":" + hook.returnedLine() + ": "
                    + v.tojstring());
        }
        return v;
    }

    /** Where the last error was raised: the source ("@user_script") and line of the innermost Lua function. */
    public String lastErrorSource() {
        return lastErrorSource != null ? lastErrorSource : hook.returnedSource();
    }

    public int lastErrorLine() {
        return lastErrorSource != null ? lastErrorLine : hook.returnedLine();
    }

    private String lastErrorSource;
    private int lastErrorLine = -1;

    /**
     * The handler's work: records where the error was raised, and turns
     * luaj's "@user_script:1 attempt to ..." into Lua 5.1's
     * "user_script:1: attempt to ..." (errors made with a final text keep it).
     */
    String rewriteVmError(String message) {
        lastErrorSource = hook.currentSource();
        lastErrorLine = hook.currentLine();
        String prefix = hook.luajPrefix();
        if (prefix == null && !message.startsWith(LuaErrors.FINAL)) { // raised after a tail call: see ScriptHook
            String where = hook.returnedSource() == null ? ""
                    : Lua.chunkid(hook.returnedSource()) + ":" + hook.returnedLine() + ":";
            return (where.isEmpty() ? "" : where + " ") + message;
        }
        String body = prefix != null && message.startsWith(prefix) ? message.substring(prefix.length()) : message;
        if (body.startsWith(LuaErrors.FINAL)) {
            return body.substring(LuaErrors.FINAL.length());
        }
        if (prefix == null || !message.startsWith(prefix)) {
            return message;
        }
        String where = hook.where(1);
        return (where.isEmpty() ? "" : where + " ") + VmMessages.lua51(body, hook.currentClosure(), hook.currentPc(), hook.currentStack());
    }

    // ---------------------------------------------------------------- Lua 5.1 base functions


    /** error(message [, level]): the position of the function {@code level} frames up, as Lua 5.1. */
    private final class ErrorFunction extends VarArgFunction {
        @Override
        public Varargs invoke(Varargs args) {
            LuaValue message = args.arg1();
            int level = args.optint(2, 1);
            if ((message.type() == LuaValue.TSTRING || message.type() == LuaValue.TNUMBER) && level > 0) {
                String where = hook.where(level);
                String text = message.type() == LuaValue.TNUMBER
                        ? LuaNumbers.format14(message.todouble()) : message.tojstring();
                throw LuaErrors.unpositioned(where.isEmpty() ? text : where + " " + text);
            }
            throw LuaErrors.ofValue(message);
        }
    }

    /**
     * pcall as Redis 7.0 wraps it: an error table with an {@code err} string
     * (what redis.call raises) comes back as that string.
     */
    private final class Pcall extends VarArgFunction {
        @Override
        public Varargs invoke(Varargs args) {
            LuaValue f = args.checkvalue(1);
            hook.onCall(this);
            try {
                return LuaValue.varargsOf(LuaValue.TRUE, f.invoke(args.subargs(2)));
            } catch (LuaError e) {
                LuaValue v = LuaErrors.valueOf(e);
                if (v.istable() && v.rawget("err").isstring()) {
                    v = v.rawget("err");
                }
                return LuaValue.varargsOf(LuaValue.FALSE, v);
            } finally {
                hook.onReturn();
            }
        }
    }



    /** loadstring(s [, chunkname]): compiled with the scripts' globals. */
    private final class Loadstring extends VarArgFunction {
        @Override
        public Varargs invoke(Varargs args) {
            LuaString s = args.checkstring(1);
            String name = args.optjstring(2, s.tojstring());
            try {
                byte[] code = new byte[s.m_length];
                System.arraycopy(s.m_bytes, s.m_offset, code, 0, s.m_length);
                return compile(code, name, env);
            } catch (LuaError e) {
                return LuaValue.varargsOf(LuaValue.NIL, LuaErrors.valueOf(e));
            }
        }
    }

    /** load(func or string [, chunkname]): as loadstring, reading the pieces a function returns. */
    private final class Load extends VarArgFunction {
        @Override
        public Varargs invoke(Varargs args) {
            LuaValue source = args.arg1();
            if (source.isstring()) {
                return new Loadstring().invoke(args);
            }
            LuaFunction reader = source.checkfunction();
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            while (true) {
                LuaValue piece = reader.call();
                if (piece.isnil() || (piece.isstring() && piece.checkstring().m_length == 0)) {
                    break;
                }
                LuaString p = piece.checkstring();
                out.write(p.m_bytes, p.m_offset, p.m_length);
            }
            try {
                return compile(out.toByteArray(), args.optjstring(2, "=(load)"), env);
            } catch (LuaError e) {
                return LuaValue.varargsOf(LuaValue.NIL, LuaErrors.valueOf(e));
            }
        }
    }

}
