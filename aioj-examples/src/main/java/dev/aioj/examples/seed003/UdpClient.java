package dev.aioj.examples.seed003;

import dev.aioj.examples.support.Log;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * Seed 003's interactive session against {@code UDPTimeServer} and {@code
 * UDPEchoServer}: an empty datagram to the time server, {@code b'Hello'} to
 * the echo server, each answer printed as the Python prompt printed it:
 *
 * <pre>
 * &gt;&gt;&gt; s.sendto(b'',('localhost',14000))
 * 0
 * &gt;&gt;&gt; s.recvfrom(128)
 * (b'Tue Sep 18 14:29:23 2012', ('127.0.0.1', 14000))
 * </pre>
 *
 * <p>Thread contract: {@link #run} blocks its caller (never a loop thread).
 */
public final class UdpClient {

    /** How long to wait for each answer (the seed's {@code recvfrom} waits forever). */
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private UdpClient() {}

    /** Runs the session against 127.0.0.1's time and echo ports; returns the two answers' texts. */
    public static List<String> run(int timePort, int echoPort, PrintStream out) throws Exception {
        return run(timePort, echoPort, TIMEOUT, out);
    }

    /** {@link #run(int, int, PrintStream)}, waiting up to {@code timeout} for each answer. */
    static List<String> run(int timePort, int echoPort, Duration timeout, PrintStream out) throws Exception {
        try (DatagramExchange s = DatagramExchange.open("udp-client")) {
            String time = exchange(s, "", timePort, timeout, out);
            String echo = exchange(s, "Hello", echoPort, timeout, out);
            return List.of(time, echo);
        }
    }

    private static String exchange(DatagramExchange s, String message, int port, Duration timeout, PrintStream out)
            throws Exception {
        byte[] bytes = message.getBytes(StandardCharsets.US_ASCII);
        out.println(">>> s.sendto(" + Log.repr(bytes) + ",('localhost'," + port + "))");
        out.println(s.sendTo(bytes, port));
        out.println(">>> s.recvfrom(128)");
        DatagramExchange.Received answer = s.recvFrom(128, timeout);
        out.println(DatagramExchange.repr(answer));
        return new String(answer.data(), StandardCharsets.US_ASCII);
    }
}
