/**
 * aioj-micrometer: Micrometer {@code Observation}s for every command of an
 * aioj-redis connection, and meters for its pipelined batches, connection
 * events and client-side cache, through aioj-redis's {@code RedisObserver}
 * SPI. Optional: aioj-redis itself has no Micrometer dependency.
 */
module dev.aioj.redis.micrometer {
    requires transitive dev.aioj.redis;
    requires transitive micrometer.observation;
    requires transitive micrometer.core;
    requires micrometer.commons;

    exports dev.aioj.redis.micrometer;
}
