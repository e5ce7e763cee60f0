package dev.aioj.server;

import dev.aioj.server.lua.LuaErrors;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaFunction;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/**
 * Runs Lua scripts and functions for the server (Redis's script.c): one
 * script at a time, atomically, on the loop thread, through a client of its
 * own whose replies are read back by {@code redis.call}.
 *
 * <p><b>Slow scripts.</b> The VM's hook calls {@link #checkInterrupt} every
 * thousand instructions. Past {@code busy-reply-threshold} (5 s by default)
 * the script is "busy": each check, at most once a millisecond, lets the
 * loop handle the I/O that is ready ({@link dev.aioj.loop.EventLoop#runIoWhileBusy},
 * Redis's processEventsWhileBlocked), so other clients are answered while
 * the script goes on: {@code -BUSY} for most commands ({@link Dispatcher}),
 * but SCRIPT KILL, FUNCTION KILL, SHUTDOWN and the commands flagged
 * allow-busy run. A kill makes the next check raise an error in the script
 * (and every check after it, so pcall cannot hold it); timers wait until the
 * script ends, so no key expires under it. The caller's own input waits too.
 *
 * <p>Thread contract: the server's loop thread only.
 */
final class ScriptEngine {

    private static final System.Logger LOG = System.getLogger(ScriptEngine.class.getName());

    static final String BUSY_EVAL =
            "BUSY Redis is busy running a script. You can only call SCRIPT KILL or SHUTDOWN NOSAVE.";
    static final String BUSY_FUNCTION =
            "BUSY Redis is busy running a script. You can only call FUNCTION KILL or SHUTDOWN NOSAVE.";
    static final String KILLED = "ERR Script killed by user with SCRIPT KILL...";

    /** How long the busy loop waits between two I/O passes. */
    private static final long IO_PASS_NANOS = 1_000_000;

    final ServerState server;
    final ScriptCache scripts = new ScriptCache();
    final FunctionLibraries functions;
    private ScriptVm evalVm;
    private Client scriptClient;
    /** The script running now, or null. */
    ScriptRun running;
    /** busy-reply-threshold (lua-time-limit), in milliseconds. */
    long busyReplyThresholdMillis = 5000;

    ScriptEngine(ServerState server) {
        this.server = server;
        this.functions = new FunctionLibraries(this);
    }

    /** EVAL's Lua state, created on first use (a server that never runs a script pays nothing). */
    ScriptVm evalVm() {
        if (evalVm == null) {
            evalVm = new ScriptVm(this, false);
        }
        return evalVm;
    }

    /** Forgets EVAL's Lua state and scripts (SCRIPT FLUSH). */
    void resetEval() {
        scripts.clear();
        evalVm = null;
    }

    /** The client scripts run their commands through: replies captured, never blocking. */
    /** Whether {@code c} is the client scripts run their commands on (MONITOR shows it as {@code lua}). */
    boolean isScriptClient(Client c) {
        return c == scriptClient;
    }

    Client scriptClient() {
        if (scriptClient == null) {
            scriptClient = new Client(server);
            scriptClient.authenticated = true;
            scriptClient.inExec = true; // blocking commands answer at once, as inside MULTI
            scriptClient.reply.capture();
        }
        return scriptClient;
    }

    boolean isBusy() {
        return running != null && running.busy;
    }

    /** The -BUSY error other clients get while a slow script runs. */
    String busyError() {
        return running.isEval ? BUSY_EVAL : BUSY_FUNCTION;
    }

