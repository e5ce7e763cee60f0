package dev.aioj.memcached;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aioj.memcached.testing.MemcachedServerExtension;
import dev.aioj.memcached.testing.RawMemcached;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The commands against a real memcached 1.6 (item size 2 MiB, so a 1 MiB value fits and 3 MiB does not). */
class MemcachedClientTest {

    @RegisterExtension
    static final MemcachedServerExtension memcached = MemcachedServerExtension.builder().args("-I", "2m").build();

    static MemcachedClient client;
    static MemcachedSyncCommands sync;

    @BeforeAll
    static void connect() {
        client = MemcachedClient.connect(memcached.address()).join();
        sync = client.sync();
    }

    @AfterAll
    static void close() {
        if (client != null) client.close();
    }

    static byte[] bytes(String s) {
        return s.getBytes(UTF_8);
    }

    static Throwable failureOf(CompletableFuture<?> future) {
        try {
            future.join();
        } catch (CompletionException e) {
            return e.getCause();
        }
        throw new AssertionError("expected a failure, got " + future.join());
    }

    @Test
    void setThenGetReturnsTheValueAndAMissIsNull() {
        assertThat(sync.set("greeting", bytes("hello"), Duration.ofMinutes(1))).isTrue();
        assertThat(sync.get("greeting")).asString(UTF_8).isEqualTo("hello");
        assertThat(sync.get("no-such-key")).isNull();
        assertThat(sync.getItem("no-such-key")).isNull();
    }

    @Test
    void getItemCarriesFlagsCasAndRemainingTtl() {
        assertThat(sync.store(StoreMode.SET, "item", bytes("v"), Duration.ofSeconds(100), 0xFFFF_FFFE, 0))
                .isEqualTo(StoreResult.STORED);
        Item item = sync.getItem("item");
        assertThat(item.value()).asString(UTF_8).isEqualTo("v");
        assertThat(Integer.toUnsignedLong(item.flags())).isEqualTo(0xFFFF_FFFEL);
        assertThat(item.cas()).isNotZero();
        assertThat(item.ttlSeconds()).isBetween(98L, 100L);
        assertThat(item.stale()).isFalse();
        sync.set("forever", bytes("v"), Duration.ZERO);
        assertThat(sync.getItem("forever").ttlSeconds()).isEqualTo(-1);
    }

    @Test
    void casConflictIsReportedAndLeavesTheOtherWritersValue() {
        sync.set("cas-key", bytes("v1"), Duration.ZERO);
        Item seen = sync.getItem("cas-key");
        sync.set("cas-key", bytes("someone else"), Duration.ZERO); // changes the CAS
        assertThat(sync.cas("cas-key", bytes("mine"), seen.cas(), Duration.ZERO)).isEqualTo(StoreResult.EXISTS);
        assertThat(sync.get("cas-key")).asString(UTF_8).isEqualTo("someone else");

        Item now = sync.getItem("cas-key");
        assertThat(sync.cas("cas-key", bytes("mine"), now.cas(), Duration.ZERO)).isEqualTo(StoreResult.STORED);
        assertThat(sync.get("cas-key")).asString(UTF_8).isEqualTo("mine");

        sync.delete("cas-key");
        assertThat(sync.cas("cas-key", bytes("late"), now.cas(), Duration.ZERO)).isEqualTo(StoreResult.NOT_FOUND);
    }

    @Test
    void anItemExpiresAfterItsTtl() throws InterruptedException {
        sync.set("short-lived", bytes("v"), Duration.ofSeconds(1));
        assertThat(sync.get("short-lived")).isNotNull();
        // memcached's clock ticks once a second: the item is gone within 1-2 s; poll, bounded
        long deadline = System.nanoTime() + Duration.ofSeconds(4).toNanos();
        byte[] value = sync.get("short-lived");
        while (value != null && System.nanoTime() < deadline) {
            Thread.sleep(50);
            value = sync.get("short-lived");
        }
        assertThat(value).as("the item after its 1 s TTL").isNull();
    }

    @Test
    void touchAndGetAndTouchSetANewTtl() {
        sync.set("touched", bytes("v"), Duration.ofSeconds(5));
        assertThat(sync.touch("touched", Duration.ofSeconds(500))).isTrue();
        assertThat(sync.getItem("touched").ttlSeconds()).isBetween(498L, 500L);
        assertThat(sync.getAndTouch("touched", Duration.ofSeconds(50))).asString(UTF_8).isEqualTo("v");
        assertThat(sync.getItem("touched").ttlSeconds()).isBetween(48L, 50L);
        assertThat(sync.touch("untouchable", Duration.ofSeconds(5))).isFalse();
        assertThat(sync.getAndTouch("untouchable", Duration.ofSeconds(5))).isNull();
    }

