package dev.aioj.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reads redis.conf text into {@link ConfigValues} the way redis-server's
 * {@code loadServerConfigFromString} does: line by line, {@code #} comments
 * and blank lines skipped, words split with {@code sdssplitargs}'s quoting
 * rules ({@link InlineArgs}), the directive looked up in any case, a
 * multi-word directive given as one quoted word split again, {@code include}
 * read in place (with glob patterns), and the first refused line reported in
 * Redis's words. Besides the table it knows {@code include}, {@code
 * rename-command}, {@code user} (the default user only), and refuses {@code
 * loadmodule}, module settings and {@code sentinel}, which aioj cannot honour.
 *
 * <p>Thread contract: one load at a time, on any thread.
 */
final class ConfigLoader {

    /** Redis 7.0 still reads these, and ignores them, when they have one argument. */
    private static final List<String> DEPRECATED =
            List.of("list-max-ziplist-entries", "list-max-ziplist-value", "lua-replicate-commands");

    private final ConfigValues values;
    private final ParseContext context;
    private final CommandRenames renames;
    private final Consumer<Directive> onSet;

    /**
     * A loader writing into {@code values} and {@code renames}; {@code onSet}
     * hears of every directive a line sets.
     */
    ConfigLoader(ConfigValues values, CommandRenames renames, ParseContext context, Consumer<Directive> onSet) {
        this.values = values;
        this.renames = renames;
        this.context = context;
        this.onSet = onSet;
    }

    /**
     * Loads the config file at {@code path} (relative to the current {@code
     * dir}); a glob pattern loads every file it matches, in name order, as
     * one text (as Redis does, so line numbers run on across them), and none
     * when nothing matches (an empty conf.d folder).
     */
    void loadFile(String path) {
        if (path.indexOf('*') >= 0 || path.indexOf('?') >= 0 || path.indexOf('[') >= 0) {
            List<Path> matches = ConfigGlob.matches(context.directory(), path);
            java.io.ByteArrayOutputStream text = new java.io.ByteArrayOutputStream();
            for (Path match : matches) {
                text.writeBytes(read(match));
            }
            if (!matches.isEmpty()) {
                loadText(text.toByteArray(), matches.get(0));
            }
        } else {
            Path file = context.resolve(path);
            loadText(read(file), file);
        }
    }

    /** The bytes of a config file, or {@link ConfigException#cannotOpen} with strerror's words. */
    static byte[] read(Path file) {
        try {
            return Files.isDirectory(file) ? new byte[0] : Files.readAllBytes(file); // fgets on a folder reads nothing
        } catch (NoSuchFileException e) {
            throw ConfigException.cannotOpen(file, "No such file or directory");
        } catch (AccessDeniedException e) {
            throw ConfigException.cannotOpen(file, "Permission denied");
        } catch (IOException e) {
            throw ConfigException.cannotOpen(file, e.getMessage());
        }
    }

    /** Loads config text; {@code source} (the file, or null) only goes into error reports. */
    void loadText(byte[] text, Path source) {
        int lineStart = 0;
        int lineNumber = 0;
        while (lineStart <= text.length) {
            int end = indexOf(text, (byte) '\n', lineStart);
            lineNumber++;
            byte[] line = trim(text, lineStart, end);
            lineStart = end + 1;
            if (line.length == 0 || line[0] == '#') {
                continue;
            }
            try {
                applyLine(line);
            } catch (DirectiveException e) {
                throw ConfigException.atLine(e.reason(), lineNumber, new String(line, StandardCharsets.UTF_8),
                        source);
            }
        }
        checkWhole();
    }

    /** One directive given outside any file, as if it were the line {@code name args...}. */
    void apply(String name, List<String> args) {
        StringBuilder line = new StringBuilder(name);
        for (String arg : args) {
            line.append(' ').append(DirectiveType.quote(arg));
        }
        List<byte[]> argv = new ArrayList<>();
        argv.add(name.getBytes(StandardCharsets.UTF_8));
        for (String arg : args) {
            argv.add(arg.getBytes(StandardCharsets.UTF_8));
        }
        try {
            apply(argv.toArray(new byte[0][]));
        } catch (DirectiveException e) {
            throw ConfigException.forDirective(e.reason(), line.toString());
        }
        checkWhole();
    }

    private void applyLine(byte[] line) throws DirectiveException {
        byte[][] argv = InlineArgs.split(line, 0, line.length);
        if (argv == null) {
            throw new DirectiveException("Unbalanced quotes in configuration line");
        }
        if (argv.length > 0) {
            apply(argv);
        }
    }

