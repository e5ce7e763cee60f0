package dev.aioj.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The router's limits, pinned with a scripted fake node that owns every slot
 * (per its CLUSTER SHARDS) yet answers each command as the test says: endless
 * MOVED, TRYAGAIN a few times, CLUSTERDOWN for good.
 */
class ClusterRedirectionTest {

    /** CLUSTER SHARDS: one shard, slots 0-16383, this node as its primary. */
    private static String shards(int port) {
        return "*1\r\n*4\r\n$5\r\nslots\r\n*2\r\n:0\r\n:16383\r\n$5\r\nnodes\r\n*1\r\n*10\r\n"
                + "$2\r\nid\r\n$3\r\nabc\r\n$4\r\nport\r\n:" + port + "\r\n$2\r\nip\r\n$9\r\n127.0.0.1\r\n"
                + "$4\r\nrole\r\n$6\r\nmaster\r\n$6\r\nhealth\r\n$6\r\nonline\r\n";
    }

    private static ScriptedServer node(ScriptedServer.Script commands) throws Exception {
        return new ScriptedServer((args, transport, self) -> {
            if (args.get(0).equals("CLUSTER") && args.get(1).equalsIgnoreCase("SHARDS")) {
                ScriptedServer.send(transport, shards(self.port()));
                return true;
            }
            return !args.get(0).equals("HELLO") && commands.handle(args, transport, self);
        });
    }

    @Test
    void theSixthRedirectionFailsWithTheSlotAndTheNodesTried() throws Exception {
        try (ScriptedServer server = node((args, transport, self) -> {
                    ScriptedServer.send(transport, "-MOVED " + SlotHash.slot(args.get(1)) + " 127.0.0.1:" + self.port()
                            + "\r\n");
                    return true;
                });
             RedisClusterClient client = RedisClusterClient.connect(server.uri()).join()) {
            assertThatThrownBy(() -> client.get("x").join()).cause()
                    .isInstanceOfSatisfying(RedisClusterException.class, e -> {
                        assertThat(e.slot()).isEqualTo(SlotHash.slot("x"));
                        assertThat(e.nodesTried()).hasSize(1 + RedisClusterException.MAX_REDIRECTIONS)
                                .containsOnly("127.0.0.1:" + server.port());
                        assertThat(e.mayHaveExecuted()).isFalse();
                        assertThat(e.getMessage()).contains("more than 5 redirections for slot " + e.slot());
                    });
        }
    }

    /**
     * A slot being migrated, and the importing node down for a moment (it sees
     * the cluster down, as a starved node on a loaded machine may): each retry
     * of the command goes to the owner again and is sent on with ASK, one
     * redirection per try. Redirections are counted per try, not per command,
     * so the retries are bounded by the deadline, as for a plain CLUSTERDOWN,
     * and the command gets its value once the node is back.
     */
    @Test
    void aCommandRetriedDuringAMigrationIsNotFailedForTheAsksOfItsTries() throws Exception {
        AtomicInteger gets = new AtomicInteger();
        try (ScriptedServer importing = new ScriptedServer((args, transport, self) -> {
                    switch (args.get(0)) {
                        case "ASKING" -> ScriptedServer.send(transport, "+OK\r\n");
                        case "GET" -> ScriptedServer.send(transport, gets.incrementAndGet() <= 2 * RedisClusterException
                                .MAX_REDIRECTIONS ? "-CLUSTERDOWN The cluster is down\r\n" : "$5\r\nvalue\r\n");
                        default -> {
                            return false;
                        }
                    }
                    return true;
                });
             ScriptedServer owner = node((args, transport, self) -> {
                    ScriptedServer.send(transport, "-ASK " + SlotHash.slot(args.get(1)) + " 127.0.0.1:"
                            + importing.port() + "\r\n");
                    return true;
                });
             RedisClusterClient client = RedisClusterClient.connect(owner.uri()).join()) {
            assertThat(client.get("x").join()).isEqualTo("value");
            assertThat(gets.get()).isEqualTo(2 * RedisClusterException.MAX_REDIRECTIONS + 1);
            assertThat(owner.count("GET")).isEqualTo(2 * RedisClusterException.MAX_REDIRECTIONS + 1);
        }
    }

    @Test
    void tryAgainIsRetriedAfterABackoff() throws Exception {
        AtomicInteger gets = new AtomicInteger();
        try (ScriptedServer server = node((args, transport, self) -> {
                    ScriptedServer.send(transport, gets.incrementAndGet() <= 3
                            ? "-TRYAGAIN Multiple keys request during rehashing of slot\r\n" : "$5\r\nvalue\r\n");
                    return true;
                });
             RedisClusterClient client = RedisClusterClient.connect(server.uri()).join()) {
            assertThat(client.get("x").join()).isEqualTo("value");
            assertThat(gets.get()).isEqualTo(4);
        }
    }

