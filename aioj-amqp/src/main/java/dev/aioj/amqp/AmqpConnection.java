package dev.aioj.amqp;

import dev.aioj.loop.EventLoop;
import dev.aioj.loop.TimerHandle;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One AMQP 0-9-1 connection: one socket on one aioj loop, multiplexing
 * {@link AmqpChannel}s. It owns the socket's life:
 *
 * <pre>
 * CONNECTING -&gt; HANDSHAKE (header, start/start-ok, tune/tune-ok, open/open-ok) -&gt; OPEN
 * OPEN -&gt; (socket lost, dead peer, 320 CONNECTION_FORCED; recovery on) RECOVERING -&gt; HANDSHAKE ...
 * OPEN -&gt; (closeAsync) CLOSING -&gt; (close-ok, or the socket ends) CLOSED
 * any  -&gt; (broker's connection.close, protocol error, loss without recovery) CLOSED
 * </pre>
 *
 * Heartbeats ({@link Heartbeats}): after tune, a heartbeat frame goes out
 * when nothing was written for heartbeat/2; the broker is declared dead after
 * 2 x heartbeat without a byte. Flow control ({@link FlowControl}): while the
 * broker says connection.blocked, or the socket's write buffer is above its
 * high water mark, publishes wait in order (no thread blocks) and go out on
 * unblocked or resume. The channels by number: {@link ChannelTable}; the
 * bytes of the connection class's methods: {@link ConnectionMethods}.
 *
 * <p>Thread contract: public methods from any thread (they hop to the loop);
 * package-private ones on the loop thread.
 */
public final class AmqpConnection implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(AmqpConnection.class.getName());
    /** How long a client close waits for close-ok before dropping the socket. */
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);

    enum State { CONNECTING, HANDSHAKE, OPEN, RECOVERING, CLOSING, CLOSED }

    final EventLoop loop;
    final AmqpUri uri;
    final AmqpOptions options;
    final Recovery recovery;

    // Loop thread only.
    State state = State.CONNECTING;
    private Link link;
    private final ChannelTable channels = new ChannelTable();
    final FlowControl flow = new FlowControl(this);
    private final ArrayDeque<Runnable> afterRecovery = new ArrayDeque<>();
    private final Topology topology = new Topology();
    private CompletableFuture<Void> handshake;
    private final Heartbeats heartbeats = new Heartbeats(this);
    private TimerHandle handshakeTimer;
    private TimerHandle closeTimer;

    // Set on the loop, read from any thread.
    private volatile Map<String, Object> serverProperties = Map.of();
    private volatile int frameMax = AmqpUri.DEFAULT_FRAME_MAX;
    private volatile int channelMax;
    private volatile int heartbeat;
    private final CompletableFuture<Void> closed;

    private AmqpConnection(EventLoop loop, AmqpUri uri, AmqpOptions options) {
        this.loop = loop;
        this.uri = uri;
        this.options = options;
        this.closed = loop.createFuture();
        this.recovery = options.recovery() ? new Recovery(this) : null;
    }

    /** Connects to {@code amqp://...} or {@code amqps://...} with the default options. Any thread. */
    public static CompletableFuture<AmqpConnection> connect(EventLoop loop, String uri) {
        return connect(loop, AmqpUri.parse(uri), AmqpOptions.DEFAULTS);
    }

    /**
     * Connects and opens the connection; the future completes once open-ok
     * arrived, or fails with {@link AmqpConnectionException} (refused, bad
     * credentials: 403 ACCESS_REFUSED, unknown vhost: 530 NOT_ALLOWED,
     * timeout). Any thread.
     */
    public static CompletableFuture<AmqpConnection> connect(EventLoop loop, AmqpUri uri, AmqpOptions options) {
        AmqpConnection c = new AmqpConnection(loop, uri, options);
        CompletableFuture<AmqpConnection> result = loop.createFuture();
        c.onLoop(() -> c.open().whenComplete((v, e) -> {
            if (e == null) {
                result.complete(c);
            } else {
                c.finish(e instanceof AmqpException a ? a : failure("cannot connect to " + uri, e));
                result.completeExceptionally(e);
            }
        }));
        return result;
    }

    // ---------------------------------------------------------------- public API (any thread)

    /** Opens a new channel. */
    public CompletableFuture<AmqpChannel> openChannel() {
        CompletableFuture<AmqpChannel> future = loop.createFuture();
        onLoop(() -> openChannel(future), future);
        return future;
    }

    private void openChannel(CompletableFuture<AmqpChannel> future) {
        if (state == State.CLOSED || state == State.CLOSING) {
            future.completeExceptionally(closedError(false));
            return;
        }
        if (state != State.OPEN || (recovery != null && recovery.active())) {
            afterRecovery.add(() -> openChannel(future));
            return;
        }
        int id = channels.allocate(channelMax);
        if (id < 0) {
            future.completeExceptionally(new AmqpException("no free channel: channel_max " + channelMax));
            return;
        }
        AmqpChannel channel = new AmqpChannel(this, id);
        channels.put(channel);
        channel.open(future);
    }

    /** Hears connection.blocked and unblocked, on the loop thread. Any thread. */
    public void addBlockedListener(BlockedListener listener) {
        flow.addListener(listener);
    }

    /**
     * Hears of automatic recovery (needs {@link AmqpOptions#withRecovery});
     * called on the loop thread. Any thread.
     */
    public void addRecoveryListener(RecoveryListener listener) {
        if (recovery == null) throw new IllegalStateException("recovery is off: AmqpOptions.withRecovery turns it on");
        recovery.listeners.add(listener);
    }

    /** Closes the connection (connection.close, waiting for close-ok); completes once the socket is closed. */
    public CompletableFuture<Void> closeAsync() {
        onLoop(this::beginClose, null);
        return closed;
    }

    /** Blocking {@link #closeAsync}: refuses the loop thread (it would wait for itself). */
    @Override
    public void close() {
        EventLoop.refuseOnLoopThread("AmqpConnection.close()");
        try {
            closeAsync().get(CLOSE_TIMEOUT.toMillis() * 2, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.log(System.Logger.Level.DEBUG, "close of " + uri + " failed", e);
        }
    }

    /** Completes when the connection is closed for good (not when it recovers). */
    public CompletableFuture<Void> closeFuture() {
        return closed;
    }

    public boolean isOpen() {
        return !closed.isDone();
    }

    /** Whether the broker said connection.blocked (a memory or disk alarm): publishes wait. */
    public boolean isBlocked() {
        return flow.isBlocked();
    }

    public EventLoop loop() {
        return loop;
    }

    /** The broker's properties from connection.start (product, version, capabilities). */
    public Map<String, Object> serverProperties() {
        return serverProperties;
    }

    /** The negotiated frame_max, bytes. */
    public int frameMax() {
        return frameMax;
    }

    /** The negotiated heartbeat, seconds (0: none). */
    public int heartbeat() {
        return heartbeat;
    }

    /** The negotiated channel_max. */
    public int channelMax() {
        return channelMax;
    }

    @Override
    public String toString() {
        return "AmqpConnection[" + uri + "]";
    }

    // ---------------------------------------------------------------- socket and handshake (loop)

    /** Connects a new socket and runs the handshake; the future completes on open-ok. */
    CompletableFuture<Void> open() {
        state = State.CONNECTING;
        handshake = new CompletableFuture<>();
        CompletableFuture<Void> mine = handshake;
        Link l = new Link(this);
        link = l;
        flow.newSocket();
        (options.tls() != null || uri.tls()
                ? (options.tls() != null ? options.tls() : DefaultTls.get()).connect(loop, () -> l, uri.host(),
                        uri.port())
                : loop.createConnection(() -> l, uri.host(), uri.port()))
                .whenComplete((c, e) -> {
                    if (e != null) onLoop(() -> mine.completeExceptionally(failure("cannot connect to " + uri, e)),
                            null);
                });
        handshakeTimer = loop.callLater(uri.connectTimeout(), () -> {
            if (!mine.isDone()) {
                mine.completeExceptionally(new AmqpConnectionException("no open-ok from " + uri + " within "
                        + uri.connectTimeout().toMillis() + " ms", 0, "timeout", false, null));
                if (l.transport != null) l.transport.abort();
            }
        });
        mine.whenComplete((v, e) -> handshakeTimer.cancel());
        return mine;
    }

    void linkMade(Link l) {
        if (l != link) {
            l.transport.abort();
            return;
        }
        state = State.HANDSHAKE;
        heartbeats.read();
        heartbeats.wrote();
        l.transport.write(ConnectionMethods.PROTOCOL_HEADER);
    }

    void linkData(Link l, ByteBuffer data) {
        if (l != link || state == State.CLOSED) return;
        heartbeats.read();
        try {
            l.parser.feed(data, this::frame);
        } catch (AmqpProtocolException e) {
            LOG.log(System.Logger.Level.WARNING, uri + ": " + e.getMessage());
            // 501 FRAME_ERROR / 505 UNEXPECTED_FRAME: tell the broker, then drop the socket
            l.transport.write(ConnectionMethods.close(501, e.getMessage()));
            l.transport.close();
            finish(new AmqpConnectionException("protocol error: " + e.getMessage(), 501, e.getMessage(), true, e));
        }
    }

    void linkWritable(Link l, boolean canWrite) {
        if (l != link) return;
        flow.writable(canWrite);
    }

    void linkLost(Link l, Throwable cause) {
        if (l != link) return;
        stopHeartbeats();
        switch (state) {
            case CLOSED -> {}
            case CLOSING -> finish(closedError(true));
            case CONNECTING, HANDSHAKE -> {
                if (!handshake.isDone()) {
                    handshake.completeExceptionally(new AmqpConnectionException("connection to " + uri
                            + " lost during the handshake", 0, describe(cause), false, cause));
                }
            }
            case OPEN, RECOVERING -> lost(new AmqpConnectionException("connection to " + uri + " lost", 0,
                    describe(cause), true, cause));
        }
    }

    /** The socket is gone while open: recover if asked to, else close for good. */
    private void lost(AmqpConnectionException error) {
        if (recovery != null && state == State.OPEN) {
            state = State.RECOVERING;
            for (AmqpChannel ch : channels.snapshot()) {
                ch.linkLost(error);
            }
            recovery.start(error);
        } else {
            finish(error);
        }
    }

    private void frame(int type, int channel, ByteBuffer payload, long base) {
        if (type == FrameEncoder.FRAME_HEARTBEAT) {
            return;
        }
        if (channel != 0) {
            channels.route(type, channel, payload, base);
        } else if (type == FrameEncoder.FRAME_METHOD) {
            connectionMethod(Method.decode(payload, base));
        } else {
            throw new AmqpProtocolException("content frame on channel 0", base + payload.position(), type);
        }
    }

    private void connectionMethod(Method m) {
        switch (m) {
            case Method.ConnectionStart s -> startOk(s);
            case Method.ConnectionSecure s -> throw new AmqpProtocolException(
                    "connection.secure: only PLAIN is supported", link.parser.offset(), 20);
            case Method.ConnectionTune t -> tune(t);
            case Method.ConnectionOpenOk o -> {
                state = State.OPEN;
                handshake.complete(null);
            }
            case Method.ConnectionClose c -> brokerClose(c);
            case Method.ConnectionCloseOk c -> {
                link.transport.close();
                finish(closedError(true));
            }
            case Method.ConnectionBlocked b -> flow.blocked(b.reason());
            case Method.ConnectionUnblocked u -> flow.unblocked();
            default -> throw new AmqpProtocolException("method not for channel 0: " + m, link.parser.offset(), 0);
        }
    }

    private void startOk(Method.ConnectionStart s) {
        serverProperties = s.serverProperties();
        send(ConnectionMethods.startOk(s, uri, options.connectionName(), link.parser.offset()));
    }

    private void tune(Method.ConnectionTune t) {
        ConnectionMethods.Tuned tuned = ConnectionMethods.negotiate(t, uri);
        channelMax = tuned.channelMax() == 0 ? 65535 : tuned.channelMax();
        frameMax = tuned.frameMax();
        heartbeat = tuned.heartbeat();
        link.parser.maxFrame(tuned.frameMax() == 0 ? Integer.MAX_VALUE : tuned.frameMax());
        send(ConnectionMethods.tuneOkAndOpen(tuned, uri.vhost()));
        startHeartbeats();
    }

    private void brokerClose(Method.ConnectionClose c) {
        send(ConnectionMethods.closeOk());
        link.transport.close();
        AmqpConnectionException error = new AmqpConnectionException("broker closed the connection: "
                + c.replyCode() + " " + c.replyText(), c.replyCode(), c.replyText(), true, null);
        stopHeartbeats();
        if (state == State.HANDSHAKE || state == State.CONNECTING) {
            handshake.completeExceptionally(error.withDelivery(false));
        } else if (c.replyCode() == 320 && state == State.OPEN) {
            lost(error); // CONNECTION_FORCED: a broker restart or an operator; recover if asked to
        } else {
            finish(error);
        }
    }

    // ---------------------------------------------------------------- heartbeats (loop)

    private void startHeartbeats() {
        heartbeats.start(link, heartbeat);
    }

    private void stopHeartbeats() {
        heartbeats.stop();
    }

    boolean isCurrent(Link l) {
        return l == link && state != State.CLOSED;
    }

    /** Nothing from the broker for 2 x heartbeat: drop the socket, recover or close. */
    void peerDead(Link l, int seconds) {
        l.transport.abort();
        lost(new AmqpConnectionException("no frame from " + uri + " for 2 x heartbeat (" + 2 * seconds
                + " s): the broker is declared dead", 0, "missed heartbeats", true, null));
    }

    // ---------------------------------------------------------------- writing (loop)

    /** Writes the remaining bytes of {@code frames} (copied by the transport). */
    void send(ByteBuffer frames) {
        heartbeats.wrote();
        link.transport.write(frames.array(), frames.arrayOffset() + frames.position(), frames.remaining());
        frames.position(frames.limit());
    }

    /** Writes {@code frames[0, length)} (copied into the transport's chunks: nothing allocated when steady). */
    void send(byte[] frames, int length) {
        heartbeats.wrote();
        link.transport.write(frames, 0, length);
    }

    boolean canSend() {
        return (state == State.OPEN || state == State.HANDSHAKE) && link.transport != null;
    }

    // ---------------------------------------------------------------- channels (loop)

    void releaseChannel(AmqpChannel channel) {
        channels.release(channel);
    }

    Iterable<AmqpChannel> openChannels() {
        return channels.snapshot();
    }

    int frameMaxNow() {
        return frameMax;
    }

    Topology topology() {
        return topology;
    }

    /** Recovery is over: channels opened and publishes made meanwhile go out. */
    void recovered() {
        flow.flush();
        for (Runnable r; state == State.OPEN && (r = afterRecovery.poll()) != null; ) {
            r.run();
        }
    }

    // ---------------------------------------------------------------- closing (loop)

    private void beginClose() {
        switch (state) {
            case OPEN -> {
                state = State.CLOSING;
                send(ConnectionMethods.close(200, "Goodbye"));
                Link l = link;
                closeTimer = loop.callLater(CLOSE_TIMEOUT, () -> {
                    if (l.transport != null) l.transport.abort();
                    finish(closedError(true));
                });
            }
            case CONNECTING, HANDSHAKE, RECOVERING -> {
                if (link != null && link.transport != null) link.transport.abort();
                if (handshake != null && !handshake.isDone()) {
                    handshake.completeExceptionally(closedError(false));
                }
                finish(closedError(false));
            }
            case CLOSING, CLOSED -> {}
        }
    }

    /** Ends for good: every channel and waiting publish fails with {@code error}, exactly once. */
    void finish(AmqpException error) {
        if (state == State.CLOSED) return;
        state = State.CLOSED;
        stopHeartbeats();
        if (closeTimer != null) closeTimer.cancel();
        if (recovery != null) recovery.stop();
        if (link != null && link.transport != null && !link.transport.isClosing()) link.transport.close();
        AmqpException unsent = error instanceof AmqpConnectionException c ? c.withDelivery(false) : error;
        for (AmqpChannel ch : channels.snapshot()) {
            ch.connectionClosed(error);
        }
        channels.clear();
        flow.failAll(unsent);
        for (Runnable r; (r = afterRecovery.poll()) != null; ) {
            r.run(); // openChannel again: fails, the state is CLOSED
        }
        closed.complete(null);
    }

    AmqpException closedError(boolean mayHaveBeenDelivered) {
        return new AmqpConnectionException("connection to " + uri + " is closed", 200, "closed by the client",
                mayHaveBeenDelivered, null);
    }

    // ---------------------------------------------------------------- helpers

    /** Runs {@code task} on the loop; if the loop is gone, fails {@code future} (when given). */
    void onLoop(Runnable task, CompletableFuture<?> future) {
        if (loop.inEventLoop()) {
            task.run();
            return;
        }
        try {
            loop.execute(task);
        } catch (RejectedExecutionException e) {
            if (future != null) future.completeExceptionally(new AmqpException("the event loop is shut down", e));
        }
    }

    private void onLoop(Runnable task) {
        onLoop(task, null);
    }

    /** Runs a listener; what it throws goes to the loop's exception handler. */
    void safely(Runnable callback) {
        try {
            callback.run();
        } catch (RuntimeException e) {
            loop.callExceptionHandler("listener of " + uri + " threw", e);
        }
    }

    private static AmqpConnectionException failure(String message, Throwable e) {
        Throwable cause = e instanceof java.util.concurrent.CompletionException && e.getCause() != null
                ? e.getCause() : e;
        if (cause instanceof AmqpConnectionException c) return c;
        return new AmqpConnectionException(message + ": " + describe(cause), 0, describe(cause), false, cause);
    }

    private static String describe(Throwable cause) {
        return cause == null ? "closed by the broker" : cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }
}
