package dev.aioj.file;

import dev.aioj.loop.EventLoop;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * A file read and written in chunks without blocking the loop: the seeds'
 * {@code AsyncFileWrapper}, done the way its errata asked. Selectors cannot
 * wait on files (a regular file is always "ready", and a read of a cold disk
 * blocks), so each chunk is a {@link FileChannel} call on the loop's offload
 * executor ({@link EventLoop#runBlocking}, virtual threads by default), and
 * the loop thread only stitches the chunks together. Between two chunks the
 * loop serves its other channels, and a large read reports progress.
 *
 * <p>Operations run one at a time, in the order they were called, each from
 * where the previous one left the file's position. {@link #close} waits for
 * the operations queued before it (the seed's wrapper could run a read after
 * close); any operation after it fails with {@link ClosedChannelException}.
 *
 * <pre>{@code
 * AsyncFile file = AsyncFile.open(loop, path).join();
 * file.readChunks(64 * 1024, chunk -> progress.add(chunk.remaining()))
 *     .thenCompose(total -> file.close());
 * }</pre>
 *
 * <p>Thread contract: any thread. Futures complete on the loop thread, where
 * chunk consumers run too.
 */
public final class AsyncFile {

    /** Bytes per offloaded call: 64 KiB, the loop's own read size, where the seed used one 4 KiB page. */
    public static final int DEFAULT_CHUNK_SIZE = 64 * 1024;

    private final EventLoop loop;
    private final Path path;
    private final FileChannel channel;
    private final int chunkSize;
    private CompletableFuture<Void> tail = CompletableFuture.completedFuture(null); // guarded by this
    private CompletableFuture<Void> closed; // guarded by this; set by the first close()

    private AsyncFile(EventLoop loop, Path path, FileChannel channel, int chunkSize) {
        this.loop = loop;
        this.path = path;
        this.channel = channel;
        this.chunkSize = chunkSize;
    }

    /** Opens {@code path} for reading. */
    public static CompletableFuture<AsyncFile> open(EventLoop loop, Path path) {
        return open(loop, path, DEFAULT_CHUNK_SIZE, StandardOpenOption.READ);
    }

    /**
     * Opens {@code path} with {@code options} (as {@link FileChannel#open}:
     * READ, WRITE, CREATE, TRUNCATE_EXISTING, APPEND, ...), off the loop
     * thread, moving at most {@code chunkSize} bytes per offloaded call.
     *
     * @throws IllegalArgumentException if {@code chunkSize <= 0}
     */
    public static CompletableFuture<AsyncFile> open(EventLoop loop, Path path, int chunkSize, OpenOption... options) {
        Objects.requireNonNull(loop, "loop");
        Objects.requireNonNull(path, "path");
        if (chunkSize <= 0) {
            throw new IllegalArgumentException("chunkSize <= 0: " + chunkSize);
        }
        OpenOption[] opened = options.length == 0 ? new OpenOption[] {StandardOpenOption.READ} : options.clone();
        return loop.runBlocking(() -> new AsyncFile(loop, path, FileChannel.open(path, opened), chunkSize));
    }

    /** The file's path. */
    public Path path() {
        return path;
    }

    /**
     * The seed's {@code read(n)}: {@code n} bytes from the current position,
     * fewer only at the end of the file (an empty array there); {@code n ==
     * -1} reads to the end. Read chunk by chunk; cancelling the future stops
     * after the current chunk.
     *
     * @throws IllegalArgumentException if {@code n < -1}
     */
    public CompletableFuture<byte[]> read(int n) {
        if (n < -1) {
            throw new IllegalArgumentException("n < -1: " + n);
        }
        return enqueue(job -> readInto(new Accumulator(n), job));
    }

    /** Everything from the current position to the end; {@code read(-1)}. */
    public CompletableFuture<byte[]> readAll() {
        return read(-1);
    }

    /**
     * Reads from the current position to the end, one chunk at a time,
     * handing each chunk to {@code onChunk} on the loop thread (the buffer is
     * valid only during the call, as in {@code dataReceived}). Memory stays at
     * one chunk whatever the file's size. Completes with the bytes read;
     * cancelling the future stops after the current chunk.
     */
    public CompletableFuture<Long> readChunks(Consumer<ByteBuffer> onChunk) {
        Objects.requireNonNull(onChunk, "onChunk");
        return enqueue(job -> nextChunk(ByteBuffer.allocate(chunkSize), onChunk, 0, job));
    }

    /** Writes all of {@code data} at the current position (a copy is taken now), chunk by chunk. */
    public CompletableFuture<Void> write(byte[] data) {
        return write(ByteBuffer.wrap(data));
    }

    /** Writes the remaining bytes of {@code data} (copied now; its position moves to its limit). */
    public CompletableFuture<Void> write(ByteBuffer data) {
        ByteBuffer copy = ByteBuffer.allocate(data.remaining()).put(data).flip();
        return enqueue(job -> writeFrom(copy, job));
    }

    /** The file's current size. */
    public CompletableFuture<Long> size() {
        return enqueue(job -> loop.runBlocking(channel::size).whenComplete(job::end));
    }

    /**
     * Closes the file once the operations queued before this call are done;
     * operations called after it fail with {@link ClosedChannelException}.
     * Idempotent: later calls return the first call's future.
     */
    public synchronized CompletableFuture<Void> close() {
        if (closed == null) {
            closed = enqueue(job -> loop.runBlocking(() -> {
                channel.close();
                return (Void) null;
            }).whenComplete(job::end));
        }
        return closed;
    }

    @Override
    public String toString() {
        return "AsyncFile[" + path + "]";
    }

    // ---------------------------------------------------------------- one operation at a time

    /**
     * One queued operation: the caller's future, and when the operation has
     * really stopped touching the channel. They differ when the caller cancels
     * mid-chunk; the next operation waits for the second.
     */
    private static final class Job<T> {
        final CompletableFuture<T> result;
        final CompletableFuture<Void> finished = new CompletableFuture<>();

        Job(CompletableFuture<T> result) {
            this.result = result;
        }

        /** True (and finished) if the caller gave up: start no more I/O. */
        boolean abandoned() {
            if (result.isDone()) {
                finished.complete(null);
                return true;
            }
            return false;
        }

        void end(T value, Throwable error) {
            if (error != null) {
                result.completeExceptionally(error);
            } else {
                result.complete(value);
            }
            finished.complete(null);
        }
    }

    /** Runs {@code operation} once every operation queued before it has stopped, whatever its outcome. */
    private synchronized <T> CompletableFuture<T> enqueue(Consumer<Job<T>> operation) {
        CompletableFuture<T> result = loop.createFuture();
        if (closed != null) {
            result.completeExceptionally(new ClosedChannelException());
            return result;
        }
        Job<T> job = new Job<>(result);
        CompletableFuture<Void> previous = tail;
        tail = job.finished;
        Runnable start = () -> {
            if (job.abandoned()) {
                return;
            }
            try {
                operation.accept(job);
            } catch (RuntimeException e) {
                job.end(null, e);
            }
        };
        previous.whenComplete((ignored, error) -> {
            try {
                loop.execute(start); // every step of every operation runs on the loop thread
            } catch (java.util.concurrent.RejectedExecutionException e) {
                job.end(null, e);
            }
        });
        return result;
    }

    /** Bytes read so far by one {@code read(n)}. */
    private static final class Accumulator {
        final int wanted; // -1: to the end
        byte[] bytes = new byte[0];
        int size;

        Accumulator(int wanted) {
            this.wanted = wanted;
        }

        int nextRequest(int chunkSize) {
            return wanted < 0 ? chunkSize : Math.min(chunkSize, wanted - size);
        }

        void add(ByteBuffer chunk) {
            int n = chunk.remaining();
            if (size + n > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(size + n, Math.min(Integer.MAX_VALUE - 8, 2 * bytes.length)));
            }
            chunk.get(bytes, size, n);
            size += n;
        }

        byte[] result() {
            return size == bytes.length ? bytes : Arrays.copyOf(bytes, size);
        }
    }

    private void readInto(Accumulator into, Job<byte[]> job) {
        int want = into.nextRequest(chunkSize);
        if (want == 0) {
            job.end(into.result(), null);
            return;
        }
        if (job.abandoned()) {
            return;
        }
        ByteBuffer chunk = ByteBuffer.allocate(want);
        loop.runBlocking(() -> channel.read(chunk)).whenComplete((n, error) -> {
            if (error != null) {
                job.end(null, error);
            } else if (n < 0) {
                job.end(into.result(), null);
            } else {
                into.add(chunk.flip());
                readInto(into, job); // back on the loop thread between chunks: other work gets its turn
            }
        });
    }

    private void nextChunk(ByteBuffer buffer, Consumer<ByteBuffer> onChunk, long total, Job<Long> job) {
        if (job.abandoned()) {
            return;
        }
        buffer.clear();
        loop.runBlocking(() -> channel.read(buffer)).whenComplete((n, error) -> {
            if (error != null) {
                job.end(null, error);
                return;
            }
            if (n < 0) {
                job.end(total, null);
                return;
            }
            buffer.flip();
            try {
                onChunk.accept(buffer);
            } catch (RuntimeException e) {
                job.end(null, e);
                return;
            }
            nextChunk(buffer, onChunk, total + n, job);
        });
    }

    private void writeFrom(ByteBuffer data, Job<Void> job) {
        if (!data.hasRemaining()) {
            job.end(null, null);
            return;
        }
        if (job.abandoned()) {
            return;
        }
        ByteBuffer chunk = data.slice(data.position(), Math.min(chunkSize, data.remaining()));
        loop.runBlocking(() -> writeFully(chunk)).whenComplete((n, error) -> {
            if (error != null) {
                job.end(null, error);
            } else {
                data.position(data.position() + n);
                writeFrom(data, job);
            }
        });
    }

    private int writeFully(ByteBuffer chunk) throws IOException {
        int written = 0;
        while (chunk.hasRemaining()) {
            written += channel.write(chunk);
        }
        return written;
    }
}
