package dev.aioj.examples.seed002;

import dev.aioj.examples.support.Log;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Seed 002's select client: two plain blocking sockets to the {@link
 * SelectUpperServer}, each message sent on both, then each reply read on
 * both. It shows one server serving several sockets of one client at once.
 *
 * <p>The seed reads each reply with one {@code recv(1024)}, which may return
 * part of it; this client reads until the whole upper-cased reply is in, so
 * its output does not depend on timing.
 *
 * <p>Thread contract: {@link #run} blocks its caller until done.
 */
public final class MultiSocketClient {

    /** The seed's messages, in the parts it sends. */
    public static final List<String> MESSAGES = List.of("This is the message. ", "It will be sent ", "in parts.");

    private MultiSocketClient() {}

    /**
     * Talks to 127.0.0.1:{@code port} over {@code sockets} sockets; returns
     * every reply in the order read.
     */
    public static List<String> run(int port, int sockets, PrintStream out) throws IOException {
        Log log = new Log(out, "select-client");
        InetSocketAddress server = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
        log.info("connecting to " + server.getHostString() + " port " + port);
        List<Socket> socks = new ArrayList<>();
        List<String> replies = new ArrayList<>();
        try {
            for (int i = 0; i < sockets; i++) {
                Socket socket = new Socket();
                socks.add(socket);
                socket.connect(server, 10_000);
                socket.setSoTimeout(10_000);
            }
            for (String message : MESSAGES) {
                byte[] bytes = message.getBytes(StandardCharsets.US_ASCII);
                for (Socket s : socks) { // send messages on both sockets
                    log.info(s.getLocalSocketAddress() + ": sending " + Log.repr(bytes));
                    s.getOutputStream().write(bytes);
                }
                for (Socket s : socks) { // read responses on both sockets
                    byte[] reply = readFully(s.getInputStream(), bytes.length);
                    log.info(s.getLocalSocketAddress() + ": received " + Log.repr(reply));
                    replies.add(new String(reply, StandardCharsets.US_ASCII));
                    if (reply.length == 0) {
                        log.info("closing socket " + s.getLocalSocketAddress());
                    }
                }
            }
        } finally {
            for (Socket s : socks) {
                s.close();
            }
        }
        return replies;
    }

    /** Up to {@code n} bytes, fewer only if the server closes first. */
    private static byte[] readFully(InputStream in, int n) throws IOException {
        return in.readNBytes(n);
    }
}
