package dev.aioj.memcached;

import dev.aioj.loop.EventLoop;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The client's link to one memcached server: automatic pipelining over one
 * socket, the path every request takes. Requests from any thread go onto a
 * {@link SubmissionStack}; each loop iteration that finds some encodes them
 * all into one {@link RequestBuffer} and writes it once; replies are paired
 * with their requests by {@link InFlight} and complete them here.
 *
 * <p>This class owns the state that path reads on every request: the
 * socket's {@code state}, its {@link Wire}, whether it takes more bytes, and
 * whether the server is marked down or the client closed. {@link Lifecycle}
 * (connect, reconnect, mark down, close: once per socket, not per request)
 * moves that state on through {@link #enter}, {@link #attach}, {@link
 * #letGoOfWire} and {@link #markDown}, and never writes the fields itself;
 * {@link Deadlines} fails what waits too long and reports a dead peer to
 * {@link Lifecycle}.
 *
 * <p>Thread contract: {@link #start}, {@link #submit}, {@link #submitAll},
 * {@link #isDown}, {@link #close} and {@link #abort} from any thread;
 * everything else on the loop thread.
 */
final class MemcachedConnection {

    private static final System.Logger LOG = System.getLogger(MemcachedConnection.class.getName());

    /** Encoded bytes after which a batch is handed to the transport before encoding more. */
    private static final int BATCH_BYTES = 256 * 1024;

    enum State { CONNECTING, READY, WAITING, CLOSING, CLOSED }

    final EventLoop loop;
    final Endpoint endpoint;
    final String name;
    final MemcachedOptions options;

    // Any thread.
    private final SubmissionStack submitted = new SubmissionStack();
    /** Requests this connection holds (submitted, waiting, in flight), for the in-flight bound. */
    final AtomicInteger pending = new AtomicInteger();
    /** Moved by {@link Lifecycle}, on the loop ({@link #markDown}). */
    private volatile boolean down;
    /** Set by {@link #close} and {@link #abort}, on the caller's thread. */
    private volatile boolean closed;

    // Loop thread only.
    /** Moved by {@link Lifecycle} ({@link #enter}). */
    private State state = State.CONNECTING;
    private final ArrayDeque<Request> backlog = new ArrayDeque<>();
    final InFlight inFlight = new InFlight(pending);
    private final RequestBuffer out = new RequestBuffer();
    final Deadlines deadlines;
    final Lifecycle lifecycle;
    /** Moved by {@link Lifecycle} ({@link #attach}, {@link #letGoOfWire}). */
    private Wire wire;
    private boolean writable;
    private int nextOpaque;

    MemcachedConnection(EventLoop loop, Endpoint endpoint, MemcachedOptions options) {
        this.loop = loop;
        this.endpoint = endpoint;
        this.name = endpoint.toString();
        this.options = options;
        this.deadlines = new Deadlines(this, inFlight, backlog, options.timeout(), options.deadPeerTimeouts());
        this.lifecycle = new Lifecycle(this);
    }

    /** Starts connecting; the future says whether the first attempt succeeded. Any thread. */
    CompletableFuture<Boolean> start() {
        return lifecycle.start();
    }

    /** Whether the server is marked down, so its keys go elsewhere. Any thread. */
    boolean isDown() {
        return down;
    }

    /** Whether the socket is up and ready for requests. Loop thread. */
    boolean isReady() {
        return state == State.READY;
    }

    // ---------------------------------------------------------------- submitting (any thread)

    /**
     * Queues {@code request} for the next write, unless the connection is
     * closed, the server is down, or the in-flight bound is reached: then the
     * request fails at once and nothing is sent.
     */
    void submit(Request request) {
        if (refused(request, 1)) {
            return;
        }
        request.deadline = System.nanoTime() + options.timeout().toNanos();
        if (submitted.push(request)) {
            scheduleDrain();
        }
    }

    /** Queues {@code batch} so that it stays together; the same checks as {@link #submit}, for all of it. */
    void submitAll(Request[] batch) {
        if (refused(batch[batch.length - 1], batch.length)) {
            return;
        }
        long deadline = System.nanoTime() + options.timeout().toNanos();
        for (Request r : batch) {
            r.deadline = deadline;
        }
        if (submitted.pushAll(batch)) {
            scheduleDrain();
        }
    }

    private boolean refused(Request request, int count) {
        MemcachedException refusal = null;
        if (closed) {
            refusal = closedError();
        } else if (down) {
            refusal = downError();
        } else if (pending.addAndGet(count) > options.maxInFlight()) {
            pending.addAndGet(-count);
            refusal = new MemcachedOverloadedException(options.maxInFlight(), name);
        }
        if (refusal != null) {
            request.fail(refusal);
            return true;
        }
        return false;
    }

    private void scheduleDrain() {
        try {
            loop.execute(this::drain);
        } catch (RejectedExecutionException e) {
            failQueued(closedError()); // the loop is gone
        }
    }

    // ---------------------------------------------------------------- writing (loop)

    /** Takes everything submitted: writes it now, or keeps it until the socket can take it. */
    void drain() {
        Request r = submitted.takeAll();
        if (canWrite()) {
            for (Request waiting; canWrite() && (waiting = backlog.poll()) != null; ) {
                encode(waiting);
            }
        }
        while (r != null) {
            Request next = r.nextSubmitted;
            r.nextSubmitted = null;
            if (state == State.CLOSED) {
                r.fail(closedError());
                pending.decrementAndGet();
            } else if (canWrite() && backlog.isEmpty()) {
                encode(r);
            } else {
                backlog.add(r);
            }
            r = next;
        }
        flush();
        deadlines.arm();
    }

    private boolean canWrite() {
        return state == State.READY && writable;
    }

    void writeBacklog() {
        for (Request r; canWrite() && (r = backlog.poll()) != null; ) {
            encode(r);
        }
        flush();
        deadlines.arm();
    }

    private void encode(Request request) {
        if (request.isDone()) { // timed out or cancelled before it was written: never send it
            pending.decrementAndGet();
            return;
        }
        int opaque = 0;
        if (request.sendsOpaque()) {
            // unique among the requests in flight (at most maxInFlight of them) long before it wraps
            nextOpaque = nextOpaque == Integer.MAX_VALUE ? 1 : nextOpaque + 1;
            opaque = nextOpaque;
        }
        request.opaque = opaque;
        int mark = out.size();
        try {
            request.encode(out, opaque);
        } catch (RuntimeException e) {
            out.truncate(mark);
            request.fail(e);
            pending.decrementAndGet();
            return;
        }
        inFlight.add(request);
        if (out.size() >= BATCH_BYTES) {
            flush();
        }
    }

    private void flush() {
        if (!out.isEmpty() && wire != null) {
            wire.transport.write(out.array(), 0, out.size());
            out.clear();
        }
    }

    void onWritable(Wire from, boolean nowWritable) {
        if (from == wire) {
            writable = nowWritable;
            if (nowWritable) {
                writeBacklog();
            }
        }
    }

    // ---------------------------------------------------------------- reading (loop)

    void onData(Wire from, ByteBuffer data) {
        if (from != wire) {
            return;
        }
        try {
            while (from.parser.parse(data)) {
                MetaReply reply = from.parser.reply;
                Request request = inFlight.take(reply, name);
                deadlines.replyArrived();
                if (request.isDone()) {
                    continue; // timed out or cancelled: its late reply is dropped here, and nowhere else
                }
                if (reply.status == MetaReply.Status.ERROR) {
                    request.fail(new MemcachedReplyException(reply.errorKind, reply.errorMessage, name));
                    if (request instanceof StoreRequest && reply.errorKind != MemcachedReplyException.Kind.SERVER_ERROR) {
                        // memcached refused the ms line before reading the value, so it reads the value as
                        // commands: nothing after this point of the stream can be trusted
                        throw new MemcachedProtocolException("ms refused with " + reply.errorKind + " "
                                + reply.errorMessage + ": its value was read as commands", -1, name);
                    }
                } else {
                    try {
                        request.complete(reply, name);
                    } catch (MemcachedProtocolException e) {
                        request.fail(e);
                        throw e;
                    }
                }
            }
        } catch (MemcachedProtocolException e) {
            LOG.log(System.Logger.Level.WARNING, "protocol error from " + name + ", dropping the connection", e);
            lifecycle.dropWire(e);
            return;
        }
        lifecycle.closeIfSettled();
    }

    // ---------------------------------------------------------------- closing (any thread; the rest is Lifecycle's)

    /** Stops taking requests, lets the written ones finish (or time out), then closes the socket. */
    CompletableFuture<Void> close() {
        closed = true;
        return lifecycle.close();
    }

    /** Closes now; everything pending fails. Any thread. */
    void abort() {
        closed = true;
        lifecycle.abort();
    }

    // ---------------------------------------------------------------- the socket's life, moved by Lifecycle (loop)

    State state() {
        return state;
    }

    /** The socket requests are written to; null while there is none. */
    Wire wire() {
        return wire;
    }

    void enter(State next) {
        state = next;
    }

    /** {@code attempt} connected: requests go to its socket from now on. */
    void attach(Wire attempt) {
        wire = attempt;
        writable = true;
    }

    /** Lets go of the socket: nothing more is written to it, and its events are ignored. */
    void letGoOfWire() {
        wire = null;
        writable = false;
    }

    void markDown(boolean isDown) {
        down = isDown;
    }

    /** Fails every request that waits to be written. */
    void failBacklog(MemcachedException error) {
        for (Request r; (r = backlog.poll()) != null; ) {
            r.fail(error);
            pending.decrementAndGet();
        }
    }

    /** Fails every request submitted and not yet taken by a drain. */
    void failQueued(MemcachedException error) {
        for (Request r = submitted.takeAll(); r != null; ) {
            Request next = r.nextSubmitted;
            r.nextSubmitted = null;
            r.fail(error);
            pending.decrementAndGet();
            r = next;
        }
    }

    MemcachedConnectionException closedError() {
        return new MemcachedConnectionException("the client of " + name + " is closed", name, false, false, null);
    }

    MemcachedConnectionException downError() {
        return new MemcachedConnectionException(name + " is marked down; not sent", name, false, true, null);
    }

    @Override
    public String toString() {
        return "MemcachedConnection[" + name + (down ? ", down" : "") + "]";
    }
}