    @Test
    void binaryValuesRoundTripByteForByte() {
        byte[] all = new byte[256 * 4];
        for (int i = 0; i < all.length; i++) all[i] = (byte) i; // every byte value, CR and LF included
        sync.set("binary", all, Duration.ZERO);
        assertThat(sync.get("binary")).isEqualTo(all);
        sync.set("empty", new byte[0], Duration.ZERO);
        assertThat(sync.get("empty")).isEmpty();
    }

    @Test
    void aOneMebibyteValueRoundTrips() {
        byte[] big = new byte[1024 * 1024];
        new Random(21).nextBytes(big);
        assertThat(sync.set("one-mib", big, Duration.ZERO)).isTrue();
        assertThat(sync.get("one-mib")).isEqualTo(big);
        assertThat(client.getMulti(List.of("one-mib", "greeting-none")).join()).containsOnlyKeys("one-mib");
    }

    @Test
    void anItemTooLargeGivesTheServersErrorAndTheConnectionGoesOn() {
        byte[] tooBig = new byte[3 * 1024 * 1024];
        CompletableFuture<Boolean> set = client.set("too-big", tooBig, Duration.ZERO);
        CompletableFuture<Boolean> after = client.set("after-too-big", bytes("fine"), Duration.ZERO); // pipelined behind it
        Throwable error = failureOf(set);
        assertThat(error).isInstanceOf(MemcachedReplyException.class);
        MemcachedReplyException reply = (MemcachedReplyException) error;
        assertThat(reply.kind()).isEqualTo(MemcachedReplyException.Kind.SERVER_ERROR);
        assertThat(reply.serverMessage()).isEqualTo("object too large for cache");
        assertThat(reply.server()).isEqualTo(memcached.address());
        assertThat(after.join()).isTrue();
        assertThat(sync.get("after-too-big")).asString(UTF_8).isEqualTo("fine");
    }

    @Test
    void incrOnANonNumberIsAClientErrorForThatRequestOnly() {
        sync.set("not-a-number", bytes("abc"), Duration.ZERO);
        assertThatThrownBy(() -> sync.incr("not-a-number", 1))
                .isInstanceOfSatisfying(MemcachedReplyException.class, e -> {
                    assertThat(e.kind()).isEqualTo(MemcachedReplyException.Kind.CLIENT_ERROR);
                    assertThat(e.serverMessage()).isEqualTo("cannot increment or decrement non-numeric value");
                });
        assertThat(sync.get("not-a-number")).asString(UTF_8).isEqualTo("abc");
    }

    @Test
    void countersIncrementDecrementAndAutoVivify() {
        sync.delete("counter");
        assertThat(sync.incr("counter", 1)).as("incr of a missing counter").isNull();
        assertThat(sync.incr("counter", 5, 10, Duration.ZERO)).as("created as the initial value").isEqualTo(10);
        assertThat(sync.incr("counter", 5, 10, Duration.ZERO)).isEqualTo(15);
        assertThat(sync.decr("counter", 20)).as("decr stops at 0").isZero();
        assertThat(sync.incr("counter", -1L)).as("incr by 2^64-1 wraps").isEqualTo(-1L);
        assertThat(Long.toUnsignedString(sync.get("counter") == null ? 0 : sync.incr("counter", 0)))
                .isEqualTo("18446744073709551615");
    }

    @Test
    void storeModesAddReplaceAppendPrepend() {
        sync.delete("modes");
        assertThat(sync.replace("modes", bytes("x"), Duration.ZERO)).isFalse();
        assertThat(sync.append("modes", bytes("x"))).isFalse();
        assertThat(sync.add("modes", bytes("b"), Duration.ZERO)).isTrue();
        assertThat(sync.add("modes", bytes("again"), Duration.ZERO)).isFalse();
        assertThat(sync.append("modes", bytes("c"))).isTrue();
        assertThat(sync.prepend("modes", bytes("a"))).isTrue();
        assertThat(sync.get("modes")).asString(UTF_8).isEqualTo("abc");
        assertThat(sync.replace("modes", bytes("z"), Duration.ZERO)).isTrue();
        assertThat(sync.get("modes")).asString(UTF_8).isEqualTo("z");
    }

