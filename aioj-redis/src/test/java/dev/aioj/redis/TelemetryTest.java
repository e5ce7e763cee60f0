package dev.aioj.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aioj.redis.jfr.CacheStatisticsEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a connection's {@link Telemetry} turns each report into: JFR events in
 * a recording, and calls of the observer; an observer that throws is
 * contained. (ObservabilityTest checks the same against a real server.)
 */
class TelemetryTest {

    private static final RedisEndpoint ENDPOINT = new RedisEndpoint("127.0.0.1", 6390, 1, false);

    @TempDir
    Path dir;

    @Test
    void eachReportBecomesItsJfrEventWhileARecordingRuns() throws IOException {
        Telemetry telemetry = new Telemetry(ENDPOINT, null);
        telemetry.batchWritten(1, 10); // before the recording: not recorded
        List<RecordedEvent> events = record(() -> {
            telemetry.dialing(0);
            telemetry.dialed(null);
            telemetry.greeted(3, null);
            telemetry.batchWritten(7, 210);
            telemetry.commandTimedOut(new ArgsCommand<>(new Object[] {"BLPOP", "k", 0}, Reply.OBJECT,
                    new CommandSettings(Codec.STRING, 5_000_000)), true);
            telemetry.disconnected(new RedisProtocolException("bad byte", 42, 'x'));
            telemetry.reconnectScheduled(1, Duration.ofMillis(10), new RuntimeException("reset"));
            telemetry.cacheAccessed("GET", true);
        });
        assertThat(names(events)).containsExactly("dev.aioj.redis.Connect", "dev.aioj.redis.Handshake",
                "dev.aioj.redis.PipelineFlush", "dev.aioj.redis.CommandTimeout", "dev.aioj.redis.ProtocolError",
                "dev.aioj.redis.Reconnect", "dev.aioj.redis.CacheAccess");
        RecordedEvent flush = events.get(2);
        assertThat(flush.getString("endpoint")).isEqualTo("127.0.0.1:6390");
        assertThat(flush.getInt("commands")).isEqualTo(7);
        assertThat(flush.getLong("bytes")).isEqualTo(210);
        RecordedEvent handshake = events.get(1);
        assertThat(handshake.getInt("protocol")).isEqualTo(3);
        assertThat(handshake.getInt("database")).isEqualTo(1);
        assertThat(handshake.getString("error")).isNull();
        RecordedEvent timeout = events.get(3);
        assertThat(timeout.getString("command")).isEqualTo("BLPOP");
        assertThat(timeout.getLong("timeout")).isEqualTo(5_000_000);
        assertThat(events.get(4).getLong("position")).isEqualTo(42);
        RecordedEvent reconnect = events.get(5);
        assertThat(reconnect.getInt("attempt")).isEqualTo(1);
        assertThat(reconnect.getLong("delay")).isEqualTo(10_000_000);
        assertThat(reconnect.getString("cause")).isEqualTo("RuntimeException: reset");
        assertThat(events.get(6).getBoolean("hit")).isTrue();
    }

    @Test
    void aFailedDialIsAConnectEventWithItsErrorAndNoHandshake() throws IOException {
        Telemetry telemetry = new Telemetry(ENDPOINT, null);
        List<RecordedEvent> events = record(() -> {
            telemetry.dialing(2);
            telemetry.dialed(new java.net.ConnectException("Connection refused"));
        });
        assertThat(names(events)).containsExactly("dev.aioj.redis.Connect");
        assertThat(events.get(0).getInt("attempt")).isEqualTo(2);
        assertThat(events.get(0).getString("error")).isEqualTo("ConnectException: Connection refused");
    }

    @Test
    void theCacheCountersAreEmittedPeriodicallyUntilUnregistered() throws IOException {
        List<RecordedEvent> events = record(() -> {
            Runnable stop = CacheStatisticsEvent.register("127.0.0.1:6390",
                    () -> new CacheStatisticsEvent.Counts(5, 2, 1, 3, 4, 400));
            stop.run();
        });
        // a periodic event is emitted at least at the recording's end while registered; here it was stopped
        // before, so whatever was emitted (at the start) carries the counts
        for (RecordedEvent e : events) {
            assertThat(e.getLong("hits")).isEqualTo(5);
            assertThat(e.getLong("bytes")).isEqualTo(400);
        }
    }

