package dev.aioj.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What the user sees when the server misbehaves: a scripted fake server sends exactly the bytes named. */
class FaultTest {

    private final List<AutoCloseable> resources = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable resource : resources.reversed()) {
            resource.close();
        }
    }

    private ScriptedServer server(ScriptedServer.Script script) throws Exception {
        ScriptedServer server = new ScriptedServer(script);
        resources.add(server);
        return server;
    }

    private RedisConnection connect(String uri, RedisOptions options) throws Exception {
        RedisConnection connection = RedisConnection.connect(RedisUri.parse(uri), options).get(10, TimeUnit.SECONDS);
        resources.add(connection::abort);
        return connection;
    }

    /** The exception {@code future} failed with; an AssertionError if it succeeded. */
    static Throwable failureOf(CompletableFuture<?> future) throws Exception {
        try {
            future.get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        }
        throw new AssertionError("expected " + future + " to fail");
    }

    @Test
    void garbageFailsEveryPendingCommandWithAProtocolErrorAndTheConnectionIsRebuilt() throws Exception {
        ScriptedServer server = server((args, transport, self) -> switch (args.get(0)) {
            case "GET" -> {
                if (self.connections.size() == 1) {
                    ScriptedServer.send(transport, "?this is not RESP\r\n"); // only the first socket misbehaves
                } else {
                    ScriptedServer.send(transport, "$2\r\nok\r\n");
                }
                yield true;
            }
            case "PING" -> true; // never answered on the first socket: pending when the garbage comes
            default -> false;
        });
        RedisConnection connection = connect(server.uri(), RedisOptions.defaults());
        CompletableFuture<Object> ping = connection.execute("PING");
        CompletableFuture<Object> get = connection.execute("GET", "k");
        assertThat(failureOf(ping)).isInstanceOf(RedisProtocolException.class);
        assertThat(failureOf(get)).isInstanceOf(RedisProtocolException.class)
                .hasMessageContaining("offset");
        // a new socket, greeted again, serves the next command
        assertThat(connection.execute("GET", "k").get(10, TimeUnit.SECONDS)).isEqualTo("ok");
        assertThat(server.connections).hasSize(2);
        assertThat(server.count("HELLO")).isEqualTo(2);
    }

    @Test
    void aReplyCutInTheMiddleFailsTheWrittenCommandsWithMayHaveExecuted() throws Exception {
        ScriptedServer server = server((args, transport, self) -> {
            if (args.get(0).equals("GET")) {
                ScriptedServer.send(transport, "$10\r\nhalf"); // 4 of 10 bytes, then the server dies
                transport.abort();
                return true;
            }
            return false;
        });
        RedisConnection connection = connect(server.uri(),
                RedisOptions.builder().autoReconnect(false).build());
        Throwable failure = failureOf(connection.execute("GET", "k"));
        assertThat(failure).isInstanceOfSatisfying(RedisConnectionException.class, e -> {
            assertThat(e.mayHaveExecuted()).isTrue();
            assertThat(e.endpoint()).isEqualTo("127.0.0.1:" + server.port());
        });
        assertThat(connection.isOpen()).isFalse();
        assertThat(failureOf(connection.execute("PING"))).isInstanceOf(RedisConnectionException.class);
    }

    @Test
    void aReplyArrivingOneByteAtATimeIsStillMatchedToItsCommand() throws Exception {
        ScriptedServer server = server((args, transport, self) -> switch (args.get(0)) {
            case "GET" -> true; // answered together with the next command, in order
            case "HGETALL" -> {
                self.dribble(transport, "$11\r\nhello world\r\n"
                        + "%2\r\n+a\r\n:1\r\n+b\r\n*2\r\n$1\r\nx\r\n_\r\n");
                yield true;
            }
            default -> false;
        });
        RedisConnection connection = connect(server.uri(), RedisOptions.defaults());
        CompletableFuture<Object> get = connection.execute("GET", "k");
        CompletableFuture<Object> map = connection.execute("HGETALL", "h");
        assertThat(get.get(10, TimeUnit.SECONDS)).isEqualTo("hello world");
        assertThat(map.get(10, TimeUnit.SECONDS)).isEqualTo(
                java.util.Map.of("a", 1L, "b", java.util.Arrays.asList("x", null)));
    }

    @Test
    void aServerThatNeverAnswersTimesCommandsOutThenGetsItsConnectionRebuilt() throws Exception {
        ScriptedServer server = server((args, transport, self) -> {
            if (args.get(0).equals("GET") && self.connections.size() > 1) {
                ScriptedServer.send(transport, "$2\r\nok\r\n"); // the second socket answers
            }
            return args.get(0).equals("GET"); // on the first, GETs vanish
        });
        RedisConnection connection = connect(server.uri() + "?timeout=200ms",
                RedisOptions.builder().deadPeerTimeouts(3).reconnectDelay(Duration.ofMillis(10), Duration.ofMillis(20))
                        .build());
        List<CompletableFuture<Object>> gets = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            gets.add(connection.execute("GET", "k" + i));
        }
        for (CompletableFuture<Object> get : gets) {
            assertThat(failureOf(get)).isInstanceOfSatisfying(RedisTimeoutException.class,
                    e -> assertThat(e.timeout()).isEqualTo(Duration.ofMillis(200)));
        }
        // three timeouts in a row with no reply: the connection is dropped and a new one greeted
        assertThat(connection.execute("GET", "k").get(10, TimeUnit.SECONDS)).isEqualTo("ok");
        assertThat(server.connections).hasSize(2);
    }

    @Test
    void aGracefulCloseDoesNotWaitForeverForTheReplyOfATimedOutCommand() throws Exception {
        ScriptedServer server = server((args, transport, self) -> args.get(0).equals("GET")); // GETs vanish
        RedisConnection connection = connect(server.uri() + "?timeout=200ms", RedisOptions.defaults());
        CompletableFuture<Object> get = connection.execute("GET", "k");
        assertThat(failureOf(get)).isInstanceOf(RedisTimeoutException.class);

        // close() waits for what is still to be answered; a command that timed out is not
        connection.closeAsync().get(10, TimeUnit.SECONDS);

        assertThat(connection.isOpen()).isFalse();
        assertThat(failureOf(connection.execute("PING"))).isInstanceOf(RedisConnectionException.class)
                .hasMessageContaining("closed");
    }

    @Test
    void aGracefulCloseStillWaitsForACommandThatIsAnsweredLate() throws Exception {
        CompletableFuture<dev.aioj.net.Transport> getArrived = new CompletableFuture<>();
        ScriptedServer server = server((args, transport, self) -> {
            if (args.get(0).equals("GET")) {
                getArrived.complete(transport); // answered only when the test says so
                return true;
            }
            return false;
        });
        RedisConnection connection = connect(server.uri(), RedisOptions.defaults());
        CompletableFuture<Object> get = connection.execute("GET", "k");
        dev.aioj.net.Transport serverSide = getArrived.get(10, TimeUnit.SECONDS);

        CompletableFuture<Void> closing = connection.closeAsync();
        server.loop.execute(() -> ScriptedServer.send(serverSide, "$4\r\nlate\r\n"));

        assertThat(get.get(10, TimeUnit.SECONDS)).isEqualTo("late"); // the close waited for it
        closing.get(10, TimeUnit.SECONDS);
        assertThat(connection.isOpen()).isFalse();
    }

    @Test
    void unsentCommandsWaitForTheReconnectWhileWrittenOnesFail() throws Exception {
        CompletableFuture<Void> killed = new CompletableFuture<>();
        ScriptedServer server = server((args, transport, self) -> switch (args.get(0)) {
            case "BLOCK" -> {
                if (self.connections.size() == 1) { // the first socket dies with BLOCK in flight
                    transport.abort();
                    killed.complete(null);
                }
                yield true;
            }
            case "ECHO" -> {
                ScriptedServer.send(transport, "$" + args.get(1).length() + "\r\n" + args.get(1) + "\r\n");
                yield true;
            }
            default -> false;
        });
        RedisConnection connection = connect(server.uri(), RedisOptions.builder()
                .reconnectDelay(Duration.ofMillis(50), Duration.ofMillis(100)).build());
        CompletableFuture<Object> inFlight = connection.execute("BLOCK");
        killed.get(10, TimeUnit.SECONDS);
        assertThat(failureOf(inFlight)).isInstanceOfSatisfying(RedisConnectionException.class,
                e -> assertThat(e.mayHaveExecuted()).isTrue());
        // submitted while the connection is down (or coming back): sent once it is up again
        CompletableFuture<Object> later = connection.execute("ECHO", "back");
        assertThat(later.get(10, TimeUnit.SECONDS)).isEqualTo("back");
        assertThat(server.count("BLOCK")).isEqualTo(1); // a written command is never sent twice
        assertThat(server.connections).hasSize(2);
    }

    @Test
    void unsentCommandsTimeOutWhileDisconnectedAndLeaveNothingPending() throws Exception {
        CompletableFuture<Void> killed = new CompletableFuture<>();
        ScriptedServer server = server((args, transport, self) -> {
            if (args.get(0).equals("KILL")) {
                transport.abort();
                killed.complete(null);
                return true;
            }
            return args.get(0).equals("HELLO") && self.connections.size() > 1; // the reconnect never greets
        });
        RedisConnection connection = connect(server.uri(), RedisOptions.builder()
                .reconnectDelay(Duration.ofMillis(10), Duration.ofMillis(20)).build());
        CompletableFuture<Object> kill = connection.execute("KILL");
        killed.get(10, TimeUnit.SECONDS);
        // the client has seen the link go once KILL fails (the server's abort alone does not say so: commands
        // sent before the client notices are written to the dead socket and fail as lost, not as timed out)
        assertThat(failureOf(kill)).isInstanceOf(RedisConnectionException.class);
        RedisCommands<String> quick = connection.withTimeout(Duration.ofMillis(200));
        List<CompletableFuture<Object>> unsent = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            unsent.add(quick.execute("ECHO", "never sent " + i));
        }
        for (CompletableFuture<Object> future : unsent) {
            assertThat(failureOf(future)).isInstanceOf(RedisTimeoutException.class);
        }
        // the count drops in the same loop task that failed them: a task after it sees it settled; what may
        // remain is the reconnect's own HELLO, written and never answered
        assertThat(connection.loop().submit(connection::pendingCommands).get(10, TimeUnit.SECONDS))
                .isLessThanOrEqualTo(1);
        assertThat(server.count("ECHO")).isZero();
    }

    @Test
    void failFastRejectsCommandsWhileReconnecting() throws Exception {
        CompletableFuture<Void> killed = new CompletableFuture<>();
        ScriptedServer server = server((args, transport, self) -> {
            if (args.get(0).equals("KILL")) {
                transport.abort();
                killed.complete(null);
                return true;
            }
            if (args.get(0).equals("HELLO") && self.connections.size() > 1) {
                return true; // the reconnect never completes its greeting
            }
            return false;
        });
        RedisConnection connection = connect(server.uri(), RedisOptions.builder().failFastWhenDisconnected(true)
                .reconnectDelay(Duration.ofMillis(10), Duration.ofMillis(20)).build());
        connection.execute("KILL");
        killed.get(10, TimeUnit.SECONDS);
        CompletableFuture<Object> rejected = new CompletableFuture<>();
        // wait on the event: the connection notices the loss on its loop
        connection.loop().callLater(Duration.ofMillis(100), () -> connection.execute("PING")
                .whenComplete((v, e) -> rejected.completeExceptionally(e == null ? new AssertionError(v) : e)));
        assertThat(failureOf(rejected)).isInstanceOfSatisfying(RedisConnectionException.class, e -> {
            assertThat(e.mayHaveExecuted()).isFalse();
            assertThat(e.getMessage()).contains("reconnecting");
        });
    }

    @Test
    void aBoundedPendingCountRejectsARunawayProducerInsteadOfGrowing() throws Exception {
        ScriptedServer server = server((args, transport, self) -> args.get(0).equals("GET")); // never answered
        RedisConnection connection = connect(server.uri(), RedisOptions.builder().maxPending(100).build());
        List<CompletableFuture<Object>> accepted = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            accepted.add(connection.execute("GET", "k"));
        }
        CompletableFuture<Object> overflow = connection.execute("GET", "k");
        assertThat(failureOf(overflow)).isInstanceOfSatisfying(RedisQueueFullException.class,
                e -> assertThat(e.limit()).isEqualTo(100));
        assertThat(accepted).noneMatch(CompletableFuture::isDone);
        assertThat(connection.pendingCommands()).isEqualTo(100);
    }

    @Test
    void aRefusedConnectionFailsConnectWithTheEndpoint() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        CompletableFuture<RedisConnection> connecting = RedisConnection.connect("redis://127.0.0.1:" + port);
        assertThat(failureOf(connecting)).isInstanceOfSatisfying(RedisConnectionException.class, e -> {
            assertThat(e.endpoint()).isEqualTo("127.0.0.1:" + port);
            assertThat(e.getMessage()).contains("cannot connect").contains("Connection refused");
            assertThat(e.mayHaveExecuted()).isFalse();
        });
    }

    @Test
    void aServerThatNeverGreetsFailsConnectWithinTheConnectTimeout() throws Exception {
        ScriptedServer server = server((args, transport, self) -> args.get(0).equals("HELLO")); // silent
        long start = System.nanoTime();
        CompletableFuture<RedisConnection> connecting =
                RedisConnection.connect(server.uri() + "?connectTimeout=300ms");
        assertThat(failureOf(connecting)).isInstanceOf(RedisException.class);
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(5_000);
    }
}
