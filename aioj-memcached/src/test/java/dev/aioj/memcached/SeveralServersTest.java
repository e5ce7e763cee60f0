package dev.aioj.memcached;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aioj.memcached.testing.MemcachedServerExtension;
import dev.aioj.memcached.testing.RawMemcached;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Two and three real memcached servers: keys land where libmemcached's
 * ketama puts them (the reference lists name loopback ports, so those
 * servers run on those ports; three sets of ports are tried in case one is
 * taken), and a dead server's keys go to the next server until it is back
 * (on free ports: which server a key is on, the client says).
 */
class SeveralServersTest {

    static final int[] PORT_BASES = {41211, 42311, 43411};

    /**
     * Starts {@code count} servers on the first free set of reference ports; the caller closes them. The ports lie
     * in Linux's ephemeral range, so another test's outgoing connection may hold one for a while: the sets are
     * tried again for up to 30 s, and if every one stays taken the test is skipped saying which port and why (the
     * reference lists name these ports, so no other port can stand in).
     */
    static List<MemcachedServerExtension> startOnReferencePorts(int count, int[] baseOut) {
        Assumptions.assumeTrue(MemcachedServerExtension.available(),
                dev.aioj.memcached.testing.MemcachedBinary::missingReason);
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
        IllegalStateException last = null;
        do {
            for (int base : PORT_BASES) {
                List<MemcachedServerExtension> servers = new ArrayList<>();
                try {
                    for (int i = 0; i < count; i++) {
                        MemcachedServerExtension server = MemcachedServerExtension.builder().port(base + i).build();
                        servers.add(server);
                        server.start();
                    }
                    baseOut[0] = base;
                    return servers;
                } catch (IllegalStateException taken) {
                    servers.forEach(MemcachedServerExtension::close);
                    last = taken;
                }
            }
            // a port held by another socket sends no event when it is let go: look again shortly
            java.util.concurrent.locks.LockSupport.parkNanos(java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(250));
        } while (System.nanoTime() - deadline < 0);
        String reason = "every reference port set " + java.util.Arrays.toString(PORT_BASES) + " stayed taken for 30 s: "
                + last.getMessage();
        Assumptions.abort(reason);
        throw new AssertionError(reason); // not reached: abort throws
    }

    @ParameterizedTest(name = "{0} servers")
    @ValueSource(ints = {2, 3})
    void keysLandOnTheServerLibmemcachedsKetamaChooses(int count) {
        int[] base = new int[1];
        List<MemcachedServerExtension> servers = startOnReferencePorts(count, base);
        try {
            KetamaTest.Reference reference = KetamaTest.Reference.load("loopback-" + base[0] + "-" + count + ".tsv");
            assertThat(reference.servers()).containsExactlyElementsOf(servers.stream()
                    .map(MemcachedServerExtension::address).toList());
            try (MemcachedClient client = MemcachedClient.connect(String.join(",", reference.servers())).join()) {
                List<String> keys = reference.keys().keySet().stream().limit(600).toList();
                List<CompletableFuture<Boolean>> sets = new ArrayList<>();
                for (String key : keys) sets.add(client.set(key, key.getBytes(UTF_8), Duration.ZERO));
                sets.forEach(f -> assertThat(f.join()).isTrue());

                int[] perServer = new int[count];
                List<RawMemcached> raws = servers.stream().map(MemcachedServerExtension::raw).toList();
                try {
                    for (String key : keys) {
                        int expected = reference.keys().get(key);
                        perServer[expected]++;
                        String wire = Keys.isText(key) ? key
                                : java.util.Base64.getEncoder().encodeToString(key.getBytes(UTF_8)) + " b";
                        for (int s = 0; s < count; s++) {
                            assertThat(raws.get(s).call("mg " + wire + " s"))
                                    .as("%s on server %d (libmemcached: %d)", key, s, expected)
                                    .isEqualTo(s == expected ? "HD s" + key.getBytes(UTF_8).length : "EN");
                        }
                        assertThat(client.serverFor(key)).isEqualTo(reference.servers().get(expected));
                    }
                } finally {
                    raws.forEach(RawMemcached::close);
                }
                for (int n : perServer) assertThat(n).as("every server holds some keys").isGreaterThan(100);
                Map<String, byte[]> all = client.getMulti(keys).join();
                assertThat(all).as("a multi-get across the servers").hasSize(keys.size());
            }
        } finally {
            servers.forEach(MemcachedServerExtension::close);
        }
    }

