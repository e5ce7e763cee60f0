package dev.aioj.examples.seed003;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SocketChannel;
import java.util.List;

/**
 * Seed 003's {@code TCPClient}: a connected socket with an outgoing buffer;
 * it wants to send while the buffer has bytes, and removes itself from the
 * reactor's list when it closes.
 *
 * <p>Thread contract: the reactor's thread.
 */
abstract class TcpClient implements EventHandler {

    final SocketChannel sock;
    private final List<EventHandler> handlerList;
    final ByteArrayOutputStream outgoing = new ByteArrayOutputStream(); // self.outgoing = bytearray()

    TcpClient(SocketChannel sock, List<EventHandler> handlerList) {
        this.sock = sock;
        this.handlerList = handlerList;
    }

    @Override
    public SelectableChannel channel() {
        return sock;
    }

    void close() throws IOException {
        sock.close();
        // Remove myself from the event loop's handler list
        handlerList.remove(this);
    }

    @Override
    public boolean wantsToSend() {
        return outgoing.size() > 0;
    }

    @Override
    public void handleSend() throws IOException {
        byte[] pending = outgoing.toByteArray();
        int nsent = sock.write(ByteBuffer.wrap(pending));
        outgoing.reset(); // self.outgoing = self.outgoing[nsent:]
        outgoing.write(pending, nsent, pending.length - nsent);
    }
}
