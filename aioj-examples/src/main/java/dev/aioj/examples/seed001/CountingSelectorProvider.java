package dev.aioj.examples.seed001;

import dev.aioj.examples.support.Log;
import java.io.IOException;
import java.net.ProtocolFamily;
import java.nio.channels.DatagramChannel;
import java.nio.channels.Pipe;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.channels.spi.AbstractSelector;
import java.nio.channels.spi.SelectorProvider;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link SelectorProvider} that hands out the platform's selectors and
 * channels and counts and logs each: the seam of seed 001's {@code
 * ZmqSelector}. In asyncio the selector is the plug; in Java the provider
 * is, since a loop's selector and its channels must come from the same one.
 *
 * <p>Why it counts rather than wraps: a provider for another poller (ZeroMQ,
 * io_uring) writes its own {@link AbstractSelector}; wrapping the JDK's
 * selector is not possible with public API ({@code register} is protected
 * and must return the JDK's own keys). The loop's polls are counted by the
 * loop itself ({@link dev.aioj.loop.LoopStats#iterations()}).
 *
 * <p>Thread contract: any thread; counters are atomic.
 */
final class CountingSelectorProvider extends SelectorProvider {

    private final SelectorProvider platform = SelectorProvider.provider();
    private final Log log;
    final AtomicInteger selectors = new AtomicInteger();
    final AtomicInteger serverChannels = new AtomicInteger();
    final AtomicInteger socketChannels = new AtomicInteger();
    final AtomicInteger datagramChannels = new AtomicInteger();

    CountingSelectorProvider(Log log) {
        this.log = log;
    }

    @Override
    public AbstractSelector openSelector() throws IOException {
        AbstractSelector selector = platform.openSelector();
        log.info("provider: opened selector #" + selectors.incrementAndGet() + " (" + selector.getClass().getSimpleName()
                + ")");
        return selector;
    }

    @Override
    public ServerSocketChannel openServerSocketChannel() throws IOException {
        log.info("provider: opened server socket channel #" + serverChannels.incrementAndGet());
        return platform.openServerSocketChannel();
    }

    @Override
    public ServerSocketChannel openServerSocketChannel(ProtocolFamily family) throws IOException {
        log.info("provider: opened " + family + " server socket channel #" + serverChannels.incrementAndGet());
        return platform.openServerSocketChannel(family);
    }

    @Override
    public SocketChannel openSocketChannel() throws IOException {
        log.info("provider: opened socket channel #" + socketChannels.incrementAndGet());
        return platform.openSocketChannel();
    }

    @Override
    public SocketChannel openSocketChannel(ProtocolFamily family) throws IOException {
        log.info("provider: opened " + family + " socket channel #" + socketChannels.incrementAndGet());
        return platform.openSocketChannel(family);
    }

    @Override
    public DatagramChannel openDatagramChannel() throws IOException {
        log.info("provider: opened datagram channel #" + datagramChannels.incrementAndGet());
        return platform.openDatagramChannel();
    }

    @Override
    public DatagramChannel openDatagramChannel(ProtocolFamily family) throws IOException {
        log.info("provider: opened " + family + " datagram channel #" + datagramChannels.incrementAndGet());
        return platform.openDatagramChannel(family);
    }

    @Override
    public Pipe openPipe() throws IOException {
        return platform.openPipe();
    }
}
