package dev.aioj.memcached;

import dev.aioj.net.Protocol;
import dev.aioj.net.Transport;
import java.nio.ByteBuffer;

/**
 * One TCP connection of a {@link MemcachedConnection}: the {@link Protocol}
 * the loop calls, with the parser for that socket's bytes. A new socket gets
 * a new wire, so events of a socket already let go of are recognised (the
 * connection and its {@link Lifecycle} compare the wire) and ignored.
 *
 * <p>Thread contract: loop thread only.
 */
final class Wire implements Protocol {

    private final MemcachedConnection owner;
    final MetaReplyParser parser;
    Transport transport;
    private boolean abandoned;

    Wire(MemcachedConnection owner, MetaReplyParser parser) {
        this.owner = owner;
        this.parser = parser;
    }

    @Override
    public void connectionMade(Transport transport) {
        this.transport = transport;
        if (abandoned) {
            transport.abort();
        }
    }

    /** The connect attempt was given up (its deadline passed): a socket that connects anyway is closed. */
    void abandon() {
        abandoned = true;
        if (transport != null) {
            transport.abort();
        }
    }

    @Override
    public void dataReceived(ByteBuffer data) {
        owner.onData(this, data);
    }

    @Override
    public void connectionLost(Throwable cause) {
        owner.lifecycle.onLost(this, cause);
    }

    @Override
    public void pauseWriting() {
        owner.onWritable(this, false);
    }

    @Override
    public void resumeWriting() {
        owner.onWritable(this, true);
    }
}
