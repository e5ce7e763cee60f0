package dev.aioj.server;

import static dev.aioj.server.Command.ALLOW_BUSY;
import static dev.aioj.server.Command.DENYOOM;
import static dev.aioj.server.Command.LOADING;
import static dev.aioj.server.Command.MAY_REPLICATE;
import static dev.aioj.server.Command.NOSCRIPT;
import static dev.aioj.server.Command.READONLY;
import static dev.aioj.server.Command.SKIP_MONITOR;
import static dev.aioj.server.Command.STALE;
import static dev.aioj.server.Command.WRITE;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * FUNCTION LOAD/DELETE/FLUSH/LIST/DUMP/RESTORE/STATS/KILL/HELP and FCALL,
 * FCALL_RO (Redis's functions.c commands) over {@link FunctionLibraries};
 * the DUMP payload format is {@link FunctionDump}'s.
 *
 * <p>Thread contract: the server's loop thread only.
 */
final class FunctionCommands {

    private FunctionCommands() {}

    static void register(CommandTable.Builder t) {
        String g = "scripting";
        t.add("fcall", -3, SKIP_MONITOR | NOSCRIPT | MAY_REPLICATE | STALE, 0, 0, 0, g, "7.0.0",
                "Invokes a function.", (c, a) -> fcall(c, a, false));
        t.add("fcall_ro", -3, SKIP_MONITOR | NOSCRIPT | STALE | READONLY, 0, 0, 0, g, "7.0.0",
                "Invokes a read-only function.", (c, a) -> fcall(c, a, true));
        t.addContainer("function", -2, 0, g, "7.0.0", "A container for function commands.", sub -> sub
                .add("load", -3, WRITE | DENYOOM | NOSCRIPT, 0, 0, 0, g, "7.0.0",
                        "Creates a library.", FunctionCommands::load)
                .add("delete", 3, WRITE | NOSCRIPT, 0, 0, 0, g, "7.0.0",
                        "Deletes a library and its functions.", FunctionCommands::delete)
                .add("flush", -2, WRITE | NOSCRIPT, 0, 0, 0, g, "7.0.0",
                        "Deletes all libraries and functions.", FunctionCommands::flush)
                .add("list", -2, NOSCRIPT, 0, 0, 0, g, "7.0.0",
                        "Returns information about all libraries.", FunctionCommands::list)
                .add("dump", 2, NOSCRIPT, 0, 0, 0, g, "7.0.0",
                        "Dumps all libraries into a serialized binary payload.", FunctionCommands::dump)
                .add("restore", -3, WRITE | DENYOOM | NOSCRIPT, 0, 0, 0, g, "7.0.0",
                        "Restores all libraries from a payload.", FunctionCommands::restore)
                .add("stats", 2, NOSCRIPT | ALLOW_BUSY, 0, 0, 0, g, "7.0.0",
                        "Returns information about a function during execution.", FunctionCommands::stats)
                .add("kill", 2, NOSCRIPT | ALLOW_BUSY, 0, 0, 0, g, "7.0.0",
                        "Terminates a function during execution.", (c, a) -> c.server.scripts.kill(c, false))
                .add("help", 2, LOADING | STALE, 0, 0, 0, g, "7.0.0",
                        "Returns helpful text about the different subcommands.", FunctionCommands::help));
    }

    private static FunctionLibraries functions(Client c) {
        return c.server.scripts.functions;
    }

    static void fcall(Client c, byte[][] argv, boolean ro) {
        ScriptCommands.feedMonitors(c, argv);
        FunctionLibraries.Function f = functions(c).function(new String(argv[1], StandardCharsets.UTF_8));
        if (f == null) {
            c.reply.error("ERR Function not found");
            return;
        }
        long numkeys = ScriptCommands.numkeys(c, argv, "ERR Bad number of keys provided");
        if (numkeys < 0) {
            return;
        }
        boolean noWrites = (f.flags() & ScriptFlags.NO_WRITES) != 0;
        if (ro && !noWrites) {
            c.reply.error("ERR Can not execute a script with write flag using *_ro command.");
            return;
        }
        int n = (int) numkeys;
        functions(c).call(c, f, ro || noWrites, ScriptCommands.strings(argv, 3, n),
                ScriptCommands.strings(argv, 3 + n, argv.length - 3 - n));
    }

    static void load(Client c, byte[][] argv) {
        boolean replace = false;
        int i = 2;
        for (; i < argv.length - 1; i++) {
            if (Args.is(argv[i], "replace")) {
                replace = true;
            } else {
                c.reply.error("ERR Unknown option given: " + Errors.latin1(argv[i], argv[i].length));
                return;
            }
        }
        try {
            String name = functions(c).load(argv[argv.length - 1], replace);
            c.reply.bulk(name.getBytes(StandardCharsets.UTF_8));
        } catch (FunctionLibraries.LoadError e) {
            c.reply.error("ERR " + e.getMessage());
        }
    }

    static void delete(Client c, byte[][] argv) {
        if (!functions(c).delete(new String(argv[2], StandardCharsets.UTF_8))) {
            c.reply.error("ERR Library not found");
            return;
        }
        c.reply.ok();
    }

    static void flush(Client c, byte[][] argv) {
        if (argv.length > 3 || (argv.length == 3 && !Args.is(argv[2], "sync") && !Args.is(argv[2], "async"))) {
            c.reply.error("ERR FUNCTION FLUSH only supports SYNC|ASYNC option");
            return;
        }
        functions(c).flush();
        c.reply.ok();
    }

    static void list(Client c, byte[][] argv) {
        boolean withCode = false;
        byte[] pattern = null;
        for (int i = 2; i < argv.length; i++) {
            if (Args.is(argv[i], "withcode")) {
                if (withCode) {
                    c.reply.error("ERR Unknown argument " + Errors.latin1(argv[i], argv[i].length));
                    return;
                }
                withCode = true;
            } else if (Args.is(argv[i], "libraryname")) {
                if (pattern != null) {
                    c.reply.error("ERR Unknown argument " + Errors.latin1(argv[i], argv[i].length));
                    return;
                }
                if (i == argv.length - 1) {
                    c.reply.error("ERR library name argument was not given");
                    return;
                }
                pattern = argv[++i];
            } else {
                c.reply.error("ERR Unknown argument " + Errors.latin1(argv[i], argv[i].length));
                return;
            }
        }
        List<FunctionLibraries.Library> shown = new ArrayList<>();
        for (FunctionLibraries.Library lib : functions(c).libraries().values()) {
            if (pattern == null || Glob.matches(pattern, lib.name.getBytes(StandardCharsets.UTF_8), false)) {
                shown.add(lib);
            }
        }
        ReplyWriter r = c.reply;
        r.array(shown.size());
        for (FunctionLibraries.Library lib : shown) {
            r.map(withCode ? 4 : 3);
            r.bulk("library_name");
            r.bulk(lib.name);
            r.bulk("engine");
            r.bulk("LUA");
            r.bulk("functions");
            r.array(lib.functions.size());
            for (FunctionLibraries.Function f : lib.functions.values()) {
                r.map(3);
                r.bulk("name");
                r.bulk(f.name());
                r.bulk("description");
                if (f.description() == null) {
                    r.nullBulk();
                } else {
                    r.bulk(f.description());
                }
                r.bulk("flags");
                List<String> flags = new ArrayList<>();
                for (int b = 0; b < ScriptFlags.NAMES.length; b++) {
                    if ((f.flags() & (1 << b)) != 0) {
                        flags.add(ScriptFlags.NAMES[b]);
                    }
                }
                r.set(flags.size());
                for (String flag : flags) {
                    r.simple(flag);
                }
            }
            if (withCode) {
                r.bulk("library_code");
                r.bulk(lib.code);
            }
        }
    }

    static void dump(Client c, byte[][] argv) {
        List<byte[]> codes = new ArrayList<>();
        for (FunctionLibraries.Library lib : functions(c).libraries().values()) {
            codes.add(lib.code);
        }
        c.reply.bulk(FunctionDump.dump(codes));
    }

    static void restore(Client c, byte[][] argv) {
        if (argv.length > 4) {
            c.reply.error(Errors.SYNTAX);
            return;
        }
        String policy = "append";
        if (argv.length == 4) {
            if (Args.is(argv[3], "flush") || Args.is(argv[3], "append") || Args.is(argv[3], "replace")) {
                policy = new String(argv[3], StandardCharsets.ISO_8859_1).toLowerCase(java.util.Locale.ROOT);
            } else {
                c.reply.error("ERR Wrong restore policy given, value should be either FLUSH, APPEND or REPLACE.");
                return;
            }
        }
        FunctionLibraries functions = functions(c);
        List<byte[]> codes;
        try {
            codes = FunctionDump.restore(argv[2]);
        } catch (FunctionDump.BadPayload e) {
            c.reply.error("ERR " + e.getMessage());
            return;
        }
        // Compile everything first: a bad library leaves the current ones untouched.
        List<FunctionLibraries.Library> libs = new ArrayList<>();
        try {
            for (byte[] code : codes) {
                libs.add(functions.create(code));
            }
            if (policy.equals("flush")) {
                functions.flush();
                List<FunctionLibraries.Library> recreated = new ArrayList<>();
                for (byte[] code : codes) {
                    recreated.add(functions.create(code)); // in the new Lua state
                }
                libs = recreated;
            }
            functions.add(libs, policy.equals("replace"));
        } catch (FunctionLibraries.LoadError e) {
            c.reply.error("ERR " + e.getMessage());
            return;
        }
        c.reply.ok();
    }

    static void stats(Client c, byte[][] argv) {
        ReplyWriter r = c.reply;
        ScriptRun run = c.server.scripts.running;
        if (run != null && run.isEval) { // a busy EVAL is not a function: Redis answers its BUSY error
            r.error(ScriptEngine.BUSY_EVAL);
            return;
        }
        r.map(2);
        r.bulk("running_script");
        if (run == null) {
            r.nullBulk();
        } else {
            r.map(3);
            r.bulk("name");
            r.bulk(run.name);
            r.bulk("command");
            r.array(1);
            r.bulk(run.isEval ? "eval" : "fcall");
            r.bulk("duration_ms");
            r.integer(run.elapsedMillis());
        }
        r.bulk("engines");
        r.map(1);
        r.bulk("LUA");
        r.map(2);
        r.bulk("libraries_count");
        r.integer(functions(c).libraries().size());
        r.bulk("functions_count");
        r.integer(functions(c).functionCount());
    }

    private static final String[] HELP = {
        "FUNCTION <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
        "LOAD [REPLACE] <FUNCTION CODE>",
        "    Create a new library with the given library name and code.",
        "DELETE <LIBRARY NAME>",
        "    Delete the given library.",
        "LIST [LIBRARYNAME PATTERN] [WITHCODE]",
        "    Return general information on all the libraries:",
        "    * Library name",
        "    * The engine used to run the Library",
        "    * Library description",
        "    * Functions list",
        "    * Library code (if WITHCODE is given)",
        "    It also possible to get only function that matches a pattern using LIBRARYNAME argument.",
        "STATS",
        "    Return information about the current function running:",
        "    * Function name",
        "    * Command used to run the function",
        "    * Duration in MS that the function is running",
        "    If no function is running, return nil",
        "    In addition, returns a list of available engines.",
        "KILL",
        "    Kill the current running function.",
        "FLUSH [ASYNC|SYNC]",
        "    Delete all the libraries.",
        "    When called without the optional mode argument, the behavior is determined by the",
        "    lazyfree-lazy-user-flush configuration directive. Valid modes are:",
        "    * ASYNC: Asynchronously flush the libraries.",
        "    * SYNC: Synchronously flush the libraries.",
        "DUMP",
        "    Return a serialized payload representing the current libraries, can be restored using FUNCTION "
                + "RESTORE command",
        "RESTORE <PAYLOAD> [FLUSH|APPEND|REPLACE]",
        "    Restore the libraries represented by the given payload, it is possible to give a restore policy to",
        "    control how to handle existing libraries (default APPEND):",
        "    * FLUSH: delete all existing libraries.",
        "    * APPEND: appends the restored libraries to the existing libraries. On collision, abort.",
        "    * REPLACE: appends the restored libraries to the existing libraries, On collision, replace the old",
        "      libraries with the new libraries (notice that even on this option there is a chance of failure",
        "      in case of functions name collision with another library).",
        "HELP",
        "    Prints this help.",
    };

    static void help(Client c, byte[][] argv) {
        ScriptCommands.helpLines(c, HELP);
    }
}
