/**
 * aioj-redis: the async Redis client. {@code dev.aioj.redis} holds the client
 * API and its exceptions; {@code dev.aioj.redis.resp} the RESP2/RESP3 values,
 * the incremental parser and the command encoder. Built on aioj-core, no
 * other dependency; logging through {@link System.Logger}. {@code jdk.jfr}
 * (part of the JDK) for the Flight Recorder events of the internal package
 * {@code dev.aioj.redis.jfr}.
 */
module dev.aioj.redis {
    requires dev.aioj.core;
    requires jdk.jfr;

    exports dev.aioj.redis;
    exports dev.aioj.redis.resp;
}
