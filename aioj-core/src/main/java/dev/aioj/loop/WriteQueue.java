package dev.aioj.loop;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.util.ArrayDeque;

/**
 * A transport's outbound bytes, waiting for the end-of-iteration flush.
 *
 * <p>{@link #add} copies: the caller's buffer is often the loop's shared read
 * buffer, which the next read overwrites. Small writes are packed into 16 KiB
 * heap chunks, so 10,000 one-byte writes are one chunk, not 10,000 buffers;
 * one spare chunk is kept, so a steady ping-pong allocates nothing.
 *
 * <p>{@link #writeTo} copies the head of the queue into the loop's direct
 * staging buffer and writes it with one system call. Handing heap buffers to
 * a gathering write would make the JDK copy each one into a temporary direct
 * buffer anyway; one staging buffer is the same copy with a single iovec.
 *
 * <p>Thread contract: loop thread only.
 */
final class WriteQueue {

    /** Packing unit for small writes; larger writes get a chunk of their own size. */
    static final int CHUNK_SIZE = 16 * 1024;

    /** Bytes [head, tail) of data are queued. */
    private static final class Chunk {
        final byte[] data;
        int head;
        int tail;

        Chunk(int capacity) {
            data = new byte[capacity];
        }
    }

    private final ArrayDeque<Chunk> chunks = new ArrayDeque<>();
    private Chunk spare;
    private long size;

    long size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** Appends the remaining bytes of {@code src}, moving its position to its limit. */
    void add(ByteBuffer src) {
        int n = src.remaining();
        size += n;
        Chunk last = chunks.peekLast();
        if (last != null) {
            int room = last.data.length - last.tail;
            int k = Math.min(room, n);
            if (k > 0) {
                src.get(last.data, last.tail, k);
                last.tail += k;
                n -= k;
            }
        }
        if (n > 0) {
            Chunk chunk = newChunk(n);
            src.get(chunk.data, 0, n);
            chunk.tail = n;
            chunks.add(chunk);
        }
    }

    /** Appends {@code src[offset, offset + length)}. */
    void add(byte[] src, int offset, int length) {
        size += length;
        Chunk last = chunks.peekLast();
        if (last != null) {
            int k = Math.min(last.data.length - last.tail, length);
            if (k > 0) {
                System.arraycopy(src, offset, last.data, last.tail, k);
                last.tail += k;
                offset += k;
                length -= k;
            }
        }
        if (length > 0) {
            Chunk chunk = newChunk(length);
            System.arraycopy(src, offset, chunk.data, 0, length);
            chunk.tail = length;
            chunks.add(chunk);
        }
    }

    private Chunk newChunk(int needed) {
        if (needed > CHUNK_SIZE) {
            return new Chunk(needed);
        }
        Chunk chunk = spare;
        if (chunk != null) {
            spare = null;
            return chunk;
        }
        return new Chunk(CHUNK_SIZE);
    }

    /**
     * Writes up to {@code staging.capacity()} queued bytes with one call and
     * drops what was written.
     *
     * @return bytes written; fewer than {@code min(size(), staging.capacity())}
     *     means the socket is full
     */
    int writeTo(WritableByteChannel channel, ByteBuffer staging) throws IOException {
        staging.clear();
        for (Chunk chunk : chunks) {
            int k = Math.min(chunk.tail - chunk.head, staging.remaining());
            staging.put(chunk.data, chunk.head, k);
            if (!staging.hasRemaining()) {
                break;
            }
        }
        staging.flip();
        int written = channel.write(staging);
        consume(written);
        return written;
    }

    private void consume(int n) {
        size -= n;
        while (n > 0) {
            Chunk head = chunks.peekFirst();
            int available = head.tail - head.head;
            if (n < available) {
                head.head += n;
                return;
            }
            n -= available;
            chunks.pollFirst();
            recycle(head);
        }
    }

    private void recycle(Chunk chunk) {
        if (chunk.data.length == CHUNK_SIZE && spare == null) {
            chunk.head = 0;
            chunk.tail = 0;
            spare = chunk;
        }
    }

    /** Drops everything queued. */
    void clear() {
        chunks.clear();
        size = 0;
    }
}
