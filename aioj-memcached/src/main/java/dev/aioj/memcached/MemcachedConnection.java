package dev.aioj.memcached;

import dev.aioj.loop.EventLoop;
import dev.aioj.loop.TimerHandle;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The client's link to one memcached server: automatic pipelining over one
 * socket. Requests from any thread go onto a {@link SubmissionStack}; each
 * loop iteration that finds some encodes them all into one {@link
 * RequestBuffer} and writes it once; replies are paired with their requests
 * by {@link InFlight}.
 *
 * <p>It also owns the socket's life and the server's health:
 *
 * <pre>
 * CONNECTING -&gt; READY -&gt; (lost, dead peer, protocol error) WAITING -&gt; CONNECTING ...
 *            -&gt; (refused) WAITING                  any -&gt; CLOSING (close asked) -&gt; CLOSED
 * </pre>
 *
 * After {@link MemcachedOptions#failureLimit} failures in a row the server is
 * marked down: requests waiting for it fail with {@link
 * MemcachedConnectionException} (never written, so safe to retry) and the
 * client routes its keys to the next server, while this connection keeps
 * retrying with {@link Backoff}; the first successful connect brings it back.
 * A written request is never written again (at most once): when its socket
 * is lost it fails with {@code mayHaveExecuted() == true}.
 *
 * <p>Thread contract: {@link #submit}, {@link #isDown}, {@link #close} from
 * any thread; everything else on the loop thread.
 */
final class MemcachedConnection {

    private static final System.Logger LOG = System.getLogger(MemcachedConnection.class.getName());

    /** Encoded bytes after which a batch is handed to the transport before encoding more. */
    private static final int BATCH_BYTES = 256 * 1024;

    enum State { CONNECTING, READY, WAITING, CLOSING, CLOSED }

    final EventLoop loop;
    final Endpoint endpoint;
    final String name;
    private final MemcachedOptions options;
    private final Backoff backoff;

    // Any thread.
    private final SubmissionStack submitted = new SubmissionStack();
    /** Requests this connection holds (submitted, waiting, in flight), for the in-flight bound. */
    final AtomicInteger pending = new AtomicInteger();
    private volatile boolean down;
    private volatile boolean closed;
    private final CompletableFuture<Boolean> firstAttempt = new CompletableFuture<>();
    private final CompletableFuture<Void> closedFuture = new CompletableFuture<>();

    // Loop thread only.
    private State state = State.CONNECTING;
    private final ArrayDeque<Request> backlog = new ArrayDeque<>();
    private final InFlight inFlight = new InFlight(pending);
    private final RequestBuffer out = new RequestBuffer();
    private final Deadlines deadlines;
    private Wire wire;
    private boolean writable;
    private int failuresInARow;
    private int reconnectAttempt;
    private int nextOpaque;

    MemcachedConnection(EventLoop loop, Endpoint endpoint, MemcachedOptions options) {
        this.loop = loop;
        this.endpoint = endpoint;
        this.name = endpoint.toString();
        this.options = options;
        this.backoff = new Backoff(options.backoffMin(), options.backoffMax());
        this.deadlines = new Deadlines(this, inFlight, backlog, options.timeout(), options.deadPeerTimeouts());
    }

    /** Starts connecting; the future says whether the first attempt succeeded. Any thread. */
    CompletableFuture<Boolean> start() {
        onLoop(this::connect);
        return firstAttempt;
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
    private void drain() {
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

    private void writeBacklog() {
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
            dropWire(e);
            return;
        }
        closeIfSettled();
    }

    // ---------------------------------------------------------------- connecting (loop)

    private void connect() {
        if (state == State.CLOSED || state == State.CLOSING) {
            return;
        }
        state = State.CONNECTING;
        Wire attempt = new Wire(this, new MetaReplyParser(name, options.maxValueLength()));
        CompletableFuture<?> connecting = loop.createConnection(() -> attempt, endpoint.host(), endpoint.port());
        TimerHandle timer = loop.callLater(options.connectTimeout(), () -> connecting.completeExceptionally(
                new MemcachedConnectionException("connecting to " + name + " took longer than "
                        + options.connectTimeout().toMillis() + " ms", name, false, false, null)));
        connecting.whenComplete((connection, error) -> onLoop(() -> {
            timer.cancel();
            if (error != null) {
                attempt.abandon(); // should the socket connect after the deadline, it is closed at once
                failed("cannot connect to " + name + ": " + rootMessage(error));
                return;
            }
            if (state != State.CONNECTING) {
                attempt.transport.abort(); // closed meanwhile
                return;
            }
            wire = attempt;
            writable = true;
            becameReady();
        }));
    }

    private void becameReady() {
        state = State.READY;
        if (down) {
            LOG.log(System.Logger.Level.INFO, "{0} is back up", name);
        } else if (failuresInARow > 0) {
            LOG.log(System.Logger.Level.INFO, "reconnected to {0}", name);
        }
        down = false;
        failuresInARow = 0;
        reconnectAttempt = 0;
        deadlines.replyArrived();
        firstAttempt.complete(true);
        writeBacklog();
    }

    /** A connect failed or the socket was lost: count it, maybe mark the server down, retry later. */
    private void failed(String why) {
        failuresInARow++;
        if (state == State.CLOSING || state == State.CLOSED) {
            finishClose();
            return;
        }
        if (!down && (failuresInARow >= options.failureLimit() || !firstAttempt.isDone())) {
            down = true;
            LOG.log(System.Logger.Level.WARNING, "{0} marked down after {1} failure(s) in a row ({2}); its keys go "
                    + "to the next server until it is back", name, failuresInARow, why);
            MemcachedConnectionException error = downError();
            for (Request r; (r = backlog.poll()) != null; ) {
                r.fail(error);
                pending.decrementAndGet();
            }
            failQueued(error);
        }
        firstAttempt.complete(false);
        state = State.WAITING;
        Duration delay = backoff.delay(reconnectAttempt++);
        loop.callLater(delay, this::connect);
        deadlines.arm();
    }

    void onLost(Wire from, Throwable cause) {
        if (from != wire) {
            return;
        }
        lose(new MemcachedConnectionException("connection to " + name + " lost"
                + (cause == null ? "" : ": " + rootMessage(cause)), name, true, false, cause));
    }

    /** Written requests timed out in a row with no reply: the server is gone, drop the socket. */
    void deadPeer(int timeoutsInARow) {
        if (wire != null) {
            LOG.log(System.Logger.Level.WARNING, "{0} requests to {1} timed out in a row with no reply: dropping "
                    + "the connection", timeoutsInARow, name);
            dropWire(new MemcachedConnectionException("connection to " + name + " stopped answering", name, true,
                    false, null));
        }
    }

    /** Gives up the current socket now: nothing more is written to it or read from it. */
    private void dropWire(MemcachedException reason) {
        Wire dropped = wire;
        lose(reason);
        dropped.transport.abort(); // its connectionLost comes later and is ignored
    }

    private void lose(MemcachedException inFlightFailure) {
        wire = null;
        writable = false;
        boolean closing = state == State.CLOSING;
        state = closing ? State.CLOSING : State.WAITING;
        inFlight.failAll(inFlightFailure);
        if (closing) {
            finishClose();
        } else {
            failed(inFlightFailure.getMessage());
        }
    }

    // ---------------------------------------------------------------- closing (any thread, then loop)

    /** Stops taking requests, lets the written ones finish (or time out), then closes the socket. */
    CompletableFuture<Void> close() {
        closed = true;
        onLoop(() -> {
            if (state == State.CLOSING || state == State.CLOSED) {
                return;
            }
            drain(); // what was submitted before close still goes out, if it can
            MemcachedConnectionException error = closedError();
            for (Request r; (r = backlog.poll()) != null; ) {
                r.fail(error);
                pending.decrementAndGet();
            }
            state = State.CLOSING;
            if (wire == null) {
                finishClose();
            } else {
                closeIfSettled();
            }
        });
        return closedFuture;
    }

    /** Closing: the socket goes once no written request waits for an answer (timed-out ones do not count). */
    void closeIfSettled() {
        if (state == State.CLOSING && wire != null && inFlight.allDone()) {
            wire.transport.close();
            wire = null;
            finishClose();
        }
    }

    /** Closes now; everything pending fails. Any thread. */
    void abort() {
        closed = true;
        onLoop(() -> {
            state = State.CLOSING;
            if (wire != null) {
                dropWire(closedError());
            } else {
                finishClose();
            }
        });
    }

    private void finishClose() {
        state = State.CLOSED;
        MemcachedConnectionException error = closedError();
        inFlight.failAll(error);
        for (Request r; (r = backlog.poll()) != null; ) {
            r.fail(error);
            pending.decrementAndGet();
        }
        failQueued(error);
        deadlines.cancel();
        firstAttempt.complete(false);
        closedFuture.complete(null);
    }

    private void failQueued(MemcachedException error) {
        for (Request r = submitted.takeAll(); r != null; ) {
            Request next = r.nextSubmitted;
            r.nextSubmitted = null;
            r.fail(error);
            pending.decrementAndGet();
            r = next;
        }
    }

    private void onLoop(Runnable action) {
        if (loop.inEventLoop()) {
            action.run();
        } else {
            try {
                loop.execute(action);
            } catch (RejectedExecutionException e) {
                closedFuture.complete(null); // the loop is gone, and every socket with it
            }
        }
    }

    MemcachedConnectionException closedError() {
        return new MemcachedConnectionException("the client of " + name + " is closed", name, false, false, null);
    }

    private MemcachedConnectionException downError() {
        return new MemcachedConnectionException(name + " is marked down; not sent", name, false, true, null);
    }

    private static String rootMessage(Throwable error) {
        Throwable t = error;
        while ((t instanceof java.util.concurrent.CompletionException
                || t instanceof java.util.concurrent.ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() != null ? t.getMessage() : t.toString();
    }

    @Override
    public String toString() {
        return "MemcachedConnection[" + name + (down ? ", down" : "") + "]";
    }
}
