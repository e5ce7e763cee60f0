package dev.aioj.redis.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Locale;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * The last resort of {@link RedisBinary}: the {@code redis-server} binaries
 * inside the {@code com.github.codemonstur:embedded-redis} jar (entries named
 * like {@code redis-server-6.2.6-v5-linux-amd64} at the jar's root). Finds the
 * jar on the class path through its Maven metadata (no class of it is loaded),
 * picks the entry for this OS and CPU, and extracts it once to
 * {@code target/redis-server/} (the module's build directory: surefire runs in
 * the module's folder), or to the system temp folder when there is no
 * {@code target/}. The system property {@code aioj.redis.extractDir} overrides
 * the folder.
 *
 * <p>Concurrent test JVMs are safe: each extracts to a temporary file and
 * atomically moves it into place; an existing file of the right size is reused.
 */
final class EmbeddedRedisBinary {

    static final String MARKER = "META-INF/maven/com.github.codemonstur/embedded-redis/pom.properties";

    private EmbeddedRedisBinary() {}

    static Path extract() {
        URL marker = EmbeddedRedisBinary.class.getClassLoader().getResource(MARKER);
        if (marker == null) {
            throw new IllegalStateException("no redis-server found: set " + RedisBinary.ENV_VARIABLE
                    + " to its path, put redis-server on the PATH, or add the test dependency"
                    + " com.github.codemonstur:embedded-redis (managed in the parent POM)");
        }
        String suffix = "-" + platform();
        try {
            JarURLConnection connection = (JarURLConnection) marker.openConnection();
            connection.setUseCaches(false);
            try (JarFile jar = connection.getJarFile()) {
                JarEntry entry = jar.stream()
                        .filter(e -> e.getName().startsWith("redis-server-") && e.getName().endsWith(suffix))
                        .max(Comparator.comparing(JarEntry::getName))
                        .orElseThrow(() -> new IllegalStateException(
                                "embedded-redis has no redis-server for " + suffix.substring(1) + " in " + jar.getName()));
                return extract(jar, entry);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot extract redis-server from embedded-redis", e);
        }
    }

    private static Path extract(JarFile jar, JarEntry entry) throws IOException {
        Path dir = extractDir();
        Files.createDirectories(dir);
        Path target = dir.resolve(entry.getName());
        if (Files.isRegularFile(target) && Files.size(target) == entry.getSize() && Files.isExecutable(target)) {
            return target;
        }
        Path partial = Files.createTempFile(dir, entry.getName(), ".partial");
        try (InputStream in = jar.getInputStream(entry)) {
            Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
            if (!partial.toFile().setExecutable(true, false)) {
                throw new IOException("cannot make " + partial + " executable");
            }
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(partial);
        }
        return target;
    }

    private static Path extractDir() {
        String configured = System.getProperty("aioj.redis.extractDir");
        if (configured != null) return Path.of(configured);
        Path target = Path.of("target");
        if (Files.isDirectory(target)) return target.resolve("redis-server").toAbsolutePath();
        return Path.of(System.getProperty("java.io.tmpdir"), "aioj-redis-server-" + System.getProperty("user.name"));
    }

    /** The suffix of the embedded binary for this machine: {@code linux-amd64}, {@code darwin-arm64}, ... */
    static String platform() {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        String osPart = os.contains("linux") ? "linux" : os.contains("mac") || os.contains("darwin") ? "darwin" : null;
        String archPart = switch (arch) {
            case "amd64", "x86_64" -> "amd64";
            case "aarch64", "arm64" -> "arm64";
            case "x86", "i386", "i686" -> "386";
            default -> null;
        };
        if (osPart == null || archPart == null) {
            throw new IllegalStateException("embedded-redis has no redis-server for " + os + "/" + arch
                    + "; set " + RedisBinary.ENV_VARIABLE + " or put redis-server on the PATH");
        }
        return osPart + "-" + archPart;
    }
}
