package dev.aioj.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code aioj example} lists every seed program and runs one, passing its options through. */
class ExampleCommandTest {

    @Test
    void listsTheSeedProgramsAndRunsAClientExample() throws Exception {
        ProcessRunner.Result list = ProcessRunner.run(60, "example");
        assertThat(list.exitCode()).isZero();
        assertThat(list.stdout()).contains("redis-client", "protocol-echo", "reactor-fib", "streams-client");
        ProcessRunner.Result unknown = ProcessRunner.run(60, "example", "no-such-thing");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.stderr()).contains("no example named 'no-such-thing'");
    }
}
