package dev.aioj.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A running server follows CONFIG SET through the directives' hooks (limits,
 * password, hz, idle timeout), writes its configuration back with CONFIG
 * REWRITE, shows its config file in INFO, and honours rename-command.
 */
class ConfigRuntimeTest {

    @TempDir
    Path dir;

    @Test
    void maxclientsChangesAtRunTime() throws IOException {
        try (RedisServer server = RedisServer.start(ServerConfig.builder().port(0).build());
                RespConnection first = new RespConnection(server.port())) {
            assertThat(first.call("CONFIG", "SET", "maxclients", "1")).isEqualTo("+OK\r\n");
            try (RespConnection second = new RespConnection(server.port())) {
                assertThat(second.readReply()).isEqualTo("-ERR max number of clients reached\r\n");
            }
            assertThat(first.call("CONFIG", "SET", "maxclients", "10000")).isEqualTo("+OK\r\n");
            try (RespConnection third = new RespConnection(server.port())) {
                assertThat(third.call("PING")).isEqualTo("+PONG\r\n");
            }
        }
    }

    @Test
    void requirepassAppliesToNewConnectionsAndTheOpenOneStaysIn() throws IOException {
        try (RedisServer server = RedisServer.start(ServerConfig.builder().port(0).build());
                RespConnection admin = new RespConnection(server.port())) {
            assertThat(admin.call("CONFIG", "SET", "requirepass", "s3cret")).isEqualTo("+OK\r\n");
            assertThat(admin.call("PING")).isEqualTo("+PONG\r\n");
            try (RespConnection other = new RespConnection(server.port())) {
                assertThat(other.call("GET", "k")).startsWith("-NOAUTH");
                assertThat(other.call("AUTH", "s3cret")).isEqualTo("+OK\r\n");
            }
            assertThat(admin.call("CONFIG", "GET", "requirepass")).contains("s3cret");
        }
    }

    @Test
    void protoMaxBulkLenReachesConnectionsAlreadyOpen() throws IOException {
        try (RedisServer server = RedisServer.start(ServerConfig.builder().port(0).build());
                RespConnection c = new RespConnection(server.port())) {
            assertThat(c.call("CONFIG", "SET", "proto-max-bulk-len", "1mb")).isEqualTo("+OK\r\n");
            c.sendRaw("*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$2000000\r\n");
            assertThat(c.readReply()).isEqualTo("-ERR Protocol error: invalid bulk length\r\n");
        }
    }

    @Test
    void hzChangesTheCronAndIsShownInInfo() throws IOException {
        try (RedisServer server = RedisServer.start(ServerConfig.builder().port(0).build());
                RespConnection c = new RespConnection(server.port())) {
            assertThat(c.call("CONFIG", "SET", "hz", "100")).isEqualTo("+OK\r\n");
            assertThat(c.call("INFO", "server")).contains("\r\nhz:100\r\n").contains("configured_hz:100");
        }
    }

    @Test
    void anIdleClientIsClosedAfterTimeoutButABlockedOneIsNot() throws Exception {
        MutableClock clock = new MutableClock(1_000_000);
        try (RedisServer server = RedisServer.start(ServerConfig.builder().port(0).clock(clock).hz(100)
                .set("timeout", "2").build());
                RespConnection idle = new RespConnection(server.port());
                RespConnection blocked = new RespConnection(server.port())) {
            assertThat(idle.call("PING")).isEqualTo("+PONG\r\n");
            blocked.send("BLPOP", "nothing", "0");
            server.onLoop(() -> server.state().blocking.count()); // BLPOP is registered before the clock moves
            clock.advance(Duration.ofSeconds(3));
            assertThat(idle.drainUntilClosed()).as("the idle client is closed by the cron").isTrue();
            assertThat(blocked.isSilentFor(300)).as("a blocked client stays").isTrue();
            assertThat(server.onLoop(() -> server.state().clients.size())).isEqualTo(1);
        }
    }

