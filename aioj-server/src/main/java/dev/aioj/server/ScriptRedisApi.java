package dev.aioj.server;

import dev.aioj.server.lua.LuaErrors;
import dev.aioj.server.lua.LuaNumbers;
import dev.aioj.server.lua.ReadOnlyTable;
import java.nio.charset.StandardCharsets;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.VarArgFunction;

/**
 * The {@code redis} table scripts see (Redis's script_lua.c):
 * {@code redis.call} and {@code redis.pcall} (arguments checked and
 * converted, the command checked as Redis checks it for scripts, run through
 * the scripts' client, its reply converted by {@link RespToLua}),
 * {@code error_reply}, {@code status_reply}, {@code sha1hex}, {@code log},
 * {@code setresp}, {@code set_repl}, {@code replicate_commands},
 * {@code breakpoint}, {@code debug}, {@code acl_check_cmd}, the log levels,
 * replication flags and version constants; for function libraries also
 * {@code register_function}, which works only while a library loads.
 *
 * <p>Thread contract: the server's loop thread only.
 */
final class ScriptRedisApi {

    private static final System.Logger LOG = System.getLogger("dev.aioj.server.script");

    private final ScriptEngine engine;
    private final ReadOnlyTable table = new ReadOnlyTable();

    ScriptRedisApi(ScriptEngine engine, boolean forFunctions) {
        this.engine = engine;
        fn("call", args -> call(args, true));
        fn("pcall", args -> call(args, false));
        fn("error_reply", ScriptRedisApi::errorReply);
        fn("status_reply", args -> {
            if (args.narg() != 1 || args.arg1().type() != LuaValue.TSTRING) {
                return errorTable("wrong number or type of arguments");
            }
            LuaTable t = new LuaTable();
            t.rawset("ok", args.arg1());
            return t;
        });
        fn("sha1hex", args -> {
            if (args.narg() != 1) {
                throw LuaErrors.ofValue(errorTable("wrong number of arguments"));
            }
            LuaString s = args.arg1().isnumber() && args.arg1().type() == LuaValue.TNUMBER
                    ? LuaString.valueOf(LuaNumbers.format14(args.arg1().todouble())) : args.checkstring(1);
            return LuaValue.valueOf(ScriptEngine.sha1hex(s.m_bytes, s.m_offset, s.m_length));
        });
        fn("log", ScriptRedisApi::log);
        fn("setresp", args -> {
            if (args.narg() != 1) {
                throw LuaErrors.ofValue(errorTable("redis.setresp() requires one argument."));
            }
            int resp = args.arg1().optint(0);
            if (resp != 2 && resp != 3) {
                throw LuaErrors.ofValue(errorTable("RESP version must be 2 or 3."));
            }
            ScriptRun run = engine.running;
            if (run != null) {
                run.resp = resp;
                engine.scriptClient().reply.resp = resp;
            }
            return LuaValue.NONE;
        });
        fn("set_repl", args -> {
            if (args.narg() != 1) {
                throw LuaErrors.ofValue(errorTable("redis.set_repl() requires two arguments."));
            }
            int flags = args.arg1().optint(-1);
            if ((flags & ~3) != 0) {
                throw LuaErrors.ofValue(errorTable(
                        "Invalid replication flags. Use REPL_AOF, REPL_REPLICA, REPL_ALL or REPL_NONE."));
            }
            return LuaValue.NONE;
        });
        if (!forFunctions) { // EVAL only, as in Redis 7.0
            fn("replicate_commands", args -> LuaValue.TRUE);
            fn("breakpoint", args -> LuaValue.FALSE);
            fn("debug", args -> LuaValue.NONE);
        }
        fn("acl_check_cmd", args -> {
            if (args.narg() < 1) {
                throw LuaErrors.ofValue(errorTable("Please specify at least one argument for this redis lib call"));
            }
            byte[][] argv = argv(args);
            if (argv == null) {
                throw LuaErrors.ofValue(errorTable("Lua redis lib command arguments must be strings or integers"));
            }
            if (lookup(argv) == null) {
                throw LuaErrors.ofValue(errorTable("Invalid command passed to redis.acl_check_cmd()"));
            }
            return LuaValue.TRUE;
        });
        table.rawset("LOG_DEBUG", LuaValue.valueOf(0));
        table.rawset("LOG_VERBOSE", LuaValue.valueOf(1));
        table.rawset("LOG_NOTICE", LuaValue.valueOf(2));
        table.rawset("LOG_WARNING", LuaValue.valueOf(3));
        table.rawset("REPL_NONE", LuaValue.valueOf(0));
        table.rawset("REPL_AOF", LuaValue.valueOf(1));
        table.rawset("REPL_SLAVE", LuaValue.valueOf(2));
        table.rawset("REPL_REPLICA", LuaValue.valueOf(2));
        table.rawset("REPL_ALL", LuaValue.valueOf(3));
        table.rawset("REDIS_VERSION", LuaValue.valueOf("7.0.15"));
        table.rawset("REDIS_VERSION_NUM", LuaValue.valueOf(0x07000f));
    }

