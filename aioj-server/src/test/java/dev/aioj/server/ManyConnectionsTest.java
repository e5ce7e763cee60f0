package dev.aioj.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * 10,000 concurrent connections to aioj-server (issue 15, item 6), each
 * doing a few commands (PING, SET, GET of its own key, pipelined), all
 * served, while every connection stays open; then the server still answers.
 *
 * <p>The server runs as a child JVM ({@code aioj server}, {@link
 * ServerProcess}) so that each process holds one end of each connection:
 * 10,000 sockets per process, under a 20,000 open-file limit. A JVM raises
 * its soft limit to the hard one at start; where the hard limit is lower
 * than the test needs, it uses as many connections as the limit allows and
 * says so in its output. {@code -Daioj.load.connections=N} asks for another
 * count.
 */
class ManyConnectionsTest {

    private static final int WANTED = Integer.getInteger("aioj.load.connections", 10_000);
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void tenThousandConcurrentConnectionsAreAllServed() throws Exception {
        var os = (com.sun.management.UnixOperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long spare = os.getMaxFileDescriptorCount() - os.getOpenFileDescriptorCount() - 500;
        int count = (int) Math.min(WANTED, spare);
        System.out.printf("open-file limit %d, %d open: %d connections%s%n", os.getMaxFileDescriptorCount(),
                os.getOpenFileDescriptorCount(), count, count < WANTED ? " (fewer than the " + WANTED
                        + " wanted: raise the hard limit, ulimit -Hn, to test them all)" : "");
        assertThat(count).as("connections this machine's open-file limit allows").isGreaterThanOrEqualTo(1000);

        Path dir = Files.createTempDirectory("aioj-many-");
        long start = System.nanoTime();
        List<Socket> sockets = new ArrayList<>(count);
        try (ServerProcess server = ServerProcess.startOnFreePort(free -> ServerProcess.start(dir, List.of("--port",
                Integer.toString(free), "--save", "", "--maxclients", Integer.toString(count + 100), "--tcp-backlog",
                "4096")), WAIT)) {
            int port = server.port();
            try {
                InetAddress loopback = InetAddress.getByName("127.0.0.1");
                for (int i = 0; i < count; i++) {
                    Socket s = new Socket(loopback, port);
                    s.setSoTimeout((int) WAIT.toMillis());
                    sockets.add(s);
                }
                long connected = System.nanoTime();
                for (int i = 0; i < count; i++) {
                    sockets.get(i).getOutputStream().write(commands(i));
                }
                int served = 0;
                for (int i = 0; i < count; i++) {
                    String expected = "+PONG\r\n+OK\r\n$" + value(i).length() + "\r\n" + value(i) + "\r\n";
                    String got = readExactly(sockets.get(i).getInputStream(), expected.length());
                    assertThat(got).as("replies on connection %d", i).isEqualTo(expected);
                    served++;
                }
                long done = System.nanoTime();
                try (Socket probe = new Socket(loopback, port)) {
                    probe.setSoTimeout((int) WAIT.toMillis());
                    probe.getOutputStream().write("*2\r\n$4\r\nINFO\r\n$7\r\nclients\r\n*1\r\n$6\r\nDBSIZE\r\n"
                            .getBytes(StandardCharsets.US_ASCII));
                    String info = readUntil(probe.getInputStream(), "\r\n:" + count + "\r\n");
                    assertThat(info).contains("connected_clients:" + (count + 1));
                }
                System.out.printf("%d connections: connected in %d ms, PING+SET+GET on each answered in %d ms%n",
                        served, (connected - start) / 1_000_000, (done - connected) / 1_000_000);
                assertThat(served).isEqualTo(count);
            } finally {
                for (Socket s : sockets) s.close();
            }
            try (Socket after = new Socket(InetAddress.getByName("127.0.0.1"), port)) {
                after.setSoTimeout((int) WAIT.toMillis());
                after.getOutputStream().write("*1\r\n$4\r\nPING\r\n".getBytes(StandardCharsets.US_ASCII));
                assertThat(readExactly(after.getInputStream(), 7)).isEqualTo("+PONG\r\n");
            }
        }
    }

    private static String value(int i) {
        return "value-" + i;
    }

    private static byte[] commands(int i) {
        String key = "key:" + i;
        String v = value(i);
        return ("*1\r\n$4\r\nPING\r\n"
                + "*3\r\n$3\r\nSET\r\n$" + key.length() + "\r\n" + key + "\r\n$" + v.length() + "\r\n" + v + "\r\n"
                + "*2\r\n$3\r\nGET\r\n$" + key.length() + "\r\n" + key + "\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    private static String readExactly(InputStream in, int n) throws IOException {
        byte[] b = in.readNBytes(n);
        return new String(b, StandardCharsets.US_ASCII);
    }

    private static String readUntil(InputStream in, String end) throws IOException {
        StringBuilder s = new StringBuilder();
        while (s.indexOf(end) < 0) {
            int c = in.read();
            if (c < 0) throw new IOException("closed after: " + s);
            s.append((char) c);
        }
        return s.toString();
    }
}
