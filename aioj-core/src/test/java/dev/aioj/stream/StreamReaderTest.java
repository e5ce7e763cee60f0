package dev.aioj.stream;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aioj.loop.EventLoop;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The reader's contract with bytes fed straight in, as the protocol feeds
 * them: every read kind, fed whole and one byte at a time, EOF, errors, the
 * limit, queued and abandoned reads.
 */
class StreamReaderTest {

    private final EventLoop loop = EventLoop.create();

    @AfterEach
    void shutDown() {
        loop.shutdownGracefully().orTimeout(10, TimeUnit.SECONDS).join();
    }

    private StreamReader reader(int limit) {
        return new StreamReader(loop, limit);
    }

    private void onLoop(Runnable action) throws Exception {
        loop.submit(() -> {
            action.run();
            return null;
        }).get(10, TimeUnit.SECONDS);
    }

    private void feed(StreamReader reader, String text) throws Exception {
        onLoop(() -> reader.feedData(ByteBuffer.wrap(text.getBytes(US_ASCII))));
    }

    private void feedByteByByte(StreamReader reader, String text) throws Exception {
        for (byte b : text.getBytes(US_ASCII)) {
            onLoop(() -> reader.feedData(ByteBuffer.wrap(new byte[] {b})));
        }
    }

    private void feedEof(StreamReader reader) throws Exception {
        onLoop(reader::feedEof);
    }

    private static String text(CompletableFuture<byte[]> future) throws Exception {
        return new String(future.get(10, TimeUnit.SECONDS), US_ASCII);
    }

