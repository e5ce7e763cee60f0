package dev.aioj.bench.echo;

import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * The client side of the echo benchmark, the same for every server: plain
 * {@code java.nio} on one thread with a selector, no library of its own, so
 * it favours no server. Two workloads: ping-pong latency on one connection,
 * and streaming throughput over many connections with a bounded window.
 */
final class LoadGenerator {

    /** Bytes a streaming connection may have unanswered; keeps both socket buffers busy, memory bounded. */
    static final int STREAM_WINDOW = 128 * 1024;

    private LoadGenerator() {}

    /**
     * Sends {@code size} bytes, waits for all of them to come back, and records
     * the round trip; {@code warmup} round trips are not recorded.
     *
     * @return round-trip times in nanoseconds
     */
    static Histogram pingPong(int port, int size, int warmup, int count) throws IOException {
        Histogram histogram = new Histogram(3);
        try (Selector selector = Selector.open();
                SocketChannel channel = SocketChannel.open(new InetSocketAddress("127.0.0.1", port))) {
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            channel.configureBlocking(false);
            channel.register(selector, SelectionKey.OP_READ);
            ByteBuffer out = ByteBuffer.allocateDirect(size);
            for (int i = 0; i < size; i++) {
                out.put((byte) i);
            }
            ByteBuffer in = ByteBuffer.allocateDirect(size);
            for (int i = 0; i < warmup + count; i++) {
                out.clear();
                in.clear();
                long start = System.nanoTime();
                while (out.hasRemaining()) {
                    channel.write(out); // a small write into an empty socket buffer always fits
                }
                while (in.hasRemaining()) {
                    selector.select();
                    selector.selectedKeys().clear();
                    if (channel.read(in) < 0) {
                        throw new EOFException("server closed after " + in.position() + " of " + size + " bytes");
                    }
                }
                if (i >= warmup) {
                    histogram.recordValue(System.nanoTime() - start);
                }
            }
        }
        return histogram;
    }

    /** One streaming connection: what it sent and what came back. */
    private static final class Stream {
        final SocketChannel channel;
        final ByteBuffer message;
        SelectionKey key;
        long sent;
        long received;

        Stream(SocketChannel channel, ByteBuffer message) {
            this.channel = channel;
            this.message = message;
        }
    }

    /**
     * Streams {@code size}-byte messages over {@code connections} connections
     * and counts the bytes echoed back during {@code measure}, after {@code warmup}.
     *
     * @return echoed bytes per second
     */
    static double stream(int port, int connections, int size, Duration warmup, Duration measure) throws IOException {
        ByteBuffer template = ByteBuffer.allocateDirect(size);
        for (int i = 0; i < size; i++) {
            template.put((byte) i);
        }
        template.flip();
        ByteBuffer readBuffer = ByteBuffer.allocateDirect(256 * 1024);
        List<Stream> streams = new ArrayList<>();
        try (Selector selector = Selector.open()) {
            for (int i = 0; i < connections; i++) {
                SocketChannel channel = SocketChannel.open(new InetSocketAddress("127.0.0.1", port));
                channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                channel.configureBlocking(false);
                Stream stream = new Stream(channel, template.duplicate());
                stream.key = channel.register(selector, SelectionKey.OP_READ, stream);
                streams.add(stream);
                fill(stream);
            }
            long start = System.nanoTime();
            long measureFrom = start + warmup.toNanos();
            long end = measureFrom + measure.toNanos();
            long counted = 0;
            boolean measuring = false;
            for (long now = start; now < end; now = System.nanoTime()) {
                if (!measuring && now >= measureFrom) {
                    measuring = true;
                }
                selector.select(100);
                for (SelectionKey key : selector.selectedKeys()) {
                    Stream stream = (Stream) key.attachment();
                    if (key.isReadable()) {
                        readBuffer.clear();
                        int n = stream.channel.read(readBuffer);
                        if (n < 0) {
                            throw new EOFException("server closed a streaming connection");
                        }
                        stream.received += n;
                        if (measuring) {
                            counted += n;
                        }
                    }
                    fill(stream);
                }
                selector.selectedKeys().clear();
            }
            return counted / (measure.toNanos() / 1e9);
        } finally {
            for (Stream stream : streams) {
                stream.channel.close();
            }
        }
    }

    /** Writes messages while the window allows and the socket takes them. */
    private static void fill(Stream stream) throws IOException {
        boolean socketFull = false;
        while (stream.sent - stream.received < STREAM_WINDOW) {
            if (!stream.message.hasRemaining()) {
                stream.message.rewind();
            }
            int n = stream.channel.write(stream.message);
            stream.sent += n;
            if (n == 0) {
                socketFull = true;
                break;
            }
        }
        int ops = SelectionKey.OP_READ | (socketFull ? SelectionKey.OP_WRITE : 0);
        if (stream.key.interestOps() != ops) {
            stream.key.interestOps(ops);
        }
    }
}