    @Test
    void configRewriteKeepsTheFileAndWritesTheLiveValues() throws IOException {
        Path conf = dir.resolve("redis.conf");
        Files.writeString(conf, """
                # my server
                port 0
                maxclients 100
                maxclients 200
                slave-read-only yes

                save 900 1
                save 300 10
                """);
        ServerConfig config = ServerConfig.builder().configFile(conf).port(0).build();
        try (RedisServer server = RedisServer.start(config); RespConnection c = new RespConnection(server.port())) {
            assertThat(c.call("INFO", "server")).contains("config_file:" + conf + "\r\n");
            assertThat(c.call("CONFIG", "SET", "maxclients", "300", "save", "60 5", "maxmemory", "1gb"))
                    .isEqualTo("+OK\r\n");
            assertThat(c.call("CONFIG", "REWRITE")).isEqualTo("+OK\r\n");
        }
        List<String> lines = Files.readAllLines(conf);
        assertThat(lines).startsWith("# my server", "port " + portOf(lines), "maxclients 300", "",
                "replica-read-only yes", "", "save 60 5", "", "# Generated by CONFIG REWRITE");
        assertThat(lines).contains("maxmemory 1gb", "dir \"" + System.getProperty("user.dir") + "\"",
                "latency-tracking-info-percentiles 50 99 99.9");
        ServerConfig reread = ServerConfig.builder().configFile(conf).build();
        assertThat(reread.maxClients()).isEqualTo(300);
        assertThat(reread.get("save")).isEqualTo("60 5");
        assertThat(reread.get("maxmemory")).isEqualTo("1073741824");
    }

    private static String portOf(List<String> lines) {
        return lines.get(1).substring("port ".length());
    }

    @Test
    void configRewriteWithoutAFileSaysSo() throws IOException {
        try (RedisServer server = RedisServer.start(ServerConfig.builder().port(0).build());
                RespConnection c = new RespConnection(server.port())) {
            assertThat(c.call("CONFIG", "REWRITE")).isEqualTo("-ERR The server is running without a config file\r\n");
            assertThat(c.call("INFO", "server")).contains("config_file:\r\n");
        }
    }

    @Test
    void configRewriteThatCannotWriteReportsStrerror() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("gone"));
        Path conf = Files.writeString(folder.resolve("redis.conf"), "maxclients 5\n");
        try (RedisServer server = RedisServer.start(ServerConfig.builder().configFile(conf).port(0).build());
                RespConnection c = new RespConnection(server.port())) {
            Files.delete(conf);
            Files.delete(folder);
            assertThat(c.call("CONFIG", "REWRITE"))
                    .isEqualTo("-ERR Rewriting config file: No such file or directory\r\n");
        }
    }

    @Test
    void renameCommandRenamesAndRemovesCommands() throws IOException {
        ServerConfig config = ServerConfig.builder().port(0)
                .config("rename-command FLUSHALL \"\"", "rename-command CONFIG cfg").build();
        try (RedisServer server = RedisServer.start(config); RespConnection c = new RespConnection(server.port())) {
            assertThat(c.call("FLUSHALL")).startsWith("-ERR unknown command 'FLUSHALL'");
            assertThat(c.call("CONFIG", "GET", "port")).startsWith("-ERR unknown command 'CONFIG'");
            assertThat(c.call("CFG", "GET", "maxclients")).isEqualTo("*2\r\n$10\r\nmaxclients\r\n$5\r\n10000\r\n");
            assertThat(c.call("FLUSHDB")).isEqualTo("+OK\r\n");
        }
    }

    @Test
    void protectedDirectivesChangeOnlyWhenEnabled() throws IOException {
        try (RedisServer server = RedisServer.start(ServerConfig.builder().port(0)
                .set("enable-protected-configs", "local").build());
                RespConnection c = new RespConnection(server.port())) {
            assertThat(c.call("CONFIG", "SET", "dir", dir.toString())).isEqualTo("+OK\r\n");
            assertThat(c.call("CONFIG", "GET", "dir")).contains(dir.toString());
            assertThat(c.call("CONFIG", "SET", "dir", dir.resolve("missing").toString()))
                    .isEqualTo("-ERR CONFIG SET failed (possibly related to argument 'dir') - No such file or "
                            + "directory\r\n");
        }
    }

    @Test
    void aServerStartsWithTheStockRedisConfAndItsOwnPort() throws Exception {
        Path stock = Path.of(getClass().getResource("config/redis-7.0.15.conf").toURI());
        ServerConfig config = ServerConfig.builder().configFile(stock).port(0).set("dir", dir.toString())
                .set("pidfile", "").build();
        try (RedisServer server = RedisServer.start(config); RespConnection c = new RespConnection(server.port())) {
            assertThat(c.call("SET", "k", "v")).isEqualTo("+OK\r\n");
            assertThat(c.call("CONFIG", "GET", "bind")).isEqualTo("*2\r\n$4\r\nbind\r\n$14\r\n127.0.0.1 -::1\r\n");
            assertThat(new String(Files.readAllBytes(stock), StandardCharsets.UTF_8)).contains("bind 127.0.0.1 -::1");
        }
    }
}