    @Test
    void theObserverHearsConnectionEventsAndBatches() {
        List<String> heard = new ArrayList<>();
        RedisObserver observer = new RedisObserver() {
            @Override
            public void connected(RedisEndpoint endpoint, int protocol, long connectNanos, long handshakeNanos,
                    int attempt) {
                heard.add("connected " + endpoint + " RESP" + protocol + " attempt " + attempt);
            }

            @Override
            public void connectFailed(RedisEndpoint endpoint, int attempt, Throwable error) {
                heard.add("connectFailed " + attempt + " " + error.getMessage());
            }

            @Override
            public void disconnected(RedisEndpoint endpoint, Throwable cause) {
                heard.add("disconnected " + (cause == null ? null : cause.getMessage()));
            }

            @Override
            public void reconnectScheduled(RedisEndpoint endpoint, int attempt, Duration delay, Throwable cause) {
                heard.add("reconnect " + attempt + " in " + delay.toMillis() + " ms");
            }

            @Override
            public void batchWritten(RedisEndpoint endpoint, int commands, long bytes) {
                heard.add("batch " + commands + " " + bytes);
            }

            @Override
            public void cacheAccessed(RedisEndpoint endpoint, String command, boolean hit) {
                heard.add("cache " + command + " " + hit);
            }
        };
        Telemetry telemetry = new Telemetry(ENDPOINT, observer);
        telemetry.dialing(0);
        telemetry.dialed(null);
        telemetry.greeted(2, null);
        telemetry.batchWritten(3, 90);
        telemetry.disconnected(new RuntimeException("reset"));
        telemetry.reconnectScheduled(1, Duration.ofMillis(20), null);
        telemetry.dialing(1);
        telemetry.dialed(null);
        telemetry.greeted(0, new RedisReplyException("WRONGPASS", "WRONGPASS invalid password"));
        telemetry.cacheAccessed("HGET", false);
        assertThat(heard).containsExactly("connected 127.0.0.1:6390 RESP2 attempt 0", "batch 3 90",
                "disconnected reset", "reconnect 1 in 20 ms", "connectFailed 1 WRONGPASS invalid password",
                "cache HGET false");
    }

    @Test
    void anObserverThatThrowsIsContained() {
        RedisObserver throwing = new RedisObserver() {
            @Override
            public void batchWritten(RedisEndpoint endpoint, int commands, long bytes) {
                throw new IllegalStateException("observer bug");
            }

            @Override
            public void disconnected(RedisEndpoint endpoint, Throwable cause) {
                throw new IllegalStateException("observer bug");
            }
        };
        Telemetry telemetry = new Telemetry(ENDPOINT, throwing);
        telemetry.batchWritten(3, 90);
        telemetry.disconnected(null);
    }

    @Test
    void allCallsEachObserverInOrderWithItsOwnContext() {
        List<String> heard = new ArrayList<>();
        class Named implements RedisObserver {
            final String name;

            Named(String name) {
                this.name = name;
            }

            @Override
            public Object commandStarted(RedisEndpoint endpoint, String command) {
                heard.add(name + " started " + command);
                return name + "-context";
            }

            @Override
            public void commandSucceeded(RedisEndpoint endpoint, String command, long durationNanos,
                    Object context) {
                heard.add(name + " succeeded " + command + " " + context);
            }
        }
        RedisObserver both = RedisObserver.all(new Named("a"), null, new Named("b"));
        Object context = both.commandStarted(ENDPOINT, "GET");
        both.commandSucceeded(ENDPOINT, "GET", 1, context);
        assertThat(heard).containsExactly("a started GET", "b started GET", "a succeeded GET a-context",
                "b succeeded GET b-context");
        RedisObserver one = new Named("c");
        assertThat(RedisObserver.all(one, null)).isSameAs(one);
    }

    private List<RecordedEvent> record(Runnable action) throws IOException {
        Path file = dir.resolve("telemetry.jfr");
        try (Recording recording = new Recording()) {
            for (String name : List.of("Connect", "Handshake", "Reconnect", "CommandTimeout", "ProtocolError",
                    "PipelineFlush", "CacheAccess", "CacheStatistics")) {
                recording.enable("dev.aioj.redis." + name);
            }
            recording.start();
            action.run();
            recording.stop();
            recording.dump(file);
        }
        List<RecordedEvent> events = new ArrayList<>(RecordingFile.readAllEvents(file));
        events.removeIf(e -> !e.getEventType().getName().startsWith("dev.aioj.redis."));
        events.sort(java.util.Comparator.comparing(RecordedEvent::getStartTime));
        return events;
    }

    private static List<String> names(List<RecordedEvent> events) {
        return events.stream().map(e -> e.getEventType().getName()).toList();
    }
}
