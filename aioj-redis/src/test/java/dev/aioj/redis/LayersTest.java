package dev.aioj.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The layers of aioj-redis, read from its sources (comments stripped, so a
 * {@code {@link}} in prose does not count): the RESP codec knows no client
 * class, so aioj-server or any RESP peer can use it; the leaves of the write
 * path never call back into {@link Pipeline}, the one owner of a
 * connection's state, nor into the parts that hold a reference to it; only
 * the pipeline changes its pending count and adds to its reply FIFO.
 */
class LayersTest {

    private static final Path SOURCES = Path.of("src/main/java/dev/aioj/redis");

    /** The code of a source file without its comments and string literals. */
    static String code(Path file) throws IOException {
        String text = Files.readString(file);
        text = text.replaceAll("(?s)/\\*.*?\\*/", " ");
        text = text.replaceAll("//[^\n]*", " ");
        // unrolled so a long literal does not recurse once per character (StackOverflowError)
        return text.replaceAll("\"[^\"\\\\\n]*+(?:\\\\.[^\"\\\\\n]*+)*+\"", "\"\"");
    }

    private static List<Path> javaFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".java")).sorted().toList();
        }
    }

    /** The simple names of the client's top-level classes (the files of dev.aioj.redis). */
    private static List<String> clientClasses() throws IOException {
        return javaFiles(SOURCES).stream().map(f -> f.getFileName().toString().replace(".java", ""))
                .filter(n -> !n.equals("module-info") && !n.equals("package-info")).toList();
    }

    @Test
    void theRespPackageDependsOnNothingOfTheClient() throws IOException {
        List<Path> resp = javaFiles(SOURCES.resolve("resp"));
        assertThat(resp).hasSizeGreaterThan(5);
        Pattern clientImport = Pattern.compile("\\bdev\\.aioj\\.redis\\.(?!resp\\b)\\w+");
        List<String> clientNames = clientClasses();
        List<String> leaks = new ArrayList<>();
        for (Path file : resp) {
            String code = code(file);
            Matcher m = clientImport.matcher(code);
            while (m.find()) {
                leaks.add(file.getFileName() + ": " + m.group());
            }
            for (String name : clientNames) { // same-named classes would need an import, but be sure
                if (Pattern.compile("\\b" + name + "\\b").matcher(code).find()
                        && !Files.exists(SOURCES.resolve("resp").resolve(name + ".java"))) {
                    leaks.add(file.getFileName() + ": " + name);
                }
            }
        }
        assertThat(leaks).as("client classes named in dev.aioj.redis.resp").isEmpty();
    }

    @Test
    void theLeavesOfTheWritePathNeverCallBackIntoThePipeline() throws IOException {
        for (String leaf : List.of("CallerWrites", "Deadlines", "CommandQueue", "ReplyWaiters", "Command")) {
            String code = code(SOURCES.resolve(leaf + ".java"));
            Matcher owner = Pattern.compile("\\b(?:Pipeline|CallerTurns|Replies|Lifecycle)\\b").matcher(code);
            assertThat(owner.find() ? owner.group() : null).as(leaf + " refers to the pipeline or a part of it").isNull();
        }
    }

    @Test
    void onlyThePipelineAddsToTheReplyFifo() throws IOException {
        List<String> adders = new ArrayList<>();
        for (Path file : javaFiles(SOURCES)) {
            if (Pattern.compile("\\bwaiters\\s*\\.\\s*add\\b").matcher(code(file)).find()) {
                adders.add(file.getFileName().toString());
            }
        }
        assertThat(adders).containsExactly("Pipeline.java");
    }

    @Test
    void onlyThePipelineChangesThePendingCount() throws IOException {
        List<String> writers = new ArrayList<>();
        for (Path file : javaFiles(SOURCES)) {
            if (Pattern.compile("\\bpending\\s*\\.\\s*(?:incrementAndGet|decrementAndGet|addAndGet|compareAndSet|set)\\b")
                    .matcher(code(file)).find()) {
                writers.add(file.getFileName().toString());
            }
        }
        assertThat(writers).containsExactly("Pipeline.java");
    }
}
