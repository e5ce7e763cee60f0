package dev.aioj.loop;

import java.io.IOException;
import java.net.ProtocolFamily;
import java.nio.channels.DatagramChannel;
import java.nio.channels.Pipe;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.channels.spi.AbstractSelector;
import java.nio.channels.spi.SelectorProvider;
import java.util.concurrent.atomic.AtomicInteger;

/** A provider that delegates to the platform's and counts what the loop opens through it. */
final class CountingSelectorProvider extends SelectorProvider {

    private final SelectorProvider delegate = SelectorProvider.provider();
    final AtomicInteger selectors = new AtomicInteger();
    final AtomicInteger serverChannels = new AtomicInteger();
    final AtomicInteger socketChannels = new AtomicInteger();

    @Override
    public DatagramChannel openDatagramChannel() throws IOException {
        return delegate.openDatagramChannel();
    }

    @Override
    public DatagramChannel openDatagramChannel(ProtocolFamily family) throws IOException {
        return delegate.openDatagramChannel(family);
    }

    @Override
    public Pipe openPipe() throws IOException {
        return delegate.openPipe();
    }

    @Override
    public AbstractSelector openSelector() throws IOException {
        selectors.incrementAndGet();
        return delegate.openSelector();
    }

    @Override
    public ServerSocketChannel openServerSocketChannel() throws IOException {
        serverChannels.incrementAndGet();
        return delegate.openServerSocketChannel();
    }

    @Override
    public SocketChannel openSocketChannel() throws IOException {
        socketChannels.incrementAndGet();
        return delegate.openSocketChannel();
    }
}
