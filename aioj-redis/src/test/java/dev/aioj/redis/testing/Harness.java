package dev.aioj.redis.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What the real-Redis extensions ({@link RedisServerExtension}, {@link
 * RedisClusterExtension}, {@link RedisSentinelExtension}) share, written
 * once: the JUnit class scope, a free loopback port, a bounded wait on a
 * condition, and removing a temp folder.
 */
final class Harness {

    private static final System.Logger LOG = System.getLogger(Harness.class.getName());
    /** How often {@link #awaitCondition} asks: the servers send no event for what it waits on. */
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private Harness() {}

    /**
     * Starts before the first test of the class that registered the extension
     * and stops after that class: nested classes inherit the extension and
     * neither start nor stop it.
     */
    static final class ClassScope {
        private String startedBy;

        void beforeAll(ExtensionContext context, Runnable start) {
            if (startedBy == null) {
                startedBy = context.getUniqueId();
                start.run();
            }
        }

        void afterAll(ExtensionContext context, Runnable stop) {
            if (context.getUniqueId().equals(startedBy)) {
                startedBy = null;
                stop.run();
            }
        }
    }

    /** A port free on {@link RedisConfigFile#HOST} now (another process may take it before the server binds). */
    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(RedisConfigFile.HOST))) {
            return socket.getLocalPort();
        }
    }

    /**
     * Asks {@code condition} every 20 ms until it holds, for at most {@code
     * timeout}; an exception it throws counts as "not yet" (a node restarting
     * or not yet listening) and becomes the cause if time runs out.
     *
     * @param detail what to add to the timeout's message (the nodes' state), or null
     * @throws IllegalStateException naming {@code what} when {@code timeout} passes
     */
    static void awaitCondition(String what, Duration timeout, BooleanSupplier condition, Supplier<String> detail) {
        long deadline = System.nanoTime() + timeout.toNanos();
        RuntimeException last = null;
        while (System.nanoTime() < deadline) {
            try {
                if (condition.getAsBoolean()) return;
            } catch (RuntimeException e) {
                last = e;
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
        throw new IllegalStateException("timed out after " + timeout.toMillis() + " ms waiting for " + what
                + (detail == null ? "" : "; " + detail.get()), last);
    }

    /** Removes {@code dir} and everything in it, as far as it can: a temp folder. */
    static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot delete " + dir + ": " + e); // best effort: a temp folder
        }
    }
}
