package dev.aioj.redis.testing;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which {@code redis-server} executable the tests run, and where it came from.
 * The lookup order (DESIGN.md, "Tests"): the path in the environment variable
 * {@code REDIS_SERVER}; else {@code redis-server} on the {@code PATH}; else
 * the Linux/macOS binary shipped inside the test-scope artifact
 * {@code com.github.codemonstur:embedded-redis}, extracted by
 * {@link EmbeddedRedisBinary}. So a fresh machine needs nothing but a JDK.
 *
 * <p>A {@code REDIS_SERVER} that names no executable is an error, not a reason
 * to fall back: whoever set it wants that binary, and a silent substitute
 * would make a test run against the wrong version.
 */
public record RedisBinary(Path path, Source source) {

    /** Where the binary was found. */
    public enum Source { ENV, PATH, EMBEDDED }

    /** The environment variable that names the binary to use. */
    public static final String ENV_VARIABLE = "REDIS_SERVER";

    private static final Pattern VERSION = Pattern.compile("v=(\\d+\\.\\d+\\.\\d+)");

    public RedisBinary {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(source, "source");
    }

    /** The binary for this machine, by the lookup order above. */
    public static RedisBinary locate() {
        return locate(System.getenv(), EmbeddedRedisBinary::extract);
    }

    /** The lookup with its inputs made explicit, for tests. */
    static RedisBinary locate(Map<String, String> env, Supplier<Path> embedded) {
        String named = env.get(ENV_VARIABLE);
        if (named != null && !named.isBlank()) {
            Path path = Path.of(named);
            if (!Files.isRegularFile(path) || !Files.isExecutable(path)) {
                throw new IllegalStateException(ENV_VARIABLE + "=" + named + " is not an executable file");
            }
            return new RedisBinary(path, Source.ENV);
        }
        String searchPath = env.get("PATH");
        if (searchPath != null) {
            for (String dir : searchPath.split(Pattern.quote(File.pathSeparator))) {
                if (dir.isEmpty()) continue;
                Path candidate = Path.of(dir, "redis-server");
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return new RedisBinary(candidate, Source.PATH);
                }
            }
        }
        return new RedisBinary(embedded.get(), Source.EMBEDDED);
    }

    /**
     * The server's version, such as {@code "7.2.4"}, from {@code redis-server --version}.
     *
     * @throws IllegalStateException if the binary does not run or prints no version
     */
    public String version() {
        String output;
        try {
            Process process = new ProcessBuilder(path.toString(), "--version").redirectErrorStream(true).start();
            try (InputStream in = process.getInputStream()) {
                output = new String(in.readNBytes(64 * 1024), StandardCharsets.UTF_8).strip();
            }
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(path + " --version did not exit within 10 s");
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + path + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + path + " --version", e);
        }
        Matcher matcher = VERSION.matcher(output);
        if (!matcher.find()) {
            throw new IllegalStateException(path + " --version printed no version (a missing shared library?): " + output);
        }
        return matcher.group(1);
    }
}
