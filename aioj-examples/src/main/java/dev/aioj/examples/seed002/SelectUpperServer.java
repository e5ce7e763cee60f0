package dev.aioj.examples.seed002;

import dev.aioj.examples.support.Log;
import dev.aioj.examples.support.Running;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;

/**
 * Seed 002's select server: the listening socket and every connection in
 * one {@code select}, a message queue per connection, replies upper-cased.
 * The seed's {@code inputs}/{@code outputs} lists become interest sets
 * ({@code OP_READ} always, {@code OP_WRITE} while the queue has messages);
 * its {@code message_queues} dict is {@link #queues}. The seed's messages are
 * printed in English, in the same places.
 *
 * <p>What the seed's Python leaves to luck, this does not: a reply the socket
 * takes only in part keeps its rest at the head of the queue, and a client
 * that half-closes gets its queued replies before the connection closes.
 *
 * <p>Thread contract: {@link #start} and {@link #close} from any thread; the
 * select loop runs on a thread of its own and owns the queues.
 */
public final class SelectUpperServer implements Running {

    /** The seed's server_addr = ('localhost', 10000). */
    public static final int DEFAULT_PORT = 10000;

    private final Selector selector;
    private final ServerSocketChannel server;
    /** One received message waiting to go back: the seed logs the original, sends it upper-cased. */
    private static final class Outgoing {
        final byte[] original;
        final ByteBuffer reply;
        boolean announced;

        Outgoing(byte[] original) {
            this.original = original;
            byte[] upper = original.clone();
            for (int i = 0; i < upper.length; i++) {
                if (upper[i] >= 'a' && upper[i] <= 'z') {
                    upper[i] -= 32; // bytes.upper(): ASCII letters only
                }
            }
            this.reply = ByteBuffer.wrap(upper);
        }
    }

    private final Map<SocketChannel, Queue<Outgoing>> queues = new HashMap<>(); // message_queues
    private final java.util.Set<SocketChannel> finishing = new java.util.HashSet<>(); // sent EOF, replies pending
    private final Log log;
    private final Thread thread;
    private volatile boolean running = true;

    private SelectUpperServer(Selector selector, ServerSocketChannel server, Log log) {
        this.selector = selector;
        this.server = server;
        this.log = log;
        this.thread = Thread.ofPlatform().name("select-server").start(this::serve);
    }

    /** Listens on 127.0.0.1:{@code port} (0: any free port). */
    public static SelectUpperServer start(int port, PrintStream out) throws IOException {
        Log log = new Log(out, "select-server");
        Selector selector = Selector.open();
        ServerSocketChannel server = ServerSocketChannel.open();
        server.configureBlocking(false); // server.setblocking(0)
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5);
        log.info("starting up on " + server.getLocalAddress());
        server.register(selector, SelectionKey.OP_ACCEPT); // inputs = [server, ]
        return new SelectUpperServer(selector, server, log);
    }

    @Override
    public int port() {
        return server.socket().getLocalPort();
    }

    private void serve() {
        try {
            while (running) {
                log.info("waiting for next event...");
                selector.select(); // readable, writeable, exceptional = select.select(inputs, outputs, inputs)
                for (SelectionKey key : selector.selectedKeys()) {
                    if (key.isValid() && key.isAcceptable()) {
                        accept();
                    }
                    if (key.isValid() && key.isReadable()) {
                        receive(key);
                    }
                    if (key.isValid() && key.isWritable()) {
                        send(key);
                    }
                }
                selector.selectedKeys().clear();
            }
        } catch (IOException | ClosedSelectorException e) {
            if (running) {
                log.info("select loop failed: " + e);
            }
        }
    }

    private void accept() throws IOException {
        SocketChannel connection = server.accept();
        if (connection == null) {
            return;
        }
        log.info("new connection from " + connection.getRemoteAddress());
        connection.configureBlocking(false);
        connection.register(selector, SelectionKey.OP_READ); // inputs.append(conn)
        queues.put(connection, new ArrayDeque<>()); // message_queues[conn] = queue.Queue()
    }

    private void receive(SelectionKey key) {
        SocketChannel connection = (SocketChannel) key.channel();
        ByteBuffer data = ByteBuffer.allocate(1024); // s.recv(1024)
        int n;
        try {
            n = connection.read(data);
        } catch (IOException e) {
            drop(key, "handling exception for " + peer(connection) + ": " + e.getMessage());
            return;
        }
        if (n < 0) {
            if (queues.get(connection).isEmpty()) {
                drop(key, "client disconnected: " + peer(connection));
            } else { // the seed drops the queue here; we send it first, then close
                log.info("client finished sending: " + peer(connection));
                key.interestOps(SelectionKey.OP_WRITE);
                finishing.add(connection); // close once its queue is empty
            }
            return;
        }
        byte[] message = java.util.Arrays.copyOf(data.array(), n);
        log.info("received data from [" + peer(connection) + "]: " + Log.repr(message));
        queues.get(connection).add(new Outgoing(message)); // message_queues[s].put(data)
        key.interestOps(key.interestOps() | SelectionKey.OP_WRITE); // outputs.append(s)
    }

    private void send(SelectionKey key) {
        SocketChannel connection = (SocketChannel) key.channel();
        Queue<Outgoing> queue = queues.get(connection);
        Outgoing next = queue.peek(); // message_queues[s].get_nowait()
        if (next == null) {
            log.info("client [" + peer(connection) + "] queue is empty..");
            if (finishing.remove(connection)) {
                drop(key, "client disconnected: " + peer(connection));
                return;
            }
            key.interestOps(SelectionKey.OP_READ); // outputs.remove(s)
            return;
        }
        if (!next.announced) {
            next.announced = true;
            log.info("sending msg to [" + peer(connection) + "] " + Log.repr(next.original));
        }
        try {
            connection.write(next.reply); // s.send(next_msg.upper())
        } catch (IOException e) {
            drop(key, "handling exception for " + peer(connection) + ": " + e.getMessage());
            return;
        }
        if (!next.reply.hasRemaining()) {
            queue.poll();
        }
    }

    private void drop(SelectionKey key, String why) {
        log.info(why);
        SocketChannel connection = (SocketChannel) key.channel();
        key.cancel(); // inputs.remove(s), outputs.remove(s)
        queues.remove(connection); // del message_queues[s]
        finishing.remove(connection);
        try {
            connection.close();
        } catch (IOException ignored) {
            // already broken
        }
    }

    private static String peer(SocketChannel connection) {
        try {
            SocketAddress address = connection.getRemoteAddress();
            return address instanceof InetSocketAddress inet ? inet.getAddress().getHostAddress() + ":" + inet.getPort()
                    : String.valueOf(address);
        } catch (IOException e) {
            return "?";
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
