package dev.aioj.server;

import static dev.aioj.server.Command.ADMIN;
import static dev.aioj.server.Command.LOADING;
import static dev.aioj.server.Command.NOSCRIPT;
import static dev.aioj.server.Command.STALE;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * CONFIG GET (glob patterns, several at once, a map in RESP3), CONFIG SET for
 * the settings this server can change while running (requirepass,
 * maxclients, protected-mode, proto-max-bulk-len, client-query-buffer-limit,
 * client-output-buffer-limit, notify-keyspace-events), CONFIG RESETSTAT, CONFIG REWRITE (refused:
 * there is no config file). GET answers what redis-cli and redis-benchmark
 * ask ({@code save}, {@code appendonly}, ...) with the values of a server
 * without persistence.
 *
 * <p>Thread contract: the server's loop thread only.
 */
final class ConfigCommand {

    private ConfigCommand() {}

    static void register(CommandTable.Builder t) {
        String g = "server";
        int flags = ADMIN | NOSCRIPT | LOADING | STALE;
        t.addContainer("config", -2, 0, g, "2.0.0", "A container for server configuration commands.", sub -> sub
                .add("get", -3, flags, 0, 0, 0, g, "2.0.0", "Returns the effective values of configuration parameters.",
                        ConfigCommand::get)
                .add("set", -4, flags, 0, 0, 0, g, "2.0.0", "Sets configuration parameters in-flight.",
                        ConfigCommand::set)
                .add("resetstat", 2, flags, 0, 0, 0, g, "2.0.0", "Resets the server's statistics.", (c, a) -> {
                    c.server.stats.reset();
                    c.server.commands.allWithSubcommands().forEach(cmd -> cmd.stats().reset());
                    c.reply.ok();
                })
                .add("rewrite", 2, flags, 0, 0, 0, g, "2.8.0", "Persists the effective configuration to file.",
                        (c, a) -> c.reply.error("ERR The server is running without a config file"))
                .add("help", 2, LOADING | STALE, 0, 0, 0, g, "5.0.0", "Returns helpful text about the different "
                        + "subcommands.", ConfigCommand::help));
    }

    /** Every parameter CONFIG GET knows, in a stable order, with its current value. */
    static Map<String, String> parameters(ServerState s) {
        Map<String, String> p = new LinkedHashMap<>();
        ServerConfig cfg = s.config;
        p.put("bind", cfg.bind());
        p.put("port", Integer.toString(s.port));
        p.put("requirepass", s.requirePass == null ? "" : s.requirePass);
        p.put("maxclients", Integer.toString(s.maxClients));
        p.put("databases", Integer.toString(cfg.databases()));
        p.put("protected-mode", s.protectedMode ? "yes" : "no");
        p.put("proto-max-bulk-len", Long.toString(s.protoMaxBulkLen));
        p.put("client-query-buffer-limit", Long.toString(s.clientQueryBufferLimit));
        p.put("client-output-buffer-limit", "normal " + limit(s.normalOutputLimit) + " slave 268435456 67108864 60"
                + " pubsub " + limit(s.pubsubOutputLimit));
        p.put("hz", Integer.toString(cfg.hz()));
        p.put("save", "");
        p.put("appendonly", "no");
        p.put("appendfsync", "everysec");
        p.put("maxmemory", "0");
        p.put("timeout", "0");
        p.put("tcp-keepalive", "0");
        p.put("tcp-backlog", "1024");
        p.put("daemonize", "no");
        p.put("loglevel", "notice");
        p.put("logfile", "");
        p.put("dir", System.getProperty("user.dir"));
        p.put("dbfilename", "dump.rdb");
        p.put("notify-keyspace-events", s.events.setting());
        p.put("enable-debug-command", cfg.enableDebugCommand());
        p.put("cluster-enabled", "no");
        p.put("io-threads", "1");
        p.put("lazyfree-lazy-user-del", "no");
        p.put("lazyfree-lazy-user-flush", "no");
        TunableConfig.describe(s, p);
        p.put("replica-read-only", "yes");
        p.put("busy-reply-threshold", Long.toString(s.scripts.busyReplyThresholdMillis));
        p.put("lua-time-limit", Long.toString(s.scripts.busyReplyThresholdMillis));
        p.put("slave-read-only", "yes");
        return p;
    }

