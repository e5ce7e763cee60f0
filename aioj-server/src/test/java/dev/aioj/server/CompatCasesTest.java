package dev.aioj.server;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import dev.aioj.redis.testing.RedisServerExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The request/reply tables under {@code cases/} (see {@link CaseFile}), each
 * scenario a test: aioj-server must answer byte for byte what redis-server
 * 7.0 answered when the tables were recorded.
 *
 * <p>The same tables also run against a real redis-server 7.0 started for
 * this class (or the one named by {@code -Daioj.compat.redis=HOST:PORT}: a
 * scratch server, every scenario starts with FLUSHALL), so a table that no
 * longer matches Redis is caught: the suite compares both servers' raw
 * replies, byte for byte, in RESP2 and RESP3.
 */
class CompatCasesTest {

    @RegisterExtension
    static final TestServer server = new TestServer(b -> b.enableDebugCommand("yes"));

    /** The real thing, for the same tables: both must answer byte for byte alike. */
    @RegisterExtension
    static final RedisServerExtension redis = RedisServerExtension.builder().enableDebugCommand().build();

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
    Stream<DynamicTest> theTablesStillMatchARealRedisServer() throws IOException, URISyntaxException {
        String target = System.getProperty("aioj.compat.redis");
        String host;
        int port;
        if (target != null) {
            host = target.substring(0, target.lastIndexOf(':'));
            port = Integer.parseInt(target.substring(target.lastIndexOf(':') + 1));
        } else {
            // Error texts change between Redis versions: replay against the series the tables come from.
            org.junit.jupiter.api.Assumptions.assumeTrue(redis.version().startsWith("7.0."),
                    () -> "the tables were recorded from redis-server 7.0; this machine's is " + redis.version()
                            + " (CI installs Debian's 7.0), or set -Daioj.compat.redis=HOST:PORT");
            host = "127.0.0.1";
            port = redis.port();
        }
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
