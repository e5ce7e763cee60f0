package dev.aioj.server;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Jazzer fuzz target of the server's request parser on multibulk requests
 * (what clients send: every input starts with {@code *}), with the
 * invariants of {@link RequestFuzzing}. A regression test over {@code
 * src/test/resources/dev/aioj/server/MultibulkRequestFuzzTestInputs/} in
 * {@code ./aioj test}; fuzzed for a bounded time by {@code .ci/fuzz}.
 */
class MultibulkRequestFuzzTest {

    @FuzzTest(maxDuration = "40s")
    void multibulkRequests(byte[] input) {
        byte[] request = new byte[input.length + 1];
        request[0] = '*';
        System.arraycopy(input, 0, request, 1, input.length);
        RequestFuzzing.check(request);
    }
}
