package dev.aioj.server;

import static dev.aioj.server.Command.ADMIN;
import static dev.aioj.server.Command.LOADING;
import static dev.aioj.server.Command.NOSCRIPT;
import static dev.aioj.server.Command.STALE;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * CONFIG GET, SET, RESETSTAT, REWRITE and HELP over the directive table
 * ({@link DirectiveTable}): GET answers every directive and alias matching
 * the patterns (hidden ones only by exact name), SET changes several at once
 * all or nothing ({@link ConfigSet}), REWRITE writes the live values back
 * into the config file the server started from ({@link ConfigRewrite}).
 *
 * <p>Thread contract: the server's loop thread only.
 */
final class ConfigCommand {

    private static final System.Logger LOG = System.getLogger(ConfigCommand.class.getName());

    private ConfigCommand() {}

    static void register(CommandTable.Builder t) {
        String g = "server";
        int flags = ADMIN | NOSCRIPT | LOADING | STALE;
        t.addContainer("config", -2, 0, g, "2.0.0", "A container for server configuration commands.", sub -> sub
                .add("get", -3, flags, 0, 0, 0, g, "2.0.0", "Returns the effective values of configuration parameters.",
                        ConfigCommand::get)
                .add("set", -4, flags, 0, 0, 0, g, "2.0.0", "Sets configuration parameters in-flight.",
                        ConfigSet::set)
                .add("resetstat", 2, flags, 0, 0, 0, g, "2.0.0", "Resets the server's statistics.", (c, a) -> {
                    c.server.stats.reset();
                    c.server.commands.allWithSubcommands().forEach(cmd -> cmd.stats().reset());
                    c.reply.ok();
                })
                .add("rewrite", 2, flags, 0, 0, 0, g, "2.8.0", "Persists the effective configuration to file.",
                        ConfigCommand::rewrite)
                .add("help", 2, LOADING | STALE, 0, 0, 0, g, "5.0.0", "Returns helpful text about the different "
                        + "subcommands.", ConfigCommand::help));
    }

    static void get(Client c, byte[][] argv) {
        // Matched names, looked up in any case, keeping the spelling that matched first (Redis's dict).
        Map<String, Directive> matched = new java.util.LinkedHashMap<>();
        Map<String, String> seen = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (int j = 2; j < argv.length; j++) {
            byte[] pattern = argv[j];
            String text = new String(pattern, StandardCharsets.UTF_8);
            if (!hasGlob(pattern)) {
                Directive d = DirectiveTable.find(text);
                if (d != null && seen.putIfAbsent(text, text) == null) {
                    matched.put(text, d);
                }
                continue;
            }
            for (Directive d : DirectiveTable.all()) {
                if (d.is(Directive.HIDDEN)) {
                    continue;
                }
                match(pattern, d.name(), d, matched, seen);
                for (String alias : d.aliases()) {
                    match(pattern, alias, d, matched, seen);
                }
            }
        }
        c.reply.map(matched.size());
        for (Map.Entry<String, Directive> e : matched.entrySet()) {
            c.reply.bulk(e.getKey());
            c.reply.bulk(e.getValue().format(c.server.live.get(e.getValue())));
        }
    }

    private static void match(byte[] pattern, String name, Directive d, Map<String, Directive> matched,
            Map<String, String> seen) {
        if (!seen.containsKey(name) && Glob.matches(pattern, name.getBytes(StandardCharsets.ISO_8859_1), true)) {
            seen.put(name, name);
            matched.put(name, d);
        }
    }

    private static boolean hasGlob(byte[] pattern) {
        for (byte b : pattern) {
            if (b == '*' || b == '?' || b == '[') {
                return true;
            }
        }
        return false;
    }

    static void rewrite(Client c, byte[][] argv) {
        ServerState s = c.server;
        if (s.config.configFile() == null) {
            c.reply.error("ERR The server is running without a config file");
            return;
        }
        try {
            ConfigRewrite.rewrite(s.config.configFile(), s.live);
            LOG.log(System.Logger.Level.WARNING, "CONFIG REWRITE executed with success.");
            c.reply.ok();
        } catch (java.io.IOException e) {
            String reason = ConfigRewrite.strerror(e);
            LOG.log(System.Logger.Level.WARNING, "CONFIG REWRITE failed: {0}", reason);
            c.reply.error("ERR Rewriting config file: " + reason);
        }
    }

    static void help(Client c, byte[][] argv) {
        String[] lines = {
            "CONFIG <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
            "GET <pattern>",
            "    Return parameters matching the glob-like <pattern> and their values.",
            "SET <directive> <value>",
            "    Set the configuration <directive> to <value>.",
            "RESETSTAT",
            "    Reset statistics reported by the INFO command.",
            "REWRITE",
            "    Rewrite the configuration file.",
            "HELP",
            "    Prints this help.",
        };
        c.reply.array(lines.length);
        for (String line : lines) {
            c.reply.simple(line);
        }
    }
}