    @Test
    void readsQueuedBeforeAnyBytesAreServedInOrderFromBytesArrivingOneAtATime() throws Exception {
        StreamReader reader = reader(StreamReader.DEFAULT_LIMIT);
        CompletableFuture<byte[]> line = reader.readLine();
        CompletableFuture<byte[]> exactly = reader.readExactly(5);
        CompletableFuture<byte[]> until = reader.readUntil("\r\n".getBytes(US_ASCII));
        CompletableFuture<byte[]> some = reader.read(100);
        CompletableFuture<Boolean> atEof = reader.atEof();
        feedByteByByte(reader, "first line\n12345value\r\nrest");
        assertThat(text(line)).isEqualTo("first line\n");
        assertThat(text(exactly)).isEqualTo("12345");
        assertThat(text(until)).isEqualTo("value\r\n");
        assertThat(text(some)).isEqualTo("r"); // read(n) returns what is there, not n
        assertThat(atEof.get(10, TimeUnit.SECONDS)).isFalse();
        feedEof(reader);
        assertThat(text(reader.read(-1))).isEqualTo("est");
        assertThat(reader.atEof().get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(text(reader.read(10))).isEmpty();
        assertThat(text(reader.readLine())).isEmpty();
    }

    @Test
    void theSameBytesFedWholeGiveTheSameReads() throws Exception {
        StreamReader reader = reader(StreamReader.DEFAULT_LIMIT);
        feed(reader, "first line\n12345value\r\nlast line without newline");
        feedEof(reader);
        assertThat(text(reader.readLine())).isEqualTo("first line\n");
        assertThat(text(reader.readExactly(5))).isEqualTo("12345");
        assertThat(text(reader.readUntil("\r\n".getBytes(US_ASCII)))).isEqualTo("value\r\n");
        assertThat(text(reader.readLine())).isEqualTo("last line without newline");
        assertThat(text(reader.readLine())).isEmpty();
    }

    @Test
    void eofInTheMiddleOfReadExactlyFailsWithThePartialBytes() throws Exception {
        StreamReader reader = reader(StreamReader.DEFAULT_LIMIT);
        CompletableFuture<byte[]> exactly = reader.readExactly(10);
        feedByteByByte(reader, "abc");
        assertThat(exactly).isNotDone();
        feedEof(reader);
        assertThatThrownBy(() -> exactly.get(10, TimeUnit.SECONDS))
                .cause().isInstanceOfSatisfying(IncompleteReadException.class, e -> {
                    assertThat(new String(e.partial(), US_ASCII)).isEqualTo("abc");
                    assertThat(e.expected()).isEqualTo(10);
                    assertThat(e).hasMessage("3 bytes read on a total of 10 expected bytes");
                });
        assertThat(reader.atEof().get(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void eofBeforeTheSeparatorFailsReadUntilWithThePartialBytesAndUnknownExpected() throws Exception {
        StreamReader reader = reader(StreamReader.DEFAULT_LIMIT);
        feed(reader, "no end");
        feedEof(reader);
        assertThatThrownBy(() -> reader.readUntil("END".getBytes(US_ASCII)).get(10, TimeUnit.SECONDS))
                .cause().isInstanceOfSatisfying(IncompleteReadException.class, e -> {
                    assertThat(new String(e.partial(), US_ASCII)).isEqualTo("no end");
                    assertThat(e.expected()).isEqualTo(IncompleteReadException.UNKNOWN);
                });
    }

    @Test
    void aLineLongerThanTheLimitFailsKeepsItsBytesAndTheStreamGoesOn() throws Exception {
        StreamReader reader = reader(16);
        String longLine = "x".repeat(20);
        feed(reader, longLine + "\nshort\n");
        assertThatThrownBy(() -> reader.readLine().get(10, TimeUnit.SECONDS))
                .cause().isInstanceOfSatisfying(LimitOverrunException.class, e -> {
                    assertThat(e.consumed()).isEqualTo(20);
                    assertThat(e.limit()).isEqualTo(16);
                    assertThat(e).hasMessageContaining("separator found after the limit");
                });
        // The bytes are still there: the caller takes them, and reads on.
        assertThat(text(reader.readExactly(21))).isEqualTo(longLine + "\n");
        assertThat(text(reader.readLine())).isEqualTo("short\n");
    }

    @Test
    void aLineThatNeverEndsFailsAsSoonAsItPassesTheLimitByteByByte() throws Exception {
        StreamReader reader = reader(16);
        CompletableFuture<byte[]> line = reader.readLine();
        feedByteByByte(reader, "y".repeat(16));
        assertThat(line).isNotDone(); // exactly the limit: a newline may still come
        feedByteByByte(reader, "y");
        assertThatThrownBy(() -> line.get(10, TimeUnit.SECONDS))
                .cause().isInstanceOfSatisfying(LimitOverrunException.class, e -> {
                    assertThat(e.consumed()).isEqualTo(17);
                    assertThat(e).hasMessageContaining("not found");
                });
    }

    @Test
    void aLineOfExactlyTheLimitIsAccepted() throws Exception {
        StreamReader reader = reader(16);
        feed(reader, "z".repeat(16) + "\n");
        assertThat(text(reader.readLine())).hasSize(17);
    }

    @Test
    void aConnectionErrorFailsWaitingReadsButBufferedBytesAreStillServed() throws Exception {
        StreamReader reader = reader(StreamReader.DEFAULT_LIMIT);
        IOException reset = new IOException("Connection reset");
        feed(reader, "ab");
        onLoop(() -> reader.setException(reset));
        assertThat(text(reader.read(1))).isEqualTo("a");
        assertThatThrownBy(() -> reader.readExactly(2).get(10, TimeUnit.SECONDS)).cause().isSameAs(reset);
        assertThat(text(reader.read(5))).isEqualTo("b");
        assertThatThrownBy(() -> reader.read(5).get(10, TimeUnit.SECONDS)).cause().isSameAs(reset);
    }

    @Test
    void aReadGivenUpByItsCallerTakesNoBytes() throws Exception {
        StreamReader reader = reader(StreamReader.DEFAULT_LIMIT);
        CompletableFuture<byte[]> abandoned = reader.readExactly(4);
        CompletableFuture<byte[]> next = reader.readLine();
        abandoned.cancel(false);
        feed(reader, "kept\n");
        assertThat(text(next)).isEqualTo("kept\n");
    }

    @Test
    void aCallbackOfOneReadMayIssueTheNextReadAndItIsServedFromTheSameBytes() throws Exception {
        StreamReader reader = reader(StreamReader.DEFAULT_LIMIT);
        List<String> lines = new ArrayList<>(); // loop thread only
        CompletableFuture<List<String>> all = new CompletableFuture<>();
        readLines(reader, lines, all);
        feed(reader, "one\ntwo\nthree\n");
        feedEof(reader);
        assertThat(all.get(10, TimeUnit.SECONDS)).containsExactly("one\n", "two\n", "three\n");
    }

    private static void readLines(StreamReader reader, List<String> lines, CompletableFuture<List<String>> all) {
        reader.readLine().thenAccept(line -> {
            if (line.length == 0) {
                all.complete(lines);
            } else {
                lines.add(new String(line, US_ASCII));
                readLines(reader, lines, all);
            }
        });
    }

    /** The transport's calls, read on the loop after everything queued before has run. */
    private List<String> callsOf(FlowRecordingTransport transport) throws Exception {
        return loop.submit(() -> List.copyOf(transport.calls)).get(10, TimeUnit.SECONDS);
    }

    @Test
    void withNobodyReadingTheSocketPausesAboveTwiceTheLimitAndResumesAtTheLimit() throws Exception {
        StreamReader reader = reader(10);
        FlowRecordingTransport transport = new FlowRecordingTransport(loop);
        onLoop(() -> reader.attach(transport));
        feed(reader, "x".repeat(20));
        assertThat(callsOf(transport)).isEmpty(); // exactly 2 x limit: still reading
        feed(reader, "x");
        assertThat(callsOf(transport)).containsExactly("pause");
        reader.readExactly(10).get(10, TimeUnit.SECONDS); // 11 left: above the limit, stays paused
        assertThat(callsOf(transport)).containsExactly("pause");
        reader.readExactly(1).get(10, TimeUnit.SECONDS); // 10 left: at the limit
        assertThat(callsOf(transport)).containsExactly("pause", "resume");
    }

    @Test
    void aReadWaitingForMoreBytesResumesAPausedSocketSoReadExactlyAboveTheLimitCompletes() throws Exception {
        StreamReader reader = reader(10);
        FlowRecordingTransport transport = new FlowRecordingTransport(loop);
        onLoop(() -> reader.attach(transport));
        feed(reader, "y".repeat(25));
        assertThat(callsOf(transport)).containsExactly("pause");
        CompletableFuture<byte[]> big = reader.readExactly(40);
        assertThat(callsOf(transport)).containsExactly("pause", "resume");
        feed(reader, "y".repeat(15));
        assertThat(big.get(10, TimeUnit.SECONDS)).hasSize(40);
    }

    @Test
    void argumentsAreCheckedAndNamed() {
        StreamReader reader = reader(StreamReader.DEFAULT_LIMIT);
        assertThatThrownBy(() -> reader.read(-2)).hasMessage("n < -1: -2");
        assertThatThrownBy(() -> reader.readExactly(-1)).hasMessage("n < 0: -1");
        assertThatThrownBy(() -> reader.readUntil(new byte[0])).hasMessage("separator is empty");
        assertThatThrownBy(() -> new StreamReader(loop, 0)).hasMessage("limit <= 0: 0");
    }

    @Test
    void blockingTwinsRefuseToRunOnTheLoopThread() {
        StreamReader reader = reader(StreamReader.DEFAULT_LIMIT);
        assertThatThrownBy(() -> loop.submit(() -> reader.sync().readLine()).get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("readLine() on the event loop thread");
    }

    @Test
    void blockingTwinsWaitOnAVirtualThreadAndRethrowTheTypedFailure() throws Exception {
        StreamReader reader = reader(StreamReader.DEFAULT_LIMIT);
        CompletableFuture<Object> outcome = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try {
                String line = new String(reader.sync().readLine(), US_ASCII);
                reader.sync().readExactly(10);
                outcome.complete(line);
            } catch (Throwable t) {
                outcome.complete(t);
            }
        });
        feed(reader, "hi\nabc");
        feedEof(reader);
        assertThat(outcome.get(10, TimeUnit.SECONDS)).isInstanceOfSatisfying(IncompleteReadException.class,
                e -> assertThat(new String(e.partial(), US_ASCII)).isEqualTo("abc"));
    }
}