    ReadOnlyTable table() {
        return table;
    }

    private interface Body {
        Varargs invoke(Varargs args);
    }

    private void fn(String name, Body body) {
        table.rawset(name, new VarArgFunction() {
            @Override
            public Varargs invoke(Varargs args) {
                return body.invoke(args);
            }
        });
    }

    /** The {@code redis} table a function library sees while it loads: register_function, log, constants. */
    static ReadOnlyTable loadingTable(ScriptEngine engine) {
        ReadOnlyTable t = new ReadOnlyTable();
        t.rawset("register_function", new VarArgFunction() {
            @Override
            public Varargs invoke(Varargs args) {
                return engine.functions.registerFunction(args);
            }
        });
        t.rawset("log", new VarArgFunction() {
            @Override
            public Varargs invoke(Varargs args) {
                return log(args);
            }
        });
        for (String c : new String[] {"LOG_DEBUG", "LOG_VERBOSE", "LOG_NOTICE", "LOG_WARNING", "REDIS_VERSION",
                "REDIS_VERSION_NUM"}) {
            t.rawset(c, engine.functions.vm().api.table().rawget(c));
        }
        t.setmetatable(LuaRuntimeTables.missingField());
        t.freeze();
        return t;
    }

    /** Redis's luaPushError: "-CODE msg" keeps its code, "msg" gets "ERR". */
    static LuaTable errorTable(String error) {
        String code;
        String msg;
        if (error.startsWith("-")) {
            int space = error.indexOf(' ');
            if (space < 0) {
                code = "ERR";
                msg = error.substring(1);
            } else {
                code = error.substring(1, space);
                msg = error.substring(space + 1);
            }
        } else {
            code = "ERR";
            msg = error;
        }
        while (!msg.isEmpty() && (msg.endsWith("\r") || msg.endsWith("\n"))) {
            msg = msg.substring(0, msg.length() - 1);
        }
        LuaTable t = new LuaTable();
        t.rawset("err", LuaString.valueOf((code + " " + msg).getBytes(StandardCharsets.ISO_8859_1)));
        return t;
    }

    private static Varargs errorReply(Varargs args) {
        if (args.narg() != 1 || args.arg1().type() != LuaValue.TSTRING) {
            return errorTable("wrong number or type of arguments");
        }
        String err = LuaToReply.latin1(args.arg1());
        return errorTable(err.startsWith("-") ? err : "-" + err);
    }

