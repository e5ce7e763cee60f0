package dev.aioj.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aioj.redis.testing.RawRedisConnection;
import dev.aioj.redis.testing.RedisServerExtension;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import jdk.jfr.consumer.RecordingStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The connection's JFR events and observer calls, against a real
 * redis-server (connect, greeting, batches, a killed connection coming back,
 * each command's outcome) and the scripted fake server (a reply that never
 * comes, bytes that are not RESP). Each test records, then reads the file back.
 */
class ObservabilityTest {

    @RegisterExtension
    static final RedisServerExtension redis = RedisServerExtension.builder().build();

    @TempDir
    Path dir;

    private final List<AutoCloseable> resources = new ArrayList<>();
    private final Recording recording = new Recording();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable resource : resources.reversed()) {
            resource.close();
        }
        recording.close();
    }

    private void startRecording() {
        for (String name : List.of("Connect", "Handshake", "Reconnect", "CommandTimeout", "ProtocolError",
                "PipelineFlush", "CacheAccess")) {
            recording.enable("dev.aioj.redis." + name);
        }
        recording.start();
    }

    private List<RecordedEvent> stopRecording() throws IOException {
        Path file = dir.resolve("redis.jfr");
        recording.stop();
        recording.dump(file);
        List<RecordedEvent> events = new ArrayList<>(RecordingFile.readAllEvents(file));
        events.removeIf(e -> !e.getEventType().getName().startsWith("dev.aioj.redis."));
        events.sort(java.util.Comparator.comparing(RecordedEvent::getEndTime));
        return events;
    }

    private static List<RecordedEvent> named(List<RecordedEvent> events, String name) {
        return events.stream().filter(e -> e.getEventType().getName().equals("dev.aioj.redis." + name)).toList();
    }

    private RedisConnection connect(String uri, RedisOptions options) throws Exception {
        RedisConnection connection = RedisConnection.connect(RedisUri.parse(uri), options).get(10, TimeUnit.SECONDS);
        resources.add(connection::abort);
        return connection;
    }

    private ScriptedServer server(ScriptedServer.Script script) throws Exception {
        ScriptedServer server = new ScriptedServer(script);
        resources.add(server);
        return server;
    }

    /** Records what the connection tells its observer, as text, and counts batched commands. */
    static final class Recorder implements RedisObserver {
        final List<String> commands = new CopyOnWriteArrayList<>();
        final List<String> connections = new CopyOnWriteArrayList<>();
        final List<String> cacheReads = new CopyOnWriteArrayList<>();
        final BlockingQueue<Long> cacheInvalidations = new LinkedBlockingQueue<>();
        final List<RedisEndpoint> endpoints = new CopyOnWriteArrayList<>();
        final AtomicLong batchedCommands = new AtomicLong();
        final AtomicLong batches = new AtomicLong();
        final CountDownLatch reconnected = new CountDownLatch(1);

        @Override
        public Object commandStarted(RedisEndpoint endpoint, String command) {
            endpoints.add(endpoint);
            return "context of " + command;
        }

        @Override
        public void commandSucceeded(RedisEndpoint endpoint, String command, long nanos, Object context) {
            commands.add(command + " ok (" + context + ")" + (nanos > 0 ? "" : " with no duration"));
        }

        @Override
        public void commandFailed(RedisEndpoint endpoint, String command, long nanos, Throwable error,
                Object context) {
            commands.add(command + " failed " + RedisObserver.errorType(error) + " code "
                    + RedisObserver.errorCode(error) + " (" + context + ")");
        }

        @Override
        public void connected(RedisEndpoint endpoint, int protocol, long connectNanos, long handshakeNanos,
                int attempt) {
            connections.add("connected RESP" + protocol + " attempt " + attempt);
            if (attempt > 0) {
                reconnected.countDown();
            }
        }

        @Override
        public void connectFailed(RedisEndpoint endpoint, int attempt, Throwable error) {
            connections.add("connectFailed attempt " + attempt);
        }

        @Override
        public void disconnected(RedisEndpoint endpoint, Throwable cause) {
            connections.add("disconnected " + (cause == null ? "(closed)" : cause.getClass().getSimpleName()));
        }

        @Override
        public void reconnectScheduled(RedisEndpoint endpoint, int attempt, Duration delay, Throwable cause) {
            connections.add("reconnect " + attempt);
        }

        @Override
        public void batchWritten(RedisEndpoint endpoint, int commands, long bytes) {
            if (bytes < commands * 14L) { // *1\r\n$4\r\nPING\r\n is the shortest command
                connections.add("a batch of " + commands + " commands in only " + bytes + " bytes");
            }
            batches.incrementAndGet();
            batchedCommands.addAndGet(commands);
        }

        @Override
        public void cacheAccessed(RedisEndpoint endpoint, String command, boolean hit) {
            cacheReads.add(command + (hit ? " hit" : " miss") + " on " + endpoint);
        }

        @Override
        public void cacheInvalidated(RedisEndpoint endpoint, long entries) {
            cacheInvalidations.add(entries);
        }
    }

    @Test
    void aRecordingHoldsTheConnectTheGreetingAndEveryPipelinedBatch() throws Exception {
        startRecording();
        Recorder recorder = new Recorder();
        RedisConnection connection = connect(redis.uri() + "/2", RedisOptions.builder()
                .callerWrites(false).observer(recorder).build());
        List<CompletableFuture<?>> sets = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            sets.add(connection.set("k" + i, "v"));
        }
        CompletableFuture.allOf(sets.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
        List<RecordedEvent> events = stopRecording();

        List<RecordedEvent> connects = named(events, "Connect");
        assertThat(connects).hasSize(1);
        assertThat(connects.get(0).getString("endpoint")).isEqualTo("127.0.0.1:" + redis.port());
        assertThat(connects.get(0).getInt("attempt")).isZero();
        assertThat(connects.get(0).getString("error")).isNull();
        List<RecordedEvent> handshakes = named(events, "Handshake");
        assertThat(handshakes).hasSize(1);
        assertThat(handshakes.get(0).getInt("protocol")).isEqualTo(3);
        assertThat(handshakes.get(0).getInt("database")).isEqualTo(2);
        assertThat(handshakes.get(0).getDuration()).isPositive();

        List<RecordedEvent> flushes = named(events, "PipelineFlush");
        long flushed = flushes.stream().mapToLong(e -> e.getInt("commands")).sum();
        // every command went through the loop (no caller writes): the 2000 SETs and the greeting
        assertThat(flushed).isGreaterThanOrEqualTo(2001).isEqualTo(recorder.batchedCommands.get());
        assertThat(flushes).hasSize((int) recorder.batches.get());
        assertThat(flushes.stream().mapToInt(e -> e.getInt("commands")).max().orElse(0))
                .as("automatic pipelining wrote several commands at once").isGreaterThan(1);
        assertThat(flushes.stream().mapToLong(e -> e.getLong("bytes")).sum()).isGreaterThan(2000L * 20);
        assertThat(recorder.connections).containsExactly("connected RESP3 attempt 0");
        assertThat(recorder.endpoints).allSatisfy(e -> {
            assertThat(e.database()).isEqualTo(2);
            assertThat(e.port()).isEqualTo(redis.port());
        });
    }

    @Test
    void theObserverSeesEachCommandsNameAndOutcomeWithItsOwnContext() throws Exception {
        Recorder recorder = new Recorder();
        RedisConnection connection = connect(redis.uri(), RedisOptions.builder().observer(recorder).build());
        connection.set("text", "abc").get(10, TimeUnit.SECONDS);
        connection.execute("get", "text").get(10, TimeUnit.SECONDS);
        assertThat(failure(connection.incr("text"))).isInstanceOf(RedisReplyException.class);
        Transaction<String> tx = connection.multi();
        tx.execute("SET", "a", "1");
        tx.exec().get(10, TimeUnit.SECONDS);
        connection.close();

        assertThat(recorder.commands).containsExactly(
                "SET ok (context of SET)",
                "GET ok (context of GET)",
                "INCR failed ERR code ERR (context of INCR)",
                "MULTI ok (context of MULTI)");
        assertThat(recorder.connections).containsExactly("connected RESP3 attempt 0", "disconnected (closed)");
    }

    @Test
    void aKilledConnectionIsAReconnectWithItsCauseAndAttempt() throws Exception {
        Recorder recorder = new Recorder();
        RedisConnection connection = connect(redis.uri(), RedisOptions.builder()
                .reconnectDelay(Duration.ofMillis(1), Duration.ofMillis(50)).observer(recorder).build());
        long id = (Long) connection.execute("CLIENT", "ID").get(10, TimeUnit.SECONDS);
        startRecording();
        try (RawRedisConnection killer = redis.connect()) {
            killer.call("CLIENT", "KILL", "ID", Long.toString(id));
        }
        assertThat(recorder.reconnected.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(connection.execute("PING").get(10, TimeUnit.SECONDS)).isEqualTo("PONG");
        List<RecordedEvent> events = stopRecording();

        List<RecordedEvent> reconnects = named(events, "Reconnect");
        assertThat(reconnects).hasSize(1);
        assertThat(reconnects.get(0).getInt("attempt")).isEqualTo(1);
        assertThat(reconnects.get(0).getString("cause")).contains("lost");
        List<RecordedEvent> connects = named(events, "Connect");
        assertThat(connects).hasSize(1);
        assertThat(connects.get(0).getInt("attempt")).isEqualTo(1);
        assertThat(named(events, "Handshake")).hasSize(1);
        assertThat(recorder.connections).containsExactly("connected RESP3 attempt 0",
                "disconnected RedisConnectionException", "reconnect 1", "connected RESP3 attempt 1");
    }

    @Test
    void aReplyThatNeverComesIsACommandTimeoutEventAndAFailedCommand() throws Exception {
        ScriptedServer server = server((args, transport, self) -> args.get(0).equals("GET")); // never answered
        Recorder recorder = new Recorder();
        RedisConnection connection = connect(server.uri(), RedisOptions.builder().observer(recorder).build());
        startRecording();
        assertThat(failure(connection.withTimeout(Duration.ofMillis(50)).get("k")))
                .isInstanceOf(RedisTimeoutException.class);
        List<RecordedEvent> events = stopRecording();

        List<RecordedEvent> timeouts = named(events, "CommandTimeout");
        assertThat(timeouts).hasSize(1);
        assertThat(timeouts.get(0).getString("command")).isEqualTo("GET");
        assertThat(timeouts.get(0).getLong("timeout")).isEqualTo(Duration.ofMillis(50).toNanos());
        assertThat(timeouts.get(0).getBoolean("written")).isTrue();
        assertThat(recorder.commands).containsExactly("GET failed timeout code null (context of GET)");
    }

    @Test
    void bytesThatAreNotRespAreAProtocolErrorEventAndADisconnect() throws Exception {
        ScriptedServer server = server((args, transport, self) -> {
            if (args.get(0).equals("GET") && self.connections.size() == 1) {
                ScriptedServer.send(transport, "?this is not RESP\r\n");
                return true;
            }
            return false;
        });
        Recorder recorder = new Recorder();
        RedisConnection connection = connect(server.uri(), RedisOptions.builder()
                .reconnectDelay(Duration.ofMillis(1), Duration.ofMillis(50)).observer(recorder).build());
        startRecording();
        assertThat(failure(connection.get("k"))).isInstanceOf(RedisProtocolException.class);
        assertThat(recorder.reconnected.await(10, TimeUnit.SECONDS)).isTrue();
        List<RecordedEvent> events = stopRecording();

        List<RecordedEvent> errors = named(events, "ProtocolError");
        assertThat(errors).hasSize(1);
        assertThat(errors.get(0).getString("endpoint")).isEqualTo("127.0.0.1:" + server.port());
        assertThat(errors.get(0).getLong("position")).isNotNegative();
        assertThat(recorder.connections).startsWith("connected RESP3 attempt 0",
                "disconnected RedisProtocolException", "reconnect 1");
    }

    @Test
    void aReadThroughTheClientCacheIsAHitOrAMissToTheObserverAndToJfr() throws Exception {
        Recorder recorder = new Recorder();
        RedisClient client = RedisClient.connect(RedisUri.parse(redis.uri()),
                RedisOptions.builder().observer(recorder).build(), ClientCacheOptions.defaults())
                .get(10, TimeUnit.SECONDS);
        resources.add(client);
        client.set("observed", "v").get(10, TimeUnit.SECONDS);
        startRecording();
        assertThat(client.get("observed").get(10, TimeUnit.SECONDS)).isEqualTo("v"); // sent: a miss
        assertThat(client.get("observed").get(10, TimeUnit.SECONDS)).isEqualTo("v"); // from memory: a hit
        List<RecordedEvent> events = stopRecording();

        String endpoint = "127.0.0.1:" + redis.port();
        assertThat(recorder.cacheReads).containsExactly("GET miss on " + endpoint, "GET hit on " + endpoint);
        List<RecordedEvent> reads = named(events, "CacheAccess");
        assertThat(reads).extracting(e -> e.getString("command") + " " + e.getBoolean("hit") + " "
                + e.getString("endpoint")).containsExactly("GET false " + endpoint, "GET true " + endpoint);
    }

    @Test
    void theObserverHearsHowManyCachedRepliesEachInvalidationDropped() throws Exception {
        Recorder recorder = new Recorder();
        RedisClient client = RedisClient.connect(RedisUri.parse(redis.uri()),
                RedisOptions.builder().observer(recorder).build(), ClientCacheOptions.defaults())
                .get(10, TimeUnit.SECONDS);
        resources.add(client);
        RedisConnection writer = connect(redis.uri(), RedisOptions.defaults());
        writer.set("two", "reads").get(10, TimeUnit.SECONDS);
        client.get("two").get(10, TimeUnit.SECONDS);
        client.execute("STRLEN", "two").get(10, TimeUnit.SECONDS); // a second cached reply reading the same key
        writer.set("two", "changed").get(10, TimeUnit.SECONDS);
        assertThat(recorder.cacheInvalidations.poll(10, TimeUnit.SECONDS)).isEqualTo(2);

        client.get("two").get(10, TimeUnit.SECONDS);
        writer.execute("FLUSHALL").get(10, TimeUnit.SECONDS); // the null key list: everything goes
        assertThat(recorder.cacheInvalidations.poll(10, TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(client.clientCache().orElseThrow().stats().invalidations()).isEqualTo(3);
    }

    @Test
    void jfrsPeriodicCacheStatisticsCountTheServersInvalidations() throws Exception {
        RedisClient client = RedisClient.connect(RedisUri.parse(redis.uri()), RedisOptions.defaults(),
                ClientCacheOptions.defaults()).get(10, TimeUnit.SECONDS);
        resources.add(client);
        RedisConnection writer = connect(redis.uri(), RedisOptions.defaults());
        writer.set("stats", "1").get(10, TimeUnit.SECONDS);
        client.get("stats").get(10, TimeUnit.SECONDS);
        client.get("stats").get(10, TimeUnit.SECONDS);
        String endpoint = "127.0.0.1:" + redis.port();
        CountDownLatch counted = new CountDownLatch(1);
        List<String> seen = new CopyOnWriteArrayList<>();
        try (RecordingStream stream = new RecordingStream()) {
            stream.enable("dev.aioj.redis.CacheStatistics").withPeriod(Duration.ofMillis(20));
            stream.onEvent("dev.aioj.redis.CacheStatistics", e -> {
                if (endpoint.equals(e.getString("endpoint"))) {
                    seen.add("hits " + e.getLong("hits") + " misses " + e.getLong("misses")
                            + " invalidations " + e.getLong("invalidations") + " entries " + e.getLong("entries"));
                    if (e.getLong("invalidations") == 1) {
                        counted.countDown();
                    }
                }
            });
            stream.startAsync();
            writer.set("stats", "2").get(10, TimeUnit.SECONDS); // the server tells the cache: one invalidation
            assertThat(counted.await(10, TimeUnit.SECONDS)).as("statistics seen: %s", seen).isTrue();
        }
        assertThat(seen).last().isEqualTo("hits 1 misses 1 invalidations 1 entries 0");
    }

    private static Throwable failure(CompletableFuture<?> future) throws Exception {
        try {
            future.get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        }
        throw new AssertionError("expected " + future + " to fail");
    }
}
