package dev.aioj.server;

import static dev.aioj.server.Command.LOADING;
import static dev.aioj.server.Command.SENTINEL;
import static dev.aioj.server.Command.STALE;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * COMMAND, the server describing its own command table with Redis 7.0's
 * replies: COUNT, LIST (with FILTERBY ACLCAT, PATTERN, MODULE), INFO, DOCS,
 * GETKEYS, GETKEYSANDFLAGS and HELP. Only the commands this server has are
 * listed; what each one says comes from Redis's own descriptions ({@link
 * CommandDescription}), which is what redis-cli reads for its hints and
 * {@code help}, and what client libraries read for key positions.
 *
 * <p>Listings are sorted by name (Redis lists in hash order, which has no
 * meaning).
 *
 * <p>Thread contract: the server's loop thread only.
 */
final class CommandCommand {

    private CommandCommand() {}

    static void register(CommandTable.Builder t) {
        String g = "server";
        int flags = LOADING | STALE | SENTINEL;
        t.addContainer("command", -1, flags, g, "2.8.13", "Get array of Redis command details", (c, a) -> all(c),
                sub -> sub
                .add("count", 2, flags, 0, 0, 0, g, "2.8.13", "Get total number of Redis commands",
                        (c, a) -> c.reply.integer(c.server.commands.size()))
                .add("list", -2, flags, 0, 0, 0, g, "7.0.0", "Get an array of Redis command names",
                        CommandCommand::list)
                .add("info", -2, flags, 0, 0, 0, g, "2.8.13", "Get array of specific Redis command details, or all "
                        + "when no argument is given.", CommandCommand::info)
                .add("docs", -2, flags, 0, 0, 0, g, "7.0.0", "Get array of specific Redis command documentation",
                        CommandCommand::docs)
                .add("getkeys", -4, flags, 0, 0, 0, g, "2.8.13", "Extract keys given a full Redis command",
                        (c, a) -> getKeys(c, a, false))
                .add("getkeysandflags", -4, flags, 0, 0, 0, g, "7.0.0", "Extract keys and access flags given a "
                        + "full Redis command", (c, a) -> getKeys(c, a, true))
                .add("help", 2, flags, 0, 0, 0, g, "5.0.0", "Show helpful text about the different subcommands",
                        (c, a) -> HelpReply.send(c, "command",
                        "(no subcommand)",
                        "    Return details about all Redis commands.",
                        "COUNT",
                        "    Return the total number of commands in this Redis server.",
                        "LIST",
                        "    Return a list of all commands in this Redis server.",
                        "INFO [<command-name> ...]",
                        "    Return details about multiple Redis commands.",
                        "    If no command names are given, documentation details for all",
                        "    commands are returned.",
                        "DOCS [<command-name> ...]",
                        "    Return documentation details about multiple Redis commands.",
                        "    If no command names are given, documentation details for all",
                        "    commands are returned.",
                        "GETKEYS <full-command>",
                        "    Return the keys from a full Redis command.",
                        "GETKEYSANDFLAGS <full-command>",
                        "    Return the keys and the access flags from a full Redis command.")));
    }

    /** COMMAND with no subcommand: the info of every command (Redis routes it here by arity -1). */
    static void all(Client c) {
        List<Command> commands = c.server.commands.all();
        c.reply.array(commands.size());
        for (Command cmd : commands) {
            CommandDescription.info(c.reply, cmd);
        }
    }

    /** COMMAND LIST [FILTERBY MODULE name | ACLCAT category | PATTERN pattern]: names, subcommands included. */
    static void list(Client c, byte[][] argv) {
        String filter = null;
        byte[] arg = null;
        for (int i = 2; i < argv.length; i++) {
            int more = argv.length - 1 - i;
            if (Args.is(argv[i], "filterby") && more == 2) {
                filter = Errors.latin1(argv[i + 1], argv[i + 1].length).toLowerCase(Locale.ROOT);
                if (!filter.equals("module") && !filter.equals("aclcat") && !filter.equals("pattern")) {
                    c.reply.error(Errors.SYNTAX);
                    return;
                }
                arg = argv[i + 2];
                i += 2;
            } else {
                c.reply.error(Errors.SYNTAX);
                return;
            }
        }
        List<String> names = new ArrayList<>();
        for (Command cmd : c.server.commands.allWithSubcommands()) {
            if (filter == null || matches(cmd, filter, arg)) {
                names.add(cmd.fullName());
            }
        }
        c.reply.array(names.size());
        for (String n : names) {
            c.reply.bulk(n);
        }
    }

