package dev.aioj.examples.seed001;

import dev.aioj.examples.support.Log;
import dev.aioj.examples.support.Running;
import dev.aioj.loop.EventLoop;
import dev.aioj.loop.LoopStats;
import dev.aioj.net.Server;
import java.io.PrintStream;
import java.util.concurrent.TimeUnit;

/**
 * Seed 001's "replace the selector the event loop uses": the echo server of
 * {@link ProtocolEchoServer} on a loop built with a custom {@link
 * java.nio.channels.spi.SelectorProvider} ({@link CountingSelectorProvider}),
 * as the seed builds {@code SelectorEventLoop(ZmqSelector())}. Each channel
 * the loop opens is logged as it comes from the provider; when a connection
 * closes, the loop's poll count so far is printed.
 *
 * <p>Thread contract: {@link #start} and {@link #close} from any thread.
 */
public final class CustomSelectorEchoServer implements Running {

    /** The seed names no port; aioj's seed-001 servers use 9001 to 9005. */
    public static final int DEFAULT_PORT = 9005;

    private final EventLoop loop;
    private final Server server;
    private final CountingSelectorProvider provider;

    private CustomSelectorEchoServer(EventLoop loop, Server server, CountingSelectorProvider provider) {
        this.loop = loop;
        this.server = server;
        this.provider = provider;
    }

    /** Listens on 127.0.0.1:{@code port} (0: any free port) on a loop with the counting provider. */
    public static CustomSelectorEchoServer start(int port, PrintStream out) throws Exception {
        Log log = new Log(out, "custom-selector");
        CountingSelectorProvider provider = new CountingSelectorProvider(log);
        // The seed's install_zmq_event_loop(): the loop takes its poller from the provider.
        EventLoop loop = EventLoop.builder().name("custom-selector").selectorProvider(provider).build();
        Runnable reportPolls = () -> {
            LoopStats stats = loop.stats();
            log.info("loop polled its selector " + stats.iterations() + " times so far ("
                    + stats.wakeups() + " wakeups from other threads, " + stats.tasksRun() + " callbacks)");
        };
        Server server = loop.createServer(() -> new ProtocolEchoServer.EchoProtocol(log, reportPolls),
                "127.0.0.1", port).get(10, TimeUnit.SECONDS);
        log.info("listening on " + server.localAddress() + " with " + loop + " and selector provider "
                + provider.getClass().getSimpleName());
        return new CustomSelectorEchoServer(loop, server, provider);
    }

    @Override
    public int port() {
        return server.port();
    }

    /**
     * Selectors and listening sockets the loop opened through the provider
     * (accepted sockets come from the listening socket, not the provider).
     */
    public int channelsOpenedThroughProvider() {
        return provider.selectors.get() + provider.serverChannels.get();
    }

    @Override
    public void close() {
        server.close();
        loop.shutdownGracefully().orTimeout(10, TimeUnit.SECONDS).join();
    }
}
