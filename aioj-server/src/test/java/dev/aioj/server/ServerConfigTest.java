package dev.aioj.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Configurations that redis-server accepts, read as it reads them: a file,
 * then the command line over it; includes in place; Redis's quoting;
 * several save lines adding up; aliases; multi-word values in one word; the
 * default user's ACL line; rename-command. Refusals are {@link
 * ConfigErrorsTest}'s.
 */
class ServerConfigTest {

    @TempDir
    Path dir;

    private Path file(String name, String... lines) throws IOException {
        return Files.write(dir.resolve(name), (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theCommandLineOverridesTheFile() throws IOException {
        Path conf = file("redis.conf", "port 7000", "maxclients 50", "loglevel warning");
        ServerConfig c = ServerConfig.fromArgs(conf.toString(), "--port", "7001", "--loglevel", "verbose");
        assertThat(c.port()).isEqualTo(7001);
        assertThat(c.maxClients()).isEqualTo(50);
        assertThat(c.get("loglevel")).isEqualTo("verbose");
        assertThat(c.configFile()).isEqualTo(conf.toAbsolutePath());
    }

    @Test
    void anIncludeIsReadWhereItStandsSoLaterLinesWin() throws IOException {
        file("common.conf", "maxclients 100", "hz 20");
        Path conf = file("redis.conf", "maxclients 5", "include " + dir.resolve("common.conf"), "hz 30");
        ServerConfig c = ServerConfig.builder().configFile(conf).build();
        assertThat(c.maxClients()).as("the include overrides the line before it").isEqualTo(100);
        assertThat(c.hz()).as("the line after the include overrides it").isEqualTo(30);
    }

    @Test
    void aRelativeIncludeStartsFromTheDirSetBeforeIt() throws IOException {
        Files.createDirectories(dir.resolve("etc"));
        file("etc/part.conf", "databases 4");
        Path conf = file("redis.conf", "dir " + dir.resolve("etc"), "include part.conf");
        ServerConfig c = ServerConfig.builder().configFile(conf).build();
        assertThat(c.databases()).isEqualTo(4);
        assertThat(c.get("dir")).isEqualTo(dir.resolve("etc").toString());
    }

    @Test
    void aGlobIncludeReadsEveryMatchInNameOrder() throws IOException {
        Files.createDirectories(dir.resolve("conf.d"));
        file("conf.d/20-b.conf", "maxclients 20");
        file("conf.d/10-a.conf", "maxclients 10", "hz 11");
        file("conf.d/skip.txt", "maxclients 99");
        ServerConfig c = ServerConfig.builder().config("include " + dir.resolve("conf.d") + "/*.conf").build();
        assertThat(c.maxClients()).isEqualTo(20);
        assertThat(c.hz()).isEqualTo(11);
    }

    @Test
    void quotedValuesFollowRedisRules() {
        ServerConfig c = ServerConfig.builder().config(
                "requirepass \"with space \\\"and quotes\\\"\"",
                "masterauth 'it\\'s'",
                "syslog-ident \"\\x41\\x42\\t\"").build();
        assertThat(c.requirePass()).isEqualTo("with space \"and quotes\"");
        assertThat(c.get("masterauth")).isEqualTo("it's");
        assertThat(c.get("syslog-ident")).isEqualTo("AB\t");
    }

    @Test
    void saveLinesInAFileAddUpAndTheCommandLineAddsToThem() throws IOException {
        Path conf = file("redis.conf", "save 900 1", "save 300 10");
        assertThat(ServerConfig.fromArgs(conf.toString()).get("save")).isEqualTo("900 1 300 10");
        assertThat(ServerConfig.fromArgs(conf.toString(), "--save", "60", "10000").get("save"))
                .isEqualTo("900 1 300 10 60 10000");
        assertThat(ServerConfig.fromArgs(conf.toString(), "--save", "").get("save")).isEmpty();
        assertThat(ServerConfig.fromArgs("--save").get("save")).as("--save alone is save \"\"").isEmpty();
        assertThat(ServerConfig.builder().set("save", "900", "1").set("save", "60", "5").build().get("save"))
                .as("the builder, like CONFIG SET, replaces").isEqualTo("60 5");
    }

    @Test
    void aMultiWordDirectiveTakesItsWordsAsOneQuotedWord() {
        ServerConfig c = ServerConfig.fromArgs("--save", "900 1 300 10", "--client-output-buffer-limit",
                "pubsub 64mb 16mb 30");
        assertThat(c.get("save")).isEqualTo("900 1 300 10");
        assertThat(c.pubsubOutputLimit()).isEqualTo(new ServerConfig.OutputBufferLimit(64L << 20, 16L << 20,
                java.time.Duration.ofSeconds(30)));
        assertThat(c.normalOutputLimit()).as("the other classes stay").isEqualTo(ServerConfig.DEFAULT_NORMAL_LIMIT);
    }

    @Test
    void oldNamesAreAliases() {
        ServerConfig c = ServerConfig.builder().config("slaveof 10.0.0.1 6380", "hash-max-ziplist-entries 64",
                "lua-time-limit 100").build();
        assertThat(c.get("replicaof")).isEqualTo("10.0.0.1 6380");
        assertThat(c.get("hash-max-listpack-entries")).isEqualTo("64");
        assertThat(c.get("busy-reply-threshold")).isEqualTo("100");
        assertThat(c.get("SLAVEOF")).isEqualTo("10.0.0.1 6380");
    }

    @Test
    void theDefaultUsersAclLineSetsItsPassword() {
        assertThat(ServerConfig.builder().config("user default on >s3cret ~* &* +@all").build().requirePass())
                .isEqualTo("s3cret");
        assertThat(ServerConfig.builder().config("requirepass x", "user default on nopass ~* +@all").build()
                .requirePass()).isNull();
    }

    @Test
    void aclRulesAiojCannotHonourAreRefusedNotDropped() {
        assertThatThrownBy(() -> ServerConfig.builder().config("user alice on >pw ~* +@all"))
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.lineNumber()).isEqualTo(1);
                    assertThat(e.reason()).contains("'alice'").contains("only the default user");
                });
        assertThatThrownBy(() -> ServerConfig.builder().config("user default on >pw ~cache:* +get"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("'~cache:*'");
        assertThatThrownBy(() -> ServerConfig.builder().config("user default off"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("must be 'on'");
        assertThatThrownBy(() -> ServerConfig.builder().set("aclfile", "/etc/redis/users.acl"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("only the default user");
        assertThatThrownBy(() -> ServerConfig.builder().config("loadmodule /usr/lib/redis/modules/rejson.so"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("cannot load Redis modules");
    }

    @Test
    void renamedAndRemovedCommandsAreRemembered() {
        ServerConfig c = ServerConfig.builder().config("rename-command FLUSHALL \"\"", "rename-command config cfg")
                .build();
        assertThat(c.renamedCommands()).containsEntry("flushall", "").containsEntry("config", "cfg");
    }

    @Test
    void theBuilderReportsRedisReasonsWithTheLineItWouldHaveBeen() {
        assertThatThrownBy(() -> ServerConfig.builder().set("maxmemory", "lots"))
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.reason()).isEqualTo("argument must be a memory value");
                    assertThat(e.line()).isEqualTo("maxmemory \"lots\"");
                    assertThat(e.lineNumber()).isZero();
                });
        assertThatThrownBy(() -> ServerConfig.builder().set("nosuch", "1"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("Bad directive or wrong number of arguments");
        assertThatThrownBy(() -> ServerConfig.builder().set("port", (String) null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("argument 0 of port is null");
    }

    @Test
    void portZeroFromTheBuilderPicksAFreePortButAsADirectiveDisablesTcp() {
        ServerConfig any = ServerConfig.builder().port(0).build();
        assertThat(any.anyFreePort()).isTrue();
        ServerConfig off = ServerConfig.builder().port(0).set("port", "0").build();
        assertThat(off.anyFreePort()).isFalse();
        assertThat(off.port()).isZero();
        assertThat(ServerConfig.builder().port(0).config("port 6390").build().port()).isEqualTo(6390);
    }

    @Test
    void valuesReadBackInRedisForms() {
        ServerConfig c = ServerConfig.builder().config("maxmemory 1gb", "unixsocketperm 770", "hz 9999",
                "notify-keyspace-events Kx", "shutdown-on-sigterm \"now save\"", "bind \"127.0.0.1 ::1\"").build();
        assertThat(c.get("maxmemory")).isEqualTo("1073741824");
        assertThat(c.get("unixsocketperm")).isEqualTo("770");
        assertThat(c.get("hz")).as("clamped, as Redis clamps it").isEqualTo("500");
        assertThat(c.get("notify-keyspace-events")).isEqualTo("xK");
        assertThat(c.get("shutdown-on-sigterm")).isEqualTo("save now");
        assertThat(c.bind()).isEqualTo("127.0.0.1 ::1");
        assertThatThrownBy(() -> c.get("nosuch")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no such directive: nosuch");
    }

    @Test
    void toStringShowsWhatDiffersFromTheDefaultsWithPasswordsMasked() {
        String s = ServerConfig.builder().requirePass("secret").maxClients(7).build().toString();
        assertThat(s).contains("maxclients=7").contains("requirepass=***").doesNotContain("secret");
    }

    @Test
    void aConfigFileThatCannotBeReadSaysWhyAsRedisDoes() {
        assertThatThrownBy(() -> ServerConfig.builder().configFile(dir.resolve("absent.conf")))
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.cannotOpen()).isTrue();
                    assertThat(e.redisReport()).isEqualTo("Fatal error, can't open config file '"
                            + dir.resolve("absent.conf") + "': No such file or directory");
                });
    }
}
