package dev.aioj.server;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Jazzer fuzz target of the server's request parser on inline requests
 * (what telnet sends: no input starts with {@code *}), with the invariants
 * of {@link RequestFuzzing}. A regression test over {@code
 * src/test/resources/dev/aioj/server/InlineRequestFuzzTestInputs/} in
 * {@code ./aioj test}; fuzzed for a bounded time by {@code .ci/fuzz}.
 */
class InlineRequestFuzzTest {

    @FuzzTest(maxDuration = "40s")
    void inlineRequests(byte[] input) {
        if (input.length > 0 && input[0] == '*') {
            input[0] = ' ';
        }
        RequestFuzzing.check(input);
    }
}
