package dev.aioj.stream;

import dev.aioj.loop.EventLoop;
import dev.aioj.net.Transport;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;

/**
 * The reading half of a stream connection: asyncio's {@code StreamReader}.
 * Bytes from the transport are buffered here until a read takes them; each
 * read returns a future that completes on the loop thread.
 *
 * <p>Reads may be issued before earlier ones complete: they queue and are
 * served in order, each taking its bytes from where the previous one stopped
 * (asyncio refuses a second waiting read; a future-based API need not). A
 * read whose future the caller completed or cancelled meanwhile (a timeout,
 * say) is skipped and takes no bytes.
 *
 * <p>The limit (default 64 KiB) bounds memory the way asyncio's does. {@link
 * #readLine} and {@link #readUntil} fail with {@link LimitOverrunException}
 * instead of buffering a line longer than the limit; the bytes stay buffered.
 * While no read is waiting, reading from the socket pauses once more than
 * twice the limit is buffered and resumes when the buffer is back under the
 * limit, so a peer that sends faster than the application reads is slowed
 * down by TCP itself. A waiting read always resumes reading, so {@code
 * readExactly(n)} with {@code n} above the limit still completes.
 *
 * <p>When the connection ends with an error, reads that can be served from
 * bytes already buffered still are; the others fail with that error.
 *
 * <p>Thread contract: any thread. Reads called off the loop thread are handed
 * to the loop; their futures always complete on the loop thread. For blocking
 * code on virtual threads, see {@link #sync()}.
 */
public final class StreamReader {

    /** asyncio's default: 64 KiB, beyond which a line is refused and reading pauses at twice that. */
    public static final int DEFAULT_LIMIT = 64 * 1024;

    private static final byte[] NEWLINE = {'\n'};

    private enum Kind { READ, READ_EXACTLY, READ_UNTIL, READ_LINE, AT_EOF }

    /** One queued read: what it asks for, and its outcome once known. */
    private static final class Request {
        final Kind kind;
        final int n;
        final byte[] separator;
        final CompletableFuture<Object> future;
        int searched; // a READ_UNTIL's scan position: bytes before it hold no separator
        Object result;
        Throwable failure;

        Request(Kind kind, int n, byte[] separator, CompletableFuture<Object> future) {
            this.kind = kind;
            this.n = n;
            this.separator = separator;
            this.future = future;
        }
    }

    private final EventLoop loop;
    private final int limit;
    private final ReadBuffer buffer;
    private final ArrayDeque<Request> pending = new ArrayDeque<>();
    private final SyncStreamReader sync = new SyncStreamReader(this);
    private Transport transport; // null until attached: no flow control
    private boolean eof;
    private Throwable exception;
    private boolean paused;
    private boolean processing;

    StreamReader(EventLoop loop, int limit) {
        if (limit <= 0) {
            throw new IllegalArgumentException("limit <= 0: " + limit);
        }
        this.loop = Objects.requireNonNull(loop, "loop");
        this.limit = limit;
        this.buffer = new ReadBuffer(Math.max(2 * limit + 64 * 1024, 256 * 1024));
    }

    /** The loop whose thread completes this reader's futures. */
    public EventLoop loop() {
        return loop;
    }

    /** The most bytes a line or a chunk before a separator may have. */
    public int limit() {
        return limit;
    }

    /** A blocking view of this reader for code on virtual threads; refuses to run on a loop thread. */
    public SyncStreamReader sync() {
        return sync;
    }

    /**
     * Up to {@code n} bytes: as soon as at least one is available, without
     * waiting for more; an empty array at EOF. {@code n == -1} reads until EOF
     * and returns everything (memory grows with the stream: the caller asked
     * for it); {@code n == 0} returns an empty array at once.
     *
     * @throws IllegalArgumentException if {@code n < -1}
     */
    public CompletableFuture<byte[]> read(int n) {
        if (n < -1) {
            throw new IllegalArgumentException("n < -1: " + n);
        }
        return submit(Kind.READ, n, null);
    }

