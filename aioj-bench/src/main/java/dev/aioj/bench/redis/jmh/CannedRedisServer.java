package dev.aioj.bench.redis.jmh;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A fake Redis for measuring a client alone: it answers every command with a
 * canned reply, {@code GET} with {@code $3\r\nbar\r\n}, {@code HELLO} with a
 * RESP3 map like Redis 7's, anything else with {@code +OK}. It keeps no data
 * and never looks at keys, so a reply costs it a few byte comparisons.
 *
 * <p>It runs on its own platform threads (one accepting, one per connection)
 * with blocking {@link SocketChannel}s and direct buffers, and allocates
 * nothing per command: whatever JMH's {@code gc.alloc.rate.norm} counts (it
 * sums every thread of the JVM) is the client's. {@link #allocatedBytes()}
 * lets a benchmark check that.
 *
 * <p>Commands are found with a small byte-at-a-time scanner of RESP arrays of
 * bulk strings (what every client sends); anything else closes the connection.
 *
 * <p>Thread contract: start and close from any one thread.
 */
public final class CannedRedisServer implements AutoCloseable {

    static final byte[] GET_REPLY = "$3\r\nbar\r\n".getBytes(StandardCharsets.US_ASCII);
    static final byte[] OK_REPLY = "+OK\r\n".getBytes(StandardCharsets.US_ASCII);
    static final byte[] HELLO_REPLY = ("%7\r\n$6\r\nserver\r\n$5\r\nredis\r\n$7\r\nversion\r\n$5\r\n7.0.0\r\n"
            + "$5\r\nproto\r\n:3\r\n$2\r\nid\r\n:1\r\n$4\r\nmode\r\n$10\r\nstandalone\r\n"
            + "$4\r\nrole\r\n$6\r\nmaster\r\n$7\r\nmodules\r\n*0\r\n").getBytes(StandardCharsets.US_ASCII);

    private final ServerSocketChannel listener;
    private final List<Thread> threads = new CopyOnWriteArrayList<>();
    private final List<SocketChannel> sockets = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    private CannedRedisServer(ServerSocketChannel listener) {
        this.listener = listener;
    }

    /** Listens on a free loopback port. */
    public static CannedRedisServer start() {
        try {
            ServerSocketChannel listener = ServerSocketChannel.open();
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            CannedRedisServer server = new CannedRedisServer(listener);
            server.threads.add(Thread.ofPlatform().daemon().name("canned-redis-accept").start(server::accept));
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return ((InetSocketAddress) listener.socket().getLocalSocketAddress()).getPort();
    }

    /** Bytes allocated so far by the server's connection threads (HotSpot's per-thread counter). */
    public long allocatedBytes() {
        var mx = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long sum = 0;
        for (Thread t : threads) {
            if (t.getName().startsWith("canned-redis-conn") && t.isAlive()) {
                sum += Math.max(0, mx.getThreadAllocatedBytes(t.threadId()));
            }
        }
        return sum;
    }

    private void accept() {
        int n = 0;
        while (!closed) {
            try {
                SocketChannel socket = listener.accept();
                socket.setOption(StandardSocketOptions.TCP_NODELAY, true);
                sockets.add(socket);
                threads.add(Thread.ofPlatform().daemon().name("canned-redis-conn-" + n++)
                        .start(() -> serve(socket)));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    /** Scanner states. */
    private static final int ARRAY = 0, BULK = 1, PAYLOAD = 2, LINE_END = 3;

    private void serve(SocketChannel socket) {
        ByteBuffer in = ByteBuffer.allocateDirect(64 * 1024);
        ByteBuffer out = ByteBuffer.allocateDirect(256 * 1024);
        int state = ARRAY;
        long number = 0;       // the length being read
        int argsLeft = 0;      // bulk strings left in this command
        long payloadLeft = 0;  // payload bytes (plus CRLF) left of this bulk string
        boolean firstArg = false;
        byte commandLetter = 0;
        int afterLine = ARRAY; // the state after the current header line's LF
        try {
            while (!closed) {
                in.clear();
                if (socket.read(in) < 0) return;
                in.flip();
                while (in.hasRemaining()) {
                    byte b = in.get();
                    switch (state) {
                        case ARRAY, BULK -> {
                            if (b == '*' || b == '$') {
                                number = 0;
                            } else if (b >= '0' && b <= '9') {
                                number = number * 10 + (b - '0');
                            } else if (b == '\r') {
                                if (state == ARRAY) {
                                    argsLeft = (int) number;
                                    firstArg = true;
                                    afterLine = BULK;
                                } else {
                                    payloadLeft = number + 2;
                                    afterLine = PAYLOAD;
                                }
                                state = LINE_END;
                            } else {
                                return; // not a command: hang up
                            }
                        }
                        case LINE_END -> state = afterLine; // the LF
                        case PAYLOAD -> {
                            if (firstArg) {
                                commandLetter = b;
                                firstArg = false;
                            }
                            int skip = (int) Math.min(payloadLeft - 1, in.remaining());
                            in.position(in.position() + skip);
                            payloadLeft -= 1 + skip;
                            if (payloadLeft == 0) {
                                if (--argsLeft == 0) {
                                    reply(socket, out, commandLetter);
                                    state = ARRAY;
                                } else {
                                    state = BULK;
                                }
                            }
                        }
                        default -> throw new IllegalStateException("state " + state);
                    }
                }
                out.flip();
                while (out.hasRemaining()) socket.write(out);
                out.clear();
            }
        } catch (IOException e) {
            // the client went away
        } finally {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }

    private static void reply(SocketChannel socket, ByteBuffer out, byte commandLetter) throws IOException {
        byte[] reply = switch (commandLetter) {
            case 'G', 'g' -> GET_REPLY;
            case 'H', 'h' -> HELLO_REPLY;
            default -> OK_REPLY;
        };
        if (out.remaining() < reply.length) {
            out.flip();
            while (out.hasRemaining()) socket.write(out);
            out.clear();
        }
        out.put(reply);
    }

    @Override
    public void close() {
        closed = true;
        try {
            listener.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        for (SocketChannel socket : sockets) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }
}
