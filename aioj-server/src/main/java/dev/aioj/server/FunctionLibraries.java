package dev.aioj.server;

import dev.aioj.server.lua.LuaErrors;
import dev.aioj.server.lua.ReadOnlyTable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaFunction;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/**
 * The function libraries (Redis's functions.c and function_lua.c): each
 * library is Lua code headed by {@code #!lua name=<lib>} that, when loaded,
 * registers functions with {@code redis.register_function}. Libraries run in
 * their own Lua state; while one loads its globals offer only a small {@code
 * redis} table (register_function, log, constants), afterwards the whole
 * API, as in Redis 7.0.15.
 *
 * <p>Thread contract: the server's loop thread only.
 */
final class FunctionLibraries {

    /** A registered function. */
    record Function(String name, LuaFunction callback, int flags, String description, Library library) {}

    /** A loaded library: its name, code, and functions in registration order. */
    static final class Library {
        final String name;
        final byte[] code;
        final Map<String, Function> functions = new LinkedHashMap<>();

        Library(String name, byte[] code) {
            this.name = name;
            this.code = code;
        }
    }

    /** A library that cannot be loaded, with Redis's text (without "ERR "). */
    static final class LoadError extends Exception {
        private static final long serialVersionUID = 1L;

        LoadError(String message) {
            super(message);
        }
    }

    private final ScriptEngine engine;
    private final Map<String, Library> libraries = new LinkedHashMap<>();
    private final Map<String, Function> functions = new HashMap<>();
    private ScriptVm vm;
    private ReadOnlyTable libraryEnv;
    private LuaTable libraryEnvMeta;
    private ReadOnlyTable loadingApi;
    /** The library being loaded, which register_function adds to; null otherwise. */
    private Library loading;

    FunctionLibraries(ScriptEngine engine) {
        this.engine = engine;
    }

    /** The functions' Lua state, created on first use. */
    ScriptVm vm() {
        if (vm == null) {
            vm = new ScriptVm(engine, true);
            ReadOnlyTable runtime = vm.lua.env();
            libraryEnvMeta = new LuaTable();
            libraryEnvMeta.rawset(LuaValue.INDEX, runtime);
            libraryEnv = new ReadOnlyTable();
            libraryEnv.setmetatable(libraryEnvMeta);
            libraryEnv.freeze();
            ReadOnlyTable loadGlobals = new ReadOnlyTable();
            loadGlobals.rawset("redis", ScriptRedisApi.loadingTable(engine));
            loadGlobals.setmetatable(LuaRuntimeTables.missingField());
            loadGlobals.freeze();
            loadingApi = loadGlobals;
        }
        return vm;
    }

    /** The function called {@code name} in any case (Redis compares function names case-insensitively). */
    Function function(String name) {
        return functions.get(name.toLowerCase(Locale.ROOT));
    }

    Map<String, Library> libraries() {
        return libraries;
    }

    int functionCount() {
        return functions.size();
    }

    /** FUNCTION FLUSH: every library goes, and the Lua state with them. */
    void flush() {
        libraries.clear();
        functions.clear();
        vm = null;
    }

    /** FUNCTION DELETE; false if there is no such library. */
    boolean delete(String name) {
        Library lib = libraries.remove(name);
        if (lib == null) {
            return false;
        }
        lib.functions.keySet().forEach(f -> functions.remove(f.toLowerCase(Locale.ROOT)));
        return true;
    }

    /** FUNCTION LOAD: compiles and registers {@code code}; returns the library's name. */
    String load(byte[] code, boolean replace) throws LoadError {
        String name = metadataName(code);
        if (!replace && libraries.containsKey(name)) { // checked before the code runs, as Redis does
            throw new LoadError("Library '" + name + "' already exists");
        }
        Library lib = create(code);
        add(List.of(lib), replace);
        return lib.name;
    }