    private static String limit(ServerConfig.OutputBufferLimit l) {
        return l.hardBytes() + " " + l.softBytes() + " " + l.softDuration().toSeconds();
    }

    static void get(Client c, byte[][] argv) {
        Map<String, String> all = parameters(c.server);
        Map<String, String> matched = new LinkedHashMap<>();
        for (int j = 2; j < argv.length; j++) {
            byte[] pattern = argv[j];
            for (Map.Entry<String, String> e : all.entrySet()) {
                if (Glob.matches(pattern, e.getKey().getBytes(StandardCharsets.ISO_8859_1), true)) {
                    matched.put(e.getKey(), e.getValue());
                }
            }
        }
        c.reply.map(matched.size());
        for (Map.Entry<String, String> e : matched.entrySet()) {
            c.reply.bulk(e.getKey());
            c.reply.bulk(e.getValue());
        }
    }

    static void set(Client c, byte[][] argv) {
        if (argv.length % 2 != 0) {
            c.reply.error(Errors.arity("config|set"));
            return;
        }
        ServerState s = c.server;
        // Validate every pair before applying any, as Redis does.
        Map<String, Runnable> changes = new LinkedHashMap<>();
        for (int j = 2; j < argv.length; j += 2) {
            String name = Errors.latin1(argv[j], argv[j].length).toLowerCase(Locale.ROOT);
            String value = new String(argv[j + 1], StandardCharsets.UTF_8);
            String problem;
            Runnable apply;
            switch (name) {
                case "requirepass" -> {
                    problem = null;
                    apply = () -> s.requirePass = value.isEmpty() ? null : value;
                }
                case "protected-mode" -> {
                    problem = yesNo(value) == null ? "argument must be 'yes' or 'no'" : null;
                    apply = () -> s.protectedMode = Boolean.TRUE.equals(yesNo(value));
                }
                case "maxclients" -> {
                    Long n = integer(value, 1, Integer.MAX_VALUE);
                    problem = n == null ? "argument couldn't be parsed into an integer" : null;
                    apply = () -> s.maxClients = n.intValue();
                }
                case "proto-max-bulk-len" -> {
                    Long n = integer(value, 1, ServerConfig.MAX_BULK_LIMIT);
                    problem = n == null ? "argument couldn't be parsed into an integer" : null;
                    apply = () -> {
                        s.protoMaxBulkLen = n;
                        for (Client other : s.clients.values()) {
                            other.parser.maxBulkLength(n);
                        }
                    };
                }
                case "enable-debug-command" -> {
                    problem = "can't set immutable config";
                    apply = null;
                }
                case "notify-keyspace-events" -> {
                    problem = KeyspaceEvents.parse(value) < 0
                            ? "Invalid event class character. Use 'Ag$lshzxeKEtmdn'." : null;
                    apply = () -> s.events.configure(value);
                }
                case "client-query-buffer-limit" -> {
                    Long n = integer(value, 1024, Long.MAX_VALUE);
                    problem = n == null ? "argument couldn't be parsed into an integer" : null;
                    apply = () -> s.clientQueryBufferLimit = n;
                }
                case "busy-reply-threshold", "lua-time-limit" -> {
                    Long n = integer(value, 0, Long.MAX_VALUE);
                    problem = n == null ? "argument couldn't be parsed into an integer" : null;
                    apply = () -> s.scripts.busyReplyThresholdMillis = n;
                }
                case "client-output-buffer-limit" -> {
                    Map<String, ServerConfig.OutputBufferLimit> limits = outputLimits(value);
                    problem = limits == null ? "Wrong number of arguments in buffer limit configuration." : null;
                    apply = () -> {
                        s.normalOutputLimit = limits.getOrDefault("normal", s.normalOutputLimit);
                        s.pubsubOutputLimit = limits.getOrDefault("pubsub", s.pubsubOutputLimit);
                    };
                }
                default -> {
                    TunableConfig.Change change = TunableConfig.change(s, name, value);
                    if (change instanceof TunableConfig.Change.Apply a) {
                        problem = null;
                        apply = a.apply();
                        break;
                    }
                    if (change instanceof TunableConfig.Change.Refuse r) {
                        problem = r.reason();
                        apply = null;
                        break;
                    }
                    if (!parameters(s).containsKey(name)) {
                        c.reply.error("ERR Unknown option or number of arguments for CONFIG SET - '"
                                + Errors.latin1(argv[j], argv[j].length) + "'");
                        return;
                    }
                    problem = "this server cannot change this parameter at run time";
                    apply = null;
                }
            }
            if (problem != null) {
                c.reply.error("ERR CONFIG SET failed (possibly related to argument '"
                        + Errors.latin1(argv[j], argv[j].length) + "') - " + problem);
                return;
            }
            changes.put(name, apply);
        }
        changes.values().forEach(Runnable::run);
        c.reply.ok();
    }

