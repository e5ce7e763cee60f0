package dev.aioj.server;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The request/reply tables under {@code cases/} (see {@link CaseFile}), each
 * scenario a test: aioj-server must answer byte for byte what redis-server
 * 7.0 answered when the tables were recorded.
 */
class CompatCasesTest {

    @RegisterExtension
    static final TestServer server = new TestServer();

    static List<Path> caseFiles() throws IOException, URISyntaxException {
        Path dir = Path.of(CompatCasesTest.class.getResource("cases").toURI());
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".cases")).sorted().toList();
        }
    }

    @TestFactory
    Stream<DynamicTest> everyScenarioMatchesRedisByteForByte() throws IOException, URISyntaxException {
        Stream.Builder<DynamicTest> tests = Stream.builder();
        for (Path file : caseFiles()) {
            for (CaseFile.Scenario s : CaseFile.load(file)) {
                tests.add(DynamicTest.dynamicTest(file.getFileName() + ": " + s.name(),
                        () -> CaseRunner.verify(s, "127.0.0.1", server.port())));
            }
        }
        return tests.build();
    }
}
