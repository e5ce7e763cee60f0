package dev.aioj.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.aioj.redis.testing.RedisBinary;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * aioj refuses what redis-server 7.0 refuses, with the same words, lines and
 * exit status: every case of {@code config/errors.cases} (recorded from
 * redis-server 7.0.15) replayed through {@code aioj server}'s start-up; and,
 * when this machine has a redis-server 7.0, the recordings checked against
 * it again, so they cannot drift from the real thing.
 */
class ConfigErrorsTest {

    static List<ConfigErrorCase> cases() throws IOException {
        return ConfigErrorCase.load();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void aiojRefusesItAsRedisDoes(ConfigErrorCase c, @TempDir Path dir) throws IOException {
        c.writeFiles(dir);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = ServerMain.check(c.argv(dir), () -> c.stdin() == null ? new byte[0]
                : c.stdin().getBytes(StandardCharsets.UTF_8), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(exit).as("exit status").isEqualTo(c.expectedExit());
        assertThat(ConfigErrorRecorder.lines(err.toString(StandardCharsets.UTF_8), dir)).as("standard error")
                .isEqualTo(c.expectedErr());
        assertThat(ConfigErrorRecorder.lines(out.toString(StandardCharsets.UTF_8), dir)).as("standard output")
                .isEqualTo(c.expectedOut());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void theRecordingStillMatchesRedisServer70(ConfigErrorCase c) throws Exception {
        RedisBinary binary = RedisBinary.locate();
        assumeTrue(binary.version().startsWith("7.0."), () -> "recorded from redis-server 7.0; this machine has "
                + binary.version() + " at " + binary.path());
        ConfigErrorCase.Outcome o = ConfigErrorRecorder.run(binary.path(), c);
        assertThat(o).isEqualTo(new ConfigErrorCase.Outcome(c.expectedExit(), c.expectedErr(), c.expectedOut()));
    }

}
