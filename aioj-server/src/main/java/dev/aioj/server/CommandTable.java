package dev.aioj.server;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

/**
 * The commands the server knows, looked up by name without allocating: the
 * name bytes are matched case-insensitively in an open-addressed table, since
 * this runs once per command on the hot path. Container commands (CLIENT,
 * CONFIG, COMMAND) hold a table of their subcommands.
 *
 * <p>Built once when the server starts, then read-only.
 */
final class CommandTable {

    private final Command[] slots;
    private final byte[][] names;
    private final List<Command> all;

    private CommandTable(List<Command> commands) {
        int size = Integer.highestOneBit(Math.max(4, commands.size() * 4) - 1) << 1;
        slots = new Command[size];
        names = new byte[size][];
        for (Command c : commands) {
            byte[] name = c.name().getBytes(StandardCharsets.ISO_8859_1);
            int i = hashLower(name, name.length) & (size - 1);
            while (slots[i] != null) {
                if (slots[i].name().equals(c.name())) {
                    throw new IllegalArgumentException("command defined twice: " + c.fullName());
                }
                i = (i + 1) & (size - 1);
            }
            slots[i] = c;
            names[i] = name;
        }
        List<Command> sorted = new ArrayList<>(commands);
        sorted.sort(Comparator.comparing(Command::name));
        all = Collections.unmodifiableList(sorted);
    }

    /** The command named {@code name} in any ASCII case, or null. */
    Command get(byte[] name) {
        int mask = slots.length - 1;
        for (int i = hashLower(name, name.length) & mask; slots[i] != null; i = (i + 1) & mask) {
            if (equalsLower(names[i], name)) {
                return slots[i];
            }
        }
        return null;
    }

    Command get(String name) {
        return get(name.getBytes(StandardCharsets.ISO_8859_1));
    }

    /**
     * This table after redis.conf's {@code rename-command} lines: {@code
     * renames} maps a command's name to its new one, or to "" to remove it.
     * A renamed command keeps its own name in error messages, as in Redis.
     */
    CommandTable withRenames(java.util.Map<String, String> renames) {
        if (renames.isEmpty()) {
            return this;
        }
        List<Command> commands = new ArrayList<>();
        for (Command c : all) {
            String to = renames.get(c.name());
            if (to == null) {
                commands.add(c);
            } else if (!to.isEmpty()) {
                commands.add(new Command(to, c.fullName(), c.arity(), c.flags(), c.firstKey(), c.lastKey(), c.step(),
                        c.group(), c.since(), c.summary(), c.handler(), c.subcommands(), c.stats()));
            }
        }
        return new CommandTable(commands);
    }

    /** Every command, sorted by name. */
    List<Command> all() {
        return all;
    }

    /** Every command, each container followed by its subcommands (COMMAND LIST, INFO commandstats). */
    List<Command> allWithSubcommands() {
        List<Command> every = new ArrayList<>();
        for (Command cmd : all) {
            every.add(cmd);
            if (cmd.subcommands() != null) {
                every.addAll(cmd.subcommands().all());
            }
        }
        return every;
    }

    int size() {
        return all.size();
    }

    private static int hashLower(byte[] s, int n) {
        int h = 0;
        for (int i = 0; i < n; i++) {
            h = 31 * h + lower(s[i]);
        }
        return h ^ (h >>> 16);
    }

    private static boolean equalsLower(byte[] lowerName, byte[] candidate) {
        if (lowerName.length != candidate.length) {
            return false;
        }
        for (int i = 0; i < lowerName.length; i++) {
            if (lower(candidate[i]) != lowerName[i]) {
                return false;
            }
        }
        return true;
    }

    private static int lower(int c) {
        return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
    }

    /** Collects command definitions; each command family adds its own. */
    static final class Builder {
        private final String container;
        private final List<Command> commands = new ArrayList<>();

        Builder() {
            this(null);
        }

        private Builder(String container) {
            this.container = container;
        }

        /** Adds a command; {@code lastKey} -1 means the last argument. */
        Builder add(String name, int arity, int flags, int firstKey, int lastKey, int step, String group,
                String since, String summary, Command.Handler handler) {
            String fullName = container == null ? name : container + "|" + name;
            commands.add(new Command(name, fullName, arity, flags, firstKey, lastKey, step, group, since, summary,
                    handler, null, new CommandStats()));
            return this;
        }

        /**
         * Adds a container command whose subcommands {@code subcommands}
         * defines; called without a subcommand it answers the arity error,
         * unless its arity allows that ({@link #addContainer(String, int, int,
         * String, String, String, Command.Handler, java.util.function.Consumer)}).
         */
        Builder addContainer(String name, int arity, int flags, String group, String since, String summary,
                java.util.function.Consumer<Builder> subcommands) {
            return addContainer(name, arity, flags, group, since, summary,
                    (c, a) -> c.reply.error(Errors.arity(name)), subcommands);
        }

        /** Adds a container command that also runs alone ({@code bare}), as COMMAND does. */
        Builder addContainer(String name, int arity, int flags, String group, String since, String summary,
                Command.Handler bare, java.util.function.Consumer<Builder> subcommands) {
            Builder sub = new Builder(name);
            subcommands.accept(sub);
            commands.add(new Command(name, name, arity, flags, 0, 0, 0, group, since, summary, bare, sub.build(),
                    new CommandStats()));
            return this;
        }

        CommandTable build() {
            return new CommandTable(commands);
        }
    }
}