    private static boolean matches(Command cmd, String filter, byte[] arg) {
        return switch (filter) {
            case "module" -> false; // no modules here
            case "aclcat" -> CommandDescription.categories(CommandDescription.docOf(cmd))
                    .contains(Errors.latin1(arg, arg.length).toLowerCase(Locale.ROOT));
            default -> Glob.matches(arg, cmd.fullName().getBytes(java.nio.charset.StandardCharsets.ISO_8859_1),
                    true);
        };
    }

    static void info(Client c, byte[][] argv) {
        if (argv.length == 2) {
            all(c);
            return;
        }
        c.reply.array(argv.length - 2);
        for (int j = 2; j < argv.length; j++) {
            Command cmd = find(c.server.commands, Errors.latin1(argv[j], argv[j].length));
            if (cmd == null) {
                c.reply.nullBulk();
            } else {
                CommandDescription.info(c.reply, cmd);
            }
        }
    }

    static void docs(Client c, byte[][] argv) {
        List<Command> wanted = new ArrayList<>();
        if (argv.length == 2) {
            wanted.addAll(c.server.commands.all());
        } else {
            for (int j = 2; j < argv.length; j++) {
                Command cmd = find(c.server.commands, Errors.latin1(argv[j], argv[j].length));
                if (cmd != null) {
                    wanted.add(cmd);
                }
            }
        }
        c.reply.map(wanted.size());
        for (Command cmd : wanted) {
            c.reply.bulk(cmd.fullName());
            CommandDocsReply.docs(c.reply, cmd);
        }
    }

    /** A command by name, or "container|sub" for a subcommand (Redis's lookupCommandBySds). */
    static Command find(CommandTable table, String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        int bar = lower.indexOf('|');
        if (bar < 0) {
            return table.get(lower);
        }
        Command container = table.get(lower.substring(0, bar));
        if (container == null || container.subcommands() == null || lower.indexOf('|', bar + 1) >= 0) {
            return null;
        }
        return container.subcommands().get(lower.substring(bar + 1));
    }

    /** COMMAND GETKEYS / GETKEYSANDFLAGS: the keys of a full command, found with its key specs. */
    static void getKeys(Client c, byte[][] argv, boolean withFlags) {
        byte[][] command = java.util.Arrays.copyOfRange(argv, 2, argv.length);
        Command cmd = c.server.commands.get(command[0]);
        if (cmd != null && cmd.subcommands() != null && command.length >= 2) {
            cmd = cmd.subcommands().get(command[1]);
        }
        CommandDocs.Doc doc = cmd == null ? null : CommandDescription.docOf(cmd);
        if (doc == null) {
            c.reply.error("ERR Invalid command specified");
            return;
        }
        if (!KeySpecs.hasKeys(doc)) {
            c.reply.error("ERR The command has no key arguments");
            return;
        }
        if (!cmd.arityAccepts(command.length)) {
            c.reply.error("ERR Invalid number of arguments specified for command");
            return;
        }
        List<KeySpecs.Key> keys = KeySpecs.find(doc, command);
        if (keys == null) {
            if (doc.flags().contains("NO_MANDATORY_KEYS")) {
                c.reply.raw(ReplyWriter.EMPTY_ARRAY);
            } else {
                c.reply.error("ERR Invalid arguments specified for command");
            }
            return;
        }
        c.reply.array(keys.size());
        for (KeySpecs.Key k : keys) {
            if (withFlags) {
                c.reply.array(2);
                c.reply.bulk(command[k.position()]);
                c.reply.set(k.flags().size());
                for (String f : k.flags()) {
                    c.reply.simple(f);
                }
            } else {
                c.reply.bulk(command[k.position()]);
            }
        }
    }
}
