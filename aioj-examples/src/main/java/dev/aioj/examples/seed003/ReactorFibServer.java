package dev.aioj.examples.seed003;

import dev.aioj.examples.support.Log;
import dev.aioj.examples.support.Running;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Seed 003's thread-pool program: {@code pool = ThreadPoolHandler(16);
 * handlers = [pool, UDPFibServer(('',16000))]; event_loop(handlers)}. Slow
 * Fibonacci numbers are computed on the pool while the reactor keeps
 * answering other requests.
 */
public final class ReactorFibServer {

    /** The seed's port and pool size. */
    public static final int DEFAULT_PORT = 16000;
    public static final int DEFAULT_WORKERS = 16;

    private ReactorFibServer() {}

    /** Starts the Fibonacci server on udp 127.0.0.1:{@code port} with {@code workers} pool threads. */
    public static Running start(int port, int workers, PrintStream out) throws IOException {
        return start(port, workers, FibLimits.DEFAULT, out);
    }

    /** {@link #start(int, int, PrintStream)} with other bounds on the work. */
    public static Running start(int port, int workers, FibLimits limits, PrintStream out) throws IOException {
        Log log = new Log(out, "reactor-fib");
        ThreadPoolHandler pool = new ThreadPoolHandler(workers);
        UdpFibServer fib = new UdpFibServer(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), pool, limits);
        List<EventHandler> handlers = new ArrayList<>(List.of(pool, fib));
        log.info("UDPFibServer on udp port " + fib.port() + ", ThreadPoolHandler with " + workers
                + " threads, one hand-written reactor; at most " + limits.maxPending() + " requests in progress, "
                + limits.maxSeconds() + " s each");
        return ReactorRun.start("reactor-fib", new Reactor(log::info), handlers, Map.of("port", fib.port()),
                List.of(pool), log);
    }
}
