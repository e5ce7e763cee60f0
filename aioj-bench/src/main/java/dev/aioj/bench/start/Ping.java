package dev.aioj.bench.start;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * "Ready" as every contender of the start-time benchmark is measured: a new
 * TCP connection answers {@code PING} with {@code +PONG}. A refused connect
 * is retried (a process that is still starting), up to a deadline.
 */
final class Ping {

    private Ping() {}

    static void await(String host, int port) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (true) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(host, port), 1000);
                s.setTcpNoDelay(true);
                s.setSoTimeout(10_000);
                s.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
                InputStream in = s.getInputStream();
                byte[] reply = in.readNBytes(7);
                if (!new String(reply, StandardCharsets.US_ASCII).equals("+PONG\r\n")) {
                    throw new IOException("not a PONG: " + new String(reply, StandardCharsets.US_ASCII));
                }
                return;
            } catch (java.net.ConnectException notYet) {
                if (System.nanoTime() > deadline) {
                    throw notYet;
                }
                Thread.onSpinWait(); // polling a port is what a client of a starting process does
            }
        }
    }
}
