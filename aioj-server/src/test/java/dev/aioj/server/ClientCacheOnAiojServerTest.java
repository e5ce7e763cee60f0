package dev.aioj.server;

import dev.aioj.redis.ClientCacheContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * aioj-redis's client-side cache against aioj-server's CLIENT TRACKING: the
 * same {@link ClientCacheContract} as against redis-server (RESP3 pushes,
 * RESP2 through REDIRECT, flushes, a killed connection, BCAST, OPTIN, and a
 * writer changing keys 100,000 times under 8 cached readers).
 */
class ClientCacheOnAiojServerTest extends ClientCacheContract {

    @RegisterExtension
    static final TestServer server = new TestServer();

    @Override
    protected String serverUri() {
        return "redis://127.0.0.1:" + server.port();
    }
}