    private void apply(byte[][] argv) throws DirectiveException {
        String name = new String(argv[0], StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
        List<String> args = new ArrayList<>();
        for (int i = 1; i < argv.length; i++) {
            args.add(new String(argv[i], StandardCharsets.UTF_8));
        }
        Directive d = DirectiveTable.find(name);
        if (d != null) {
            if (!d.is(Directive.MULTI_ARG) && args.size() != 1) {
                throw new DirectiveException("wrong number of arguments");
            }
            if (d.is(Directive.MULTI_ARG) && args.size() == 1 && !args.get(0).isEmpty()) {
                args = splitWords(argv[1]); // --save "900 1 300 10" is save 900 1 300 10
            }
            values.set(d, d.parse(args, values.get(d), context));
            onSet.accept(d);
            return;
        }
        if (DEPRECATED.contains(name) && args.size() == 1) {
            return;
        }
        switch (name) {
            case "include" -> {
                if (args.size() != 1) {
                    throw new DirectiveException("Bad directive or wrong number of arguments");
                }
                loadFile(args.get(0));
            }
            case "rename-command" -> {
                if (args.size() != 2) {
                    throw new DirectiveException("Bad directive or wrong number of arguments");
                }
                renames.rename(args.get(0), args.get(1));
            }
            case "user" -> {
                if (args.isEmpty()) {
                    throw new DirectiveException("Bad directive or wrong number of arguments");
                }
                String password = DefaultUser.password(args);
                values.set(ClientDirectives.REQUIREPASS, password);
                onSet.accept(ClientDirectives.REQUIREPASS);
            }
            case "loadmodule" -> throw new DirectiveException(args.isEmpty()
                    ? "Bad directive or wrong number of arguments"
                    : "aioj-server cannot load Redis modules");
            case "sentinel" -> throw new DirectiveException(args.isEmpty()
                    ? "Sentinel mode is not supported by aioj-server"
                    : "sentinel directive while not in sentinel mode");
            default -> {
                if (name.indexOf('.') >= 0) {
                    throw new DirectiveException(args.isEmpty() ? "Module config specified without value"
                            : "Module Configuration detected without loadmodule directive or no ApplyConfig call: "
                                    + "aborting");
                }
                throw new DirectiveException("Bad directive or wrong number of arguments");
            }
        }
    }

    /** sdssplitargs on one word; unbalanced quotes give no words, as in Redis (which does not check). */
    private static List<String> splitWords(byte[] word) {
        byte[][] words = InlineArgs.split(word, 0, word.length);
        List<String> out = new ArrayList<>();
        if (words != null) {
            for (byte[] w : words) {
                out.add(new String(w, StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    /** Redis's sanity checks after a config text: settings that cannot go together. */
    private void checkWhole() {
        if (values.bool(ClusterDirectives.CLUSTER_ENABLED) && values.get(ReplicationDirectives.REPLICAOF) != null) {
            throw ConfigException.general("replicaof directive not allowed in cluster mode");
        }
    }

    private static int indexOf(byte[] text, byte b, int from) {
        for (int i = from; i < text.length; i++) {
            if (text[i] == b) {
                return i;
            }
        }
        return text.length;
    }

    /** sdstrim(line, " \t\r\n"). */
    private static byte[] trim(byte[] text, int from, int to) {
        while (from < to && isTrimmed(text[from])) {
            from++;
        }
        while (to > from && isTrimmed(text[to - 1])) {
            to--;
        }
        return Arrays.copyOfRange(text, from, to);
    }

    private static boolean isTrimmed(byte b) {
        return b == ' ' || b == '\t' || b == '\r' || b == '\n';
    }

    /**
     * {@code rename-command}: commands renamed or removed, checked against
     * the command table as Redis checks them.
     */
    static final class CommandRenames {
        /** Current lower-case name → the command's own name, for every command still reachable. */
        private Map<String, String> names;
        private final Map<String, String> renamed = new LinkedHashMap<>();

        void rename(String from, String to) throws DirectiveException {
            if (names == null) {
                names = new LinkedHashMap<>();
                for (Command c : Commands.table().all()) {
                    names.put(c.name(), c.name());
                }
            }
            String original = names.remove(from.toLowerCase(Locale.ROOT));
            if (original == null) {
                throw new DirectiveException("No such command in rename-command");
            }
            if (!to.isEmpty()) {
                if (names.containsKey(to.toLowerCase(Locale.ROOT))) {
                    names.put(from.toLowerCase(Locale.ROOT), original);
                    throw new DirectiveException("Target command name already exists");
                }
                names.put(to.toLowerCase(Locale.ROOT), original);
            }
            renamed.put(original, to.toLowerCase(Locale.ROOT));
        }

        /** Original name → new name ("" for removed), in the order given. */
        Map<String, String> renamed() {
            return java.util.Collections.unmodifiableMap(renamed);
        }

        boolean isEmpty() {
            return renamed.isEmpty();
        }

        CommandRenames copy() {
            CommandRenames c = new CommandRenames();
            c.names = names == null ? null : new LinkedHashMap<>(names);
            c.renamed.putAll(renamed);
            return c;
        }
    }
}
