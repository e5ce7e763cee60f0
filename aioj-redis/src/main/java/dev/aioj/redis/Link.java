package dev.aioj.redis;

import dev.aioj.net.Protocol;
import dev.aioj.net.Transport;
import dev.aioj.redis.resp.RespLimits;
import dev.aioj.redis.resp.RespParser;
import java.nio.ByteBuffer;

/**
 * One socket of a {@link Pipeline}: the protocol the event loop drives for it.
 * A pipeline outlives its sockets (it reconnects); each new socket gets a new
 * {@code Link} with a fresh parser, and callbacks from a link the pipeline
 * has already let go of are ignored.
 *
 * <p>Thread contract: loop thread only.
 */
final class Link implements Protocol {

    private final Pipeline pipeline;
    final RespParser parser;
    Transport transport;

    Link(Pipeline pipeline, RespLimits limits) {
        this.pipeline = pipeline;
        this.parser = new RespParser(limits);
    }

    private boolean abandoned;

    /** The pipeline gave up on this attempt: a socket that connects anyway is closed at once. */
    void abandon() {
        abandoned = true;
        if (transport != null) {
            transport.abort();
        }
    }

    @Override
    public void connectionMade(Transport transport) {
        this.transport = transport;
        if (abandoned) {
            transport.abort();
        }
    }

    @Override
    public void dataReceived(ByteBuffer data) {
        pipeline.replies.onData(this, data);
    }

    @Override
    public void connectionLost(Throwable cause) {
        pipeline.lifecycle.onLinkLost(this, cause);
    }

    @Override
    public void pauseWriting() {
        pipeline.onWritable(this, false);
    }

    @Override
    public void resumeWriting() {
        pipeline.onWritable(this, true);
    }

    @Override
    public String toString() {
        return "Link[" + (transport == null ? "connecting" : transport.remoteAddress()) + "]";
    }
}
