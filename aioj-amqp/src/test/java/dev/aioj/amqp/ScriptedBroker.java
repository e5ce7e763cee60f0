package dev.aioj.amqp;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Map;

/**
 * A scripted fake broker for what a real one will not do on purpose: go
 * silent, send a bad end byte, send a frame larger than frame_max. It runs
 * the handshake with the heartbeat and frame_max the test names, then hands
 * the socket to the test, which writes exactly the bytes it means. One
 * connection, blocking I/O on the test's thread.
 */
final class ScriptedBroker implements AutoCloseable {

    record Frame(int type, int channel, byte[] payload) {
        int classId() { return (payload[0] & 0xFF) << 8 | payload[1] & 0xFF; }
        int methodId() { return (payload[2] & 0xFF) << 8 | payload[3] & 0xFF; }
    }

    private final ServerSocket server;
    private Socket socket;
    private DataInputStream in;
    private OutputStream out;

    ScriptedBroker() {
        try {
            server = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String uri() {
        return "amqp://guest:guest@127.0.0.1:" + server.getLocalPort();
    }

    /** Accepts the client and runs the handshake up to open-ok. */
    void handshake(int heartbeat, int frameMax) throws IOException {
        server.setSoTimeout(10_000);
        socket = server.accept();
        socket.setSoTimeout(10_000);
        in = new DataInputStream(socket.getInputStream());
        out = socket.getOutputStream();
        byte[] header = new byte[8];
        in.readFully(header);
        FrameEncoder f = new FrameEncoder(256);
        f.startMethod(0, 10, 10).octet(0).octet(9).table(Map.of("product", "scripted")).longString("PLAIN")
                .longString("en_US").endFrame();
        write(f);
        expect(10, 11);
        f.clear();
        f.startMethod(0, 10, 30).shortInt(2047).longInt(frameMax).shortInt(heartbeat).endFrame();
        write(f);
        expect(10, 31);
        expect(10, 40);
        f.clear();
        f.startMethod(0, 10, 41).shortString("").endFrame();
        write(f);
    }

    void write(FrameEncoder f) throws IOException {
        out.write(f.toByteArray());
        out.flush();
    }

    void write(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    Frame read() throws IOException {
        int type = in.readUnsignedByte();
        int channel = in.readUnsignedShort();
        int size = in.readInt();
        byte[] payload = new byte[size];
        in.readFully(payload);
        int end = in.readUnsignedByte();
        if (end != 0xCE) throw new IOException("bad end byte from the client: " + end);
        return new Frame(type, channel, payload);
    }

    /** Reads frames until a method {@code classId.methodId} (heartbeats skipped). */
    Frame expect(int classId, int methodId) throws IOException {
        while (true) {
            Frame f = read();
            if (f.type() == 1 && f.classId() == classId && f.methodId() == methodId) return f;
            if (f.type() != 8) throw new IOException("expected " + classId + "." + methodId + ", got " + f);
        }
    }

    @Override
    public void close() throws IOException {
        if (socket != null) socket.close();
        server.close();
    }
}
