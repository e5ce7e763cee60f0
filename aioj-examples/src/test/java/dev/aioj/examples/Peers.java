package dev.aioj.examples;

import java.io.IOException;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Plain JDK peers for the examples' tests: blocking sockets, 127.0.0.1 only, bounded timeouts. */
public final class Peers {

    private Peers() {}

    /** A client socket connected to 127.0.0.1:{@code port} with a 10 s read timeout. */
    public static Socket connect(int port) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 10_000);
        socket.setSoTimeout(10_000);
        return socket;
    }

    /**
     * Sends {@code payload} from a second thread while reading on this one
     * (a big echo would deadlock a client that writes everything first),
     * half-closes, and returns everything read until the server's EOF.
     */
    public static byte[] echo(int port, byte[] payload) throws Exception {
        try (Socket socket = connect(port)) {
            CompletableFuture<Void> sent = CompletableFuture.runAsync(() -> {
                try {
                    OutputStream out = socket.getOutputStream();
                    out.write(payload);
                    socket.shutdownOutput();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }, command -> Thread.ofVirtual().start(command));
            byte[] received = socket.getInputStream().readAllBytes();
            sent.get(10, TimeUnit.SECONDS);
            return received;
        }
    }

    /** One datagram to 127.0.0.1:{@code port} and its answer. */
    public static String udp(int port, String message) throws IOException {
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            socket.setSoTimeout(10_000);
            byte[] bytes = message.getBytes(StandardCharsets.US_ASCII);
            socket.send(new DatagramPacket(bytes, bytes.length, InetAddress.getLoopbackAddress(), port));
            DatagramPacket reply = new DatagramPacket(new byte[8192], 8192);
            socket.receive(reply);
            return new String(reply.getData(), 0, reply.getLength(), StandardCharsets.US_ASCII);
        }
    }

    /** A port nothing listens on (bound, then released). */
    public static int closedPort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }

    /** {@code n} random bytes, the same for the same seed. */
    public static byte[] randomBytes(int n, long seed) {
        byte[] bytes = new byte[n];
        new java.util.Random(seed).nextBytes(bytes);
        return bytes;
    }
}
