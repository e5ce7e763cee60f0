package dev.aioj.bench.redis;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The {@code redis-server} every client of one benchmark run talks to: started
 * by the run on a free loopback port, with persistence off, and stopped at its
 * end. The binary is {@code REDIS_SERVER}, else {@code redis-server} on the
 * {@code PATH}. (The tests use aioj-redis's JUnit harness instead, which can
 * also fall back to an embedded binary.)
 *
 * <p>Thread contract: start and close from one thread.
 */
public final class RedisServer implements AutoCloseable {

    private static final String READY_LINE = "Ready to accept connections";
    private static final int START_ATTEMPTS = 3;

    private final Process process;
    private final int port;
    private final String version;
    private final ArrayDeque<String> log = new ArrayDeque<>();

    private RedisServer(Process process, int port, String version) {
        this.process = process;
        this.port = port;
        this.version = version;
    }

    /** The server process's id (for its CPU time in /proc). */
    public long pid() {
        return process.pid();
    }

    /** Starts a server and returns once it accepts connections. */
    public static RedisServer start() {
        return start(List.of());
    }

    /**
     * Starts a server with {@code extraArgs} after the usual ones; {@code
     * {port}} in them stands for the server's port (for per-node file names).
     */
    public static RedisServer start(List<String> extraArgs) {
        Path binary = binary("REDIS_SERVER", "redis-server");
        if (binary == null) {
            throw new IllegalStateException("no redis-server: set REDIS_SERVER or put redis-server on the PATH "
                    + "(Debian: apt-get install redis-server)");
        }
        String version = version(binary);
        IllegalStateException failure = null;
        for (int attempt = 0; attempt < START_ATTEMPTS; attempt++) {
            int port = freePort(); // another process may take it before the server binds: retry
            try {
                return launch(binary, port, version, extraArgs);
            } catch (IllegalStateException e) {
                failure = e;
            }
        }
        throw failure;
    }

    private static RedisServer launch(Path binary, int port, String version, List<String> extraArgs) {
        List<String> command = new java.util.ArrayList<>(List.of(binary.toString(), "--port", Integer.toString(port),
                "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--protected-mode", "yes", "--loglevel",
                "notice", "--dir", System.getProperty("java.io.tmpdir")));
        for (String arg : extraArgs) command.add(arg.replace("{port}", Integer.toString(port)));
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
        RedisServer server = new RedisServer(process, port, version);
        CompletableFuture<Void> ready = new CompletableFuture<>();
        Thread.ofPlatform().daemon().name("redis-server-log-" + port).start(() -> server.drainLog(ready));
        try {
            ready.get(15, TimeUnit.SECONDS);
            return server;
        } catch (Exception e) {
            server.close();
            throw new IllegalStateException("redis-server on port " + port + " did not start: " + server.logTail(), e);
        }
    }

    private void drainLog(CompletableFuture<Void> ready) {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = reader.readLine()) != null; ) {
                synchronized (log) {
                    if (log.size() == 50) log.removeFirst();
                    log.addLast(line);
                }
                if (line.contains(READY_LINE)) ready.complete(null);
            }
        } catch (IOException e) {
            // the process is gone
        }
        ready.completeExceptionally(new IllegalStateException("redis-server exited"));
    }

    private String logTail() {
        synchronized (log) {
            return String.join("\n", log);
        }
    }

    public int port() {
        return port;
    }

    /** {@code redis-server --version}'s version, e.g. {@code 7.0.15}. */
    public String version() {
        return version;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    /** The executable named by {@code envVariable}, else {@code name} on the PATH, else null. */
    static Path binary(String envVariable, String name) {
        String fromEnv = System.getenv(envVariable);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Path.of(fromEnv);
        }
        String path = System.getenv("PATH");
        if (path == null) return null;
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (dir.isEmpty()) continue;
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) return candidate;
        }
        return null;
    }

    private static String version(Path binary) {
        try {
            Process p = new ProcessBuilder(binary.toString(), "--version").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(10, TimeUnit.SECONDS);
            var m = java.util.regex.Pattern.compile("v=(\\S+)").matcher(out);
            return m.find() ? m.group(1) : out.trim();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + binary + " --version", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }
}
