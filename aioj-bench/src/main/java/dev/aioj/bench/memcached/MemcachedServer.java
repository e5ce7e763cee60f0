package dev.aioj.bench.memcached;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The run's memcached: the binary from {@code MEMCACHED}, the PATH or
 * {@code /usr/bin}, on a free loopback port ({@code -l 127.0.0.1 -U 0 -m 256
 * -t 2}), stopped by its PID when the run ends.
 */
final class MemcachedServer implements AutoCloseable {

    private final Process process;
    private final int port;
    private final String version;

    private MemcachedServer(Process process, int port, String version) {
        this.process = process;
        this.port = port;
        this.version = version;
    }

    static MemcachedServer start() throws Exception {
        Path binary = binary();
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            port = s.getLocalPort();
        }
        List<String> command = new ArrayList<>(List.of(binary.toString(), "-l", "127.0.0.1", "-p",
                Integer.toString(port), "-U", "0", "-m", "256", "-t", "2"));
        if ("root".equals(System.getProperty("user.name"))) command.addAll(List.of("-u", "root"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        // a run stopped with Ctrl-C still stops its memcached
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroy, "stop-memcached-" + process.pid()));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                break;
            } catch (IOException e) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    process.destroyForcibly();
                    throw new IllegalStateException("memcached did not start on port " + port, e);
                }
                process.waitFor(5, TimeUnit.MILLISECONDS);
            }
        }
        Process v = new ProcessBuilder(binary.toString(), "-V").redirectErrorStream(true).start();
        String version = new String(v.getInputStream().readAllBytes()).strip();
        v.waitFor();
        return new MemcachedServer(process, port, version);
    }

    static Path binary() {
        String env = System.getenv("MEMCACHED");
        if (env != null && !env.isBlank()) return Path.of(env);
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            Path p = Path.of(dir, "memcached");
            if (Files.isExecutable(p)) return p;
        }
        Path debian = Path.of("/usr/bin/memcached");
        if (Files.isExecutable(debian)) return debian;
        throw new IllegalStateException("no memcached binary: install Debian's memcached (apt-get install memcached)"
                + " or set MEMCACHED");
    }

    int port() {
        return port;
    }

    String version() {
        return version;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