    /** Adds libraries, refusing a clash of library names (unless {@code replace}) or function names. */
    void add(List<Library> libs, boolean replace) throws LoadError {
        for (Library lib : libs) {
            if (libraries.containsKey(lib.name) && !replace) {
                throw new LoadError("Library '" + lib.name + "' already exists");
            }
        }
        for (Library lib : libs) {
            for (String f : lib.functions.keySet()) {
                Function owner = functions.get(f.toLowerCase(Locale.ROOT));
                if (owner != null && !(replace && libsContain(libs, owner.library().name))) {
                    throw new LoadError("Function " + f + " already exists");
                }
            }
        }
        for (Library lib : libs) {
            delete(lib.name);
            libraries.put(lib.name, lib);
            for (Function f : lib.functions.values()) {
                functions.put(f.name().toLowerCase(Locale.ROOT), f);
            }
        }
    }

    private static boolean libsContain(List<Library> libs, String name) {
        for (Library l : libs) {
            if (l.name.equals(name)) {
                return true;
            }
        }
        return false;
    }

    /** Parses the metadata, compiles and runs {@code code}: a library with its functions, not yet added. */
    Library create(byte[] code) throws LoadError {
        String name = metadataName(code);
        ScriptVm v = vm();
        byte[] chunk = code.clone(); // the shebang line becomes a comment, line numbers stay
        chunk[0] = '-';
        chunk[1] = '-';
        LuaFunction f;
        try {
            f = v.lua.compile(chunk, "@user_function", libraryEnv);
        } catch (LuaError e) {
            throw new LoadError("Error compiling function: " + LuaToReply.latin1(LuaErrors.valueOf(e)));
        }
        Library lib = new Library(name, code);
        loading = lib;
        libraryEnvMeta.rawset(LuaValue.INDEX, loadingApi);
        v.lua.hook().reset();
        v.lua.installErrorHandler();
        try {
            f.call();
        } catch (LuaError e) {
            LuaValue err = LuaErrors.valueOf(e);
            String text = err.istable() && err.rawget("err").isstring() ? LuaToReply.latin1(err.rawget("err"))
                    : "ERR " + (err.isstring() ? LuaToReply.latin1(err) : err.tojstring());
            throw new LoadError("Error registering functions: " + text);
        } catch (StackOverflowError e) {
            throw new LoadError("Error registering functions: ERR stack overflow");
        } finally {
            loading = null;
            libraryEnvMeta.rawset(LuaValue.INDEX, v.lua.env());
        }
        if (lib.functions.isEmpty()) {
            throw new LoadError("No functions registered");
        }
        return lib;
    }

    /** Redis's functionExtractLibMetaData: the library name from {@code #!lua name=<lib>}. */
    private static String metadataName(byte[] code) throws LoadError {
        if (code.length < 2 || code[0] != '#' || code[1] != '!') {
            throw new LoadError("Missing library metadata");
        }
        int end = 0;
        while (end < code.length && code[end] != '\n') {
            end++;
        }
        if (end == code.length) {
            throw new LoadError("Invalid library metadata");
        }
        String[] parts = new String(code, 2, end - 2, StandardCharsets.ISO_8859_1).split(" ");
        List<String> words = new ArrayList<>();
        for (String p : parts) {
            if (!p.isEmpty()) {
                words.add(p);
            }
        }
        if (words.isEmpty()) {
            throw new LoadError("Invalid library metadata");
        }
        String name = null;
        for (int j = 1; j < words.size(); j++) {
            String w = words.get(j);
            if (w.startsWith("name=")) {
                if (name != null) {
                    throw new LoadError("Invalid metadata value, name argument was given multiple times");
                }
                name = w.substring(5);
            } else {
                throw new LoadError("Invalid metadata value given: " + w);
            }
        }
        if (!words.get(0).toLowerCase(Locale.ROOT).equals("lua")) {
            throw new LoadError("Engine '" + words.get(0) + "' not found");
        }
        if (name == null) {
            throw new LoadError("Library name was not given");
        }
        if (!validName(name)) {
            throw new LoadError("Library names can only contain letters, numbers, or underscores(_) and must be at "
                    + "least one character long");
        }
        return name;
    }

