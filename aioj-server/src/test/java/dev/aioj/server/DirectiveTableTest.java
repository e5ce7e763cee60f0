package dev.aioj.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.aioj.redis.RedisConnection;
import dev.aioj.redis.testing.RedisBinary;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The directive table is Redis 7.0's: the same names and aliases, the same
 * defaults, and a configuration file read into the same values, checked
 * against what a real redis-server 7.0 answers to {@code CONFIG GET *} with
 * no configuration and with the stock redis.conf of 7.0.15. The few
 * deliberate differences are listed here, and in docs/server.md.
 */
class DirectiveTableTest {

    /** aioj's defaults that differ from Redis's on purpose, with Redis's value. */
    private static final Map<String, String> DIFFERENT_DEFAULTS = Map.of(
            "bind", "* -::*",                                            // aioj: 127.0.0.1
            "save", "3600 1 300 100 60 10000",                          // aioj: "" (no snapshots unless told)
            "client-output-buffer-limit",                               // aioj: normal 256mb hard
            "normal 0 0 0 slave 268435456 67108864 60 pubsub 33554432 8388608 60");

    @TempDir
    Path dir;

    @Test
    void everyDirectiveIsOneEntryWithItsAliases() {
        assertThat(DirectiveTable.all()).hasSize(178);
        assertThat(DirectiveTable.byName()).as("names and aliases").hasSize(178 + 19);
        for (Directive d : DirectiveTable.all()) {
            assertThat(DirectiveTable.find(d.name().toUpperCase(java.util.Locale.ROOT))).isSameAs(d);
            assertThat(d.note()).as(d.name() + " says what aioj does with it").isNotBlank();
        }
        assertThat(DirectiveTable.find("slave-read-only")).isSameAs(ReplicationDirectives.REPLICA_READ_ONLY);
    }

    @Test
    void namesAndDefaultsAreRedis70s() throws Exception {
        Map<String, String> redis = configOfARealRedis(List.of("--port", "0", "--unixsocket",
                dir.resolve("r.sock").toString(), "--dir", dir.toString()));
        ServerConfig aioj = ServerConfig.fromArgs("--port", "0", "--unixsocket", dir.resolve("r.sock").toString(),
                "--dir", dir.toString());
        assertThat(new TreeSet<>(visibleNames())).isEqualTo(new TreeSet<>(redis.keySet()));
        for (Map.Entry<String, String> e : redis.entrySet()) {
            String expected = DIFFERENT_DEFAULTS.getOrDefault(e.getKey(), e.getValue());
            if (DIFFERENT_DEFAULTS.containsKey(e.getKey())) {
                assertThat(e.getValue()).as("Redis's default of " + e.getKey()).isEqualTo(expected);
            } else {
                assertThat(aioj.get(e.getKey())).as(e.getKey()).isEqualTo(expected);
            }
        }
    }

    @Test
    void theStockRedisConfIsReadIntoRedisValues() throws Exception {
        Path stock = Path.of(getClass().getResource("config/redis-7.0.15.conf").toURI());
        List<String> args = List.of(stock.toString(), "--port", "0", "--unixsocket",
                dir.resolve("r.sock").toString(), "--dir", dir.toString(), "--pidfile", "");
        Map<String, String> redis = configOfARealRedis(args);
        ServerConfig aioj = ServerConfig.fromArgs(args.toArray(new String[0]));
        for (Map.Entry<String, String> e : redis.entrySet()) {
            if (e.getKey().equals("save")) {
                continue; // commented out in the stock file, so the defaults differ (above)
            }
            assertThat(aioj.get(e.getKey())).as(e.getKey()).isEqualTo(e.getValue());
        }
    }

    private static List<String> visibleNames() {
        List<String> names = new ArrayList<>();
        for (Directive d : DirectiveTable.all()) {
            if (!d.is(Directive.HIDDEN)) {
                names.add(d.name());
                names.addAll(d.aliases());
            }
        }
        return names;
    }

    /** CONFIG GET * of a redis-server 7.0 started with {@code args}, on a unix socket in the temp folder. */
    private Map<String, String> configOfARealRedis(List<String> args) throws Exception {
        RedisBinary binary = RedisBinary.locate();
        assumeTrue(binary.version().startsWith("7.0."), () -> "needs redis-server 7.0; found " + binary.version());
        List<String> command = new ArrayList<>();
        command.add(binary.path().toString());
        command.addAll(args);
        command.addAll(List.of("--daemonize", "no", "--logfile", ""));
        Process redis = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        try {
            CompletableFuture<Void> ready = new CompletableFuture<>();
            Thread.ofVirtual().start(() -> {
                try (BufferedReader lines = new BufferedReader(new InputStreamReader(redis.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    for (String line; (line = lines.readLine()) != null; ) {
                        if (line.contains("ready to accept connections")) {
                            ready.complete(null);
                        }
                    }
                } catch (java.io.IOException e) {
                    ready.completeExceptionally(e);
                }
                ready.completeExceptionally(new IllegalStateException("redis-server exited before it was ready"));
            });
            ready.get(30, TimeUnit.SECONDS);
            try (RedisConnection c = RedisConnection.connect("unix://" + dir.resolve("r.sock") + "?protocol=2")
                    .get(10, TimeUnit.SECONDS)) {
                List<?> flat = (List<?>) c.execute("CONFIG", "GET", "*").get(10, TimeUnit.SECONDS);
                Map<String, String> config = new TreeMap<>();
                for (int i = 0; i < flat.size(); i += 2) {
                    config.put(text(flat.get(i)), text(flat.get(i + 1)));
                }
                return config;
            }
        } finally {
            redis.destroy();
            redis.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static String text(Object o) {
        return o instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : String.valueOf(o);
    }

}