    @Test
    void withAnObserverEachTryIsHeardWhereItWasSent() throws Exception {
        AtomicInteger gets = new AtomicInteger();
        java.util.List<String> heard = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.concurrent.CountDownLatch three = new java.util.concurrent.CountDownLatch(3);
        RedisObserver observer = new RedisObserver() {
            @Override
            public void commandSucceeded(RedisEndpoint endpoint, String command, long nanos, Object context) {
                if (command.equals("GET")) {
                    heard.add("ok");
                    three.countDown();
                }
            }

            @Override
            public void commandFailed(RedisEndpoint endpoint, String command, long nanos, Throwable error,
                    Object context) {
                if (command.equals("GET")) {
                    heard.add(error.getMessage());
                    three.countDown();
                }
            }
        };
        try (ScriptedServer server = node((args, transport, self) -> {
                    ScriptedServer.send(transport, gets.incrementAndGet() <= 2
                            ? "-TRYAGAIN Multiple keys request during rehashing of slot\r\n" : "$5\r\nvalue\r\n");
                    return true;
                });
             RedisClusterClient client = RedisClusterClient.connect(RedisClusterClient.seedsOf(server.uri()),
                     RedisOptions.builder().observer(observer).build()).join()) {
            assertThat(client.get("x").join()).isEqualTo("value");
            // The observer hears a completion after the caller may have: wait for it, bounded.
            assertThat(three.await(5, java.util.concurrent.TimeUnit.SECONDS)).as("heard: " + heard).isTrue();
            assertThat(heard).containsExactly("TRYAGAIN Multiple keys request during rehashing of slot",
                    "TRYAGAIN Multiple keys request during rehashing of slot", "ok");
        }
    }

    @Test
    void aLateMovedForACommandThatTimedOutIsDroppedNotFollowed() throws Exception {
        AtomicInteger xGets = new AtomicInteger();
        try (ScriptedServer server = node((args, transport, self) -> {
                    switch (args.get(1)) {
                        // The first GET x gets no answer (it times out); a re-sent one would be counted.
                        case "x" -> {
                            if (xGets.incrementAndGet() > 1) ScriptedServer.send(transport, "$4\r\nlate\r\n");
                        }
                        // x's late MOVED, then y's value, in one write: the client reads both in one go.
                        case "y" -> ScriptedServer.send(transport, "-MOVED " + SlotHash.slot("x") + " 127.0.0.1:"
                                + self.port() + "\r\n$1\r\nv\r\n");
                        default -> ScriptedServer.send(transport, "$1\r\nw\r\n");
                    }
                    return true;
                });
             RedisClusterClient client = RedisClusterClient.connect(server.uri()).join()) {
            assertThatThrownBy(() -> client.withTimeout(Duration.ofMillis(200)).get("x").join()).cause()
                    .isInstanceOf(RedisTimeoutException.class);
            assertThat(client.get("y").join()).isEqualTo("v");
            // Had the MOVED been followed, GET x would have been queued before this GET z, and counted first.
            assertThat(client.get("z").join()).isEqualTo("w");
            assertThat(xGets.get()).isEqualTo(1);
        }
    }

    @Test
    void clusterDownUntilTheDeadlineFailsWithTheLastError() throws Exception {
        try (ScriptedServer server = node((args, transport, self) -> {
                    ScriptedServer.send(transport, "-CLUSTERDOWN The cluster is down\r\n");
                    return true;
                });
             RedisClusterClient client = RedisClusterClient.connect(server.uri()).join()) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> client.withTimeout(Duration.ofMillis(300)).get("x").join()).cause()
                    .isInstanceOfSatisfying(RedisClusterException.class, e -> {
                        assertThat(e.getCause()).isInstanceOf(RedisReplyException.class)
                                .hasMessageStartingWith("CLUSTERDOWN");
                        assertThat(e.nodesTried()).hasSizeGreaterThan(2);
                    });
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void refreshesOnAPeriodWhenAskedAtMostOncePerSecond() throws Exception {
        try (ScriptedServer server = node((args, transport, self) -> false);
             RedisClusterClient client = RedisClusterClient.connect(server.uri()).join()) {
            assertThat(client.topologyRefreshes()).isEqualTo(1);
            client.refreshPeriodically(Duration.ofMillis(50));
            long start = System.nanoTime();
            long deadline = start + 5_000_000_000L;
            while (client.topologyRefreshes() < 3 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            long elapsed = System.nanoTime() - start;
            client.refreshPeriodically(Duration.ZERO);
            assertThat(client.topologyRefreshes()).isGreaterThanOrEqualTo(3);
            // Asked every 50 ms, but the two refreshes after the first come at most once per second.
            assertThat(Duration.ofNanos(elapsed)).isGreaterThanOrEqualTo(Duration.ofMillis(1900));
        }
    }
}
