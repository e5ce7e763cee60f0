package dev.aioj.stream;

import java.io.IOException;

/**
 * The blocking twin of a {@link StreamReader}, for code on virtual threads:
 * Java's answer to asyncio's {@code await reader.readline()}. Each method
 * issues the same read as the reader's future-returning method and blocks the
 * calling thread until it completes, rethrowing its failure as is ({@link
 * IncompleteReadException}, {@link LimitOverrunException}, the connection's
 * error). An interrupt gives the read up; it then takes no bytes.
 *
 * <p>Thread contract: any thread except a loop thread, where every method
 * throws {@link IllegalStateException} instead of deadlocking. Calls from
 * several threads at once are served in the order the reads reach the loop.
 */
public final class SyncStreamReader {

    private final StreamReader reader;

    SyncStreamReader(StreamReader reader) {
        this.reader = reader;
    }

    /** The non-blocking reader this view waits on. */
    public StreamReader async() {
        return reader;
    }

    /** See {@link StreamReader#read(int)}: up to {@code n} bytes, empty at EOF, {@code -1} for all. */
    public byte[] read(int n) throws IOException {
        Await.refuseOnLoopThread("read(n)");
        return Await.result(reader.read(n));
    }

    /** See {@link StreamReader#readExactly(int)}. */
    public byte[] readExactly(int n) throws IOException {
        Await.refuseOnLoopThread("readExactly(n)");
        return Await.result(reader.readExactly(n));
    }

    /** See {@link StreamReader#readUntil(byte[])}. */
    public byte[] readUntil(byte[] separator) throws IOException {
        Await.refuseOnLoopThread("readUntil(separator)");
        return Await.result(reader.readUntil(separator));
    }

    /** See {@link StreamReader#readLine()}: a line with its {@code '\n'}, empty at EOF. */
    public byte[] readLine() throws IOException {
        Await.refuseOnLoopThread("readLine()");
        return Await.result(reader.readLine());
    }

    /** See {@link StreamReader#atEof()}: blocks until a byte or EOF arrives. */
    public boolean atEof() throws IOException {
        Await.refuseOnLoopThread("atEof()");
        return Await.result(reader.atEof());
    }
}
