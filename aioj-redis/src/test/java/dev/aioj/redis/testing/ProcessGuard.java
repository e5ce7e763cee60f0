package dev.aioj.redis.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Makes sure the redis-server processes a harness ({@link
 * RedisServerExtension}, {@link RedisClusterExtension}, {@link
 * RedisSentinelExtension}) starts never outlive the test JVM: a shutdown hook kills them by PID when the JVM exits
 * without the harness closing them, and a watchdog shell process, started
 * with the first PID, waits for the JVM's PID to disappear (a SIGKILL or a
 * crash runs no hook) and then {@code kill -9}s the PIDs listed in a file in
 * the harness's folder, and removes the folder. {@link #update} rewrites the
 * file whenever a process starts or restarts.
 */
final class ProcessGuard implements AutoCloseable {

    private final Path root;
    private final Thread shutdownHook;
    private Process watchdog;

    /** {@code pids}: the PIDs alive now, asked by the shutdown hook. */
    ProcessGuard(Path root, String name, Supplier<List<Long>> pids) {
        this.root = root;
        this.shutdownHook = new Thread(() -> {
            for (long pid : pids.get()) ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }, name);
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Records the PIDs the watchdog must kill (written atomically), starting the watchdog the first time. */
    synchronized void update(List<Long> pids) {
        try {
            Path file = root.resolve("pids");
            Path tmp = root.resolve("pids.tmp");
            Files.writeString(tmp, pids.stream().map(String::valueOf).collect(Collectors.joining(" ")) + "\n");
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            if (watchdog == null) {
                long jvm = ProcessHandle.current().pid();
                String script = "while kill -0 " + jvm + " 2>/dev/null; do sleep 1; done; kill -9 $(cat '" + file
                        + "') 2>/dev/null; sleep 1; rm -rf '" + root + "'";
                watchdog = new ProcessBuilder("sh", "-c", script).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record the PIDs in " + root, e);
        }
    }

    /** The harness stopped its processes itself: the watchdog and the hook are no longer needed. */
    @Override
    public synchronized void close() {
        if (watchdog != null) {
            watchdog.destroyForcibly();
            watchdog = null;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down: the hook runs anyway
        }
    }
}
