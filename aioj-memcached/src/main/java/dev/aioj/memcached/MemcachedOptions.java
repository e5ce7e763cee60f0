package dev.aioj.memcached;

import dev.aioj.loop.EventLoop;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How a {@link MemcachedClient} connects and what it tolerates. Every option
 * has a default fit for a cache; only the servers must be given.
 *
 * <pre>{@code
 * MemcachedOptions options = MemcachedOptions.builder()
 *         .servers("10.0.0.1:11211", "10.0.0.2:11211")
 *         .timeout(Duration.ofMillis(200))
 *         .build();
 * }</pre>
 *
 * @param servers        the servers, as {@code host[:port]}; ketama hashes these strings
 * @param timeout        per-request deadline, from the call to the reply (default 1 s)
 * @param connectTimeout deadline of one connection attempt (default 1 s)
 * @param maxInFlight    requests one server's connection may hold before calls fail fast (default 1,000)
 * @param failureLimit   failures in a row (refused connect, lost connection, dead peer) after which a server is
 *                       marked down and its keys go to the next server on the ring (default 2)
 * @param backoffMin     first delay before reconnecting to a lost or down server (default 100 ms)
 * @param backoffMax     the longest such delay (default 5 s)
 * @param deadPeerTimeouts written requests timing out in a row, with no reply in between, after which the
 *                       connection is dropped as dead (default 3)
 * @param maxValueLength the largest value the client accepts in a reply (default 1 GiB, memcached's own ceiling)
 * @param stampedeLock   how long a {@link MemcachedCommands#getOrCompute} winner may take before another caller
 *                       may recompute: the TTL of the placeholder item (default 10 s)
 * @param loop           the loop to run on, or {@code null} for a loop of the client's own
 */
public record MemcachedOptions(List<String> servers, Duration timeout, Duration connectTimeout, int maxInFlight,
        int failureLimit, Duration backoffMin, Duration backoffMax, int deadPeerTimeouts, int maxValueLength,
        Duration stampedeLock, EventLoop loop) {

    public MemcachedOptions {
        servers = List.copyOf(Objects.requireNonNull(servers, "servers"));
        if (servers.isEmpty()) throw new IllegalArgumentException("no servers");
        for (String server : servers) {
            Endpoint.parse(server);
        }
        if (servers.stream().map(s -> Endpoint.parse(s).toString()).distinct().count() != servers.size()) {
            throw new IllegalArgumentException("a server is listed twice: " + servers);
        }
        positive(timeout, "timeout");
        positive(connectTimeout, "connectTimeout");
        positive(backoffMin, "backoffMin");
        positive(stampedeLock, "stampedeLock");
        if (backoffMax.compareTo(backoffMin) < 0) {
            throw new IllegalArgumentException("backoffMax < backoffMin: " + backoffMax + " < " + backoffMin);
        }
        if (maxInFlight < 1) throw new IllegalArgumentException("maxInFlight < 1: " + maxInFlight);
        if (failureLimit < 1) throw new IllegalArgumentException("failureLimit < 1: " + failureLimit);
        if (deadPeerTimeouts < 1) throw new IllegalArgumentException("deadPeerTimeouts < 1: " + deadPeerTimeouts);
        if (maxValueLength < 0) throw new IllegalArgumentException("maxValueLength < 0: " + maxValueLength);
    }

    private static void positive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) throw new IllegalArgumentException(name + " <= 0: " + d);
    }

    /** The defaults for {@code servers}: {@code "host:port"}, or several separated by commas. */
    public static MemcachedOptions of(String servers) {
        return builder().servers(servers.split(",")).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link MemcachedOptions}; each setter checks its value when {@link #build} runs. */
    public static final class Builder {
        private final List<String> servers = new ArrayList<>();
        private Duration timeout = Duration.ofSeconds(1);
        private Duration connectTimeout = Duration.ofSeconds(1);
        private int maxInFlight = 1000;
        private int failureLimit = 2;
        private Duration backoffMin = Duration.ofMillis(100);
        private Duration backoffMax = Duration.ofSeconds(5);
        private int deadPeerTimeouts = 3;
        private int maxValueLength = 1 << 30;
        private Duration stampedeLock = Duration.ofSeconds(10);
        private EventLoop loop;

        private Builder() {}

        public Builder servers(String... servers) {
            for (String s : servers) {
                this.servers.add(Objects.requireNonNull(s, "server").strip());
            }
            return this;
        }

        public Builder servers(List<String> servers) {
            return servers(servers.toArray(String[]::new));
        }

        public Builder timeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = connectTimeout;
            return this;
        }

        public Builder maxInFlight(int maxInFlight) {
            this.maxInFlight = maxInFlight;
            return this;
        }

        public Builder failureLimit(int failureLimit) {
            this.failureLimit = failureLimit;
            return this;
        }

        public Builder backoff(Duration min, Duration max) {
            this.backoffMin = min;
            this.backoffMax = max;
            return this;
        }

        public Builder deadPeerTimeouts(int deadPeerTimeouts) {
            this.deadPeerTimeouts = deadPeerTimeouts;
            return this;
        }

        public Builder maxValueLength(int maxValueLength) {
            this.maxValueLength = maxValueLength;
            return this;
        }

        public Builder stampedeLock(Duration stampedeLock) {
            this.stampedeLock = stampedeLock;
            return this;
        }

        /** Runs the client on {@code loop} (shared with other work) instead of a loop of its own. */
        public Builder loop(EventLoop loop) {
            this.loop = loop;
            return this;
        }

        public MemcachedOptions build() {
            return new MemcachedOptions(servers, timeout, connectTimeout, maxInFlight, failureLimit, backoffMin,
                    backoffMax, deadPeerTimeouts, maxValueLength, stampedeLock, loop);
        }
    }
}
