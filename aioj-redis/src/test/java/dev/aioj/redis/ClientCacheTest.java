package dev.aioj.redis;

import dev.aioj.redis.testing.RedisServerExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link ClientCacheContract} against a real redis-server (7.0 on this machine and in CI). */
class ClientCacheTest extends ClientCacheContract {

    @RegisterExtension
    static final RedisServerExtension redis = RedisServerExtension.builder().build();

    @Override
    protected String serverUri() {
        return redis.uri();
    }
}
