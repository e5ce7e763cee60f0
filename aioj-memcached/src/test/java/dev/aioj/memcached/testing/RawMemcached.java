package dev.aioj.memcached.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A blocking text-protocol connection to memcached, for tests that check the
 * server's state without the client under test: one request, one reply line
 * (and the value of a {@code VA}).
 */
public final class RawMemcached implements AutoCloseable {

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    private RawMemcached(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    static RawMemcached connect(int port) {
        try {
            Socket socket = new Socket("127.0.0.1", port);
            socket.setSoTimeout(10_000);
            return new RawMemcached(socket);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends {@code line} + CRLF and returns the reply line, without CRLF. */
    public String call(String line) {
        try {
            out.write((line + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return readLine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code mg key v}: the value, or null on a miss. */
    public byte[] get(String key) {
        String line = call("mg " + key + " v");
        if (line.equals("EN")) return null;
        if (!line.startsWith("VA ")) throw new IllegalStateException("mg " + key + ": " + line);
        int length = Integer.parseInt(line.split(" ")[1]);
        try {
            byte[] value = in.readNBytes(length);
            if (in.read() != '\r' || in.read() != '\n') throw new IllegalStateException("no CRLF after the value");
            return value;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code ms key <len>} with {@code value}; the reply line. */
    public String set(String key, byte[] value) {
        try {
            out.write(("ms " + key + " " + value.length + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.write(value);
            out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return readLine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b; (b = in.read()) != -1; ) {
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int n = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, n, StandardCharsets.ISO_8859_1);
            }
            line.write(b);
        }
        throw new IOException("memcached closed the connection");
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
