/**
 * aioj-redis: the async Redis client. {@code dev.aioj.redis} holds the client
 * API and its exceptions; {@code dev.aioj.redis.resp} the RESP2/RESP3 values,
 * the incremental parser and the command encoder. Built on aioj-core, no
 * other dependency; logging through {@link System.Logger}.
 */
module dev.aioj.redis {
    requires dev.aioj.core;

    exports dev.aioj.redis;
    exports dev.aioj.redis.resp;
}
