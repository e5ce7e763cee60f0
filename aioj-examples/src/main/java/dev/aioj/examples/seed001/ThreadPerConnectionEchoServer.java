package dev.aioj.examples.seed001;

import dev.aioj.examples.support.Log;
import dev.aioj.examples.support.Running;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Seed 001's first server, the one "#python" said not to write: one
 * {@code multiprocessing.Process} per connection. Java's form of it is one
 * platform thread per connection, each blocked in {@code read} most of its
 * life: simple, and a megabyte of stack per idle client. It is here for
 * contrast with {@link SelectorEchoServer} and {@link ProtocolEchoServer},
 * which serve every client from one thread.
 *
 * <p>(The seed's handler loops on {@code send} forever after one {@code
 * recv}; this one reads again until EOF, as was meant.)
 *
 * <p>Thread contract: {@link #start} from any thread; the accept loop and
 * each handler run on threads of their own.
 */
public final class ThreadPerConnectionEchoServer implements Running {

    /** The seed names no port; aioj's seed-001 servers use 9001 to 9005. */
    public static final int DEFAULT_PORT = 9001;

    private final ServerSocket listener;
    private final Set<Socket> clients = ConcurrentHashMap.newKeySet();
    private final Thread acceptor;
    private final Log log;

    private ThreadPerConnectionEchoServer(ServerSocket listener, Log log) {
        this.listener = listener;
        this.log = log;
        this.acceptor = Thread.ofPlatform().name("thread-echo-accept").start(this::acceptLoop);
    }

    /** Listens on 127.0.0.1:{@code port} (0: any free port). */
    public static ThreadPerConnectionEchoServer start(int port, PrintStream out) throws IOException {
        ServerSocket listener = new ServerSocket();
        listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 10); // the seed's listen(10)
        Log log = new Log(out, "thread-echo");
        log.info("listening on /127.0.0.1:" + listener.getLocalPort() + ", one thread per connection");
        return new ThreadPerConnectionEchoServer(listener, log);
    }

    @Override
    public int port() {
        return listener.getLocalPort();
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            Socket connection;
            try {
                connection = listener.accept();
            } catch (IOException closed) {
                return;
            }
            clients.add(connection);
            // The seed's multiprocessing.Process(target=handler): a whole thread for one client.
            Thread.ofPlatform().name("thread-echo-" + connection.getPort()).start(() -> handle(connection));
        }
    }

    private void handle(Socket connection) {
        log.info("connection from " + connection.getRemoteSocketAddress() + " on thread "
                + Thread.currentThread().getName());
        try (connection; InputStream in = connection.getInputStream(); OutputStream out = connection.getOutputStream()) {
            byte[] buffer = new byte[1024];
            int n;
            while ((n = in.read(buffer)) > 0) { // blocks this thread until the client sends or leaves
                out.write(buffer, 0, n);
            }
        } catch (IOException e) {
            log.info("connection error: " + e.getMessage());
        } finally {
            clients.remove(connection);
            log.info("connection from " + connection.getRemoteSocketAddress() + " closed");
        }
    }

    @Override
    public void close() {
        try {
            listener.close();
            for (Socket client : clients) {
                client.close();
            }
            acceptor.join(10_000);
        } catch (IOException e) {
            log.info("error closing: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
