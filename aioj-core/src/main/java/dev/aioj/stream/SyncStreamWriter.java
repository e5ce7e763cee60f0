package dev.aioj.stream;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The blocking twin of a {@link StreamWriter}, for code on virtual threads:
 * {@code writer.sync().drain()} is asyncio's {@code await writer.drain()}.
 * Writes do not block (they queue, as on the writer); {@link #drain} and
 * {@link #waitClosed} do.
 *
 * <p>Thread contract: any thread except a loop thread, where the blocking
 * methods throw {@link IllegalStateException} instead of deadlocking.
 */
public final class SyncStreamWriter {

    private final StreamWriter writer;

    SyncStreamWriter(StreamWriter writer) {
        this.writer = writer;
    }

    /** The non-blocking writer this view waits on. */
    public StreamWriter async() {
        return writer;
    }

    /** Queues a copy of {@code data}; see {@link StreamWriter#write(byte[])}. */
    public void write(byte[] data) {
        writer.write(data);
    }

    /** Queues {@code text} as UTF-8. */
    public void write(String text) {
        writer.write(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Blocks while the transport is above its high-water mark; throws if the connection is lost. */
    public void drain() throws IOException {
        Await.refuseOnLoopThread("drain()");
        Await.result(writer.drain());
    }

    /** See {@link StreamWriter#writeEof()}. */
    public void writeEof() {
        writer.writeEof();
    }

    /** See {@link StreamWriter#canWriteEof()}. */
    public boolean canWriteEof() {
        return writer.canWriteEof();
    }

    /** Starts closing, without waiting; see {@link #waitClosed}. */
    public void close() {
        writer.close();
    }

    /** Blocks until the connection has closed; throws the error it ended with, if any. */
    public void waitClosed() throws IOException {
        Await.refuseOnLoopThread("waitClosed()");
        Await.result(writer.waitClosed());
    }
}
