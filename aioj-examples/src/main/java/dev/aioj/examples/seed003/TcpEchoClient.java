package dev.aioj.examples.seed003;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.List;

/**
 * Seed 003's {@code TCPEchoClient} (a server-side handler, despite its name):
 * what it receives goes to its outgoing buffer; EOF closes it, once the
 * buffer is sent (the seed closes at once, dropping an echo not yet sent).
 */
final class TcpEchoClient extends TcpClient {

    private boolean eof;

    TcpEchoClient(SocketChannel sock, List<EventHandler> handlerList) {
        super(sock, handlerList);
    }

    @Override
    public boolean wantsToReceive() {
        return !eof;
    }

    @Override
    public void handleReceive() throws IOException {
        ByteBuffer data = ByteBuffer.allocate(8192);
        int n = sock.read(data); // data = self.sock.recv(8192)
        if (n < 0) {
            eof = true;
            if (outgoing.size() == 0) {
                close();
            }
        } else {
            outgoing.write(data.array(), 0, n);
        }
    }

    @Override
    public void handleSend() throws IOException {
        super.handleSend();
        if (eof && outgoing.size() == 0) {
            close();
        }
    }

    @Override
    public String toString() {
        return "TcpEchoClient";
    }
}