    private static Varargs log(Varargs args) {
        if (args.narg() < 2) {
            throw LuaErrors.ofValue(errorTable("redis.log() requires two arguments or more."));
        }
        if (args.arg1().type() != LuaValue.TNUMBER) {
            throw LuaErrors.ofValue(errorTable("First argument must be a number (log level)."));
        }
        int level = args.arg1().toint();
        if (level < 0 || level > 3) {
            throw LuaErrors.ofValue(errorTable("Invalid debug level."));
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 2; i <= args.narg(); i++) {
            if (i > 2) {
                sb.append(' ');
            }
            LuaValue v = args.arg(i);
            if (v.type() == LuaValue.TNUMBER) {
                sb.append(LuaNumbers.format14(v.todouble()));
            } else if (v.type() == LuaValue.TSTRING) {
                sb.append(v.tojstring());
            }
        }
        System.Logger.Level l = switch (level) {
            case 0, 1 -> System.Logger.Level.DEBUG;
            case 2 -> System.Logger.Level.INFO;
            default -> System.Logger.Level.WARNING;
        };
        LOG.log(l, sb.toString());
        return LuaValue.NONE;
    }

    /** The Lua arguments as a command's arguments: strings as they are, numbers as %.17g; null if another type. */
    private static byte[][] argv(Varargs args) {
        int argc = args.narg();
        byte[][] argv = new byte[argc][];
        for (int j = 0; j < argc; j++) {
            LuaValue v = args.arg(j + 1);
            if (v.type() == LuaValue.TSTRING) {
                LuaString s = (LuaString) v;
                argv[j] = s.m_offset == 0 && s.m_length == s.m_bytes.length ? s.m_bytes
                        : java.util.Arrays.copyOfRange(s.m_bytes, s.m_offset, s.m_offset + s.m_length);
            } else if (v.type() == LuaValue.TNUMBER) {
                argv[j] = LuaNumbers.format17(v.todouble()).getBytes(StandardCharsets.ISO_8859_1);
            } else {
                return null;
            }
        }
        return argv;
    }

    private Command lookup(byte[][] argv) {
        Command cmd = engine.server.commands.get(argv[0]);
        if (cmd != null && cmd.subcommands() != null && argv.length >= 2) {
            cmd = cmd.subcommands().get(argv[1]);
        }
        return cmd;
    }

    /** redis.call ({@code raise}) and redis.pcall: Redis's luaRedisGenericCommand and scriptCall. */
    private Varargs call(Varargs args, boolean raise) {
        ScriptRun run = engine.running;
        LuaValue error;
        if (run == null) {
            error = errorTable("redis.call/pcall can only be called inside a script invocation");
        } else if (args.narg() == 0) {
            error = errorTable("Please specify at least one argument for this redis lib call");
        } else {
            byte[][] argv = argv(args);
            if (argv == null) {
                error = errorTable("Lua redis lib command arguments must be strings or integers");
            } else {
                Command cmd = lookup(argv);
                if (cmd == null) {
                    error = errorTable("Unknown Redis command called from script");
                } else if (!cmd.arityAccepts(argv.length)) {
                    error = errorTable("Wrong number of args calling Redis command from script");
                } else if (cmd.has(Command.NOSCRIPT)) {
                    error = errorTable("This Redis command is not allowed from script");
                } else if (run.readOnly && cmd.has(Command.WRITE | Command.MAY_REPLICATE)) {
                    error = errorTable("Write commands are not allowed from read-only scripts.");
                } else {
                    return execute(run, cmd, argv, raise);
                }
            }
        }
        if (raise) {
            throw LuaErrors.ofValue(error);
        }
        return error;
    }

    private Varargs execute(ScriptRun run, Command cmd, byte[][] argv, boolean raise) {
        if (cmd.has(Command.WRITE)) {
            run.wrote = true;
        }
        Client sc = engine.scriptClient();
        sc.reply.clearCaptured();
        engine.server.dispatcher.call(sc, cmd, argv);
        RespToLua parser = RespToLua.parse(sc.reply.captured());
        LuaValue value = parser.value();
        sc.reply.clearCaptured();
        if (parser.isError && raise) {
            throw LuaErrors.ofValue(value);
        }
        return value;
    }
}
