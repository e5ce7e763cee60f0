package dev.aioj.loop;

import dev.aioj.net.Protocol;
import dev.aioj.net.Server;
import java.io.IOException;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A listening TCP socket on one loop that hands each accepted connection to a
 * loop from {@code childLoops} (itself, or the next loop of a {@link
 * LoopGroup}), where a new protocol is made for it.
 *
 * <p>Thread contract: {@link Server}'s methods from any thread (closing a
 * channel and cancelling its key are thread-safe); the rest on the accepting
 * loop's thread.
 */
final class TcpServer implements Server, ChannelHandler {

    private static final System.Logger LOG = System.getLogger(TcpServer.class.getName());

    /** Pending connections the kernel keeps for us; Linux caps it at somaxconn. */
    static final int BACKLOG = 1024;

    /** Accepts per readiness event before other channels get their turn. */
    private static final int MAX_ACCEPTS_PER_EVENT = 64;

    /** asyncio's pause after an accept error such as "too many open files". */
    private static final Duration ACCEPT_RETRY_DELAY = Duration.ofSeconds(1);

    private final EventLoop loop;
    private final Supplier<EventLoop> childLoops;
    private final Supplier<? extends Protocol> protocolFactory;
    private final ServerSocketChannel channel;
    private final SocketAddress localAddress;
    private final boolean inet;
    private final Object socketFileKey; // a unix server's socket file, removed on close
    private final SelectionKey key;
    private final AtomicInteger connections = new AtomicInteger();
    private final CompletableFuture<Void> closedAndIdle;
    private final java.util.concurrent.atomic.AtomicBoolean closing = new java.util.concurrent.atomic.AtomicBoolean();
    private volatile boolean serving = true;

    private TcpServer(EventLoop loop, Supplier<EventLoop> childLoops, Supplier<? extends Protocol> protocolFactory,
            ServerSocketChannel channel) throws IOException {
        this.loop = loop;
        this.childLoops = childLoops;
        this.protocolFactory = protocolFactory;
        this.channel = channel;
        this.localAddress = channel.getLocalAddress();
        this.inet = UnixSockets.isInet(localAddress);
        this.socketFileKey = UnixSockets.socketFileKey(localAddress);
        this.closedAndIdle = loop.createFuture();
        this.key = loop.register(channel, SelectionKey.OP_ACCEPT, this);
    }

    /**
     * Binds and starts accepting; loop thread only. A {@link
     * java.net.UnixDomainSocketAddress} makes a unix domain socket server (see
     * {@link UnixSockets} for its socket file).
     */
    static TcpServer open(EventLoop loop, Supplier<EventLoop> childLoops, Supplier<? extends Protocol> protocolFactory,
            SocketAddress address) throws IOException {
        if (address instanceof java.net.UnixDomainSocketAddress unix) {
            UnixSockets.prepareBind(loop.selectorProvider(), unix);
        }
        ServerSocketChannel channel = UnixSockets.openServerChannel(loop.selectorProvider(), address);
        try {
            if (UnixSockets.isInet(address)) {
                channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            }
            channel.bind(address, BACKLOG);
            channel.configureBlocking(false);
            return new TcpServer(loop, childLoops, protocolFactory, channel);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    @Override
    public SocketAddress localAddress() {
        return localAddress;
    }

    @Override
    public boolean isServing() {
        return serving;
    }

    /**
     * Stops listening, from any thread. The kernel socket closes when the loop
     * next polls (the JDK closes a registered channel on deregistration).
     */
    @Override
    public void close() {
        closeChannel();
    }

    private void closeChannel() {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        serving = false; // the accept loop checks this between accepts
        key.cancel();
        try {
            channel.close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "error closing " + this, e);
        }
        UnixSockets.removeSocketFile(localAddress, socketFileKey);
        if (!loop.inEventLoop()) {
            // The socket is really closed when its key leaves the selector, on the loop's next poll: wake it.
            try {
                loop.execute(() -> {});
            } catch (RejectedExecutionException terminated) {
                // the loop closed its selector: the socket is closed already
            }
        }
        if (connections.get() == 0) {
            closedAndIdle.complete(null);
        }
    }

    @Override
    public CompletableFuture<Void> waitClosed() {
        return closedAndIdle;
    }

    @Override
    public int connectionCount() {
        return connections.get();
    }

    @Override
    public String toString() {
        return "TcpServer[" + localAddress + (serving ? "" : ", closed") + "]";
    }

    /** A connection this server accepted has closed; any thread. */
    void connectionClosed() {
        if (connections.decrementAndGet() == 0 && !serving) {
            closedAndIdle.complete(null);
        }
    }

    @Override
    public void channelReady(int readyOps) {
        for (int i = 0; i < MAX_ACCEPTS_PER_EVENT && serving; i++) {
            SocketChannel accepted;
            try {
                accepted = channel.accept();
            } catch (IOException e) {
                pauseAccepting(e);
                return;
            }
            if (accepted == null) {
                return;
            }
            handOff(accepted);
        }
    }

    private void handOff(SocketChannel accepted) {
        connections.incrementAndGet();
        EventLoop child = childLoops.get();
        if (child == loop) {
            startConnection(child, accepted);
            return;
        }
        try {
            child.execute(() -> startConnection(child, accepted));
        } catch (RejectedExecutionException e) {
            closeQuietly(accepted);
            connectionClosed();
        }
    }

    /** Runs on the child loop. */
    private void startConnection(EventLoop child, SocketChannel accepted) {
        Protocol protocol;
        try {
            accepted.configureBlocking(false);
            if (inet) {
                accepted.setOption(StandardSocketOptions.TCP_NODELAY, true);
            }
            if (!child.isAcceptingWork()) {
                throw new IOException(child.name() + " is shutting down");
            }
            protocol = protocolFactory.get();
            if (protocol == null) {
                throw new NullPointerException("protocol factory returned null");
            }
            TcpTransport.start(child, accepted, null, protocol, this);
        } catch (IOException | RuntimeException e) {
            child.callExceptionHandler("cannot start an accepted connection on " + this, e);
            closeQuietly(accepted);
            connectionClosed();
        }
    }

    private void pauseAccepting(IOException error) {
        if (!serving) {
            return;
        }
        LOG.log(System.Logger.Level.WARNING, this + ": accept failed, pausing accepts for "
                + ACCEPT_RETRY_DELAY.toMillis() + " ms", error);
        key.interestOps(0);
        loop.callLater(ACCEPT_RETRY_DELAY, () -> {
            if (serving && key.isValid()) {
                key.interestOps(SelectionKey.OP_ACCEPT);
            }
        });
    }

    private static void closeQuietly(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing more to do with a socket we are discarding
        }
    }

    @Override
    public void shutdown() {
        closeChannel();
    }

    @Override
    public void forceClose() {
        closeChannel();
    }
}
