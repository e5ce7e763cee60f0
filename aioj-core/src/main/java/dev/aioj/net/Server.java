package dev.aioj.net;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.concurrent.CompletableFuture;

/**
 * A listening socket that gives each accepted connection a new protocol:
 * asyncio's {@code Server}.
 *
 * <p>Thread contract: any thread.
 */
public interface Server extends AutoCloseable {

    /** The bound address; with port 0 asked, it carries the port the system chose. */
    SocketAddress localAddress();

    /** The bound TCP port, or -1 for a server that is not on TCP. */
    default int port() {
        return localAddress() instanceof InetSocketAddress inet ? inet.getPort() : -1;
    }

    /** True until {@link #close} is called. */
    boolean isServing();

    /**
     * Stops listening. Connections already accepted stay open; {@link
     * #waitClosed} tells when they are gone too. Idempotent. Called off the
     * loop, the kernel socket is closed during the loop's next poll (the JDK
     * closes a registered channel when it leaves the selector).
     */
    @Override
    void close();

    /** Completes once the server is closed and every connection it accepted has closed. */
    CompletableFuture<Void> waitClosed();

    /** Connections accepted by this server and still open. */
    int connectionCount();
}
