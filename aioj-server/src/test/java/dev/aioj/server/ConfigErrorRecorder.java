package dev.aioj.server;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Records {@code config/errors.cases} from a real redis-server: runs it on
 * each case (its files in a fresh folder, its arguments and standard input)
 * and writes what it printed and its exit status back into the file, for
 * review in the diff. {@link ConfigErrorsTest} also uses {@link #run} to
 * check the recorded cases against the redis-server 7.0 on the machine.
 *
 * <pre>
 * java -cp ... dev.aioj.server.ConfigErrorRecorder /usr/bin/redis-server
 * </pre>
 */
final class ConfigErrorRecorder {

    private ConfigErrorRecorder() {}

    public static void main(String[] args) throws Exception {
        Path binary = Path.of(args[0]);
        List<String> lines = Files.readAllLines(ConfigErrorCase.FILE, StandardCharsets.UTF_8);
        List<ConfigErrorCase> cases = ConfigErrorCase.parse(lines);
        List<String> out = new ArrayList<>();
        List<String> definition = new ArrayList<>();
        int next = 0;
        for (String l : lines) {
            if (l.startsWith("=== ")) {
                next = flush(binary, cases, next, definition, out);
            }
            if (!(l.startsWith("exit: ") || l.startsWith("err|") || l.startsWith("out|") || l.isBlank())) {
                (next == 0 && definition.isEmpty() && !l.startsWith("=== ") ? out : definition).add(l);
            } else if (l.isBlank() && next == 0 && definition.isEmpty()) {
                out.add(l);
            }
        }
        flush(binary, cases, next, definition, out);
        Files.write(ConfigErrorCase.FILE, out, StandardCharsets.UTF_8);
        System.out.println("recorded " + cases.size() + " cases into " + ConfigErrorCase.FILE);
    }

    /** Writes the pending case's definition and what redis-server did with it; the index of the next case. */
    private static int flush(Path binary, List<ConfigErrorCase> cases, int next, List<String> definition,
            List<String> out) throws IOException, InterruptedException {
        if (definition.isEmpty()) {
            return next;
        }
        ConfigErrorCase.Outcome o = run(binary, cases.get(next));
        out.addAll(definition);
        out.add("exit: " + o.exit());
        o.err().forEach(e -> out.add("err| " + e));
        o.out().forEach(e -> out.add("out| " + e));
        out.add("");
        definition.clear();
        return next + 1;
    }

    /** Runs {@code binary} on {@code c} in a fresh folder; a server that starts instead is killed (exit -1). */
    static ConfigErrorCase.Outcome run(Path binary, ConfigErrorCase c) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("aioj-config-case");
        try {
            c.writeFiles(dir);
            List<String> command = new ArrayList<>();
            command.add(binary.toString());
            command.addAll(c.argv(dir));
            Process p = new ProcessBuilder(command).directory(dir.toFile()).start();
            try (var stdin = p.getOutputStream()) {
                if (c.stdin() != null) {
                    stdin.write(c.stdin().getBytes(StandardCharsets.UTF_8));
                }
            }
            CompletableFuture<String> err = drain(p.getErrorStream());
            CompletableFuture<String> out = drain(p.getInputStream());
            int exit;
            if (p.waitFor(10, TimeUnit.SECONDS)) {
                exit = p.exitValue();
            } else {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                exit = -1;
            }
            return new ConfigErrorCase.Outcome(exit, lines(err.join(), dir), lines(out.join(), dir));
        } finally {
            try (var walk = Files.walk(dir)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    private static CompletableFuture<String> drain(InputStream in) {
        CompletableFuture<String> text = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try {
                text.complete(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                text.complete("");
            }
        });
        return text;
    }

    static List<String> lines(String text, Path dir) {
        List<String> lines = new ArrayList<>();
        if (text.isEmpty()) {
            return lines;
        }
        for (String l : text.split("\n", -1)) {
            lines.add(ConfigErrorCase.normalize(l, dir));
        }
        if (lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        return lines;
    }
}
