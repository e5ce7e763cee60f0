package dev.aioj.memcached.testing;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the memcached binary is: {@code MEMCACHED} (a path), else {@code
 * memcached} on the {@code PATH}, else {@code /usr/bin/memcached} (Debian's
 * package, which {@code .ci/run} installs). Tests skip, saying why, only when
 * none exists.
 */
public final class MemcachedBinary {

    private MemcachedBinary() {}

    /** The binary, if this machine has one. */
    public static Optional<Path> find() {
        String env = System.getenv("MEMCACHED");
        if (env != null && !env.isBlank()) {
            Path p = Path.of(env);
            return Files.isExecutable(p) ? Optional.of(p) : Optional.empty();
        }
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(File.pathSeparator)) {
                Path p = Path.of(dir, "memcached");
                if (Files.isExecutable(p)) return Optional.of(p);
            }
        }
        Path debian = Path.of("/usr/bin/memcached");
        return Files.isExecutable(debian) ? Optional.of(debian) : Optional.empty();
    }

    /** Why tests skip when {@link #find()} is empty. */
    public static String missingReason() {
        return "no memcached binary (MEMCACHED, PATH, /usr/bin/memcached): install Debian's memcached package "
                + "(.ci/run does) to run the memcached tests";
    }
}
