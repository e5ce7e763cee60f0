/**
 * JDK Flight Recorder events of aioj-redis: connect, handshake, reconnect,
 * command timeout, protocol error, pipeline flush, and the client-side
 * cache's accesses and counters. Internal (not exported): users see them as
 * {@code dev.aioj.redis.*} event types in a recording
 * ({@code jfr print --events dev.aioj.redis.PipelineFlush rec.jfr}), and the
 * connection creates them through {@code dev.aioj.redis.Telemetry}.
 *
 * <p>Off costs nothing: {@code jdk.jfr.Event}'s methods are empty until a
 * recording instruments the class, so {@code new XEvent().isEnabled()} is a
 * constant false the JIT folds, together with the allocation (the allocation
 * benchmark in aioj-bench checks this).
 */
package dev.aioj.redis.jfr;
