package dev.aioj.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * {@code aioj server} ({@link ServerMain}) as a child JVM on this test's
 * class path, its standard output collected line by line, so a test waits
 * for a log line (an event) rather than sleeping, and stops it by PID.
 */
final class ServerProcess implements AutoCloseable {

    private final Process process;
    private final List<String> out = new ArrayList<>();
    private final List<Waiter> waiters = new ArrayList<>();
    private final CompletableFuture<String> err = new CompletableFuture<>();
    private boolean ended;

    private record Waiter(Predicate<String> match, CompletableFuture<String> found) {}

    private ServerProcess(Process process) {
        this.process = process;
        Thread.ofVirtual().start(this::readOut);
        Thread.ofVirtual().start(() -> {
            try {
                err.complete(new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                err.complete("");
            }
        });
    }

    static ServerProcess start(Path workingDirectory, List<String> args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(ServerMain.class.getName());
        command.addAll(args);
        return command(workingDirectory, command);
    }

    /** Any server program ({@code redis-server} itself, to compare), run the same way. */
    static ServerProcess command(Path workingDirectory, List<String> command) throws IOException {
        return new ServerProcess(new ProcessBuilder(command).directory(workingDirectory.toFile()).start());
    }

    /** A TCP port nobody listens on now (a child may still lose it to a race: rare, and it then says so). */
    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** Starts a server listening on the port it is given. */
    @FunctionalInterface
    interface OnPort {
        ServerProcess start(int port) throws IOException;
    }

    /** Attempts at a server whose free port was taken before it bound it. */
    private static final int START_ATTEMPTS = 3;

    /** The port {@link #startOnFreePort} started this server on (0 otherwise). */
    private volatile int port;

    /**
     * Starts a server on a port free now and waits until it logs "Ready to
     * accept connections". A child JVM needs a second or more to bind, and
     * another process (any test's client: outgoing connections take ports of
     * the same range) may take the port meanwhile; the server then says
     * "Address already in use" (aioj-server and redis-server alike) and
     * exits, and it is started again on another port, as the redis-server
     * harnesses do.
     */
    static ServerProcess startOnFreePort(OnPort start, Duration timeout) throws Exception {
        for (int attempt = 1; ; attempt++) {
            int free = freePort();
            ServerProcess p = start.start(free);
            try {
                p.awaitLine("Ready to accept connections", timeout);
                p.port = free;
                return p;
            } catch (Exception | AssertionError e) {
                p.close();
                boolean taken = p.output().stream().anyMatch(l -> l.contains("Address already in use")
                        || l.contains("Failed listening on port " + free));
                if (!taken || attempt == START_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    /** The port {@link #startOnFreePort} chose. */
    int port() {
        return port;
    }

    private void readOut() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line; (line = lines.readLine()) != null; ) {
                synchronized (this) {
                    out.add(line);
                    for (Waiter w : waiters) {
                        if (w.match().test(line)) {
                            w.found().complete(line);
                        }
                    }
                }
            }
        } catch (IOException e) {
            // the process is gone
        }
        synchronized (this) {
            ended = true;
            for (Waiter w : waiters) {
                w.found().completeExceptionally(new IllegalStateException("the server's output ended; it printed:\n"
                        + String.join("\n", out)));
            }
        }
    }

    /** Waits for the first output line containing {@code text} (already printed or to come). */
    String awaitLine(String text, Duration timeout) throws Exception {
        CompletableFuture<String> found = new CompletableFuture<>();
        synchronized (this) {
            for (String line : out) {
                if (line.contains(text)) {
                    return line;
                }
            }
            if (ended) {
                throw new AssertionError("no line with '" + text + "': the server's output ended:\n"
                        + String.join("\n", out));
            }
            waiters.add(new Waiter(l -> l.contains(text), found));
        }
        try {
            return found.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("no line with '" + text + "' within " + timeout + "; output so far:\n"
                    + String.join("\n", output()));
        }
    }

    synchronized List<String> output() {
        return List.copyOf(out);
    }

    String errors() throws Exception {
        return err.get(30, TimeUnit.SECONDS);
    }

    long pid() {
        return process.pid();
    }

    /** Sends a signal by name (TERM, INT) with kill(1). */
    void signal(String name) throws IOException, InterruptedException {
        new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).start().waitFor();
    }

    /** Waits for the exit and returns its status. */
    int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("the server did not exit within " + timeout + "; output:\n"
                    + String.join("\n", output()));
        }
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