    /**
     * Runs {@code f(args)} for {@code run} and writes its result, or its
     * error in Redis's words, as the caller's reply.
     */
    void execute(ScriptRun run, ScriptVm vm, LuaFunction f, Varargs args) {
        Client caller = run.caller;
        Client sc = scriptClient();
        sc.db = caller.db;
        sc.reply.resp = 2;
        sc.reply.clearCaptured();
        vm.lua.hook().reset();
        vm.lua.installErrorHandler();
        running = run;
        caller.runningScript = true;
        try {
            LuaValue result = f.invoke(args).arg1();
            LuaToReply.write(caller.reply, result, run.resp);
        } catch (LuaError e) {
            caller.reply.error(errorText(run, vm, vm.lua.errorValue(e)));
        } catch (StackOverflowError e) {
            caller.reply.error("ERR Error running script (call to " + run.name + "): stack overflow");
        } finally {
            running = null;
            caller.runningScript = false;
            sc.reply.clearCaptured();
            if (run.busy) {
                LOG.log(System.Logger.Level.WARNING, "Slow script {0} ended after {1} ms{2}", run.name,
                        run.elapsedMillis(), run.killed ? " (killed)" : "");
            }
        }
    }

    /** Redis's luaCallFunction error text: the error, then where the script raised it. */
    private static String errorText(ScriptRun run, ScriptVm vm, LuaValue error) {
        String message;
        if (error.istable()) {
            LuaValue err = error.rawget("err");
            message = err.isstring() ? LuaToReply.latin1(err) : "ERR unknown error";
        } else if (error.isstring()) {
            message = "ERR " + LuaToReply.latin1(error);
        } else {
            message = "ERR " + error.tojstring();
        }
        String source = vm.lua.lastErrorSource();
        int line = vm.lua.lastErrorLine();
        if (source != null && line >= 0) {
            message += " script: " + run.name + ", on " + source + ":" + line + ".";
        }
        return message;
    }

    /** The hook's question, every thousand instructions: stop? answer the others? */
    void checkInterrupt() {
        ScriptRun run = running;
        if (run == null) {
            return;
        }
        if (!run.killed) {
            long now = System.nanoTime();
            if (now - run.startNanos < busyReplyThresholdMillis * 1_000_000L) {
                return;
            }
            if (!run.busy) {
                run.busy = true;
                LOG.log(System.Logger.Level.WARNING, "Slow script detected: still in execution after {0} "
                        + "milliseconds. You can try killing the script using the {1} command. Script name is: {2}.",
                        run.elapsedMillis(), run.isEval ? "SCRIPT KILL" : "FUNCTION KILL", run.name);
            }
            if (now - run.lastIoNanos >= IO_PASS_NANOS) {
                run.lastIoNanos = now;
                server.loop.runIoWhileBusy();
            }
        }
        if (run.killed) {
            ScriptVm vm = run.isEval ? evalVm : functions.vm();
            if (vm != null) {
                vm.lua.hook().checkEveryInstruction();
            }
            org.luaj.vm2.LuaTable err = new org.luaj.vm2.LuaTable();
            err.rawset("err", LuaString.valueOf(KILLED));
            throw LuaErrors.ofValue(err);
        }
    }

    /**
     * SCRIPT KILL ({@code isEval}) or FUNCTION KILL (Redis's scriptKill):
     * marks the running script killed, or answers why it cannot be.
     */
    void kill(Client c, boolean isEval) {
        ScriptRun run = running;
        if (run == null) {
            c.reply.error("NOTBUSY No scripts in execution right now.");
            return;
        }
        if (run.wrote) {
            c.reply.error("UNKILLABLE Sorry the script already executed write commands against the dataset. "
                    + "You can either wait the script termination or kill the server in a hard way using the "
                    + "SHUTDOWN NOSAVE command.");
            return;
        }
        if (isEval && !run.isEval) {
            c.reply.error(BUSY_FUNCTION);
            return;
        }
        if (!isEval && run.isEval) {
            c.reply.error(BUSY_EVAL);
            return;
        }
        run.killed = true;
        c.reply.ok();
    }

    /** SHUTDOWN while a script runs: it stops at its next check, whatever it wrote. */
    void killForShutdown() {
        if (running != null) {
            running.killed = true;
            running.shutdown = true;
        }
    }

    /** SHA1 of {@code body} as 40 lower-case hex digits (redis.sha1hex, script ids). */
    static String sha1hex(byte[] body, int offset, int length) {
        try {
            java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA-1");
            md.update(body, offset, length);
            return java.util.HexFormat.of().formatHex(md.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-1", e);
        }
    }
}
