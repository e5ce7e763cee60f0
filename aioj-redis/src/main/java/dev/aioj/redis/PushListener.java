package dev.aioj.redis;

import dev.aioj.redis.resp.RespValue;

/**
 * Receives RESP3 push frames, which arrive between ordinary replies and
 * belong to no command (pub/sub messages, client-side caching
 * invalidations), and learns when the connection came back so it can
 * subscribe again.
 *
 * <p>Thread contract: called on the connection's loop thread.
 */
interface PushListener {

    /** Handles an out-of-band {@code push}. */
    void onPush(RespValue.Push push);

    /**
     * RESP2 has no pushes: on a subscribed connection a message is an array
     * ({@code message}, channel, payload). Handles and returns true for those.
     */
    boolean isMessage(RespValue reply);

    /** The connection was rebuilt and greeted again. */
    void onReconnected();
}
