package dev.aioj.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Keeps "The walk of one Redis command" in {@code docs/architecture.md} true:
 * every numbered step names {@code File.method} (or {@code
 * File.Nested.method}) as its first code span, that class and method exist in
 * the sources, and the steps cross at most 8 files (issue 13).
 */
class ArchitectureWalkTest {

    private static final Path ROOT = Path.of("..");
    private static final String SECTION = "## The walk of one Redis command";
    private static final Pattern STEP = Pattern.compile("^(\\d+)\\. `([A-Z]\\w*(?:\\.[A-Z]\\w*)*)\\.(\\w+)`");

    record Step(int number, String className, String method) {
        String file() {
            return className.contains(".") ? className.substring(0, className.indexOf('.')) : className;
        }
    }

    static List<Step> steps() throws IOException {
        String doc = Files.readString(ROOT.resolve("docs/architecture.md"));
        int start = doc.indexOf(SECTION);
        assertThat(start).as("section '" + SECTION + "' in docs/architecture.md").isNotNegative();
        int end = doc.indexOf("\n## ", start + SECTION.length());
        List<Step> steps = new ArrayList<>();
        for (String line : doc.substring(start, end < 0 ? doc.length() : end).split("\n")) {
            Matcher m = STEP.matcher(line);
            if (m.find()) {
                steps.add(new Step(Integer.parseInt(m.group(1)), m.group(2), m.group(3)));
            }
        }
        return steps;
    }

    /** The client's packages, then the core's: where a class of the walk lives. */
    private static final List<String> PACKAGES = List.of("aioj-redis/src/main/java/dev/aioj/redis",
            "aioj-redis/src/main/java/dev/aioj/redis/resp", "aioj-core/src/main/java/dev/aioj/loop",
            "aioj-core/src/main/java/dev/aioj/net", "aioj-core/src/main/java/dev/aioj/internal");

    /** The source file of top-level class {@code name}. */
    static Path source(String name) {
        for (String dir : PACKAGES) {
            Path file = ROOT.resolve(dir).resolve(name + ".java");
            if (Files.isRegularFile(file)) {
                return file;
            }
        }
        throw new AssertionError("no source of " + name + " in " + PACKAGES);
    }

    @Test
    void everyStepNamesAMethodThatExistsAndTheWalkCrossesAtMostEightFiles() throws IOException {
        List<Step> steps = steps();
        assertThat(steps).as("numbered steps").hasSizeGreaterThanOrEqualTo(7);
        Set<String> files = new LinkedHashSet<>();
        for (int i = 0; i < steps.size(); i++) {
            Step step = steps.get(i);
            assertThat(step.number()).as("step numbering").isEqualTo(i + 1);
            String code = LayersTest.code(source(step.file()));
            String[] nested = step.className().split("\\.");
            for (int n = 1; n < nested.length; n++) {
                assertThat(Pattern.compile("\\b(class|interface|record|enum)\\s+" + nested[n] + "\\b").matcher(code)
                        .find()).as(step + ": nested type " + nested[n]).isTrue();
            }
            Pattern declaration = Pattern.compile("[\\w>\\]]\\s+" + step.method() + "\\s*\\([^;{)]*\\)\\s*"
                    + "(?:throws\\s+[\\w.,\\s]+)?\\{");
            assertThat(declaration.matcher(code).find()).as(step + ": method declared").isTrue();
            files.add(step.file());
        }
        assertThat(files).as("files the walk crosses").hasSizeLessThanOrEqualTo(8);
    }
}