    /** {@code count} servers on free ports; the caller closes them. */
    static List<MemcachedServerExtension> startOnFreePorts(int count) {
        Assumptions.assumeTrue(MemcachedServerExtension.available(),
                dev.aioj.memcached.testing.MemcachedBinary::missingReason);
        List<MemcachedServerExtension> servers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            MemcachedServerExtension server = MemcachedServerExtension.builder().build();
            servers.add(server);
            server.start();
        }
        return servers;
    }

    private static String keyOn(MemcachedClient client, String server) {
        for (int i = 0; ; i++) {
            if (client.serverFor("k" + i).equals(server)) return "k" + i;
        }
    }

    @Test
    void aDeadServerIsMarkedDownItsKeysGoToTheNextServerAndComeBackWhenItDoes() throws Exception {
        List<MemcachedServerExtension> servers = startOnFreePorts(3);
        try {
            List<String> addresses = servers.stream().map(MemcachedServerExtension::address).toList();
            MemcachedOptions options = MemcachedOptions.builder().servers(addresses)
                    .backoff(Duration.ofMillis(20), Duration.ofMillis(100)).failureLimit(2).build();
            try (MemcachedClient client = MemcachedClient.connect(options).join()) {
                String victim = addresses.get(1);
                String keyOfVictim = keyOn(client, victim);
                String keyOfOther = keyOn(client, addresses.get(0));
                assertThat(client.serverFor(keyOfVictim)).isEqualTo(victim);

                servers.get(1).kill();
                // the loss, then a refused reconnect: two failures in a row mark it down
                long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                while (!client.downServers().contains(victim) && System.nanoTime() < deadline) {
                    try {
                        client.sync().get(keyOfVictim); // notices the loss
                    } catch (MemcachedException expected) {
                        assertThat(expected).isInstanceOfAny(MemcachedConnectionException.class,
                                MemcachedTimeoutException.class);
                    }
                }
                assertThat(client.downServers()).containsExactly(victim);
                String next = client.serverFor(keyOfVictim);
                assertThat(next).isNotEqualTo(victim);
                assertThat(client.sync().set(keyOfVictim, "moved".getBytes(UTF_8), Duration.ZERO)).isTrue();
                assertThat(client.sync().get(keyOfVictim)).asString(UTF_8).isEqualTo("moved");
                assertThat(client.serverFor(keyOfOther)).as("other keys stay").isEqualTo(addresses.get(0));

                servers.get(1).restart();
                deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                while (client.downServers().contains(victim) && System.nanoTime() < deadline) {
                    Thread.sleep(10); // the client retries with backoff on its own; nothing to wait on from here
                }
                assertThat(client.downServers()).as("back up after a reconnect").isEmpty();
                assertThat(client.serverFor(keyOfVictim)).isEqualTo(victim);
                assertThat(client.sync().get(keyOfVictim)).as("the restarted server starts empty").isNull();
            }
        } finally {
            servers.forEach(MemcachedServerExtension::close);
        }
    }

    @Test
    void connectingSucceedsWhenSomeServersAreDownAndFailsWhenAllAre() {
        int port = MemcachedServerExtensionPorts.unused();
        List<MemcachedServerExtension> servers = startOnFreePorts(1);
        try {
            String dead = "127.0.0.1:" + port;
            try (MemcachedClient client = MemcachedClient.connect(servers.get(0).address() + "," + dead).join()) {
                assertThat(client.downServers()).containsExactly(dead);
                for (int i = 0; i < 20; i++) {
                    assertThat(client.serverFor("k" + i)).isEqualTo(servers.get(0).address());
                    assertThat(client.sync().set("k" + i, new byte[1], Duration.ZERO)).isTrue();
                }
            }
            assertThat(MemcachedClientTest.failureOf(MemcachedClient.connect(dead)))
                    .isInstanceOfSatisfying(MemcachedConnectionException.class, e -> {
                        assertThat(e).hasMessageContaining("cannot connect to " + dead);
                        assertThat(e.serverDown()).isTrue();
                        assertThat(e.mayHaveExecuted()).isFalse();
                    });
        } finally {
            servers.forEach(MemcachedServerExtension::close);
        }
    }

    /** A loopback port nobody listens on (bound, then released). */
    static final class MemcachedServerExtensionPorts {
        static int unused() {
            try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1,
                    java.net.InetAddress.getByName("127.0.0.1"))) {
                return s.getLocalPort();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }
}
