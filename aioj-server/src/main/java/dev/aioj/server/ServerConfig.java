package dev.aioj.server;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * How to run a {@link RedisServer}: address, password, limits. Defaults are
 * Redis 7's, except where noted: {@code ServerConfig.defaults()} is a server
 * on 127.0.0.1:6379 with protected mode, 16 databases, 10,000 clients at
 * most, 512 MiB bulks, 1 GiB query buffers, and output buffer limits that
 * also cover normal clients (Redis leaves those unlimited; here a client that
 * stops reading is disconnected at 256 MiB, so the server's memory stays
 * bounded).
 *
 * <pre>{@code
 * ServerConfig config = ServerConfig.builder().port(0).requirePass("secret").build();
 * }</pre>
 *
 * <p>Thread contract: immutable; any thread.
 */
public final class ServerConfig {

    /**
     * A client-output-buffer-limit class: disconnect when the replies a client
     * has not read reach {@code hardBytes}, or stay at or above {@code
     * softBytes} for longer than {@code softDuration}. Zero disables a limit.
     *
     * @param hardBytes the hard limit in bytes, 0 for none
     * @param softBytes the soft limit in bytes, 0 for none
     * @param softDuration how long the soft limit may be exceeded
     */
    public record OutputBufferLimit(long hardBytes, long softBytes, Duration softDuration) {
        public OutputBufferLimit {
            if (hardBytes < 0) {
                throw new IllegalArgumentException("hardBytes < 0: " + hardBytes);
            }
            if (softBytes < 0) {
                throw new IllegalArgumentException("softBytes < 0: " + softBytes);
            }
            Objects.requireNonNull(softDuration, "softDuration");
            if (softDuration.isNegative()) {
                throw new IllegalArgumentException("softDuration < 0: " + softDuration);
            }
        }
    }

    /** 256 MiB hard, no soft limit: Redis has none for normal clients; see the class comment. */
    public static final OutputBufferLimit DEFAULT_NORMAL_LIMIT =
            new OutputBufferLimit(256L << 20, 0, Duration.ZERO);

    /** Redis's pubsub class default: 32 MiB hard, 8 MiB for 60 seconds. */
    public static final OutputBufferLimit DEFAULT_PUBSUB_LIMIT =
            new OutputBufferLimit(32L << 20, 8L << 20, Duration.ofSeconds(60));

    /** Largest bulk a Java array holds; Redis's own default (512 MiB) is below it. */
    public static final long MAX_BULK_LIMIT = Integer.MAX_VALUE - 8;

    private final String bind;
    private final int port;
    private final String requirePass;
    private final int maxClients;
    private final int databases;
    private final boolean protectedMode;
    private final long protoMaxBulkLen;
    private final long clientQueryBufferLimit;
    private final OutputBufferLimit normalOutputLimit;
    private final OutputBufferLimit pubsubOutputLimit;
    private final int hz;
    private final Clock clock;
    private final String enableDebugCommand;

    private ServerConfig(Builder b) {
        this.bind = b.bind;
        this.port = b.port;
        this.requirePass = b.requirePass;
        this.maxClients = b.maxClients;
        this.databases = b.databases;
        this.protectedMode = b.protectedMode;
        this.protoMaxBulkLen = b.protoMaxBulkLen;
        this.clientQueryBufferLimit = b.clientQueryBufferLimit;
        this.normalOutputLimit = b.normalOutputLimit;
        this.pubsubOutputLimit = b.pubsubOutputLimit;
        this.hz = b.hz;
        this.clock = b.clock;
        this.enableDebugCommand = b.enableDebugCommand;
    }

