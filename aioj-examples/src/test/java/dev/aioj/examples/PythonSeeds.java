package dev.aioj.examples;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs the seeds' own Python programs (test resources under {@code python/})
 * with the {@code python3} on PATH, for tests that pair them with the Java
 * examples. Where there is no {@code python3}, the calling test is skipped,
 * saying so. A server is stopped by its PID when closed.
 */
public final class PythonSeeds {

    private PythonSeeds() {}

    /** A seed server that printed its ports ({@code ports N [M]}) on its first line. */
    public record Server(Process process, List<Integer> ports) implements AutoCloseable {
        @Override
        public void close() throws InterruptedException {
            process.destroy(); // SIGTERM to its PID
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    /** The {@code python3} on PATH; skips the calling test when there is none. */
    static String python() {
        Optional<Path> found = Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .map(dir -> Path.of(dir, "python3"))
                .filter(Files::isExecutable)
                .findFirst();
        assumeTrue(found.isPresent(), "no python3 on PATH: the interop tests with the seeds' Python programs are skipped");
        return found.get().toString();
    }

    static Path script(String name) {
        try {
            return Path.of(PythonSeeds.class.getResource("/python/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Starts a seed server script on port 0 and waits (10 s at most) for the ports it bound. */
    public static Server start(String script, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(python(), "-u", script(script).toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> {
            try {
                return out.readLine();
            } catch (IOException e) {
                return null;
            }
        });
        String line;
        try {
            line = first.get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            line = null;
        }
        if (line == null || !line.startsWith("ports ")) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new IllegalStateException(script + " did not start: " + line);
        }
        Thread.ofVirtual().start(() -> drain(out)); // keep its pipe from filling up
        List<Integer> ports = Arrays.stream(line.substring(6).trim().split(" ")).map(Integer::parseInt).toList();
        return new Server(process, ports);
    }

    /** Runs a seed client script to its end (60 s at most) and returns what it printed. */
    public static List<String> run(String script, String... args) throws IOException, InterruptedException {
        return runWith(python(), script, args);
    }

    /** {@link #run} with a given interpreter (one that has a module the script needs). */
    public static List<String> runWith(String python, String script, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(python, "-u", script(script).toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> {
            try {
                return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "";
            }
        });
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError(script + " did not finish within 60 s");
        }
        String text = output.join();
        if (process.exitValue() != 0) {
            throw new AssertionError(script + " exited with " + process.exitValue() + ":\n" + text);
        }
        return text.lines().toList();
    }

    private static void drain(BufferedReader out) {
        try {
            while (out.readLine() != null) {
                // discard the server's log lines
            }
        } catch (IOException e) {
            // the process is gone
        }
    }
}
