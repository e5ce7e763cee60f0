package dev.aioj.examples.seed003;

import dev.aioj.examples.support.Log;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Seed 003's test program for the Fibonacci server:
 *
 * <pre>
 * for x in range(40):
 *     sock.sendto(str(x).encode('ascii'), ('localhost', 16000))
 *     resp = sock.recvfrom(8192)
 *     print(resp[0])
 * </pre>
 *
 * One request at a time, each answer printed as Python prints bytes
 * ({@code b'89'}). Run several at once, as the seed suggests: each is slower
 * as the numbers grow, and none holds up the others.
 *
 * <p>Thread contract: {@link #run} blocks its caller (never a loop thread).
 */
public final class FibClient {

    /** How many numbers to ask for: range(12) answers at once; the seed's range(40) takes a while. */
    public static final int DEFAULT_COUNT = 12;

    /** Longer than the servers' own limit on one request, so a slow answer is waited for. */
    static final Duration TIMEOUT = Duration.ofSeconds(FibLimits.DEFAULT.maxSeconds() + 10);

    private FibClient() {}

    /** Asks 127.0.0.1:{@code port} for fib(0) .. fib(count - 1); returns the answers' texts. */
    public static List<String> run(int port, int count, PrintStream out) throws Exception {
        if (count < 0) {
            throw new IllegalArgumentException("--count < 0: " + count);
        }
        List<String> answers = new ArrayList<>(count);
        try (DatagramExchange sock = DatagramExchange.open("fib-client")) {
            for (int x = 0; x < count; x++) {
                sock.sendTo(Integer.toString(x).getBytes(StandardCharsets.US_ASCII), port);
                DatagramExchange.Received resp = sock.recvFrom(8192, TIMEOUT);
                out.println(Log.repr(resp.data()));
                answers.add(new String(resp.data(), StandardCharsets.US_ASCII));
            }
        }
        return answers;
    }
}
