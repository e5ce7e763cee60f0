package dev.aioj.server;

import static dev.aioj.server.Command.ALLOW_BUSY;
import static dev.aioj.server.Command.LOADING;
import static dev.aioj.server.Command.MAY_REPLICATE;
import static dev.aioj.server.Command.NOSCRIPT;
import static dev.aioj.server.Command.READONLY;
import static dev.aioj.server.Command.SKIP_MONITOR;
import static dev.aioj.server.Command.STALE;

import dev.aioj.server.lua.LuaErrors;
import dev.aioj.server.lua.ReadOnlyTable;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaFunction;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;

/**
 * EVAL, EVALSHA, EVAL_RO, EVALSHA_RO and SCRIPT LOAD/EXISTS/FLUSH/KILL/HELP
 * (Redis's eval.c): a body is compiled once, named by its SHA1, and kept
 * until SCRIPT FLUSH; each run sets KEYS and ARGV and goes through {@link
 * ScriptEngine}. A {@code #!lua flags=...} shebang opts out of the
 * compatible mode: {@code no-writes} makes the script read-only, and only
 * such a script may run with the {@code _RO} commands.
 *
 * <p>Thread contract: the server's loop thread only.
 */
final class ScriptCommands {

    private ScriptCommands() {}

    static void register(CommandTable.Builder t) {
        String g = "scripting";
        t.add("eval", -3, SKIP_MONITOR | NOSCRIPT | MAY_REPLICATE | STALE, 0, 0, 0, g, "2.6.0",
                "Executes a server-side Lua script.", (c, a) -> eval(c, a, false, false));
        t.add("evalsha", -3, SKIP_MONITOR | NOSCRIPT | MAY_REPLICATE | STALE, 0, 0, 0, g, "2.6.0",
                "Executes a server-side Lua script by SHA1 digest.", (c, a) -> eval(c, a, true, false));
        t.add("eval_ro", -3, SKIP_MONITOR | NOSCRIPT | STALE | READONLY, 0, 0, 0, g, "7.0.0",
                "Executes a read-only server-side Lua script.", (c, a) -> eval(c, a, false, true));
        t.add("evalsha_ro", -3, SKIP_MONITOR | NOSCRIPT | STALE | READONLY, 0, 0, 0, g, "7.0.0",
                "Executes a read-only server-side Lua script by SHA1 digest.", (c, a) -> eval(c, a, true, true));
        t.addContainer("script", -2, 0, g, "2.6.0", "A container for Lua scripts management commands.", sub -> sub
                .add("load", 3, NOSCRIPT | STALE, 0, 0, 0, g, "2.6.0",
                        "Loads a server-side Lua script to the script cache.", ScriptCommands::load)
                .add("exists", -3, NOSCRIPT, 0, 0, 0, g, "2.6.0",
                        "Determines whether server-side Lua scripts exist in the script cache.",
                        ScriptCommands::exists)
                .add("flush", -2, NOSCRIPT, 0, 0, 0, g, "2.6.0",
                        "Removes all server-side Lua scripts from the script cache.", ScriptCommands::flush)
                .add("kill", 2, NOSCRIPT | ALLOW_BUSY, 0, 0, 0, g, "2.6.0",
                        "Terminates a server-side Lua script during execution.",
                        (c, a) -> c.server.scripts.kill(c, true))
                .add("help", 2, LOADING | STALE, 0, 0, 0, g, "5.0.0",
                        "Returns helpful text about the different subcommands.", ScriptCommands::help));
    }

    /**
     * EVAL, EVALSHA and FCALL (flagged skip-monitor) show in MONITOR before
     * the commands their script runs, whatever happens next, as Redis feeds
     * them first thing.
     */
    static void feedMonitors(Client c, byte[][] argv) {
        if (!c.server.monitors.isEmpty()) {
            c.server.monitors.feed(c, c.db.id, argv);
        }
    }

