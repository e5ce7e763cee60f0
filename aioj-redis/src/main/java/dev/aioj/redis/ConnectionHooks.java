package dev.aioj.redis;

import dev.aioj.redis.resp.RespValue;

/**
 * What the client-side cache ({@link CacheTracking}) hears from one
 * connection beyond replies: pushes no command or subscription took (RESP3
 * {@code invalidate}), the socket going away, and a new socket ready. An
 * internal seam, set with {@link RedisConnection#hooks}.
 *
 * <p>Thread contract: called on the connection's loop thread, in the order
 * the events happen on the socket.
 */
interface ConnectionHooks {

    /** An out-of-band push: neither a command's reply nor a pub/sub message. */
    void pushed(RespValue.Push push);

    /** The socket is gone: messages may be lost from now until {@link #ready}. */
    void linkLost();

    /**
     * A new socket is greeted after a reconnect; runs before any queued
     * command is written and before subscriptions are renewed, so commands
     * sent now ({@link RedisConnection#sendFirst}) go first.
     */
    void ready();
}