    /**
     * Exactly {@code n} bytes. If EOF comes first, fails with {@link
     * IncompleteReadException} carrying the bytes that came.
     *
     * @throws IllegalArgumentException if {@code n < 0}
     */
    public CompletableFuture<byte[]> readExactly(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("n < 0: " + n);
        }
        return submit(Kind.READ_EXACTLY, n, null);
    }

    /**
     * The bytes up to and including the next {@code separator}. Fails with
     * {@link IncompleteReadException} (the partial bytes, expected {@link
     * IncompleteReadException#UNKNOWN}) at EOF before it, and with {@link
     * LimitOverrunException} if more than {@link #limit()} bytes come before
     * it; the bytes then stay in the reader.
     *
     * @throws IllegalArgumentException if {@code separator} is empty
     */
    public CompletableFuture<byte[]> readUntil(byte[] separator) {
        if (separator.length == 0) {
            throw new IllegalArgumentException("separator is empty");
        }
        return submit(Kind.READ_UNTIL, 0, separator.clone());
    }

    /**
     * One line, with its {@code '\n'}. At EOF: the last, unterminated line,
     * or an empty array if nothing is left. A line longer than {@link
     * #limit()} fails with {@link LimitOverrunException} and stays in the
     * reader (asyncio drops it; keeping it lets the caller decide).
     */
    public CompletableFuture<byte[]> readLine() {
        return submit(Kind.READ_LINE, 0, NEWLINE);
    }

    /**
     * Whether the stream is over: completes with {@code false} as soon as a
     * byte is available to read, with {@code true} at EOF with nothing left.
     * Unlike asyncio's {@code at_eof()}, it waits until it knows.
     */
    public CompletableFuture<Boolean> atEof() {
        return submit(Kind.AT_EOF, 0, null);
    }

    @Override
    public String toString() {
        return "StreamReader[limit=" + limit + (eof ? ", eof" : "") + "]";
    }

    @SuppressWarnings("unchecked")
    private <T> CompletableFuture<T> submit(Kind kind, int n, byte[] separator) {
        CompletableFuture<Object> future = loop.createFuture();
        Request request = new Request(kind, n, separator, future);
        if (loop.inEventLoop()) {
            enqueue(request);
        } else {
            try {
                loop.execute(() -> enqueue(request));
            } catch (RejectedExecutionException e) {
                future.completeExceptionally(e);
            }
        }
        return (CompletableFuture<T>) (CompletableFuture<?>) future;
    }

    private void enqueue(Request request) {
        pending.add(request);
        process();
    }

    // ---------------------------------------------------------------- fed by the protocol, loop thread only

    /** Starts flow control over {@code transport}. */
    void attach(Transport transport) {
        this.transport = transport;
    }

    /** Bytes arrived; {@code data} is copied. */
    void feedData(java.nio.ByteBuffer data) {
        if (eof || !data.hasRemaining()) {
            return;
        }
        buffer.append(data);
        process();
    }

    /** The peer will send no more. */
    void feedEof() {
        eof = true;
        process();
    }

    /** The connection ended with {@code error}; reads that need more bytes fail with it. */
    void setException(Throwable error) {
        exception = error;
        process();
    }

    /** Bytes buffered and not yet read; for tests of the memory bound. */
    int bufferedBytes() {
        return buffer.size();
    }

    /** The error the connection ended with, or null. */
    Throwable exception() {
        return exception;
    }

    // ---------------------------------------------------------------- serving reads, loop thread only

    private void process() {
        if (processing) {
            return; // a completed read's callback issued another read: the running loop below serves it
        }
        processing = true;
        try {
            Request request;
            while ((request = pending.peek()) != null) {
                if (request.future.isDone()) {
                    pending.poll(); // given up by the caller: takes no bytes
                    continue;
                }
                if (!attempt(request)) {
                    break;
                }
                pending.poll();
                if (request.failure != null) {
                    request.future.completeExceptionally(request.failure);
                } else {
                    request.future.complete(request.result);
                }
            }
        } finally {
            processing = false;
        }
        updateFlow();
    }

    /** Tries to finish {@code r} from the buffer: true once it has a result or a failure. */
    private boolean attempt(Request r) {
        int size = buffer.size();
        switch (r.kind) {
            case READ -> {
                if (r.n == 0) {
                    return done(r, ReadBuffer.EMPTY);
                }
                if (r.n < 0) {
                    return eof ? done(r, buffer.takeAll()) : needMore(r);
                }
                if (size > 0) {
                    return done(r, buffer.take(Math.min(r.n, size)));
                }
                return eof ? done(r, ReadBuffer.EMPTY) : needMore(r);
            }
            case READ_EXACTLY -> {
                if (size >= r.n) {
                    return done(r, buffer.take(r.n));
                }
                return eof ? failed(r, new IncompleteReadException(buffer.takeAll(), r.n)) : needMore(r);
            }
            case READ_UNTIL, READ_LINE -> {
                return attemptUntil(r, size);
            }
            case AT_EOF -> {
                if (size > 0) {
                    return done(r, Boolean.FALSE);
                }
                return eof ? done(r, Boolean.TRUE) : needMore(r);
            }
        }
        throw new AssertionError(r.kind);
    }

    /** asyncio's readuntil: scan only new bytes, refuse past the limit, keep the bytes when refusing. */
    private boolean attemptUntil(Request r, int size) {
        int found = buffer.indexOf(r.separator, r.searched);
        if (found >= 0) {
            if (found > limit) {
                return failed(r, new LimitOverrunException("separator found after the limit", found, limit));
            }
            return done(r, buffer.take(found + r.separator.length));
        }
        r.searched = Math.max(0, size + 1 - r.separator.length);
        if (r.searched > limit) {
            return failed(r, new LimitOverrunException("separator not found within the limit", r.searched, limit));
        }
        if (eof) {
            byte[] partial = buffer.takeAll();
            return r.kind == Kind.READ_LINE
                    ? done(r, partial)
                    : failed(r, new IncompleteReadException(partial, IncompleteReadException.UNKNOWN));
        }
        return needMore(r);
    }

    private static boolean done(Request r, Object result) {
        r.result = result;
        return true;
    }

    private static boolean failed(Request r, Throwable failure) {
        r.failure = failure;
        return true;
    }

    /** The buffer cannot serve {@code r}: wait for bytes, unless none will come. */
    private boolean needMore(Request r) {
        return exception != null && failed(r, exception);
    }

    /** asyncio's flow control: read while someone waits; else pause above 2 x limit, resume at the limit. */
    private void updateFlow() {
        if (transport == null || eof || exception != null) {
            return;
        }
        int size = buffer.size();
        if (!pending.isEmpty()) {
            if (paused) {
                paused = false;
                transport.resumeReading(); // a waiting read must not deadlock on a paused socket
            }
        } else if (!paused && size > 2L * limit) {
            paused = true;
            transport.pauseReading();
        } else if (paused && size <= limit) {
            paused = false;
            transport.resumeReading();
        }
    }
}
