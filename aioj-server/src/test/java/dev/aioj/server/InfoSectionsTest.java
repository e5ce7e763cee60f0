package dev.aioj.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aioj.redis.testing.RedisServerExtension;
import java.util.ArrayList;
import java.util.List;
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
