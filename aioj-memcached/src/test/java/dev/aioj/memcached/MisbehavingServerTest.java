package dev.aioj.memcached;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * What a caller sees when the server misbehaves, against a scripted fake
 * server that sends exactly the bytes each test names: a reply with another
 * request's token, garbage, a reply cut in the middle, silence. Never a value
 * meant for someone else; always a typed error, and the connection rebuilt.
 */
class MisbehavingServerTest {

    static MemcachedOptions options(ScriptedServer server, Duration timeout) {
        return MemcachedOptions.builder().servers(server.address()).timeout(timeout)
                .backoff(Duration.ofMillis(10), Duration.ofMillis(50)).failureLimit(100).build();
    }

    @Test
    void aReplyWithTheWrongOpaqueTokenIsADesyncTheConnectionIsRecycledAndNoValueGoesAstray() throws Exception {
        try (ScriptedServer server = new ScriptedServer((line, socket) -> {
            if (line.startsWith("mg swap")) return "VA 5 O999\r\nwrong\r\n"; // a token nobody sent
            return "VA 2 " + ScriptedServer.opaque(line) + "\r\nok\r\n";
        }); MemcachedClient client = MemcachedClient.connect(options(server, Duration.ofSeconds(2))).join()) {
            CompletableFuture<byte[]> swapped = client.get("swap");
            Throwable error = MemcachedClientTest.failureOf(swapped);
            assertThat(error).isInstanceOfSatisfying(MemcachedProtocolException.class, e -> {
                assertThat(e).hasMessageContaining("desync: reply VALUE 5 B O999 arrived while the oldest request "
                        + "waiting is mg O");
                assertThat(e.server()).isEqualTo(server.address());
            });
            // a new socket, and it works
            assertThat(ScriptedServer.await(client.get("fine"))).asString(UTF_8).isEqualTo("ok");
            assertThat(server.accepted).as("the desynced socket was replaced").hasSizeGreaterThanOrEqualTo(2);
        }
    }

    @Test
    void garbageFailsEveryRequestInFlightWithTheProtocolErrorAndTheClientReconnects() throws Exception {
        try (ScriptedServer server = new ScriptedServer((line, socket) -> {
            if (line.startsWith("mg bad")) return "HELLO I AM NOT MEMCACHED\r\n";
            if (line.startsWith("mg slow")) return null; // answered never: in flight when the garbage comes
            return "HD " + ScriptedServer.opaque(line) + "\r\n";
        }); MemcachedClient client = MemcachedClient.connect(options(server, Duration.ofSeconds(5))).join()) {
            CompletableFuture<byte[]> slow = client.get("slow");
            CompletableFuture<byte[]> bad = client.get("bad");
            assertThat(MemcachedClientTest.failureOf(bad)).isInstanceOf(MemcachedProtocolException.class)
                    .hasMessageContaining("not a meta reply: 'HELLO I AM NOT MEMCACHED'");
            assertThat(MemcachedClientTest.failureOf(slow)).as("in flight on the same socket")
                    .isInstanceOf(MemcachedProtocolException.class);
            assertThat(ScriptedServer.await(client.touch("after", Duration.ofSeconds(1)))).isTrue();
            assertThat(server.accepted).hasSizeGreaterThanOrEqualTo(2);
        }
    }

    @Test
    void aServerThatVanishesMidReplyFailsTheWrittenRequestsAsMayHaveExecuted() throws Exception {
        try (ScriptedServer server = new ScriptedServer((line, socket) -> {
            if (line.startsWith("mg cut")) {
                socket.getOutputStream().write(("VA 100 " + ScriptedServer.opaque(line) + "\r\nonly part")
                        .getBytes(UTF_8));
                socket.getOutputStream().flush();
                socket.close();
                return null;
            }
            return "HD " + ScriptedServer.opaque(line) + "\r\n";
        }); MemcachedClient client = MemcachedClient.connect(options(server, Duration.ofSeconds(5))).join()) {
            Throwable error = MemcachedClientTest.failureOf(client.get("cut"));
            assertThat(error).isInstanceOfSatisfying(MemcachedConnectionException.class, e -> {
                assertThat(e.mayHaveExecuted()).isTrue();
                assertThat(e.serverDown()).isFalse();
                assertThat(e).hasMessageContaining("connection to " + server.address() + " lost");
            });
            assertThat(ScriptedServer.await(client.touch("after", Duration.ofSeconds(1)))).isTrue();
        }
    }

