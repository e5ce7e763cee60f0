package dev.aioj.redis.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One running {@code redis-server} child process: started with a config file,
 * its log (stdout) drained by a daemon thread into a bounded tail, and
 * "ready" signalled by the log line Redis prints once it listens, so start-up
 * is awaited on that event with a deadline, never polled with sleeps. Used by
 * {@link RedisServerExtension}; one attempt per instance.
 */
final class RedisServerProcess implements AutoCloseable {

    /** Printed by Redis 6 and 7 once every listener is open ("... connections tcp" in 7). */
    static final String READY_LINE = "Ready to accept connections";

    private static final int LOG_LINES = 200;
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

    private final Process process;
    private final Thread logReader;
    private final ArrayDeque<String> log = new ArrayDeque<>();
    /** Printed by a Sentinel (redis-server --sentinel) once it runs; it never prints {@link #READY_LINE}. */
    static final String SENTINEL_READY_LINE = "Sentinel ID is";
    private volatile long readyNanos;

    private final CompletableFuture<Void> ready = new CompletableFuture<>();
    private final String readyLine;

    private RedisServerProcess(Process process, String readyLine) {
        this.process = process;
        this.readyLine = readyLine;
        this.logReader = Thread.ofPlatform().daemon().name("redis-server-log-" + process.pid()).unstarted(this::drainLog);
        this.logReader.start();
        process.onExit().thenRun(() -> ready.completeExceptionally(
                new IllegalStateException("redis-server exited with code " + process.exitValue())));
    }

    static RedisServerProcess start(Path binary, Path configFile, List<String> args) {
        return start(binary, configFile, args, READY_LINE);
    }

    /** Starts the server; {@link #awaitReady} waits for {@code readyLine} in its log. */
    static RedisServerProcess start(Path binary, Path configFile, List<String> args, String readyLine) {
        List<String> command = new ArrayList<>();
        command.add(binary.toString());
        command.add(configFile.toString());
        command.addAll(args);
        try {
            return new RedisServerProcess(new ProcessBuilder(command).redirectErrorStream(true).start(), readyLine);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
    }

    private void drainLog() {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = reader.readLine()) != null; ) {
                synchronized (log) {
                    if (log.size() == LOG_LINES) log.removeFirst();
                    log.addLast(line);
                }
                if (line.contains(readyLine)) {
                    readyNanos = System.nanoTime();
                    ready.complete(null);
                }
            }
        } catch (IOException e) {
            // The process is gone; onExit reports it.
        }
    }

    /**
     * Waits until the server says it accepts connections.
     *
     * @throws IllegalStateException with the log's tail if it exits or is not ready within {@code timeout}
     */
    void awaitReady(Duration timeout) {
        try {
            ready.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            joinLogReader();
            throw new IllegalStateException(e.getCause().getMessage() + "; its log:\n" + String.join("\n", log()), e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("redis-server not ready within " + timeout.toMillis() + " ms; its log:\n"
                    + String.join("\n", log()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for redis-server", e);
        }
    }

    private void joinLogReader() {
        try {
            logReader.join(Duration.ofSeconds(2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The last lines the server logged. */
    List<String> log() {
        synchronized (log) {
            return List.copyOf(log);
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    /** {@link System#nanoTime()} when the server logged it was ready (0 before). */
    long readyNanos() {
        return readyNanos;
    }

    /** SIGKILL to the process by its PID (no shutdown: nothing answered, nothing flushed); waits for it to die. */
    void kill() {
        ProcessHandle.of(process.pid()).ifPresent(ProcessHandle::destroyForcibly);
        try {
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("redis-server pid " + process.pid() + " survived SIGKILL");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while killing redis-server", e);
        }
        joinLogReader();
    }

    /** SIGTERM (Redis shuts down; with {@code save ""} nothing is written), then SIGKILL if it lingers. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        joinLogReader();
    }
}
