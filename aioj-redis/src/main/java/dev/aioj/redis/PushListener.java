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

    /** Drops every push frame (a connection with no subscriptions). */
    PushListener IGNORE = new PushListener() {
        @Override
        public boolean onPush(RespValue.Push push) {
            return true;
        }

        @Override
        public void onReconnected() {}
    };

    /** Handles {@code push}; false hands it to the command at the head of the FIFO instead. */
    boolean onPush(RespValue.Push push);

    /** The connection was rebuilt and greeted again. */
    void onReconnected();
}
