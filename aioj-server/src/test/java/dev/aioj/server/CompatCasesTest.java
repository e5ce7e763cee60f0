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
 *
 * <p>With {@code -Daioj.compat.redis=HOST:PORT} the same tables also run
 * against that server (a scratch redis-server 7.0: every scenario starts with
 * FLUSHALL), to catch a table that no longer matches Redis.
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

    @TestFactory
    Stream<DynamicTest> theTablesStillMatchARealRedisWhenOneIsGiven() throws IOException, URISyntaxException {
        String target = System.getProperty("aioj.compat.redis");
        org.junit.jupiter.api.Assumptions.assumeTrue(target != null,
                "set -Daioj.compat.redis=HOST:PORT (a scratch redis-server 7.0) to replay the tables against it");
        String host = target.substring(0, target.lastIndexOf(':'));
        int port = Integer.parseInt(target.substring(target.lastIndexOf(':') + 1));
        Stream.Builder<DynamicTest> tests = Stream.builder();
        for (Path file : caseFiles()) {
            for (CaseFile.Scenario s : CaseFile.load(file)) {
                tests.add(DynamicTest.dynamicTest("redis " + file.getFileName() + ": " + s.name(),
                        () -> CaseRunner.verify(s, host, port)));
            }
        }
        return tests.build();
    }
}