    /** Redis's defaults: 127.0.0.1:6379, see the class comment. */
    public static ServerConfig defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this configuration's values, to change a few. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.bind = bind;
        b.port = port;
        b.requirePass = requirePass;
        b.maxClients = maxClients;
        b.databases = databases;
        b.protectedMode = protectedMode;
        b.protoMaxBulkLen = protoMaxBulkLen;
        b.clientQueryBufferLimit = clientQueryBufferLimit;
        b.normalOutputLimit = normalOutputLimit;
        b.pubsubOutputLimit = pubsubOutputLimit;
        b.hz = hz;
        b.clock = clock;
        b.enableDebugCommand = enableDebugCommand;
        return b;
    }

    /** The address to listen on; default 127.0.0.1. */
    public String bind() {
        return bind;
    }

    /** The TCP port; 0 picks a free one (see {@link RedisServer#port()}). Default 6379. */
    public int port() {
        return port;
    }

    /** The password AUTH must give, or null for none (the default). */
    public String requirePass() {
        return requirePass;
    }

    /** Connections beyond this many are refused with Redis's error; default 10,000. */
    public int maxClients() {
        return maxClients;
    }

    /** Number of databases SELECT can choose from; default 16. */
    public int databases() {
        return databases;
    }

    /** Whether clients from outside loopback are refused while no password is set; default true. */
    public boolean protectedMode() {
        return protectedMode;
    }

    /** Longest bulk string a client may send; default 512 MiB. */
    public long protoMaxBulkLen() {
        return protoMaxBulkLen;
    }

    /** A client whose unprocessed input passes this is disconnected; default 1 GiB. */
    public long clientQueryBufferLimit() {
        return clientQueryBufferLimit;
    }

    /** Output buffer limit of normal clients; default {@link #DEFAULT_NORMAL_LIMIT}. */
    public OutputBufferLimit normalOutputLimit() {
        return normalOutputLimit;
    }

    /** Output buffer limit of subscribed clients; default {@link #DEFAULT_PUBSUB_LIMIT}. */
    public OutputBufferLimit pubsubOutputLimit() {
        return pubsubOutputLimit;
    }

    /** Background task frequency (active expiry, stats), per second; default 10, as Redis. */
    public int hz() {
        return hz;
    }

    /** The clock for expiry and TIME; tests pass a clock they move. Default: the system clock. */
    public Clock clock() {
        return clock;
    }

    /**
     * Who may run DEBUG (Redis's {@code enable-debug-command}): {@code "no"}
     * (the default, as in Redis), {@code "yes"}, or {@code "local"} (loopback
     * and unix-socket clients only). Test suites written for Redis run with
     * {@code yes}.
     */
    public String enableDebugCommand() {
        return enableDebugCommand;
    }

    @Override
    public String toString() {
        return "ServerConfig[bind=" + bind + ", port=" + port + ", requirePass=" + (requirePass == null ? "none" : "***")
                + ", maxClients=" + maxClients + ", databases=" + databases + ", protectedMode=" + protectedMode
                + ", protoMaxBulkLen=" + protoMaxBulkLen + ", clientQueryBufferLimit=" + clientQueryBufferLimit
                + ", normalOutputLimit=" + normalOutputLimit + ", pubsubOutputLimit=" + pubsubOutputLimit
                + ", hz=" + hz + ", enableDebugCommand=" + enableDebugCommand + "]";
    }

    /**
     * Sets a {@link ServerConfig}'s values; every setter checks its argument.
     *
     * <p>Thread contract: not thread-safe; build on one thread.
     */
    public static final class Builder {
        private String bind = "127.0.0.1";
        private int port = 6379;
        private String requirePass;
        private int maxClients = 10_000;
        private int databases = 16;
        private boolean protectedMode = true;
        private long protoMaxBulkLen = 512L << 20;
        private long clientQueryBufferLimit = 1L << 30;
        private OutputBufferLimit normalOutputLimit = DEFAULT_NORMAL_LIMIT;
        private OutputBufferLimit pubsubOutputLimit = DEFAULT_PUBSUB_LIMIT;
        private int hz = 10;
        private Clock clock = Clock.systemUTC();
        private String enableDebugCommand = "no";

        private Builder() {}

        public Builder bind(String bind) {
            this.bind = Objects.requireNonNull(bind, "bind");
            return this;
        }

        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port out of 0..65535: " + port);
            }
            this.port = port;
            return this;
        }

        /** The password; null or empty for none. */
        public Builder requirePass(String password) {
            this.requirePass = password == null || password.isEmpty() ? null : password;
            return this;
        }

        public Builder maxClients(int maxClients) {
            if (maxClients < 1) {
                throw new IllegalArgumentException("maxClients < 1: " + maxClients);
            }
            this.maxClients = maxClients;
            return this;
        }

        public Builder databases(int databases) {
            if (databases < 1) {
                throw new IllegalArgumentException("databases < 1: " + databases);
            }
            this.databases = databases;
            return this;
        }

        public Builder protectedMode(boolean protectedMode) {
            this.protectedMode = protectedMode;
            return this;
        }

        public Builder protoMaxBulkLen(long bytes) {
            if (bytes < 1 || bytes > MAX_BULK_LIMIT) {
                throw new IllegalArgumentException("protoMaxBulkLen out of 1.." + MAX_BULK_LIMIT + ": " + bytes);
            }
            this.protoMaxBulkLen = bytes;
            return this;
        }

        public Builder clientQueryBufferLimit(long bytes) {
            if (bytes < 1024) {
                throw new IllegalArgumentException("clientQueryBufferLimit < 1024: " + bytes);
            }
            this.clientQueryBufferLimit = bytes;
            return this;
        }

        public Builder normalOutputLimit(OutputBufferLimit limit) {
            this.normalOutputLimit = Objects.requireNonNull(limit, "limit");
            return this;
        }

        public Builder pubsubOutputLimit(OutputBufferLimit limit) {
            this.pubsubOutputLimit = Objects.requireNonNull(limit, "limit");
            return this;
        }

        public Builder hz(int hz) {
            if (hz < 1 || hz > 500) {
                throw new IllegalArgumentException("hz out of 1..500: " + hz);
            }
            this.hz = hz;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Who may run DEBUG: {@code "no"}, {@code "yes"} or {@code "local"}; see {@link ServerConfig#enableDebugCommand()}. */
        public Builder enableDebugCommand(String mode) {
            Objects.requireNonNull(mode, "mode");
            String m = mode.toLowerCase(java.util.Locale.ROOT);
            if (!m.equals("no") && !m.equals("yes") && !m.equals("local")) {
                throw new IllegalArgumentException("enableDebugCommand not one of no, yes, local: " + mode);
            }
            this.enableDebugCommand = m;
            return this;
        }

        public ServerConfig build() {
            return new ServerConfig(this);
        }
    }
}
