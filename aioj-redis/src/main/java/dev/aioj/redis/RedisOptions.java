package dev.aioj.redis;

import dev.aioj.loop.EventLoop;
import dev.aioj.redis.resp.RespLimits;
import java.time.Duration;
import java.util.Objects;
import javax.net.ssl.SSLContext;

/**
 * How a connection behaves beyond where it connects ({@link RedisUri}): its
 * loop, reconnects, limits. {@link #defaults()} suits most programs.
 *
 * @param loop the event loop to run on; null: the connection makes its own
 *     (a daemon thread) and shuts it down on close
 * @param autoReconnect reconnect after a lost connection (true), or close
 * @param failFastWhenDisconnected while reconnecting, fail new commands at
 *     once (true) instead of queueing them until the connection is back
 * @param maxPending commands submitted but not yet answered beyond which new
 *     ones fail with {@link RedisQueueFullException}, so a runaway producer
 *     gets an error rather than an OutOfMemoryError; 0 for no limit
 * @param reconnectDelayMin the first reconnect delay
 * @param reconnectDelayMax the longest reconnect delay
 * @param deadPeerTimeouts written commands timing out in a row, with no reply
 *     in between, after which the server is deemed gone and the connection
 *     is dropped and rebuilt
 * @param sslContext for {@code rediss://}; null: the JDK's default
 * @param tlsVerifyHostname for {@code rediss://}: check the server's certificate
 *     names the host connected to (true, the default), or trust any name the
 *     context's trust store accepts
 * @param limits the reply parser's limits (bulk length, nesting, ...)
 * @param maxDedicated connections {@link RedisClient#dedicated()} may have open at once
 * @param callerWrites on an idle connection, write a command from the calling
 *     thread instead of handing it to the loop first (true, the default): a
 *     blocking request/response round trip saves a thread hand-off; busy
 *     connections batch on the loop either way
 * @param observer hears commands, connections and batches (see {@link RedisObserver}); null (the
 *     default) for none, which costs nothing
 */
public record RedisOptions(EventLoop loop, boolean autoReconnect, boolean failFastWhenDisconnected, long maxPending,
        Duration reconnectDelayMin, Duration reconnectDelayMax, int deadPeerTimeouts, SSLContext sslContext,
        boolean tlsVerifyHostname, RespLimits limits, int maxDedicated, boolean callerWrites,
        RedisObserver observer) {

    public RedisOptions {
        if (maxPending < 0) {
            throw new IllegalArgumentException("maxPending < 0: " + maxPending);
        }
        if (deadPeerTimeouts < 1) {
            throw new IllegalArgumentException("deadPeerTimeouts < 1: " + deadPeerTimeouts);
        }
        if (maxDedicated < 1) {
            throw new IllegalArgumentException("maxDedicated < 1: " + maxDedicated);
        }
        Objects.requireNonNull(limits, "limits");
        new BackoffPolicy(Objects.requireNonNull(reconnectDelayMin, "reconnectDelayMin"),
                Objects.requireNonNull(reconnectDelayMax, "reconnectDelayMax")); // checks the pair
    }

    /** Own loop, reconnect with 10 ms – 5 s backoff, queue while disconnected, no pending limit. */
    public static RedisOptions defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these options. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.loop = loop;
        b.autoReconnect = autoReconnect;
        b.failFastWhenDisconnected = failFastWhenDisconnected;
        b.maxPending = maxPending;
        b.reconnectDelayMin = reconnectDelayMin;
        b.reconnectDelayMax = reconnectDelayMax;
        b.deadPeerTimeouts = deadPeerTimeouts;
        b.sslContext = sslContext;
        b.tlsVerifyHostname = tlsVerifyHostname;
        b.limits = limits;
        b.maxDedicated = maxDedicated;
        b.callerWrites = callerWrites;
        b.observer = observer;
        return b;
    }

    BackoffPolicy backoff() {
        return new BackoffPolicy(reconnectDelayMin, reconnectDelayMax);
    }

    /** Builds {@link RedisOptions}; every setting starts at its default. Not thread-safe. */
    public static final class Builder {
        private EventLoop loop;
        private boolean autoReconnect = true;
        private boolean failFastWhenDisconnected;
        private long maxPending;
        private Duration reconnectDelayMin = Duration.ofMillis(10);
        private Duration reconnectDelayMax = Duration.ofSeconds(5);
        private int deadPeerTimeouts = 3;
        private SSLContext sslContext;
        private boolean tlsVerifyHostname = true;
        private RespLimits limits = RespLimits.DEFAULTS;
        private int maxDedicated = 8;
        private boolean callerWrites = true;
        private RedisObserver observer;

        private Builder() {}

        public Builder loop(EventLoop loop) {
            this.loop = loop;
            return this;
        }

        public Builder autoReconnect(boolean autoReconnect) {
            this.autoReconnect = autoReconnect;
            return this;
        }

        public Builder failFastWhenDisconnected(boolean failFast) {
            this.failFastWhenDisconnected = failFast;
            return this;
        }

        public Builder maxPending(long maxPending) {
            this.maxPending = maxPending;
            return this;
        }

        public Builder reconnectDelay(Duration min, Duration max) {
            this.reconnectDelayMin = min;
            this.reconnectDelayMax = max;
            return this;
        }

        public Builder deadPeerTimeouts(int count) {
            this.deadPeerTimeouts = count;
            return this;
        }

        public Builder sslContext(SSLContext sslContext) {
            this.sslContext = sslContext;
            return this;
        }

        public Builder tlsVerifyHostname(boolean verify) {
            this.tlsVerifyHostname = verify;
            return this;
        }

        public Builder limits(RespLimits limits) {
            this.limits = limits;
            return this;
        }

        public Builder maxDedicated(int maxDedicated) {
            this.maxDedicated = maxDedicated;
            return this;
        }

        public Builder callerWrites(boolean callerWrites) {
            this.callerWrites = callerWrites;
            return this;
        }

        /**
         * Hears every command's start and outcome, connections made and lost,
         * and pipelined batches written; null (the default) for none. Several:
         * {@link RedisObserver#all}.
         */
        public Builder observer(RedisObserver observer) {
            this.observer = observer;
            return this;
        }

        public RedisOptions build() {
            return new RedisOptions(loop, autoReconnect, failFastWhenDisconnected, maxPending, reconnectDelayMin,
                    reconnectDelayMax, deadPeerTimeouts, sslContext, tlsVerifyHostname, limits, maxDedicated,
                    callerWrites, observer);
        }
    }
}