    /** EVAL and its variants: Redis's evalGenericCommand. */
    static void eval(Client c, byte[][] argv, boolean bySha, boolean ro) {
        feedMonitors(c, argv);
        ScriptEngine engine = c.server.scripts;
        long numkeys = numkeys(c, argv, Errors.NOT_INTEGER);
        if (numkeys < 0) {
            return;
        }
        String sha;
        ScriptCache.Script script;
        if (bySha) {
            sha = new String(argv[1], StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
            script = engine.scripts.get(sha);
            if (script == null) {
                c.reply.error("NOSCRIPT No matching script. Please use EVAL.");
                return;
            }
        } else {
            sha = ScriptEngine.sha1hex(argv[1], 0, argv[1].length);
            script = engine.scripts.get(sha);
            if (script == null) {
                script = compile(c, argv[1], sha);
                if (script == null) {
                    return;
                }
            }
        }
        int flags = script.flags();
        boolean compat = (flags & ScriptFlags.EVAL_COMPAT) != 0;
        if (ro && !compat && (flags & ScriptFlags.NO_WRITES) == 0) {
            c.reply.error("ERR Can not execute a script with write flag using *_ro command.");
            return;
        }
        boolean readOnly = ro || (!compat && (flags & ScriptFlags.NO_WRITES) != 0);
        ScriptVm vm = engine.evalVm();
        ReadOnlyTable env = vm.lua.env();
        env.setInternal("KEYS", strings(argv, 3, (int) numkeys));
        env.setInternal("ARGV", strings(argv, 3 + (int) numkeys, argv.length - 3 - (int) numkeys));
        engine.execute(new ScriptRun(c, sha, true, readOnly), vm, script.function(), LuaValue.NONE);
    }

    /**
     * The number of keys of EVAL or FCALL ({@code argv[2]}), checked as Redis
     * checks it; -1 after writing the error ({@code notInteger} when it is
     * not a number).
     */
    static long numkeys(Client c, byte[][] argv, String notInteger) {
        if (!Numbers.isLong(argv[2])) {
            c.reply.error(notInteger);
            return -1;
        }
        long numkeys = Numbers.toLong(argv[2]);
        if (numkeys > argv.length - 3) {
            c.reply.error("ERR Number of keys can't be greater than number of args");
            return -1;
        }
        if (numkeys < 0) {
            c.reply.error("ERR Number of keys can't be negative");
            return -1;
        }
        return numkeys;
    }

    /** {@code argv[from, from+n)} as a Lua array: KEYS, ARGV, or a function's keys and args. */
    static LuaTable strings(byte[][] argv, int from, int n) {
        LuaTable t = new LuaTable(n, 0);
        for (int i = 0; i < n; i++) {
            t.rawset(i + 1, LuaString.valueOf(argv[from + i]));
        }
        return t;
    }

    /**
     * Compiles and caches {@code body} (Redis's luaCreateFunction), or writes
     * the error and returns null.
     */
    static ScriptCache.Script compile(Client c, byte[] body, String sha) {
        ScriptEngine engine = c.server.scripts;
        ScriptFlags.Shebang shebang;
        try {
            shebang = ScriptFlags.evalShebang(body);
        } catch (IllegalArgumentException e) {
            c.reply.error("ERR " + e.getMessage());
            return null;
        }
        byte[] code = body;
        if (shebang.length() > 0) {
            code = body.clone(); // the shebang line becomes a comment: line numbers stay
            code[0] = '-';
            code[1] = '-';
        }
        ScriptVm vm = engine.evalVm();
        LuaFunction f;
        try {
            f = vm.lua.compile(code, "@user_script", vm.lua.env());
        } catch (LuaError e) {
            c.reply.error("ERR Error compiling script (new function): " + LuaToReply.latin1(LuaErrors.valueOf(e)));
            return null;
        }
        ScriptCache.Script script = new ScriptCache.Script(body, shebang.flags(), f);
        engine.scripts.put(sha, script);
        return script;
    }

    static void load(Client c, byte[][] argv) {
        String sha = ScriptEngine.sha1hex(argv[2], 0, argv[2].length);
        if (c.server.scripts.scripts.get(sha) == null && compile(c, argv[2], sha) == null) {
            return;
        }
        c.reply.bulk(sha.getBytes(StandardCharsets.ISO_8859_1));
    }

    static void exists(Client c, byte[][] argv) {
        c.reply.array(argv.length - 2);
        for (int j = 2; j < argv.length; j++) {
            String sha = new String(argv[j], StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
            c.reply.integer(c.server.scripts.scripts.contains(sha) ? 1 : 0);
        }
    }

    static void flush(Client c, byte[][] argv) {
        if (argv.length > 3 || (argv.length == 3 && !Args.is(argv[2], "sync") && !Args.is(argv[2], "async"))) {
            c.reply.error("ERR SCRIPT FLUSH only support SYNC|ASYNC option");
            return;
        }
        c.server.scripts.resetEval();
        c.reply.ok();
    }

    private static final String[] HELP = {
        "SCRIPT <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
        "DEBUG (YES|SYNC|NO)",
        "    Set the debug mode for subsequent scripts executed.",
        "EXISTS <sha1> [<sha1> ...]",
        "    Return information about the existence of the scripts in the script cache.",
        "FLUSH [ASYNC|SYNC]",
        "    Flush the Lua scripts cache. Very dangerous on replicas.",
        "    When called without the optional mode argument, the behavior is determined by the",
        "    lazyfree-lazy-user-flush configuration directive. Valid modes are:",
        "    * ASYNC: Asynchronously flush the scripts cache.",
        "    * SYNC: Synchronously flush the scripts cache.",
        "KILL",
        "    Kill the currently executing Lua script.",
        "LOAD <script>",
        "    Load a script into the scripts cache without executing it.",
        "HELP",
        "    Prints this help.",
    };

    static void help(Client c, byte[][] argv) {
        helpLines(c, HELP);
    }

    /** A HELP reply: one status line each, as Redis's addReplyHelp. */
    static void helpLines(Client c, String[] lines) {
        c.reply.array(lines.length);
        for (String line : lines) {
            c.reply.simple(line);
        }
    }
}
