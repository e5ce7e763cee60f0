package dev.aioj.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * PFSELFTEST, Redis's own check of an HLL implementation: registers keep their
 * values, and sparse and dense forms agree within the error bound while ten
 * million elements are added. It runs for seconds (as in Redis), longer than
 * a compat case may wait, so it has its own test with a longer read timeout.
 */
class HyperLogLogSelfTest {

    @RegisterExtension
    static final TestServer server = new TestServer();

    @Test
    void pfselftestPasses() throws Exception {
        RespConnection c = server.connect();
        c.socket().setSoTimeout(120_000);
        assertThat(c.call("PFSELFTEST")).isEqualTo("+OK\r\n");
    }
}