    static boolean validName(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char ch = name.charAt(i);
            if (!(ch >= 'a' && ch <= 'z' || ch >= 'A' && ch <= 'Z' || ch >= '0' && ch <= '9' || ch == '_')) {
                return false;
            }
        }
        return true;
    }

    private static LuaError registerError(String message) {
        return LuaErrors.ofValue(ScriptRedisApi.errorTable(message));
    }

    /** redis.register_function(name, callback) or redis.register_function{function_name=..., callback=..., ...}. */
    Varargs registerFunction(Varargs args) {
        if (loading == null) {
            throw registerError("redis.register_function can only be called on FUNCTION LOAD command");
        }
        String name;
        LuaValue callback;
        int flags = 0;
        String description = null;
        if (args.narg() == 1) {
            if (!args.arg1().istable()) {
                throw registerError("calling redis.register_function with a single argument is only applicable to "
                        + "Lua table (representing named arguments).");
            }
            LuaTable t = (LuaTable) args.arg1();
            name = null;
            callback = LuaValue.NIL;
            for (LuaValue k = LuaValue.NIL; ; ) {
                Varargs n = t.next(k);
                if ((k = n.arg1()).isnil()) {
                    break;
                }
                LuaValue v = n.arg(2);
                String key = k.isstring() ? k.tojstring() : "";
                switch (key) {
                    case "function_name" -> {
                        if (!v.isstring()) {
                            throw registerError("function_name argument given to redis.register_function must be "
                                    + "a string");
                        }
                        name = v.tojstring();
                    }
                    case "description" -> {
                        if (!v.isstring()) {
                            throw registerError("description argument given to redis.register_function must be "
                                    + "a string");
                        }
                        description = v.tojstring();
                    }
                    case "callback" -> {
                        if (!v.isfunction()) {
                            throw registerError("callback argument given to redis.register_function must be a "
                                    + "function");
                        }
                        callback = v;
                    }
                    case "flags" -> {
                        if (!v.istable()) {
                            throw registerError("flags argument to redis.register_function must be a table "
                                    + "representing function flags");
                        }
                        flags = flags((LuaTable) v);
                    }
                    default -> throw registerError("unknown argument given to redis.register_function");
                }
            }
            if (name == null) {
                throw registerError("redis.register_function must get a function name argument");
            }
            if (callback.isnil()) {
                throw registerError("redis.register_function must get a callback argument");
            }
        } else if (args.narg() == 2) {
            if (!args.arg1().isstring()) {
                throw registerError("first argument to redis.register_function must be a string");
            }
            if (!args.arg(2).isfunction()) {
                throw registerError("second argument to redis.register_function must be a function");
            }
            name = args.arg1().tojstring();
            callback = args.arg(2);
        } else {
            throw registerError("wrong number of arguments to redis.register_function");
        }
        if (!validName(name)) {
            throw registerError("Library names can only contain letters, numbers, or underscores(_) and must be at "
                    + "least one character long");
        }
        if (loading.functions.containsKey(name)) {
            throw registerError("Function already exists in the library");
        }
        loading.functions.put(name, new Function(name, (LuaFunction) callback, flags, description, loading));
        return LuaValue.NONE;
    }

    private static int flags(LuaTable t) {
        int flags = 0;
        for (int i = 1; ; i++) {
            LuaValue v = t.rawget(i);
            if (v.isnil()) {
                return flags;
            }
            int bit = v.isstring() ? ScriptFlags.byName(v.tojstring()) : 0;
            if (bit == 0) {
                throw registerError("unknown flag given");
            }
            flags |= bit;
        }
    }

    /** Runs function {@code f} for FCALL: {@code f(keys, args)}. */
    void call(Client c, Function f, boolean readOnly, LuaTable keys, LuaTable args) {
        ScriptVm v = vm();
        engine.execute(new ScriptRun(c, f.name(), false, readOnly), v, f.callback(), LuaValue.varargsOf(keys, args));
    }
}
