package dev.aioj.redis.micrometer;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names and tags the observation of a Redis command. Implement it (or extend
 * {@link DefaultRedisObservationConvention}) to rename or add key values, and
 * pass it to {@link MicrometerObserver.Builder#convention}.
 */
public interface RedisObservationConvention extends ObservationConvention<RedisObservationContext> {

    @Override
    default boolean supportsContext(Observation.Context context) {
        return context instanceof RedisObservationContext;
    }
}
