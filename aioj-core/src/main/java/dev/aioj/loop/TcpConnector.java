package dev.aioj.loop;

import dev.aioj.net.Connection;
import dev.aioj.net.Protocol;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * A TCP (or unix domain socket) connect in progress: registered for {@code OP_CONNECT}, it becomes a
 * {@link TcpTransport} on the same selection key once the connect finishes.
 * If the caller gives up on the future first (a timeout, a cancel), the
 * half-open socket is closed.
 *
 * <p>Thread contract: loop thread only.
 */
final class TcpConnector<P extends Protocol> implements ChannelHandler {

    private final EventLoop loop;
    private final SocketChannel channel;
    private final SocketAddress address;
    private final Supplier<P> protocolFactory;
    private final CompletableFuture<Connection<P>> future;
    private SelectionKey key;
    private boolean done;

    private TcpConnector(EventLoop loop, SocketChannel channel, SocketAddress address, Supplier<P> protocolFactory,
            CompletableFuture<Connection<P>> future) {
        this.loop = loop;
        this.channel = channel;
        this.address = address;
        this.protocolFactory = protocolFactory;
        this.future = future;
    }

    static <P extends Protocol> void connect(EventLoop loop, Supplier<P> protocolFactory, SocketAddress address,
            CompletableFuture<Connection<P>> future) throws IOException {
        SocketChannel channel = UnixSockets.openChannel(loop.selectorProvider(), address);
        TcpConnector<P> connector = new TcpConnector<>(loop, channel, address, protocolFactory, future);
        try {
            channel.configureBlocking(false);
            if (UnixSockets.isInet(address)) {
                channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            }
            if (channel.connect(address)) {
                connector.connected();
                return;
            }
            connector.key = loop.register(channel, SelectionKey.OP_CONNECT, connector);
        } catch (IOException | RuntimeException e) {
            connector.fail(e);
            return;
        }
        future.whenComplete((connection, error) -> {
            if (error != null) {
                try {
                    loop.execute(connector::giveUp);
                } catch (java.util.concurrent.RejectedExecutionException ignored) {
                    // the loop closed every channel when it terminated
                }
            }
        });
    }

    @Override
    public void channelReady(int readyOps) {
        try {
            if (channel.finishConnect()) {
                connected();
            }
        } catch (IOException | RuntimeException e) {
            fail(e);
        }
    }

    private void connected() throws IOException {
        if (done) {
            return;
        }
        P protocol = protocolFactory.get();
        if (protocol == null) {
            throw new NullPointerException("protocol factory returned null");
        }
        done = true;
        TcpTransport transport = TcpTransport.start(loop, channel, key, protocol, null);
        if (!future.complete(new Connection<>(transport, protocol))) {
            transport.abort(); // the caller gave up meanwhile
        }
    }

    private void fail(Exception cause) {
        done = true;
        closeChannel();
        Exception reported = cause;
        // A unix connect to a missing path fails with a bare SocketException: it is a failed connect too.
        boolean connectFailure = cause instanceof ConnectException
                || (cause instanceof java.net.SocketException && !UnixSockets.isInet(address));
        if (connectFailure && !String.valueOf(cause.getMessage()).contains(address.toString())) {
            ConnectException withAddress = new ConnectException(cause.getMessage() + ": " + address);
            withAddress.initCause(cause);
            reported = withAddress;
        }
        future.completeExceptionally(reported);
    }

    private void giveUp() {
        if (!done) {
            done = true;
            closeChannel();
        }
    }

    private void closeChannel() {
        if (key != null) {
            key.cancel();
        }
        try {
            channel.close();
        } catch (IOException ignored) {
            // discarding a socket that never connected
        }
    }

    @Override
    public void shutdown() {
        forceClose();
    }

    @Override
    public void forceClose() {
        if (!done) {
            fail(new ConnectException("event loop shut down while connecting to " + address));
        }
    }

    @Override
    public String toString() {
        return "TcpConnector[" + address + "]";
    }
}
