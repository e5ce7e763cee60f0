package dev.aioj.amqp.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real RabbitMQ node (Debian's rabbitmq-server) for tests, on free
 * loopback ports, with everything in its own folder under {@code target/}:
 * config file, node name, Mnesia data, logs, Erlang cookie, and its own epmd
 * on a free port (so nothing is shared with a system RabbitMQ, and nothing
 * outlives the test JVM).
 *
 * <p>The node runs under a small shell wrapper started with {@code setsid}:
 * a process group of its own holding epmd, the node and a watchdog that
 * reads the wrapper's stdin, a pipe from this JVM. When the JVM ends, even
 * killed with SIGKILL, the pipe closes and the watchdog stops the whole
 * group; {@link #close} does the same on purpose, then waits for every
 * process by PID and SIGKILLs what lingers.
 *
 * <p>Starting a node takes 3-5 s, so tests share one per JVM ({@link
 * #shared()}); tests that kill the broker start their own ({@link #start()}).
 */
public final class RabbitMqBroker implements AutoCloseable {

    private static final Path SERVER = Path.of("/usr/lib/rabbitmq/bin/rabbitmq-server");
    private static final Path CTL = Path.of("/usr/lib/rabbitmq/bin/rabbitmqctl");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(15);
    private static final AtomicInteger SERIAL = new AtomicInteger();
    private static RabbitMqBroker shared;

    private final String node;
    private final Path dir;
    private final int port;
    private final int epmdPort;
    private final int distPort;
    private final TlsFiles tls;
    private final int tlsPort;
    private Process wrapper;

    /** PEM files for a TLS listener ({@link #start(TlsFiles)}): CA, server certificate, its key. */
    public record TlsFiles(Path caCertificate, Path serverCertificate, Path serverKey) {}

    private RabbitMqBroker(String node, Path dir, int port, int epmdPort, int distPort, TlsFiles tls) {
        this.node = node;
        this.dir = dir;
        this.port = port;
        this.epmdPort = epmdPort;
        this.distPort = distPort;
        this.tls = tls;
        this.tlsPort = tls == null ? -1 : freePort();
    }

    /** Whether this machine has rabbitmq-server (Debian's package). */
    public static boolean available() {
        return Files.isExecutable(SERVER) && findOnPath("epmd").isPresent();
    }

    public static String missingReason() {
        return "rabbitmq-server not installed (" + SERVER + "; apt-get install rabbitmq-server): "
                + "tests that need a real RabbitMQ are skipped";
    }

    /** The JVM's shared node, started on first use and stopped when the JVM exits. */
    public static synchronized RabbitMqBroker shared() {
        if (shared == null || !shared.isRunning()) {
            shared = start();
            RabbitMqBroker b = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(b::close, "stop-rabbitmq-" + b.node));
        }
        return shared;
    }

    /** A node of its own (for tests that kill it); close it when done. */
    public static RabbitMqBroker start() {
        return start(null);
    }

    /** A node of its own with, when {@code tls} is given, an amqps listener too ({@link #tlsPort()}). */
    public static RabbitMqBroker start(TlsFiles tls) {
        if (!available()) throw new IllegalStateException(missingReason());
        String node = "aioj" + ProcessHandle.current().pid() + "n" + SERIAL.incrementAndGet() + "@localhost";
        Path dir = Path.of(System.getProperty("user.dir"), "target", "rabbitmq", node.replace('@', '-'))
                .toAbsolutePath();
        RabbitMqBroker b = new RabbitMqBroker(node, dir, freePort(), freePort(), freePort(), tls);
        b.launch();
        return b;
    }

    private void launch() {
        try {
            Files.createDirectories(dir.resolve("mnesia"));
            Files.createDirectories(dir.resolve("log"));
            Files.createDirectories(dir.resolve("home"));
            Files.writeString(dir.resolve("enabled_plugins"), "[].\n");
            String tlsConfig = tls == null ? "" : String.join("\n",
                    "listeners.ssl.1 = 127.0.0.1:" + tlsPort,
                    "ssl_options.cacertfile = " + tls.caCertificate(),
                    "ssl_options.certfile = " + tls.serverCertificate(),
                    "ssl_options.keyfile = " + tls.serverKey(),
                    "ssl_options.verify = verify_none",
                    "ssl_options.fail_if_no_peer_cert = false",
                    "");
            Files.writeString(dir.resolve("rabbitmq.conf"), tlsConfig + String.join("\n",
                    "listeners.tcp.1 = 127.0.0.1:" + port,
                    "loopback_users = none",
                    "log.console = true",
                    "log.console.level = warning",
                    "log.file = false",
                    // several test JVMs and sessions share a small machine: no alarm unless a test asks
                    "vm_memory_high_watermark.relative = 0.9",
                    "disk_free_limit.absolute = 1MB",
                    "") );
            Path script = dir.resolve("run.sh");
            Files.writeString(script, String.join("\n",
                    "#!/bin/sh",
                    "# epmd, the node and a watchdog in one process group (setsid): the JVM holds our",
                    "# stdin; EOF (the JVM stopped us, or died) stops the whole group.",
                    "# (sh gives background jobs /dev/null as stdin: keep ours on fd 3 for the watchdog)",
                    "exec 3<&0",
                    "epmd -port " + epmdPort + " -address 127.0.0.1 </dev/null &",
                    SERVER + " </dev/null &",
                    "server=$!",
                    "echo \"rabbitmq-server pid $server\"",
                    "( cat <&3 >/dev/null; kill -TERM 0 ) &",
                    "wait $server",
                    "echo \"rabbitmq-server exited: $?\"",
                    "kill -TERM 0",
                    ""));
            ProcessBuilder pb = new ProcessBuilder("setsid", "sh", script.toString())
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("console.log").toFile()));
            pb.environment().putAll(env());
            wrapper = pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start rabbitmq-server in " + dir, e);
        }
        awaitReady();
    }

    private Map<String, String> env() {
        return Map.of(
                "HOME", dir.resolve("home").toString(),
                "RABBITMQ_NODENAME", node,
                "RABBITMQ_CONFIG_FILE", dir.resolve("rabbitmq.conf").toString(),
                "RABBITMQ_MNESIA_BASE", dir.resolve("mnesia").toString(),
                "RABBITMQ_LOG_BASE", dir.resolve("log").toString(),
                "RABBITMQ_ENABLED_PLUGINS_FILE", dir.resolve("enabled_plugins").toString(),
                "ERL_EPMD_PORT", Integer.toString(epmdPort),
                "RABBITMQ_DIST_PORT", Integer.toString(distPort),
                "RABBITMQ_SERVER_START_ARGS", "-start_epmd false");
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() - deadline < 0) {
            if (!wrapper.isAlive()) {
                throw new IllegalStateException("rabbitmq-server exited while starting: " + logTail());
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException e) {
                try {
                    wrapper.waitFor(50, TimeUnit.MILLISECONDS);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for rabbitmq-server", ie);
                }
            }
        }
        close();
        throw new IllegalStateException("rabbitmq-server not accepting on " + port + " within "
                + START_TIMEOUT.toSeconds() + " s: " + logTail());
    }

    public int port() {
        return port;
    }

    /** The amqps listener's port ({@link #start(TlsFiles)}), -1 without one. */
    public int tlsPort() {
        return tlsPort;
    }

    /** {@code amqp://guest:guest@127.0.0.1:port} (no path: the default vhost "/"). */
    public String uri() {
        return "amqp://guest:guest@127.0.0.1:" + port;
    }

    public String node() {
        return node;
    }

    /** What the tests print: which broker they run against. */
    public String describe() {
        return "RabbitMQ (" + SERVER + ") node " + node + " on 127.0.0.1:" + port;
    }

    public synchronized boolean isRunning() {
        return wrapper != null && wrapper.isAlive() && beam().isPresent();
    }

    /** The Erlang VM's process (beam.smp), child of the wrapper. */
    private Optional<ProcessHandle> beam() {
        if (wrapper == null) return Optional.empty();
        return wrapper.descendants().filter(p -> p.info().command().map(c -> c.contains("beam")).orElse(false))
                .findFirst();
    }

    /** SIGKILL to the Erlang VM: the broker vanishes mid-stream; the wrapper then stops epmd and exits. */
    public synchronized void kill() {
        beam().ifPresent(p -> {
            p.destroyForcibly();
            p.onExit().orTimeout(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).join();
        });
        awaitGone();
    }

    /** Starts the node again on the same ports and data after {@link #kill} or {@link #close}. */
    public synchronized void restart() {
        if (isRunning()) throw new IllegalStateException("rabbitmq node " + node + " is running");
        launch();
    }

    /**
     * Runs rabbitmqctl against this node (e.g. {@code set_vm_memory_high_watermark 0.0000001}
     * to raise a memory alarm); its output, or an exception with it.
     */
    public String ctl(String... args) {
        List<String> command = new ArrayList<>(List.of(CTL.toString(), "-n", node));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).directory(dir.toFile());
        pb.environment().putAll(env());
        try {
            Process p = pb.start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("rabbitmqctl " + args[0] + " timed out");
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException("rabbitmqctl " + String.join(" ", args) + " exited "
                        + p.exitValue() + ": " + out);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Stops the group (SIGTERM through the watchdog), waits for every process, SIGKILLs what lingers. */
    @Override
    public synchronized void close() {
        if (wrapper == null) return;
        List<ProcessHandle> all = new ArrayList<>(wrapper.descendants().toList());
        try {
            wrapper.getOutputStream().close(); // the watchdog's EOF
        } catch (IOException e) {
            // already closed
        }
        long deadline = System.nanoTime() + STOP_TIMEOUT.toNanos();
        for (ProcessHandle p : all) {
            long left = Math.max(1, deadline - System.nanoTime());
            try {
                p.onExit().get(left, TimeUnit.NANOSECONDS);
            } catch (Exception e) {
                p.destroyForcibly();
            }
        }
        awaitGone();
        wrapper = null;
    }

    private void awaitGone() {
        if (wrapper == null) return;
        try {
            if (!wrapper.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                wrapper.descendants().forEach(ProcessHandle::destroyForcibly);
                wrapper.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The last lines of the node's console output. */
    public String logTail() {
        try {
            List<String> lines = Files.readAllLines(dir.resolve("console.log"));
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no console.log: " + e + ")";
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Optional<Path> findOnPath(String name) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path p = Path.of(d, name);
            if (Files.isExecutable(p)) return Optional.of(p);
        }
        return Optional.empty();
    }
}
