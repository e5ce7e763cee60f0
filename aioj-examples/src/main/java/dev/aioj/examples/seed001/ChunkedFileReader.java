package dev.aioj.examples.seed001;

import dev.aioj.examples.support.Log;
import dev.aioj.file.AsyncFile;
import dev.aioj.loop.EventLoop;
import dev.aioj.loop.TimerHandle;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Seed 001's "split reads of a big file into small pieces": its {@code
 * AsyncFileWrapper}, as {@link AsyncFile}, reading a file chunk by chunk with
 * a progress line every tenth of the way. A timer ticks every millisecond on
 * the same loop meanwhile, and the count of ticks at the end shows that the
 * loop kept running while the file was read (the seed's point: never make
 * the loop wait for a disk).
 *
 * <p>Thread contract: {@link #read} blocks its caller (a program's main
 * thread, not a loop thread) until the file is read.
 */
public final class ChunkedFileReader {

    /** What a read found. */
    public record Result(long bytes, int chunks, String sha256, long timerTicks) {}

    private ChunkedFileReader() {}

    /** Reads {@code path} in chunks of {@code chunkSize} bytes on a new loop, printing progress. */
    public static Result read(Path path, int chunkSize, PrintStream out) throws Exception {
        Log log = new Log(out, "file-reader");
        EventLoop loop = EventLoop.builder().name("file-reader").build();
        try {
            AsyncFile file = AsyncFile.open(loop, path, chunkSize, StandardOpenOption.READ).get(10, TimeUnit.SECONDS);
            long size = file.size().get(10, TimeUnit.SECONDS);
            log.info("reading " + path + " (" + size + " bytes) in chunks of " + chunkSize + " bytes");
            AtomicLong ticks = new AtomicLong();
            TimerHandle[] ticker = new TimerHandle[1];
            Runnable tick = new Runnable() {
                @Override
                public void run() {
                    ticks.incrementAndGet();
                    ticker[0] = loop.callLater(Duration.ofMillis(1), this);
                }
            };
            loop.execute(tick);
            MessageDigest digest = sha256();
            long[] done = {0, 0}; // bytes, chunks: loop thread only
            long started = System.nanoTime();
            long total = file.readChunks(chunk -> {
                long before = done[0];
                done[0] += chunk.remaining();
                done[1]++;
                digest.update(chunk);
                if (size > 0 && done[0] * 10 / size > before * 10 / size) {
                    log.info(String.format("read %d/%d bytes (%d%%)", done[0], size, done[0] * 100 / size));
                }
            }).get(60, TimeUnit.SECONDS);
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            loop.submit(() -> {
                ticker[0].cancel();
                return null;
            }).get(10, TimeUnit.SECONDS);
            file.close().get(10, TimeUnit.SECONDS);
            String hex = HexFormat.of().formatHex(digest.digest());
            Result result = new Result(total, (int) done[1], hex, ticks.get());
            log.info("done: " + total + " bytes in " + result.chunks() + " chunks, " + millis + " ms, sha-256 " + hex);
            log.info("meanwhile the loop ran its 1 ms timer " + result.timerTicks() + " times: it never waited for the disk");
            return result;
        } finally {
            loop.shutdownGracefully().orTimeout(10, TimeUnit.SECONDS).join();
        }
    }

    /** A file of {@code megabytes} MiB of random bytes in the temporary directory, for a run without --file. */
    public static Path sampleFile(int megabytes) throws IOException {
        Path path = Files.createTempFile("aioj-file-reader-", ".bin");
        path.toFile().deleteOnExit();
        byte[] block = new byte[1024 * 1024];
        Random random = new Random(1);
        try (var out = Files.newOutputStream(path)) {
            for (int i = 0; i < megabytes; i++) {
                random.nextBytes(block);
                out.write(block);
            }
        }
        return path;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
