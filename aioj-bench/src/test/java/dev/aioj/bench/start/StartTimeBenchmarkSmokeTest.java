package dev.aioj.bench.start;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The start-time benchmark runs end to end at a size that costs seconds, and writes its table. */
class StartTimeBenchmarkSmokeTest {

    @Test
    void aTinyRunMeasuresEveryContenderAndWritesTheTable(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("server-start.md");
        StartTimeBenchmark.main(new String[] {"--rounds", "1", "--warm", "2", "--warmup", "2", "--out",
                out.toString()});
        String report = Files.readString(out);
        assertThat(report).contains("| aioj-server in the test's JVM, warm (`EmbeddedRedis.start()`) | 2 |")
                .contains("| aioj-server, first start in a fresh JVM (JVM boot excluded) | 1 |")
                .contains("| embedded-redis library (its redis-server binary) | 3 |")
                .contains("Load average (1, 5, 15 min) before: ")
                .containsPattern("Targets \\(issue 23\\): in-process warm under 50 ms: (met|NOT met)");
    }
}
