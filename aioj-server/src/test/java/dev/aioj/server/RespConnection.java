package dev.aioj.server;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * A test's view of a server: a plain blocking socket that sends exact bytes
 * and reads back exactly one RESP2/RESP3 reply at a time, as raw bytes, so
 * tests compare what a Redis client would receive byte for byte. Every read
 * has a timeout: a missing reply fails the test instead of hanging it.
 */
final class RespConnection implements AutoCloseable {

    /** Long enough for a loaded CI machine, short enough to fail fast. */
    static final int READ_TIMEOUT_MILLIS = 5_000;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    RespConnection(String host, int port) throws IOException {
        socket = new Socket();
        socket.connect(new InetSocketAddress(host, port), READ_TIMEOUT_MILLIS);
        socket.setSoTimeout(READ_TIMEOUT_MILLIS);
        socket.setTcpNoDelay(true);
        in = new java.io.BufferedInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    RespConnection(int port) throws IOException {
        this("127.0.0.1", port);
    }

    Socket socket() {
        return socket;
    }

    /** Sends bytes as they are. */
    RespConnection sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
        return this;
    }

    RespConnection sendRaw(String latin1) throws IOException {
        return sendRaw(latin1.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Sends one command as a multibulk request. */
    RespConnection send(String... args) throws IOException {
        byte[][] bytes = new byte[args.length][];
        for (int i = 0; i < args.length; i++) {
            bytes[i] = args[i].getBytes(StandardCharsets.UTF_8);
        }
        return sendRaw(encode(bytes));
    }

    /** The multibulk encoding of one command. */
    static byte[] encode(byte[]... args) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(("*" + args.length + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        for (byte[] a : args) {
            b.writeBytes(("$" + a.length + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            b.writeBytes(a);
            b.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
        }
        return b.toByteArray();
    }

    /** Sends a command and returns its reply as text (ISO-8859-1, one char per byte). */
    String call(String... args) throws IOException {
        send(args);
        return readReply();
    }

    /** Reads one complete reply and returns its bytes as ISO-8859-1 text. */
    String readReply() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        readValue(b);
        return b.toString(StandardCharsets.ISO_8859_1);
    }

    private void readValue(ByteArrayOutputStream b) throws IOException {
        int type = readByte(b);
        String line = readLine(b);
        switch (type) {
            case '+', '-', ':', '_', '#', ',', '(' -> {
                // a single line
            }
            case '$', '=', '!' -> {
                long n = Long.parseLong(line);
                if (n >= 0) {
                    for (long i = 0; i < n + 2; i++) {
                        readByte(b);
                    }
                }
            }
            case '*', '~', '>' -> {
                long n = Long.parseLong(line);
                for (long i = 0; i < n; i++) {
                    readValue(b);
                }
            }
            case '%', '|' -> {
                long n = Long.parseLong(line);
                for (long i = 0; i < 2 * n; i++) {
                    readValue(b);
                }
            }
            default -> throw new IOException("not a RESP type byte: " + (char) type + " after "
                    + b.toString(StandardCharsets.ISO_8859_1));
        }
    }

    private int readByte(ByteArrayOutputStream b) throws IOException {
        int c = in.read();
        if (c < 0) {
            throw new EOFException("connection closed after " + b.toString(StandardCharsets.ISO_8859_1));
        }
        b.write(c);
        return c;
    }

    private String readLine(ByteArrayOutputStream b) throws IOException {
        StringBuilder line = new StringBuilder();
        while (true) {
            int c = readByte(b);
            if (c == '\r') {
                int lf = readByte(b);
                if (lf != '\n') {
                    throw new IOException("CR not followed by LF");
                }
                return line.toString();
            }
            line.append((char) c);
        }
    }

    /** True when the server closed the connection (reads EOF within the timeout). */
    boolean isClosedByServer() throws IOException {
        try {
            return in.read() < 0;
        } catch (java.net.SocketException e) {
            return true; // reset
        } catch (SocketTimeoutException e) {
            return false;
        }
    }

    /**
     * Reads and drops whatever arrives until the server closes the connection;
     * true if it did within the read timeout, false if the connection stayed
     * open and silent that long.
     */
    boolean drainUntilClosed() throws IOException {
        byte[] sink = new byte[64 * 1024];
        try {
            while (in.read(sink) >= 0) {
                // discard
            }
            return true;
        } catch (java.net.SocketException e) {
            return true; // reset
        } catch (SocketTimeoutException e) {
            return false;
        }
    }

    /** True when nothing arrives (no bytes, no EOF) within {@code millis}. */
    boolean isSilentFor(int millis) throws IOException {
        socket.setSoTimeout(millis);
        try {
            in.mark(1);
            int c = in.read();
            if (c >= 0) {
                in.reset(); // a reply arrived: leave it for readReply
            }
            return false;
        } catch (SocketTimeoutException e) {
            return true;
        } finally {
            socket.setSoTimeout(READ_TIMEOUT_MILLIS);
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
