package dev.aioj.examples.seed001;

import dev.aioj.examples.support.Log;
import dev.aioj.examples.support.Running;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

/**
 * Seed 001's second server, "wait for I/O once the instructions are done":
 * one {@link Selector}, the listening socket and every connection registered
 * with it, one thread. The seed's Python in raw {@code java.nio}, with the
 * two things it skipped: EOF closes the connection, and a reply the socket
 * cannot take at once waits for {@code OP_WRITE} instead of being lost.
 *
 * <p>This is the loop that {@link dev.aioj.loop.EventLoop} hides; compare
 * with {@link ProtocolEchoServer}.
 *
 * <p>Thread contract: {@link #start} and {@link #close} from any thread; the
 * selector loop runs on a thread of its own.
 */
public final class SelectorEchoServer implements Running {

    /** The seed names no port; aioj's seed-001 servers use 9001 to 9005. */
    public static final int DEFAULT_PORT = 9002;

    private final Selector selector;
    private final ServerSocketChannel listener;
    private final Thread thread;
    private final Log log;
    private volatile boolean running = true;

    private SelectorEchoServer(Selector selector, ServerSocketChannel listener, Log log) {
        this.selector = selector;
        this.listener = listener;
        this.log = log;
        this.thread = Thread.ofPlatform().name("selector-echo").start(this::serve);
    }

    /** Listens on 127.0.0.1:{@code port} (0: any free port). */
    public static SelectorEchoServer start(int port, PrintStream out) throws IOException {
        Selector selector = Selector.open();
        ServerSocketChannel listener = ServerSocketChannel.open();
        listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 10);
        listener.configureBlocking(false);
        listener.register(selector, SelectionKey.OP_ACCEPT);
        Log log = new Log(out, "selector-echo");
        log.info("listening on " + listener.getLocalAddress() + ", one selector, one thread");
        return new SelectorEchoServer(selector, listener, log);
    }

    @Override
    public int port() {
        return listener.socket().getLocalPort();
    }

    private void serve() {
        ByteBuffer buffer = ByteBuffer.allocate(1024); // the seed's recv(1024)
        try {
            while (running) {
                selector.select(); // event_list = selector.select()
                for (SelectionKey key : selector.selectedKeys()) {
                    if (!key.isValid()) {
                        continue;
                    }
                    if (key.isAcceptable()) {
                        accept();
                    } else {
                        handle(key, buffer);
                    }
                }
                selector.selectedKeys().clear();
            }
        } catch (IOException | ClosedSelectorException e) {
            if (running) {
                log.info("selector loop failed: " + e);
            }
        }
    }

    private void accept() throws IOException {
        SocketChannel connection = listener.accept();
        if (connection == null) {
            return;
        }
        connection.configureBlocking(false);
        connection.register(selector, SelectionKey.OP_READ);
        log.info("connection from " + connection.getRemoteAddress());
    }

    /** The seed's handler(conn), plus EOF and partial writes. */
    private void handle(SelectionKey key, ByteBuffer buffer) {
        SocketChannel connection = (SocketChannel) key.channel();
        try {
            ByteBuffer pending = (ByteBuffer) key.attachment();
            if (pending != null) { // writable again: finish the reply first
                connection.write(pending);
                if (!pending.hasRemaining()) {
                    key.attach(null);
                    key.interestOps(SelectionKey.OP_READ);
                }
                return;
            }
            buffer.clear();
            int n = connection.read(buffer);
            if (n < 0) {
                log.info("connection from " + connection.getRemoteAddress() + " closed");
                key.cancel();
                connection.close();
                return;
            }
            buffer.flip();
            connection.write(buffer);
            if (buffer.hasRemaining()) { // the socket is full: keep the rest, stop reading, wait to write
                key.attach(ByteBuffer.allocate(buffer.remaining()).put(buffer).flip());
                key.interestOps(SelectionKey.OP_WRITE);
            }
        } catch (IOException e) {
            log.info("connection error: " + e.getMessage());
            key.cancel();
            try {
                connection.close();
            } catch (IOException ignored) {
                // closing a broken connection
            }
        }
    }

    @Override
    public void close() {
        running = false;
        selector.wakeup();
        try {
            thread.join(10_000);
            for (SelectionKey key : selector.keys()) {
                key.channel().close();
            }
            selector.close();
        } catch (IOException e) {
            log.info("error closing: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
