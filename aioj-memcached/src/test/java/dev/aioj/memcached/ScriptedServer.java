package dev.aioj.memcached;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A fake memcached that misbehaves on purpose: for each request line it
 * reads, a script decides the exact bytes to send back (or none). Runs on a
 * platform thread per connection, accepts connections until closed; every
 * request line read is kept for the test to check.
 */
final class ScriptedServer implements AutoCloseable {

    /** The reply bytes for a request line, or null to stay silent; may close the socket. */
    @FunctionalInterface
    interface Script {
        String reply(String requestLine, Socket socket) throws IOException;
    }

    private final ServerSocket listener;
    private final Script script;
    final LinkedBlockingQueue<String> requests = new LinkedBlockingQueue<>();
    final LinkedBlockingQueue<Socket> accepted = new LinkedBlockingQueue<>();
    private final Thread acceptor;

    ScriptedServer(Script script) {
        this.script = script;
        try {
            listener = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        acceptor = Thread.ofPlatform().daemon().name("scripted-memcached").start(this::acceptLoop);
    }

    String address() {
        return "127.0.0.1:" + listener.getLocalPort();
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket socket = listener.accept();
                accepted.add(socket);
                Thread.ofPlatform().daemon().start(() -> serve(socket));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket; InputStream in = socket.getInputStream(); OutputStream out = socket.getOutputStream()) {
            StringBuilder line = new StringBuilder();
            for (int b; (b = in.read()) != -1; ) {
                if (b != '\n') {
                    line.append((char) b);
                    continue;
                }
                String request = line.toString().stripTrailing();
                line.setLength(0);
                if (request.startsWith("ms ")) {
                    int length = Integer.parseInt(request.split(" ")[2]);
                    in.readNBytes(length + 2);
                }
                requests.add(request);
                String reply = script.reply(request, socket);
                if (reply != null && !socket.isClosed()) {
                    out.write(reply.getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                }
            }
        } catch (IOException e) {
            // the client or the script closed it
        }
    }

    /** The opaque token of a request line, e.g. {@code "O7"}. */
    static String opaque(String requestLine) {
        for (String token : requestLine.split(" ")) {
            if (token.startsWith("O")) return token;
        }
        return "";
    }

    @Override
    public void close() {
        try {
            listener.close();
        } catch (IOException e) {
            // closing anyway
        }
        for (Socket s; (s = accepted.poll()) != null; ) {
            try {
                s.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
    }

    /** A future that completes after {@code future}, for join with a bound. */
    static <T> T await(CompletableFuture<T> future) throws Exception {
        return future.get(10, java.util.concurrent.TimeUnit.SECONDS);
    }
}
