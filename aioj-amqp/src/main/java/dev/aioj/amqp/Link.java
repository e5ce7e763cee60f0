package dev.aioj.amqp;

import dev.aioj.net.Protocol;
import dev.aioj.net.Transport;
import java.nio.ByteBuffer;

/**
 * One socket of an {@link AmqpConnection}: the aioj {@link Protocol} that
 * hands its events to the connection. A connection that recovers gets a new
 * link per socket; the events of an old one, arriving late, are told apart
 * by identity and dropped. Loop thread only.
 */
final class Link implements Protocol {

    private final AmqpConnection connection;
    Transport transport;
    final FrameParser parser = new FrameParser(AmqpUri.DEFAULT_FRAME_MAX);

    Link(AmqpConnection connection) {
        this.connection = connection;
    }

    @Override
    public void connectionMade(Transport transport) {
        this.transport = transport;
        connection.linkMade(this);
    }

    @Override
    public void dataReceived(ByteBuffer data) {
        connection.linkData(this, data);
    }

    @Override
    public void connectionLost(Throwable cause) {
        connection.linkLost(this, cause);
    }

    @Override
    public void pauseWriting() {
        connection.linkWritable(this, false);
    }

    @Override
    public void resumeWriting() {
        connection.linkWritable(this, true);
    }
}
