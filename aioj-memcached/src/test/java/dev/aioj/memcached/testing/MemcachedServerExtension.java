package dev.aioj.memcached.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real memcached for one test class, on a free port of 127.0.0.1:
 *
 * <pre>
 * &#64;RegisterExtension
 * static final MemcachedServerExtension memcached = MemcachedServerExtension.builder().args("-I", "2m").build();
 * </pre>
 *
 * <p>Before the class's first test it finds the binary ({@link
 * MemcachedBinary}) and starts it with {@code -l 127.0.0.1 -p PORT -U 0};
 * after the class it stops it by PID. Without a binary the class is skipped
 * with the reason in the output. Tests can {@link #kill} it (SIGKILL) and
 * {@link #restart} it on the same port. Several servers: several fields, or
 * {@link Builder#port} to ask for given ports.
 *
 * <p>Register it on a {@code static} field. It also works without JUnit:
 * {@link #start()} and {@link #close()}.
 */
public final class MemcachedServerExtension implements BeforeAllCallback, AfterAllCallback, AutoCloseable {

    private static final int START_ATTEMPTS = 3;
    private static final Duration START_TIMEOUT = Duration.ofSeconds(10);

    private final List<String> args;
    private final int requestedPort;
    private String startedBy;
    private Path binary;
    private MemcachedProcess process;
    private int port;

    private MemcachedServerExtension(Builder builder) {
        this.args = List.copyOf(builder.args);
        this.requestedPort = builder.port;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Options of the server. */
    public static final class Builder {
        private final List<String> args = new ArrayList<>();
        private int port;

        private Builder() {}

        /** Extra memcached arguments, e.g. {@code "-I", "2m"} for a 2 MiB item size. */
        public Builder args(String... args) {
            this.args.addAll(List.of(args));
            return this;
        }

        /** A given port instead of a free one (fails to start if it is taken). */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public MemcachedServerExtension build() {
            return new MemcachedServerExtension(this);
        }
    }

    /** Whether this machine has a memcached binary. */
    public static boolean available() {
        return MemcachedBinary.find().isPresent();
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        Assumptions.assumeTrue(available(), MemcachedBinary::missingReason);
        if (startedBy == null) {
            startedBy = context.getUniqueId();
            start();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (context.getUniqueId().equals(startedBy)) {
            startedBy = null;
            close();
        }
    }

    /** Starts the server if it is not running; returns once it accepts connections. */
    public synchronized void start() {
        if (process != null) return;
        binary = MemcachedBinary.find().orElseThrow(() -> new IllegalStateException(MemcachedBinary.missingReason()));
        IllegalStateException failure = null;
        for (int attempt = 1; attempt <= START_ATTEMPTS && process == null; attempt++) {
            int candidatePort = requestedPort != 0 ? requestedPort : freePort();
            MemcachedProcess candidate = MemcachedProcess.start(binary, candidatePort, args);
            try {
                candidate.awaitReady(START_TIMEOUT);
                process = candidate;
                port = candidatePort;
            } catch (IllegalStateException e) {
                candidate.close();
                failure = e;
                if (requestedPort != 0) break;
            }
        }
        if (process == null) throw failure;
    }

    /** Starts it again on the same port (after {@link #kill} or {@link #stop}). */
    public synchronized void restart() {
        if (process != null && process.isAlive()) throw new IllegalStateException("memcached is running");
        MemcachedProcess candidate = MemcachedProcess.start(binary, port, args);
        try {
            candidate.awaitReady(START_TIMEOUT);
        } catch (IllegalStateException e) {
            candidate.close();
            throw e;
        }
        process = candidate;
    }

    /** SIGKILL by PID: the server vanishes mid-whatever, its data with it. */
    public synchronized void kill() {
        requireStarted();
        process.kill();
    }

    /** SIGTERM by PID, waiting for it to exit. */
    public synchronized void stop() {
        requireStarted();
        process.close();
    }

    @Override
    public synchronized void close() {
        if (process != null) {
            process.close();
            process = null;
        }
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    public synchronized int port() {
        requireStarted();
        return port;
    }

    /** {@code 127.0.0.1:port}, as the client takes it. */
    public String address() {
        return "127.0.0.1:" + port();
    }

    public synchronized long pid() {
        requireStarted();
        return process.pid();
    }

    /** A raw text connection, for checks that must not go through the client under test. */
    public RawMemcached raw() {
        return RawMemcached.connect(port());
    }

    public synchronized List<String> log() {
        requireStarted();
        return process.log();
    }

    private void requireStarted() {
        if (process == null) {
            throw new IllegalStateException("memcached is not running: register the extension on a static field "
                    + "with @RegisterExtension, or call start()");
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
