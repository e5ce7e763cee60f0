package dev.aioj.redis.testing;

import dev.aioj.redis.resp.RespEncoder;
import dev.aioj.redis.resp.RespOutput;
import dev.aioj.redis.resp.RespParser;
import dev.aioj.redis.resp.RespValue;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;

/**
 * A blocking, unpipelined-by-default connection to the test server that speaks
 * RESP with {@link RespEncoder} and {@link RespParser} over plain streams: for
 * compatibility tests that want to see exactly what Redis sends, or to send
 * bytes no client would. Works over a TCP socket, a TLS socket or a unix
 * domain socket channel.
 *
 * <p>Reads on TCP and TLS sockets time out (the socket's {@code SO_TIMEOUT},
 * set by {@link RedisServerExtension}); a test never hangs on a missing reply.
 *
 * <p>Thread contract: one thread at a time.
 */
public final class RawRedisConnection implements AutoCloseable {

    private final InputStream in;
    private final OutputStream out;
    private final Closeable resource;
    private final RespParser parser = new RespParser();
    private final RespOutput output = new RespOutput();
    private final byte[] readBuffer = new byte[64 * 1024];

    private RawRedisConnection(InputStream in, OutputStream out, Closeable resource) {
        this.in = in;
        this.out = out;
        this.resource = resource;
    }

    /** Over a connected socket (plain or TLS); closing the connection closes it. */
    public static RawRedisConnection over(Socket socket) {
        try {
            return new RawRedisConnection(socket.getInputStream(), socket.getOutputStream(), socket);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Over a connected blocking channel, such as a unix domain socket. */
    public static RawRedisConnection over(SocketChannel channel) {
        return new RawRedisConnection(Channels.newInputStream(channel), Channels.newOutputStream(channel), channel);
    }

    /** Sends {@code args} as one command, without reading the reply. */
    public RawRedisConnection send(Object... args) {
        output.clear();
        RespEncoder.encodeCommand(output, args);
        return sendRaw(output.toByteArray());
    }

    /** Sends {@code bytes} exactly as given. */
    public RawRedisConnection sendRaw(byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** Reads the next reply (or push), blocking until it is complete. */
    public RespValue read() {
        try {
            for (RespValue value; ; ) {
                if ((value = parser.next()) != null) return value;
                int n = in.read(readBuffer);
                if (n < 0) throw new EOFException("server closed the connection");
                parser.feed(readBuffer, 0, n);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends one command and reads its reply. */
    public RespValue call(Object... args) {
        return send(args).read();
    }

    /** The raw input, for tests that read bytes themselves (do not mix with {@link #read}). */
    public InputStream input() {
        return in;
    }

    @Override
    public void close() {
        try {
            resource.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