    @Test
    void aSilentServerTimesRequestsOutThenIsDroppedAsDeadAndALateReplyIsNeverMisdelivered() throws Exception {
        AtomicInteger connection = new AtomicInteger();
        java.util.concurrent.ConcurrentHashMap<java.net.Socket, Integer> numbers = new java.util.concurrent.ConcurrentHashMap<>();
        try (ScriptedServer server = new ScriptedServer((line, socket) -> {
            int n = numbers.computeIfAbsent(socket, s -> connection.incrementAndGet());
            return n == 1 ? null : "HD " + ScriptedServer.opaque(line) + "\r\n"; // the first socket is a black hole
        }); MemcachedClient client = MemcachedClient.connect(MemcachedOptions.builder().servers(server.address())
                .timeout(Duration.ofMillis(200)).deadPeerTimeouts(3).failureLimit(100)
                .backoff(Duration.ofMillis(10), Duration.ofMillis(50)).build()).join()) {
            long start = System.nanoTime();
            CompletableFuture<Boolean> first = client.touch("a", Duration.ofSeconds(1));
            CompletableFuture<Boolean> second = client.touch("b", Duration.ofSeconds(1));
            CompletableFuture<Boolean> third = client.touch("c", Duration.ofSeconds(1));
            for (CompletableFuture<Boolean> f : java.util.List.of(first, second, third)) {
                assertThat(MemcachedClientTest.failureOf(f)).isInstanceOfSatisfying(MemcachedTimeoutException.class,
                        e -> {
                            assertThat(e.command()).isEqualTo("mg");
                            assertThat(e.written()).isTrue();
                            assertThat(e.timeout()).isEqualTo(Duration.ofMillis(200));
                        });
            }
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).as("failed at the deadline, not later")
                    .isLessThan(2000);
            // three timeouts in a row: the socket is dropped, a new one answers
            Boolean answered = null;
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (answered == null && System.nanoTime() < deadline) {
                try {
                    answered = client.sync().touch("d", Duration.ofSeconds(1));
                } catch (MemcachedTimeoutException | MemcachedConnectionException e) {
                    Thread.onSpinWait();
                }
            }
            assertThat(answered).isTrue();
            assertThat(connection.get()).isEqualTo(2);
        }
    }

    @Test
    void aLateReplyAfterATimeoutIsDroppedAndTheNextRequestGetsItsOwn() throws Exception {
        java.util.concurrent.CompletableFuture<java.io.OutputStream> held = new CompletableFuture<>();
        java.util.concurrent.atomic.AtomicReference<String> lateToken = new java.util.concurrent.atomic.AtomicReference<>();
        try (ScriptedServer server = new ScriptedServer((line, socket) -> {
            if (line.startsWith("mg late")) {
                lateToken.set(ScriptedServer.opaque(line));
                held.complete(socket.getOutputStream());
                return null;
            }
            // answer the late one first, then this one: in order, as memcached would
            return "VA 4 " + lateToken.get() + "\r\nlate\r\nVA 4 " + ScriptedServer.opaque(line) + "\r\nmine\r\n";
        }); MemcachedClient client = MemcachedClient.connect(options(server, Duration.ofMillis(300))).join()) {
            CompletableFuture<byte[]> late = client.get("late");
            assertThat(MemcachedClientTest.failureOf(late)).isInstanceOf(MemcachedTimeoutException.class);
            assertThat(ScriptedServer.await(client.get("next"))).asString(UTF_8).isEqualTo("mine");
        }
    }
}
