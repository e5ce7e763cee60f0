package dev.aioj.server;

import static dev.aioj.server.Command.LOADING;
import static dev.aioj.server.Command.SENTINEL;
import static dev.aioj.server.Command.STALE;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * INFO: the server, clients, memory, persistence, stats, replication, cpu,
 * modules, errorstats, cluster and keyspace sections in Redis 7.0's format
 * ({@code # Section} headers, {@code field:value} lines, CRLF, a blank line
 * between sections), with the fields tools read (redis-cli --stat, redis_version,
 * used_memory, connected_clients, keyspace lines, ...).
 *
 * <p>Memory figures are the JVM heap's: {@code used_memory} is the heap in
 * use (garbage included, so it moves with collections), {@code
 * used_memory_rss} the heap committed by the JVM.
 *
 * <p>Thread contract: the server's loop thread only.
 */
final class InfoCommand {

    private InfoCommand() {}

    static void register(CommandTable.Builder t) {
        t.add("info", -1, LOADING | STALE | SENTINEL, 0, 0, 0, "server", "1.0.0",
                "Returns information and statistics about the server.", InfoCommand::info);
    }

    /** Redis 7.0's default sections ({@code module_list} is the Modules section). */
    private static final List<String> DEFAULT_SECTIONS = List.of("server", "clients", "memory", "persistence",
            "stats", "replication", "cpu", "module_list", "errorstats", "cluster", "keyspace");

    /** Every section, in the order Redis prints them. */
    private static final List<String> ALL_SECTIONS = List.of("server", "clients", "memory", "persistence", "stats",
            "replication", "cpu", "modules", "commandstats", "errorstats", "latencystats", "cluster", "keyspace");

    /**
     * INFO [section ...] as Redis 7.0's genInfoSectionDict reads it: no
     * argument or {@code default} for the default sections, {@code all} and
     * {@code everything} for all of them, names in any case, unknown names
     * ignored, each section once and in Redis's order whatever the order
     * asked.
     */
    static void info(Client c, byte[][] argv) {
        Set<String> sections = new LinkedHashSet<>();
        boolean all = false;
        if (argv.length == 1) {
            sections.addAll(DEFAULT_SECTIONS);
        }
        for (int i = 1; i < argv.length; i++) {
            String s = Errors.latin1(argv[i], argv[i].length).toLowerCase(Locale.ROOT);
            switch (s) {
                case "default" -> sections.addAll(DEFAULT_SECTIONS);
                case "all", "everything" -> all = true;
                default -> sections.add(s);
            }
        }
        c.reply.verbatim(render(c.server, sections, all));
    }

    /**
     * INFO memory's scripting lines, with Redis's names: the counts are
     * exact; the {@code scripts} and {@code functions} figures are the bytes
     * of the cached bodies and library code; the Lua VMs' own memory (luaj's
     * objects in the JVM heap) is not measured and shows as 0.
     */
    private static void scriptMemory(StringBuilder b, ScriptEngine scripts) {
        long evalBytes = scripts.scripts.bodyBytes();
        long functionBytes = 0;
        for (FunctionLibraries.Library lib : scripts.functions.libraries().values()) {
            functionBytes += lib.code.length;
        }
        line(b, "used_memory_lua", 0);
        line(b, "used_memory_vm_eval", 0);
        line(b, "used_memory_lua_human", human(0));
        line(b, "used_memory_scripts_eval", evalBytes);
        line(b, "number_of_cached_scripts", scripts.scripts.size());
        line(b, "number_of_functions", scripts.functions.functionCount());
        line(b, "number_of_libraries", scripts.functions.libraries().size());
        line(b, "used_memory_vm_functions", 0);
        line(b, "used_memory_vm_total", 0);
        line(b, "used_memory_vm_total_human", human(0));
        line(b, "used_memory_functions", functionBytes);
        line(b, "used_memory_scripts", evalBytes + functionBytes);
        line(b, "used_memory_scripts_human", human(evalBytes + functionBytes));
    }

    /** The text of the requested sections; unknown sections are left out, as in Redis. */
    static String render(ServerState s, Set<String> sections, boolean all) {
        List<String> parts = new ArrayList<>();
        for (String section : ALL_SECTIONS) {
            boolean wanted = all || sections.contains(section)
                    || (section.equals("modules") && sections.contains("module_list"));
            if (wanted) {
                parts.add(section(s, section));
            }
        }
        return String.join("\r\n", parts);
    }

    private static String section(ServerState s, String name) {
        StringBuilder b = new StringBuilder();
        switch (name) {
            case "server" -> {
                b.append("# Server\r\n");
                line(b, "redis_version", ConnectionCommands.REDIS_VERSION);
                line(b, "aioj_version", RedisServer.VERSION);
                line(b, "redis_git_sha1", "00000000");
                line(b, "redis_git_dirty", "0");
                line(b, "redis_build_id", "aioj");
                line(b, "redis_mode", "standalone");
                line(b, "os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                        + System.getProperty("os.arch"));
                line(b, "arch_bits", System.getProperty("sun.arch.data.model", "64"));
                line(b, "monotonic_clock", "System.nanoTime");
                line(b, "multiplexing_api", "java.nio");
                line(b, "java_version", System.getProperty("java.version"));
                line(b, "process_id", ProcessHandle.current().pid());
                line(b, "process_supervised", "no");
                line(b, "run_id", s.runId);
                line(b, "tcp_port", s.port);
                line(b, "server_time_usec", s.now() * 1000);
                line(b, "uptime_in_seconds", s.uptimeSeconds());
                line(b, "uptime_in_days", s.uptimeSeconds() / 86400);
                line(b, "hz", s.hz);
                line(b, "configured_hz", s.hz);
                line(b, "lru_clock", s.access.lruClock());
                line(b, "executable", "");
                line(b, "config_file", s.config.configFile() == null ? "" : s.config.configFile());
                line(b, "io_threads_active", 0);
            }
            case "clients" -> {
                b.append("# Clients\r\n");
                line(b, "connected_clients", s.clients.size());
                line(b, "cluster_connections", 0);
                line(b, "maxclients", s.maxClients);
                line(b, "client_recent_max_input_buffer", 0);
                line(b, "client_recent_max_output_buffer", 0);
                line(b, "blocked_clients", s.blocking.count());
                line(b, "tracking_clients", s.tracking.clients());
                line(b, "clients_in_timeout_table", s.blocking.count());
            }
            case "memory" -> {
                Runtime rt = Runtime.getRuntime();
                long used = rt.totalMemory() - rt.freeMemory();
                b.append("# Memory\r\n");
                line(b, "used_memory", used);
                line(b, "used_memory_human", human(used));
                line(b, "used_memory_rss", rt.totalMemory());
                line(b, "used_memory_rss_human", human(rt.totalMemory()));
                line(b, "used_memory_peak", used);
                line(b, "used_memory_peak_human", human(used));
                line(b, "total_system_memory", rt.maxMemory());
                line(b, "total_system_memory_human", human(rt.maxMemory()));
                scriptMemory(b, s.scripts);
                line(b, "maxmemory", 0);
                line(b, "maxmemory_human", "0B");
                line(b, "maxmemory_policy", s.access.policy());
                line(b, "mem_allocator", "jvm");
                line(b, "active_defrag_running", 0);
                line(b, "lazyfree_pending_objects", 0); // values are freed at once (UNLINK, FLUSHALL ASYNC)
                line(b, "lazyfreed_objects", 0);
            }
            case "persistence" -> {
                b.append("# Persistence\r\n");
                s.persistence.info(b);
                AppendOnlyFile aof = s.aof;
                line(b, "aof_enabled", aof == null ? 0 : 1);
                line(b, "aof_rewrite_in_progress", aof != null && aof.rewriting() ? 1 : 0);
                line(b, "aof_rewrite_scheduled", aof != null && aof.rewriteScheduled ? 1 : 0);
                line(b, "aof_last_rewrite_time_sec", aof == null ? -1 : aof.lastRewriteSeconds);
                line(b, "aof_current_rewrite_time_sec", -1);
                line(b, "aof_last_bgrewrite_status", aof == null || aof.lastRewriteOk ? "ok" : "err");
                line(b, "aof_rewrites", aof == null ? 0 : aof.rewrites);
                line(b, "aof_rewrites_consecutive_failures", 0);
                line(b, "aof_last_write_status", aof == null || aof.writeOk() ? "ok" : "err");
                line(b, "aof_last_cow_size", 0);
                line(b, "module_fork_in_progress", 0);
                line(b, "module_fork_last_cow_size", 0);
            }
            case "stats" -> {
                ServerStats st = s.stats;
                b.append("# Stats\r\n");
                line(b, "total_connections_received", st.connectionsReceived);
                line(b, "total_commands_processed", st.commandsProcessed);
                line(b, "instantaneous_ops_per_sec", st.instantaneousOpsPerSec());
                line(b, "total_net_input_bytes", st.netInputBytes);
                line(b, "total_net_output_bytes", st.netOutputBytes);
                line(b, "rejected_connections", st.rejectedConnections);
                line(b, "expired_keys", st.expiredKeys);
                line(b, "evicted_keys", 0);
                line(b, "evicted_clients", 0);
                line(b, "keyspace_hits", st.keyspaceHits);
                line(b, "keyspace_misses", st.keyspaceMisses);
                line(b, "pubsub_channels", s.pubsub.channelCount());
                line(b, "pubsub_patterns", s.pubsub.patternCount());
                line(b, "pubsubshard_channels", 0);
                line(b, "total_forks", 0);
                line(b, "tracking_total_keys", s.tracking.totalKeys());
                line(b, "tracking_total_items", s.tracking.totalItems());
                line(b, "tracking_total_prefixes", s.tracking.totalPrefixes());
                line(b, "unexpected_error_replies", st.unexpectedErrorReplies);
                line(b, "total_error_replies", st.errorReplies);
                line(b, "client_query_buffer_limit_disconnections", st.queryLimitDisconnections);
                line(b, "client_output_buffer_limit_disconnections", st.outputLimitDisconnections);
            }
            case "replication" -> {
                b.append("# Replication\r\n");
                line(b, "role", "master");
                line(b, "connected_slaves", 0);
                line(b, "master_failover_state", "no-failover");
                line(b, "master_replid", s.runId);
                line(b, "master_replid2", "0000000000000000000000000000000000000000");
                line(b, "master_repl_offset", 0);
                line(b, "second_repl_offset", -1);
                line(b, "repl_backlog_active", 0);
            }
            case "cpu" -> {
                b.append("# CPU\r\n");
                long cpuNanos = processCpuNanos();
                line(b, "used_cpu_sys", "0.000000");
                line(b, "used_cpu_user", String.format(Locale.ROOT, "%.6f", cpuNanos / 1e9));
            }
            case "modules" -> b.append("# Modules\r\n");
            case "commandstats" -> {
                b.append("# Commandstats\r\n");
                s.commands.allWithSubcommands().forEach(cmd -> {
                    CommandStats st = cmd.stats();
                    if (!st.isEmpty()) {
                        long usec = st.nanos / 1000;
                        b.append("cmdstat_").append(cmd.fullName()).append(":calls=").append(st.calls)
                                .append(",usec=").append(usec).append(",usec_per_call=")
                                .append(String.format(Locale.ROOT, "%.2f", st.calls == 0 ? 0f : (float) usec / st.calls))
                                .append(",rejected_calls=").append(st.rejectedCalls)
                                .append(",failed_calls=").append(st.failedCalls).append("\r\n");
                    }
                });
            }
            case "errorstats" -> {
                b.append("# Errorstats\r\n");
                s.stats.errorsByCode.forEach((code, count) ->
                        b.append("errorstat_").append(code).append(":count=").append(count).append("\r\n"));
            }
            case "latencystats" -> {
                b.append("# Latencystats\r\n");
                if (s.observers.latencyTracking) {
                    s.commands.allWithSubcommands().forEach(cmd -> {
                        LatencyHistogram h = cmd.stats().histogram;
                        if (h != null) {
                            b.append("latency_percentiles_usec_").append(cmd.fullName()).append(':')
                                    .append(LatencyCommand.percentiles(h, s.observers.percentiles)).append("\r\n");
                        }
                    });
                }
            }
            case "cluster" -> {
                b.append("# Cluster\r\n");
                line(b, "cluster_enabled", 0);
            }
            case "keyspace" -> {
                b.append("# Keyspace\r\n");
                for (Database db : s.dbs) {
                    if (db.size() > 0) {
                        b.append("db").append(db.id).append(":keys=").append(db.size())
                                .append(",expires=").append(db.expires.size()).append(",avg_ttl=0\r\n");
                    }
                }
            }
            default -> throw new IllegalArgumentException("unknown INFO section: " + name);
        }
        return b.toString();
    }

    /** CPU time of the loop thread, which does all of the server's work (INFO runs on it). */
    private static long processCpuNanos() {
        var threads = ManagementFactory.getThreadMXBean();
        return threads.isCurrentThreadCpuTimeSupported() ? Math.max(0, threads.getCurrentThreadCpuTime()) : 0;
    }

    private static void line(StringBuilder b, String field, Object value) {
        b.append(field).append(':').append(value).append("\r\n");
    }

    /** Redis's bytesToHuman: B, K, M, G with two decimals. */
    static String human(long n) {
        if (n < 1024) {
            return n + "B";
        }
        String[] units = {"K", "M", "G", "T", "P"};
        double d = n;
        int u = -1;
        while (d >= 1024 && u < units.length - 1) {
            d /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.2f%s", d, units[u]);
    }
}
