package dev.aioj.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.HdrHistogram.Histogram;

/**
 * {@code aioj bench --jfr}: how automatic pipelining batched a test's
 * commands, read back from the client's own Flight Recorder events. A
 * recording with only {@code dev.aioj.redis.PipelineFlush} enabled runs for
 * the length of one test; stopping it flushes every event, and the file it
 * leaves is read into two histograms: commands and bytes per write.
 * Commands a caller wrote itself on an idle connection are not loop batches
 * and are not counted. Used on the command's own thread only.
 */
final class FlushSizes implements AutoCloseable {

    /** The flush event of aioj-redis (its internal package dev.aioj.redis.jfr). */
    static final String EVENT = "dev.aioj.redis.PipelineFlush";

    private final Recording recording = new Recording();
    private final Path file;

    private FlushSizes(Path file) {
        this.file = file;
        recording.enable(EVENT);
        recording.setToDisk(true);
    }

    /** Starts recording the writes of one test. */
    static FlushSizes start() {
        try {
            FlushSizes sizes = new FlushSizes(Files.createTempFile("aioj-bench-", ".jfr"));
            sizes.recording.start();
            return sizes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What the writes of one test were. */
    record Summary(long writes, Histogram commands, Histogram bytes) {

        /** {@code pipelined writes: 1234, commands per write: mean 8.1, p50 8, p99 16, max 32; bytes ...}. */
        String line() {
            if (writes == 0) {
                return "  pipelined writes (JFR): none (every command was written by its caller)\n";
            }
            return String.format(Locale.ROOT, "  pipelined writes (JFR): %d; commands per write: mean %.1f, p50 %d,"
                    + " p99 %d, max %d; bytes per write: mean %.0f, p99 %d%n", writes, commands.getMean(),
                    commands.getValueAtPercentile(50), commands.getValueAtPercentile(99), commands.getMaxValue(),
                    bytes.getMean(), bytes.getValueAtPercentile(99));
        }
    }

    /** Stops the recording and reads what it holds. */
    Summary finish() {
        try {
            recording.stop();
            recording.dump(file);
            Histogram commands = new Histogram(3);
            Histogram bytes = new Histogram(3);
            long writes = 0;
            try (RecordingFile in = new RecordingFile(file)) {
                while (in.hasMoreEvents()) {
                    RecordedEvent event = in.readEvent();
                    if (event.getEventType().getName().equals(EVENT)) {
                        writes++;
                        commands.recordValue(Math.max(1, event.getInt("commands")));
                        bytes.recordValue(Math.max(1, event.getLong("bytes")));
                    }
                }
            }
            return new Summary(writes, commands, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        recording.close();
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a temp file left behind is harmless
        }
    }
}
