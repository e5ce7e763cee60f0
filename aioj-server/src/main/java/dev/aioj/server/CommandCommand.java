package dev.aioj.server;

import static dev.aioj.server.Command.LOADING;
import static dev.aioj.server.Command.SENTINEL;
import static dev.aioj.server.Command.STALE;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * COMMAND, the server describing its own command table: COUNT, LIST, INFO
 * (name, arity, flags, key positions, ACL categories, and empty tips and key
 * specs), and DOCS with summary, since and group, which is what redis-cli
 * reads at start for its hints and {@code help}. No argument lists: redis-cli
 * then shows commands without their syntax hint.
 *
 * <p>Thread contract: the server's loop thread only.
 */
final class CommandCommand {

    private CommandCommand() {}

    static void register(CommandTable.Builder t) {
        String g = "server";
        int flags = LOADING | STALE | SENTINEL;
        t.addContainer("command", -1, flags, g, "2.8.13", "Returns detailed information about all commands.", (c, a) -> all(c), sub -> sub
                .add("count", 2, flags, 0, 0, 0, g, "2.8.13", "Returns a count of commands.",
                        (c, a) -> c.reply.integer(c.server.commands.size()))
                .add("list", -2, flags, 0, 0, 0, g, "7.0.0", "Returns a list of command names.", CommandCommand::list)
                .add("info", -2, flags, 0, 0, 0, g, "2.8.13", "Returns information about one, multiple or all commands.",
                        CommandCommand::info)
                .add("docs", -2, flags, 0, 0, 0, g, "7.0.0", "Returns documentary information about one, multiple "
                        + "or all commands.", CommandCommand::docs));
    }

    /** COMMAND with no subcommand: the info of every command (Redis routes it here by arity -1). */
    static void all(Client c) {
        List<Command> commands = c.server.commands.all();
        c.reply.array(commands.size());
        for (Command cmd : commands) {
            info(c, cmd);
        }
    }

    static void list(Client c, byte[][] argv) {
        if (argv.length != 2) {
            c.reply.error(Errors.SYNTAX);
            return;
        }
        List<Command> commands = c.server.commands.all();
        c.reply.array(commands.size());
        for (Command cmd : commands) {
            c.reply.bulk(cmd.name());
        }
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
                info(c, cmd);
            }
        }
    }

    /** A command by name, or "container|sub" for a subcommand. */
    static Command find(CommandTable table, String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        int bar = lower.indexOf('|');
        if (bar < 0) {
            return table.get(lower);
        }
        Command container = table.get(lower.substring(0, bar));
        if (container == null || container.subcommands() == null) {
            return null;
        }
        return container.subcommands().get(lower.substring(bar + 1));
    }

    private static void info(Client c, Command cmd) {
        ReplyWriter r = c.reply;
        r.array(10);
        r.bulk(cmd.fullName());
        r.integer(cmd.arity());
        List<String> flags = cmd.flagNames();
        r.set(flags.size());
        for (String f : flags) {
            r.simple(f);
        }
        r.integer(cmd.firstKey());
        r.integer(cmd.lastKey());
        r.integer(cmd.step());
        List<String> categories = categories(cmd);
        r.set(categories.size());
        for (String cat : categories) {
            r.simple(cat);
        }
        r.set(0); // tips
        r.array(0); // key specs
        List<Command> subs = cmd.subcommands() == null ? List.of() : cmd.subcommands().all();
        r.array(subs.size());
        for (Command sub : subs) {
            info(c, sub);
        }
    }

    /** ACL categories as Redis derives them from flags and group. */
    private static List<String> categories(Command cmd) {
        List<String> cats = new ArrayList<>();
        if (cmd.has(Command.WRITE)) {
            cats.add("@write");
        }
        if (cmd.has(Command.READONLY)) {
            cats.add("@read");
        }
        String group = switch (cmd.group()) {
            case "generic" -> "@keyspace";
            case "sorted_set" -> "@sortedset";
            case "transactions" -> "@transaction";
            case "server" -> cmd.has(Command.ADMIN) ? "@admin" : null;
            default -> "@" + cmd.group();
        };
        if (group != null) {
            cats.add(group);
        }
        if (cmd.has(Command.ADMIN)) {
            if (!cats.contains("@admin")) {
                cats.add("@admin");
            }
            cats.add("@dangerous");
        }
        if (cmd.has(Command.BLOCKING)) {
            cats.add("@blocking");
        }
        cats.add(cmd.has(Command.FAST) ? "@fast" : "@slow");
        return cats;
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
            doc(c, cmd);
        }
    }

    private static void doc(Client c, Command cmd) {
        List<Command> subs = cmd.subcommands() == null ? List.of() : cmd.subcommands().all();
        ReplyWriter r = c.reply;
        r.map(subs.isEmpty() ? 3 : 4);
        r.bulk("summary");
        r.bulk(cmd.summary());
        r.bulk("since");
        r.bulk(cmd.since());
        r.bulk("group");
        r.bulk(cmd.group());
        if (!subs.isEmpty()) {
            r.bulk("subcommands");
            r.map(subs.size());
            for (Command sub : subs) {
                r.bulk(sub.fullName());
                doc(c, sub);
            }
        }
    }
}
