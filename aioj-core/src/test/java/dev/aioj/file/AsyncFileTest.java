package dev.aioj.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aioj.loop.EventLoop;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Chunked file I/O off the loop thread: big files intact, the loop responsive, operations in order, close last. */
class AsyncFileTest {

    private final EventLoop loop = EventLoop.create();

    @TempDir
    Path dir;

    @AfterEach
    void shutDown() {
        loop.shutdownGracefully().orTimeout(10, TimeUnit.SECONDS).join();
    }

    private Path fileOf(int size, long seed) throws Exception {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        Path path = dir.resolve("data-" + seed + ".bin");
        Files.write(path, data);
        return path;
    }

    @Test
    void aFiftyMegabyteFileReadInChunksEqualsTheOriginalAndTheLoopRunsOtherWorkBetweenChunks() throws Exception {
        int size = 50 * 1024 * 1024;
        Path path = fileOf(size, 50);
        byte[] expectedDigest = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(path));
        AsyncFile file = AsyncFile.open(loop, path).get(10, TimeUnit.SECONDS);
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        AtomicInteger chunks = new AtomicInteger();
        AtomicBoolean ranBetweenChunks = new AtomicBoolean();
        AtomicBoolean ranBeforeSecondChunk = new AtomicBoolean();
        AtomicBoolean allOnLoopAndSmall = new AtomicBoolean(true);
        CompletableFuture<Long> total = file.readChunks(chunk -> {
            // recorded, not asserted: an AssertionError thrown here would only end the read
            allOnLoopAndSmall.compareAndSet(true,
                    loop.inEventLoop() && chunk.remaining() <= AsyncFile.DEFAULT_CHUNK_SIZE);
            digest.update(chunk);
            if (chunks.incrementAndGet() == 1) {
                loop.execute(() -> ranBetweenChunks.set(true)); // runs while the next chunk is read off the loop
            } else if (chunks.get() == 2) {
                ranBeforeSecondChunk.set(ranBetweenChunks.get());
            }
        });
        assertThat(total.get(30, TimeUnit.SECONDS)).isEqualTo(size);
        assertThat(digest.digest()).isEqualTo(expectedDigest);
        assertThat(chunks.get()).isEqualTo(size / AsyncFile.DEFAULT_CHUNK_SIZE);
        assertThat(ranBeforeSecondChunk).isTrue();
        assertThat(allOnLoopAndSmall).isTrue();
        file.close().get(10, TimeUnit.SECONDS);
    }

    @Test
    void readAllOfAFiftyMegabyteFileEqualsTheOriginal() throws Exception {
        Path path = fileOf(50 * 1024 * 1024, 51);
        AsyncFile file = AsyncFile.open(loop, path).get(10, TimeUnit.SECONDS);
        assertThat(file.readAll().get(30, TimeUnit.SECONDS)).isEqualTo(Files.readAllBytes(path));
        file.close().get(10, TimeUnit.SECONDS);
    }

    @Test
    void readOfNGivesNBytesUntilTheEndThenFewerThenNone() throws Exception {
        Path path = dir.resolve("small.txt");
        Files.writeString(path, "0123456789abc");
        AsyncFile file = AsyncFile.open(loop, path, 4, StandardOpenOption.READ).get(10, TimeUnit.SECONDS);
        CompletableFuture<byte[]> first = file.read(10); // three 4-byte chunks make ten bytes
        CompletableFuture<byte[]> second = file.read(10);
        CompletableFuture<byte[]> third = file.read(10);
        CompletableFuture<byte[]> zero = file.read(0);
        assertThat(new String(first.get(10, TimeUnit.SECONDS))).isEqualTo("0123456789");
        assertThat(new String(second.get(10, TimeUnit.SECONDS))).isEqualTo("abc");
        assertThat(third.get(10, TimeUnit.SECONDS)).isEmpty();
        assertThat(zero.get(10, TimeUnit.SECONDS)).isEmpty();
        assertThat(file.size().get(10, TimeUnit.SECONDS)).isEqualTo(13);
        file.close().get(10, TimeUnit.SECONDS);
    }

    @Test
    void writesInChunksArriveWholeAndInOrder() throws Exception {
        Path path = dir.resolve("written.bin");
        byte[] data = new byte[3 * 1024 * 1024 + 17];
        new Random(7).nextBytes(data);
        AsyncFile file = AsyncFile.open(loop, path, AsyncFile.DEFAULT_CHUNK_SIZE,
                StandardOpenOption.WRITE, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING)
                .get(10, TimeUnit.SECONDS);
        ByteBuffer head = ByteBuffer.wrap(data, 0, 1000);
        file.write(head);
        assertThat(head.hasRemaining()).isFalse(); // copied at once: the caller may reuse its buffer
        file.write(ByteBuffer.wrap(data, 1000, data.length - 1000));
        file.close().get(10, TimeUnit.SECONDS); // waits for both writes
        assertThat(Files.readAllBytes(path)).isEqualTo(data);
    }

    @Test
    void closeWaitsForQueuedOperationsAndLaterOnesFailWithClosedChannel() throws Exception {
        Path path = fileOf(1024 * 1024, 9);
        AsyncFile file = AsyncFile.open(loop, path, 1024, StandardOpenOption.READ).get(10, TimeUnit.SECONDS);
        CompletableFuture<byte[]> queuedBeforeClose = file.readAll(); // a thousand chunks: still running at close
        CompletableFuture<Void> closing = file.close();
        assertThat(file.close()).isSameAs(closing);
        assertThatThrownBy(() -> file.read(1).get(10, TimeUnit.SECONDS))
                .cause().isInstanceOf(ClosedChannelException.class);
        assertThat(queuedBeforeClose.get(10, TimeUnit.SECONDS)).hasSize(1024 * 1024);
        closing.get(10, TimeUnit.SECONDS);
    }

    @Test
    void cancellingAChunkedReadStopsItAndTheNextOperationStartsWhereItStopped() throws Exception {
        Path path = fileOf(1024 * 1024, 10);
        byte[] original = Files.readAllBytes(path);
        AsyncFile file = AsyncFile.open(loop, path, 1024, StandardOpenOption.READ).get(10, TimeUnit.SECONDS);
        List<Integer> sizes = new ArrayList<>(); // loop thread only
        CountDownLatch threeChunks = new CountDownLatch(3);
        java.util.concurrent.atomic.AtomicReference<CompletableFuture<Long>> reading =
                new java.util.concurrent.atomic.AtomicReference<>();
        // Started from the loop thread, so the reference is set before any chunk can arrive.
        CompletableFuture<Long> started = loop.submit(() -> {
            reading.set(file.readChunks(chunk -> {
                sizes.add(chunk.remaining());
                threeChunks.countDown();
                if (sizes.size() == 3) {
                    reading.get().cancel(false);
                }
            }));
            return reading.get();
        }).get(10, TimeUnit.SECONDS);
        assertThat(threeChunks.await(10, TimeUnit.SECONDS)).isTrue();
        byte[] next = file.read(1024).get(10, TimeUnit.SECONDS); // waits until the cancelled read has stopped
        int consumed = loop.submit(() -> sizes.stream().mapToInt(Integer::intValue).sum()).get(10, TimeUnit.SECONDS);
        assertThat(consumed).isEqualTo(3 * 1024);
        assertThat(next).isEqualTo(java.util.Arrays.copyOfRange(original, consumed, consumed + 1024));
        assertThat(started).isCancelled();
        file.close().get(10, TimeUnit.SECONDS);
    }

    @Test
    void openingAMissingFileFailsTheFuture() {
        assertThatThrownBy(() -> AsyncFile.open(loop, dir.resolve("missing")).get(10, TimeUnit.SECONDS))
                .cause().isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void argumentsAreCheckedAndNamed() throws Exception {
        assertThatThrownBy(() -> AsyncFile.open(loop, dir, 0)).hasMessage("chunkSize <= 0: 0");
        Path path = fileOf(10, 11);
        AsyncFile file = AsyncFile.open(loop, path).get(10, TimeUnit.SECONDS);
        assertThatThrownBy(() -> file.read(-2)).hasMessage("n < -1: -2");
        file.close().get(10, TimeUnit.SECONDS);
    }
}