    private static Boolean yesNo(String v) {
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "yes" -> Boolean.TRUE;
            case "no" -> Boolean.FALSE;
            default -> null;
        };
    }

    /** An integer with Redis's memory units (1k, 2mb, 1gb), within bounds; null when invalid. */
    static Long integer(String v, long min, long max) {
        String s = v.toLowerCase(Locale.ROOT);
        long unit = 1;
        Map<String, Long> units = new LinkedHashMap<>();
        units.put("kb", 1024L);
        units.put("mb", 1024L * 1024);
        units.put("gb", 1024L * 1024 * 1024);
        units.put("k", 1000L);
        units.put("m", 1000L * 1000);
        units.put("g", 1000L * 1000 * 1000);
        for (Map.Entry<String, Long> u : units.entrySet()) {
            if (s.endsWith(u.getKey())) {
                unit = u.getValue();
                s = s.substring(0, s.length() - u.getKey().length());
                break;
            }
        }
        byte[] digits = s.getBytes(StandardCharsets.ISO_8859_1);
        if (!Numbers.isLong(digits)) {
            return null;
        }
        long n = Numbers.toLong(digits);
        if (n != 0 && Math.abs(n) > Long.MAX_VALUE / unit) {
            return null;
        }
        n *= unit;
        return n < min || n > max ? null : n;
    }

    /** "class hard soft seconds ..." as Redis's client-output-buffer-limit; null when malformed. */
    private static Map<String, ServerConfig.OutputBufferLimit> outputLimits(String value) {
        String[] parts = value.trim().split("\\s+");
        if (parts.length % 4 != 0) {
            return null;
        }
        Map<String, ServerConfig.OutputBufferLimit> limits = new LinkedHashMap<>();
        for (int i = 0; i < parts.length; i += 4) {
            String cls = parts[i].toLowerCase(Locale.ROOT);
            Long hard = integer(parts[i + 1], 0, Long.MAX_VALUE);
            Long soft = integer(parts[i + 2], 0, Long.MAX_VALUE);
            Long seconds = integer(parts[i + 3], 0, Long.MAX_VALUE / 1000);
            if (hard == null || soft == null || seconds == null
                    || !(cls.equals("normal") || cls.equals("pubsub") || cls.equals("slave") || cls.equals("replica"))) {
                return null;
            }
            limits.put(cls, new ServerConfig.OutputBufferLimit(hard, soft, java.time.Duration.ofSeconds(seconds)));
        }
        return limits;
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
            "    Print this help.",
        };
        c.reply.array(lines.length);
        for (String line : lines) {
            c.reply.simple(line);
        }
    }
}
