package dev.aioj.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aioj.redis.resp.RespValue;
import dev.aioj.redis.testing.RedisClusterExtension;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** RedisClusterClient against a real 3 + 3 node cluster: routing, splitting, fan-out, MOVED. */
class ClusterClientTest {

    @RegisterExtension
    static final RedisClusterExtension cluster = RedisClusterExtension.builder().build();

    static RedisClusterClient client;

    @BeforeAll
    static void connect() {
        client = RedisClusterClient.connect(cluster.uri(cluster.nodes().get(0))).join();
    }

    @AfterAll
    static void close() {
        if (client != null) client.close();
    }

    @BeforeEach
    void flush() {
        client.flushall().join();
    }

    @Test
    void readsTheTopologyFromOneSeed() {
        assertThat(client.primaries()).hasSize(3);
        for (int slot : new int[] {0, 5000, 16383}) {
            assertThat(client.nodeFor(slot)).isEqualTo(cluster.ownerOf(slot).endpoint());
        }
    }

    @Test
    void slotsAgreeWithClusterKeyslot() {
        RedisClusterExtension.Node node = cluster.nodes().get(0);
        for (String key : List.of("a", "foo", "{user}:1", "clé", "x{}y", "1234567890", "{a}{b}")) {
            long expected = ((RespValue.Int) cluster.call(node, "CLUSTER", "KEYSLOT", key)).value();
            assertThat(SlotHash.slot(key)).as(key).isEqualTo((int) expected);
        }
    }

    /**
     * A new client opens its node connections on first use; the SETs and GETs
     * four threads send while they open reach each node in the order each
     * thread sent them, so every GET sees its SET. (Commands queued on the
     * opening connection once went out in whatever order its future ran
     * them, and a caller arriving just as it opened could pass them: GETs
     * saw null.)
     */
    @Test
    void commandsSentWhileNodeConnectionsOpenKeepTheirOrder() throws Exception {
        for (int round = 0; round < 10; round++) {
            try (RedisClusterClient fresh = RedisClusterClient.connect(cluster.uri(cluster.nodes().get(0))).join()) {
                int r = round;
                List<Thread> threads = new ArrayList<>();
                List<List<CompletableFuture<String>>> gets = new ArrayList<>();
                for (int t = 0; t < 4; t++) {
                    List<CompletableFuture<String>> mine = new ArrayList<>();
                    gets.add(mine);
                    int thread = t;
                    threads.add(Thread.ofPlatform().start(() -> {
                        for (int i = 0; i < 2_000; i++) {
                            String key = "order:" + r + ":" + thread + ":" + i;
                            fresh.set(key, "v" + i);
                            mine.add(fresh.get(key));
                        }
                    }));
                }
                for (Thread thread : threads) thread.join();
                for (int t = 0; t < gets.size(); t++) {
                    for (int i = 0; i < gets.get(t).size(); i++) {
                        assertThat(gets.get(t).get(i).join()).as("GET order:%d:%d:%d", r, t, i).isEqualTo("v" + i);
                    }
                }
            }
        }
    }

    @Test
    void eachKeyLandsOnItsSlotOwner() {
        for (int i = 0; i < 200; i++) {
            client.set("key:" + i, "v" + i);
        }
        for (int i = 0; i < 200; i++) {
            String key = "key:" + i;
            assertThat(client.get(key).join()).isEqualTo("v" + i);
            RedisClusterExtension.Node owner = cluster.ownerOf(SlotHash.slot(key));
            assertThat(cluster.call(owner, "GET", key)).isEqualTo(new RespValue.Bulk(("v" + i).getBytes(StandardCharsets.UTF_8)));
        }
    }

    @Test
    void multiKeyCommandsAreSplitBySlotAndJoinedInOrder() {
        Map<String, String> pairs = new LinkedHashMap<>();
        for (int i = 0; i < 50; i++) pairs.put("m:" + i, "v" + i);
        client.mset(pairs).join();
        List<String> keys = new ArrayList<>(pairs.keySet());
        keys.add(2, "missing");
        List<String> values = client.mget(keys.toArray(String[]::new)).join();
        List<String> expected = new ArrayList<>(pairs.values());
        expected.add(2, null);
        assertThat(values).isEqualTo(expected);
        assertThat(client.exists(keys.toArray(String[]::new)).join()).isEqualTo(50L);
        assertThat(client.del(keys.toArray(String[]::new)).join()).isEqualTo(50L);
        assertThat(client.dbsize().join()).isZero();
    }

