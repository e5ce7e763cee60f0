package dev.aioj.memcached.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One running memcached child process on 127.0.0.1, its output drained into
 * a bounded tail for failure messages, stopped by its PID. memcached prints
 * nothing when it starts listening (short of {@code -vv}, which would also
 * log every request), so readiness is a connect that succeeds and a {@code
 * stats} that names this process's PID, tried every few milliseconds within a
 * deadline while the process is alive.
 */
final class MemcachedProcess implements AutoCloseable {

    private static final int LOG_LINES = 100;
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

    private final Process process;
    private final int port;
    private final ArrayDeque<String> log = new ArrayDeque<>();
    private final Thread logReader;

    private MemcachedProcess(Process process, int port) {
        this.process = process;
        this.port = port;
        this.logReader = Thread.ofPlatform().daemon().name("memcached-log-" + process.pid()).start(this::drainLog);
        // a test JVM that is killed (a hung test) still takes its memcached with it
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly, "stop-memcached-" + process.pid()));
    }

    static MemcachedProcess start(Path binary, int port, List<String> args) {
        List<String> command = new ArrayList<>(List.of(binary.toString(), "-l", "127.0.0.1", "-p",
                Integer.toString(port), "-U", "0", "-m", "64", "-t", "2"));
        if ("root".equals(System.getProperty("user.name"))) {
            command.addAll(List.of("-u", "root")); // memcached refuses to run as root without it
        }
        command.addAll(args);
        try {
            return new MemcachedProcess(new ProcessBuilder(command).redirectErrorStream(true).start(), port);
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
            }
        } catch (IOException e) {
            // the process is gone
        }
    }

    /**
     * Waits until this process answers on its port: a connect that succeeds,
     * then {@code stats} naming this process's PID. A connect alone could
     * reach a foreign listener that holds the port (memcached then fails to
     * bind and exits, but perhaps only after the connect succeeded).
     *
     * @throws IllegalStateException naming the port, with the output's tail, if
     *     the process exits (a port already taken, most often) or is not ready in time
     */
    void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String lastAnswer = "no connection accepted";
        while (System.nanoTime() - deadline < 0) {
            if (!process.isAlive()) {
                throw exited();
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                socket.setSoTimeout(500);
                long answeringPid = statsPid(socket);
                if (answeringPid == process.pid()) {
                    return;
                }
                lastAnswer = answeringPid < 0 ? "a listener that does not answer stats like memcached"
                        : "a memcached with pid " + answeringPid;
            } catch (IOException e) {
                // not listening yet
            }
            try {
                process.waitFor(5, TimeUnit.MILLISECONDS); // returns at once if it exits
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for memcached", ie);
            }
        }
        if (!process.isAlive()) {
            throw exited();
        }
        throw new IllegalStateException("memcached pid " + process.pid() + " not answering on 127.0.0.1:" + port
                + " within " + timeout.toMillis() + " ms (found " + lastAnswer + "): " + log());
    }

    private IllegalStateException exited() {
        joinLogReader();
        return new IllegalStateException("memcached pid " + process.pid() + " for 127.0.0.1:" + port
                + " exited with code " + process.exitValue() + " before answering there (is the port taken?): "
                + log());
    }

    /** Sends {@code stats} and returns the {@code STAT pid} of the reply, or -1 if the answer is not memcached's. */
    private static long statsPid(Socket socket) throws IOException {
        socket.getOutputStream().write("stats\r\n".getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        BufferedReader reader = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                StandardCharsets.US_ASCII));
        long pid = -1;
        try {
            for (String line; (line = reader.readLine()) != null && !line.equals("END"); ) {
                if (line.startsWith("STAT pid ")) {
                    pid = Long.parseLong(line.substring("STAT pid ".length()).trim());
                } else if (!line.startsWith("STAT ")) {
                    return -1;
                }
            }
        } catch (SocketTimeoutException | NumberFormatException e) {
            return -1; // silent, or not memcached's numbers
        }
        return pid;
    }

    List<String> log() {
        synchronized (log) {
            return List.copyOf(log);
        }
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL by PID, and wait for it to be gone: no goodbye to the clients. */
    void kill() {
        process.destroyForcibly();
        awaitExit();
    }

    /** SIGTERM, then SIGKILL if it lingers. */
    @Override
    public void close() {
        process.destroy();
        awaitExit();
    }

    private void awaitExit() {
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

    private void joinLogReader() {
        try {
            logReader.join(Duration.ofSeconds(2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
