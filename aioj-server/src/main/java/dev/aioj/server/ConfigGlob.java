package dev.aioj.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The files an {@code include} glob pattern names, as glob(3) lists them for
 * redis-server: {@code *}, {@code ?} and {@code [...]} in any path
 * component, never across a slash, hidden files only when the pattern says
 * so, sorted by name; no match is no file.
 */
final class ConfigGlob {

    private ConfigGlob() {}

    static List<Path> matches(Path workingDirectory, String pattern) {
        Path absolute = workingDirectory.resolve(pattern).normalize();
        Path fixed = absolute.getRoot();
        int depth = 0;
        boolean wild = false;
        for (Path part : absolute) {
            if (!wild && !isPattern(part.toString())) {
                fixed = fixed == null ? part : fixed.resolve(part);
            } else {
                wild = true;
                depth++;
            }
        }
        Path base = fixed;
        if (base == null || !Files.isDirectory(base)) {
            return List.of();
        }
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + escapeForJava(absolute.toString()));
        List<Path> found = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(base, depth)) {
            walk.filter(p -> p.getNameCount() == absolute.getNameCount() && matcher.matches(p))
                    .filter(p -> !hidden(p, base) || hiddenAsked(absolute, base))
                    .forEach(found::add);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + base + " for the include pattern " + pattern, e);
        }
        found.sort(null);
        return found;
    }

    private static boolean isPattern(String s) {
        return s.indexOf('*') >= 0 || s.indexOf('?') >= 0 || s.indexOf('[') >= 0;
    }

    /** Java's glob also treats {@code {}} and {@code \} specially; glob(3) does not know braces. */
    private static String escapeForJava(String pattern) {
        return pattern.replace("{", "\\{").replace("}", "\\}");
    }

    private static boolean hidden(Path p, Path base) {
        for (Path part : base.relativize(p)) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    private static boolean hiddenAsked(Path pattern, Path base) {
        for (Path part : base.relativize(pattern)) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }
}