    @Test
    void otherCommandsAcrossSlotsFailWithCrossslotBeforeSending() {
        assertThat(SlotHash.slot("a")).isNotEqualTo(SlotHash.slot("b"));
        assertThatThrownBy(() -> client.sinter("a", "b").join()).isInstanceOf(CompletionException.class)
                .cause().isInstanceOfSatisfying(RedisReplyException.class, e -> {
                    assertThat(e.kind()).isEqualTo("CROSSSLOT");
                    assertThat(e.getMessage()).isEqualTo("CROSSSLOT Keys in request don't hash to the same slot");
                });
        client.sadd("{s}a", "1", "2").join();
        client.sadd("{s}b", "2", "3").join();
        assertThat(client.sinter("{s}a", "{s}b").join()).containsExactly("2");
    }

    @Test
    void keylessCommandsFanOutWhereRedisClientsMerge() {
        for (int i = 0; i < 30; i++) client.set("k" + i, "v").join();
        assertThat(client.dbsize().join()).isEqualTo(30L);
        assertThat(client.keys("k*").join()).hasSize(30);
        assertThat(client.scanAll().join()).hasSize(30);
        assertThat(client.ping().join()).isEqualTo("PONG");
        client.flushall().join();
        assertThat(client.dbsize().join()).isZero();
    }

    @Test
    void scriptsGoToTheirFirstKeysOwner() {
        Object result = client.execute("EVAL", "return redis.call('SET', KEYS[1], ARGV[1])", 1, "script:k", "v").join();
        assertThat(result).isEqualTo("OK");
        assertThat(client.get("script:k").join()).isEqualTo("v");
    }

    @Test
    void blockingCommandsWaitOnABorrowedConnectionOfTheOwner() {
        CompletableFuture<KeyValue<String>> popped = client.blpop(java.time.Duration.ofSeconds(5), "{q}jobs");
        assertThat(client.get("{q}other").join()).isNull(); // the shared pipeline is not stalled behind BLPOP
        client.rpush("{q}jobs", "job-1").join();
        assertThat(popped.join().value()).isEqualTo("job-1");
    }

