package dev.aioj.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aioj.redis.testing.RedisServerExtension;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * INFO's section arguments read as Redis 7.0 reads them: each list of
 * arguments gives the same section headers, in the same order, on aioj-server
 * and on a real redis-server (the values differ by nature; the case tables
 * pin the deterministic ones).
 */
class InfoSectionsTest {

    @RegisterExtension
    static final TestServer server = new TestServer();

    @RegisterExtension
    static final RedisServerExtension redis = RedisServerExtension.builder().build();

    private static final String[][] ARGUMENTS = {
        {}, {"default"}, {"all"}, {"everything"}, {"ALL"}, {"server", "clients"}, {"CLIENTS", "server"},
        {"nosuch"}, {"all", "nosuch"}, {"default", "commandstats"}, {"commandstats", "default"}, {"modules"},
        {"module_list", "keyspace"}, {"everything", "cpu"}, {"errorstats", "latencystats", "keyspace", "stats"},
        {"keyspace", "keyspace"}, {"Memory", "persistence", "replication", "cluster"},
    };

    @Test
    void everyListOfSectionsGivesRedisHeadersInRedisOrder() throws Exception {
        Assumptions.assumeTrue(redis.version().startsWith("7.0."), () -> "needs redis-server 7.0, found "
                + redis.version());
        try (RespConnection ours = server.connect(); RespConnection theirs = new RespConnection(redis.port())) {
            for (String[] args : ARGUMENTS) {
                String[] command = new String[args.length + 1];
                command[0] = "INFO";
                System.arraycopy(args, 0, command, 1, args.length);
                assertThat(headers(ours.call(command))).as("INFO %s", String.join(" ", args))
                        .isEqualTo(headers(theirs.call(command)));
            }
        }
    }

    /**
     * The scripting lines of INFO memory that test suites read (Redis's
     * scripting and functions tests check the counts after SCRIPT FLUSH,
     * FUNCTION DELETE...) have Redis's names, order and counts.
     */
    @Test
    void scriptCountsInInfoMemoryFollowRedis() throws Exception {
        Assumptions.assumeTrue(redis.version().startsWith("7.0."), () -> "needs redis-server 7.0, found "
                + redis.version());
        String[][] steps = {
            {"SCRIPT", "FLUSH"}, {"FUNCTION", "FLUSH"}, {"EVAL", "return 1", "0"}, {"EVAL", "return 2", "0"},
            {"EVAL", "return 1", "0"},
            {"FUNCTION", "LOAD", "#!lua name=infolib\nredis.register_function('f1', function() return 1 end)\n"
                    + "redis.register_function('f2', function() return 2 end)"},
            {"SCRIPT", "FLUSH"}, {"FUNCTION", "DELETE", "infolib"},
        };
        try (RespConnection ours = server.connect(); RespConnection theirs = new RespConnection(redis.port())) {
            for (String[] step : steps) {
                ours.call(step);
                theirs.call(step);
                assertThat(scriptLines(ours.call("INFO", "memory"))).as("after %s", String.join(" ", step))
                        .isEqualTo(scriptLines(theirs.call("INFO", "memory")));
            }
            ours.call("EVAL", "return 3", "0");
            assertThat(scriptLines(ours.call("INFO", "memory"))).containsEntry("number_of_cached_scripts", "1")
                    .containsEntry("number_of_libraries", "0").containsKey("used_memory_vm_eval");
        }
    }

    /** The number_of_* lines and the names of the other script memory lines, in order. */
    private static Map<String, String> scriptLines(String info) {
        Map<String, String> lines = new LinkedHashMap<>();
        for (String line : info.split("\r\n")) {
            int colon = line.indexOf(':');
            String name = colon < 0 ? line : line.substring(0, colon);
            if (name.startsWith("number_of_")) {
                lines.put(name, line.substring(colon + 1));
            } else if (name.contains("_lua") || name.contains("_vm_") || name.contains("scripts")
                    || name.equals("used_memory_functions")) {
                lines.put(name, "(a size)");
            }
        }
        return lines;
    }

    /** INFO memory reports the policy CONFIG SET chose, as Redis does, not a fixed "noeviction". */
    @Test
    void infoMemoryShowsTheConfiguredPolicy() throws Exception {
        try (RespConnection ours = server.connect(); RespConnection theirs = new RespConnection(redis.port())) {
            try {
                for (String policy : new String[] {"allkeys-lfu", "volatile-ttl", "noeviction"}) {
                    ours.call("CONFIG", "SET", "maxmemory-policy", policy);
                    theirs.call("CONFIG", "SET", "maxmemory-policy", policy);
                    assertThat(policyLine(ours.call("INFO", "memory"))).as("after CONFIG SET %s", policy)
                            .isEqualTo("maxmemory_policy:" + policy)
                            .isEqualTo(policyLine(theirs.call("INFO", "memory")));
                }
            } finally {
                ours.call("CONFIG", "SET", "maxmemory-policy", "noeviction");
                theirs.call("CONFIG", "SET", "maxmemory-policy", "noeviction");
            }
        }
    }

    private static String policyLine(String info) {
        for (String line : info.split("\r\n")) {
            if (line.startsWith("maxmemory_policy:")) {
                return line;
            }
        }
        return "(no maxmemory_policy line)";
    }

    @Test
    void sectionsAreSeparatedByAnEmptyLine() throws Exception {
        String info = server.connect().call("INFO", "errorstats", "cluster");
        assertThat(info).isEqualTo("$46\r\n# Errorstats\r\n\r\n# Cluster\r\ncluster_enabled:0\r\n\r\n");
    }

    private static List<String> headers(String reply) {
        List<String> headers = new ArrayList<>();
        for (String line : reply.split("\r\n")) {
            if (line.startsWith("# ")) {
                headers.add(line);
            }
        }
        return headers;
    }
}