    @Test
    void deleteAndInvalidate() {
        sync.set("doomed", bytes("v"), Duration.ZERO);
        assertThat(sync.delete("doomed")).isTrue();
        assertThat(sync.delete("doomed")).isFalse();
        assertThat(sync.get("doomed")).isNull();

        sync.set("stale", bytes("old"), Duration.ZERO);
        assertThat(sync.invalidate("stale", Duration.ofSeconds(30))).isTrue();
        Item item = sync.getItem("stale");
        assertThat(item.stale()).isTrue();
        assertThat(item.value()).asString(UTF_8).isEqualTo("old");
        assertThat(item.ttlSeconds()).isBetween(28L, 30L);
        assertThat(sync.invalidate("never-there", Duration.ofSeconds(30))).isFalse();
    }

    @Test
    void keysThatAreNotPrintableAsciiTravelAsBase64() {
        String[] keys = {"ключ", "with space", "tab\there", "new\r\nline", "emoji-\uD83D\uDE00"};
        for (String key : keys) {
            assertThat(sync.set(key, bytes("value of " + key), Duration.ZERO)).isTrue();
            assertThat(sync.get(key)).asString(UTF_8).isEqualTo("value of " + key);
        }
        try (RawMemcached raw = memcached.raw()) {
            String b64 = Base64.getEncoder().encodeToString("with space".getBytes(UTF_8));
            assertThat(raw.call("mg " + b64 + " b s")).as("stored under its binary key").isEqualTo("HD s19");
        }
        Map<String, byte[]> all = sync.getMulti(List.of(keys));
        assertThat(all).containsOnlyKeys(keys);
    }

    @Test
    void badKeysAndArgumentsFailAtOnceNamingTheProblem() {
        assertThatThrownBy(() -> client.get(null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("key is null");
        assertThatThrownBy(() -> client.get("")).hasMessage("key is empty");
        assertThatThrownBy(() -> client.get("k".repeat(251)))
                .hasMessageStartingWith("key longer than 250 characters: 251");
        assertThat(sync.set("k".repeat(250), bytes("v"), Duration.ZERO)).isTrue();
        assertThat(sync.set("ü".repeat(93), bytes("v"), Duration.ZERO)).isTrue();
        assertThatThrownBy(() -> client.get("ü".repeat(94)))
                .hasMessageContaining("longer than 186 UTF-8 bytes (sent as base64): 188");
        assertThatThrownBy(() -> client.set("k", null, Duration.ZERO)).hasMessage("value of k is null");
        assertThatThrownBy(() -> client.set("k", bytes("v"), Duration.ofSeconds(-1))).hasMessage("ttl < 0: PT-1S");
        assertThatThrownBy(() -> client.getMulti(java.util.Arrays.asList("a", null)))
                .hasMessage("key 1 of getMulti is null");
    }

    @Test
    void getMultiReturnsHitsOnlyWithQuietGetsClosedByOneNoop() {
        for (int i = 0; i < 50; i++) {
            if (i % 2 == 0) sync.set("multi:" + i, bytes("v" + i), Duration.ZERO);
            else sync.delete("multi:" + i);
        }
        List<String> keys = java.util.stream.IntStream.range(0, 50).mapToObj(i -> "multi:" + i).toList();
        Map<String, byte[]> hits = sync.getMulti(keys);
        assertThat(hits).hasSize(25);
        hits.forEach((k, v) -> assertThat(new String(v, UTF_8)).isEqualTo("v" + k.substring(6)));
        assertThat(sync.getMulti(List.of())).isEmpty();
        assertThat(sync.getMulti(List.of("multi:1", "multi:3"))).as("all misses: only MN answers").isEmpty();
        // a get right after a multi-get of misses gets its own value, not a quiet one's
        assertThat(sync.get("multi:0")).asString(UTF_8).isEqualTo("v0");
    }

    @Test
    void theBlockingViewRefusesTheLoopThread() {
        CompletableFuture<Throwable> onLoop = new CompletableFuture<>();
        client.loop().execute(() -> {
            try {
                sync.get("anything");
                onLoop.complete(null);
            } catch (Throwable t) {
                onLoop.complete(t);
            }
        });
        assertThat(onLoop.join()).isInstanceOf(IllegalStateException.class).hasMessageContaining("would deadlock");
        assertThatThrownBy(() -> client.loop().submit(() -> client.get("x").join()).join())
                .hasCauseInstanceOf(IllegalStateException.class);
    }

    @Test
    void serverForNamesTheOnlyServer() {
        assertThat(client.serverFor("any")).isEqualTo(memcached.address());
        assertThat(client.downServers()).isEmpty();
    }
}