    @Test
    void stateChangingCommandsAreRefused() {
        assertThatThrownBy(() -> client.execute("MULTI")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> client.execute("SELECT", 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void movedUpdatesTheSlotAndTheCommandFollows() {
        String key = "moving";
        int slot = SlotHash.slot(key);
        client.set(key, "before").join();
        RedisClusterExtension.Node from = cluster.ownerOf(slot);
        RedisClusterExtension.Node to = cluster.primaries().stream().filter(n -> n != from).findFirst().orElseThrow();
        cluster.migrateSlot(slot, to, 10, () -> {});
        try {
            assertThat(client.nodeFor(slot)).isEqualTo(from.endpoint()); // the client has not noticed yet
            assertThat(client.get(key).join()).isEqualTo("before");       // MOVED, followed
            assertThat(client.nodeFor(slot)).isEqualTo(to.endpoint());    // and remembered at once
            assertThat(client.set(key, "after").join()).isTrue();
        } finally {
            cluster.migrateSlot(slot, from, 10, () -> {});
        }
    }

    @Test
    void transactionsRunOnTheirSlotsOwner() {
        ClusterTransaction<String> tx = client.multi();
        CompletableFuture<Long> n = tx.incr("{acct}:n");
        tx.set("{acct}:updated", "yes");
        assertThat(tx.slot()).isEqualTo(SlotHash.slot("acct"));
        assertThat(tx.exec().join()).containsExactly(1L, true);
        assertThat(n.join()).isEqualTo(1L);
        assertThat(client.get("{acct}:updated").join()).isEqualTo("yes");
    }

    @Test
    void aTransactionWithKeysOfTwoSlotsFailsBeforeSending() {
        ClusterTransaction<String> tx = client.multi();
        tx.set("{a}x", "1");
        CompletableFuture<Boolean> other = tx.set("{b}x", "1");
        assertThat(other).isCompletedExceptionally();
        assertThatThrownBy(() -> tx.exec().join()).cause().isInstanceOfSatisfying(RedisReplyException.class,
                e -> assertThat(e.kind()).isEqualTo("CROSSSLOT"));
        assertThat(client.exists("{a}x").join()).isZero();
    }

    @Test
    void aTransactionFollowsItsSlotWhenItMoved() {
        String key = "{txmove}";
        int slot = SlotHash.slot(key);
        RedisClusterExtension.Node from = cluster.ownerOf(slot);
        RedisClusterExtension.Node to = cluster.primaries().stream().filter(n -> n != from).findFirst().orElseThrow();
        cluster.migrateSlot(slot, to, 10, () -> {});
        try {
            ClusterTransaction<String> tx = client.multi();
            tx.set(key, "1");
            CompletableFuture<Long> n = tx.incr(key);
            assertThat(tx.exec().join()).containsExactly(true, 2L);
            assertThat(n.join()).isEqualTo(2L);
        } finally {
            cluster.migrateSlot(slot, from, 10, () -> {});
        }
    }

    @Test
    void watchRunsOnADedicatedConnectionToTheSlotsOwner() {
        client.set("{w}balance", "100").join();
        try (RedisConnection own = client.dedicated("{w}balance").join()) {
            own.watch("{w}balance").join();
            client.set("{w}balance", "50").join(); // someone else changes it
            Transaction<String> tx = own.multi();
            tx.decrby("{w}balance", 10);
            assertThat(tx.exec().join()).isNull(); // aborted: the watched key changed
        }
        assertThat(client.get("{w}balance").join()).isEqualTo("50");
    }

    @Test
    void shardSubscriptionsFollowTheirSlotWhenItMoves() throws Exception {
        java.util.concurrent.LinkedBlockingQueue<String> received = new java.util.concurrent.LinkedBlockingQueue<>();
        String channel = "{news}";
        int slot = SlotHash.slot(channel);
        RedisClusterExtension.Node from = cluster.ownerOf(slot);
        RedisClusterExtension.Node to = cluster.primaries().stream().filter(n -> n != from).findFirst().orElseThrow();
        try (ShardSubscription subscription = client.ssubscribe((ch, message) -> received.add(message), channel).join()) {
            assertThat(subscription.node()).isEqualTo(from.endpoint());
            assertThat(client.spublish(channel, "one").join()).isEqualTo(1L);
            assertThat(received.poll(5, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo("one");
            cluster.migrateSlot(slot, to, 10, () -> {});
            try {
                long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
                while (!to.endpoint().equals(subscription.node()) && System.nanoTime() < deadline) {
                    Thread.onSpinWait(); // the subscription follows within one refresh period (1 s)
                }
                assertThat(subscription.node()).isEqualTo(to.endpoint());
                assertThat(client.spublish(channel, "two").join()).isEqualTo(1L);
                assertThat(received.poll(5, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo("two");
            } finally {
                cluster.migrateSlot(slot, from, 10, () -> {});
            }
        }
        assertThatThrownBy(() -> client.ssubscribe((ch, m) -> {}, "{a}", "{b}").join()).cause()
                .isInstanceOf(RedisReplyException.class);
    }

    @Test
    void ordinaryPubSubWorksThroughAnyNode() throws Exception {
        java.util.concurrent.LinkedBlockingQueue<String> received = new java.util.concurrent.LinkedBlockingQueue<>();
        try (Subscription subscription = client.subscribe((ch, message) -> received.add(message), "plain").join()) {
            client.publish("plain", "hello").join();
            assertThat(received.poll(5, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo("hello");
        }
    }

    @Test
    void guideSnippetRuns() {
        // docs/redis-cluster.md's first snippet, with this test's cluster as the seeds.
        try (RedisClusterClient cluster = RedisClusterClient.connect(ClusterClientTest.cluster.uri()).join()) {
            cluster.set("user:{42}:name", "Ada");
            cluster.set("user:{42}:mail", "ada@example.com");
            List<String> both = cluster.mget("user:{42}:name", "user:{42}:mail").join();
            long n = cluster.del("a", "b", "c").join();
            String name = cluster.sync().get("user:{42}:name");
            assertThat(both).containsExactly("Ada", "ada@example.com");
            assertThat(n).isZero();
            assertThat(name).isEqualTo("Ada");
        }
    }

    @Test
    void pipelinesOneHundredThousandCommandsAcrossAllNodes() {
        int n = 100_000;
        List<CompletableFuture<Long>> futures = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            futures.add(client.incrby("p:" + (i % 5000), 1));
        }
        CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).join();
        for (int i = 0; i < n; i++) {
            assertThat(futures.get(i).join()).as("reply %d", i).isEqualTo(i / 5000 + 1L);
        }
        assertThat(client.connectedNodes()).hasSizeGreaterThanOrEqualTo(3);
    }
}
