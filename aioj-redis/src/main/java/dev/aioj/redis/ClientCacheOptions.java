package dev.aioj.redis;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * How a {@link RedisClient}'s client-side cache behaves: its bounds (entries
 * and bytes, least recently used out first), which read-only commands it
 * answers, and how the server tracks what it holds ({@link Mode}).
 *
 * <pre>{@code
 * RedisOptions options = RedisOptions.builder()
 *         .clientCache(ClientCacheOptions.builder().maxEntries(50_000).maxBytes(64 << 20).build())
 *         .build();
 * }</pre>
 *
 * <p>Immutable; thread contract: any thread.
 */
public final class ClientCacheOptions {

    /** How the server is asked to track the cached keys (Redis's CLIENT TRACKING modes). */
    public enum Mode {
        /**
         * The server remembers every key this client reads and tells it when
         * one changes (CLIENT TRACKING on). The default: only keys actually
         * read cost server memory and messages.
         */
        DEFAULT,
        /**
         * The server tells this client about every change to a key under the
         * {@linkplain Builder#prefixes prefixes}, read or not (CLIENT
         * TRACKING on BCAST PREFIX ...); only keys under them are cached. No
         * per-key memory on the server; more messages.
         */
        BCAST,
        /**
         * Only the cache's own reads are tracked (CLIENT TRACKING on OPTIN,
         * each cached read preceded by CLIENT CACHING yes in one MULTI): reads
         * that bypass the cache cost the server nothing. Each miss is a
         * transaction.
         */
        OPTIN
    }

    /** Which arguments of a cached command are keys. */
    enum Keys {
        /** The first argument (GET key, HGET key field). */
        FIRST,
        /** Every argument (MGET k1 k2, EXISTS k1 k2, SINTER k1 k2). */
        ALL
    }

    /**
     * The commands cached by default: read-only, answered from one value (or
     * a few keys' values) and not depending on the time (no TTL, no
     * RANDOMKEY, no SRANDMEMBER).
     */
    static final Map<String, Keys> DEFAULT_COMMANDS = defaultCommands();

    private static Map<String, Keys> defaultCommands() {
        Map<String, Keys> m = new TreeMap<>();
        for (String name : List.of("GET", "STRLEN", "GETRANGE", "GETBIT", "BITCOUNT", "BITPOS", "TYPE",
                "HGET", "HMGET", "HGETALL", "HKEYS", "HVALS", "HLEN", "HEXISTS", "HSTRLEN",
                "SMEMBERS", "SISMEMBER", "SMISMEMBER", "SCARD",
                "LRANGE", "LLEN", "LINDEX",
                "ZRANGE", "ZRANGEBYSCORE", "ZRANGEBYLEX", "ZREVRANGE", "ZREVRANGEBYSCORE", "ZREVRANGEBYLEX",
                "ZSCORE", "ZMSCORE", "ZCARD", "ZCOUNT", "ZLEXCOUNT", "ZRANK", "ZREVRANK")) {
            m.put(name, Keys.FIRST);
        }
        for (String name : List.of("MGET", "EXISTS", "SINTER", "SUNION", "SDIFF")) {
            m.put(name, Keys.ALL);
        }
        return Map.copyOf(m);
    }

    private final int maxEntries;
    private final long maxBytes;
    private final Mode mode;
    private final List<byte[]> prefixes;
    private final Map<String, Keys> commands;

    private ClientCacheOptions(Builder b) {
        this.maxEntries = b.maxEntries;
        this.maxBytes = b.maxBytes;
        this.mode = b.mode;
        this.prefixes = List.copyOf(b.prefixes);
        this.commands = Map.copyOf(b.commands);
    }

    /** 10,000 entries, 64 MiB, {@link Mode#DEFAULT}, the default commands. */
    public static ClientCacheOptions defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public int maxEntries() {
        return maxEntries;
    }

    public long maxBytes() {
        return maxBytes;
    }

    public Mode mode() {
        return mode;
    }

    /** BCAST prefixes (copies); empty in the other modes, or for BCAST of every key. */
    public List<byte[]> prefixes() {
        return prefixes.stream().map(byte[]::clone).toList();
    }

    List<byte[]> prefixesShared() {
        return prefixes;
    }

    /** The names of the cached commands, upper case. */
    public List<String> commands() {
        return List.copyOf(new TreeMap<>(commands).keySet());
    }

    /** How the keys of {@code upperName} are found, or null if it is not cached. */
    Keys keysOf(String upperName) {
        return commands.get(upperName);
    }

    @Override
    public String toString() {
        return "ClientCacheOptions[maxEntries=" + maxEntries + ", maxBytes=" + maxBytes + ", mode=" + mode
                + ", prefixes=" + prefixes.stream().map(p -> new String(p, StandardCharsets.UTF_8)).toList()
                + ", commands=" + commands() + "]";
    }

    /** Builds {@link ClientCacheOptions}; every setter checks its value. */
    public static final class Builder {
        private int maxEntries = 10_000;
        private long maxBytes = 64L * 1024 * 1024;
        private Mode mode = Mode.DEFAULT;
        private final List<byte[]> prefixes = new ArrayList<>();
        private final Map<String, Keys> commands = new TreeMap<>(DEFAULT_COMMANDS);

        private Builder() {}

        /** At most this many cached replies; the least recently used go first. */
        public Builder maxEntries(int maxEntries) {
            if (maxEntries < 1) {
                throw new IllegalArgumentException("maxEntries < 1: " + maxEntries);
            }
            this.maxEntries = maxEntries;
            return this;
        }

        /** At most about this many bytes of cached replies (keys and values counted); LRU out first. */
        public Builder maxBytes(long maxBytes) {
            if (maxBytes < 1) {
                throw new IllegalArgumentException("maxBytes < 1: " + maxBytes);
            }
            this.maxBytes = maxBytes;
            return this;
        }

        public Builder mode(Mode mode) {
            this.mode = Objects.requireNonNull(mode, "mode");
            return this;
        }

        /** {@link Mode#BCAST} with these key prefixes (none: every key); only keys under them are cached. */
        public Builder bcast(String... prefixes) {
            this.mode = Mode.BCAST;
            this.prefixes.clear();
            for (String p : prefixes) {
                this.prefixes.add(Objects.requireNonNull(p, "prefix").getBytes(StandardCharsets.UTF_8));
            }
            return this;
        }

        /**
         * Caches exactly these commands (read-only ones whose keys are their
         * first argument, or, for MGET, EXISTS, SINTER, SUNION, SDIFF, every
         * argument). A command aioj does not know how to key is refused.
         */
        public Builder commands(String... names) {
            Map<String, Keys> chosen = new TreeMap<>();
            for (String name : names) {
                String upper = Objects.requireNonNull(name, "command").toUpperCase(Locale.ROOT);
                Keys keys = DEFAULT_COMMANDS.get(upper);
                if (keys == null) {
                    throw new IllegalArgumentException("not a cacheable command: " + name
                            + " (cacheable: " + DEFAULT_COMMANDS.keySet() + ")");
                }
                chosen.put(upper, keys);
            }
            commands.clear();
            commands.putAll(chosen);
            return this;
        }

        public ClientCacheOptions build() {
            return new ClientCacheOptions(this);
        }
    }
}
