/**
 * aioj-opentelemetry: OpenTelemetry spans for every command of an aioj-redis
 * connection and the {@code db.client.operation.duration} histogram, with
 * OpenTelemetry's database semantic names, through aioj-redis's {@code
 * RedisObserver} SPI. Needs the OpenTelemetry API only (the application
 * brings the SDK or the agent). Optional: aioj-redis itself has no
 * OpenTelemetry dependency.
 */
module dev.aioj.redis.opentelemetry {
    requires transitive dev.aioj.redis;
    requires transitive io.opentelemetry.api;
    requires io.opentelemetry.context;

    exports dev.aioj.redis.opentelemetry;
}
