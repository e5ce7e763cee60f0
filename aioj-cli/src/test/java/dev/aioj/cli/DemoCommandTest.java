package dev.aioj.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code aioj demo} end to end: a separate process, nothing installed, exit 0, every part shown. */
class DemoCommandTest {

    @Test
    void theDemoRunsEveryPartAgainstTheEmbeddedServerAndExitsZero() throws Exception {
        ProcessRunner.Result result = ProcessRunner.run(120, "demo", "--requests", "20000");
        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(result.stdout())
                .contains("Started the embedded aioj-server")
                .contains("   > GET greeting\n     \"hello from aioj\"")
                .contains("(error) ERR value is not an integer or out of range")
                .contains("every future got its own reply in order: yes")
                .contains("     [10001, true, just now]")
                .contains("listener got  news: aioj 0.1 is out")
                .contains("more from memory at")
                .contains("GET product:42   -> \"espresso 2.80\" (a miss")
                .containsPattern("hit rate [\\d.]+%: 20,000 hits, 2 misses, 1 invalidation")
                .containsPattern("SET +[\\d,]+ ops/s +latency p50 [\\d.]+ ms, p99 [\\d.]+ ms, p99.9 [\\d.]+ ms")
                .containsPattern("GET +[\\d,]+ ops/s")
                .contains("Stopped the embedded server");
        assertThat(result.stdout()).doesNotContain("errors)");
    }
}
