package dev.aioj.server;

import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;

/**
 * How to run a {@link RedisServer}: every redis.conf directive of Redis 7.0,
 * set from a config file, redis-server's command line, redis.conf lines or
 * typed setters. Defaults are Redis 7's, except where noted: {@code
 * ServerConfig.defaults()} is a server on 127.0.0.1:6379 with protected mode,
 * 16 databases, 10,000 clients at most, 512 MiB bulks, 1 GiB query buffers,
 * no snapshots, and output buffer limits that also cover normal clients
 * (Redis leaves those unlimited; here a client that stops reading is
 * disconnected at 256 MiB, so the server's memory stays bounded).
 *
 * <pre>{@code
 * ServerConfig config = ServerConfig.builder().port(0).requirePass("secret").build();
 * ServerConfig fromFile = ServerConfig.fromArgs("/etc/redis/redis.conf", "--port", "7000", "--save", "");
 * ServerConfig lines = ServerConfig.builder().config("maxclients 100", "unixsocket /tmp/redis.sock").build();
 * }</pre>
 *
 * <p>A directive aioj-server does not honour yet (persistence, replication,
 * eviction, ...) is accepted and shown by CONFIG GET, and logged once when a
 * server starts with it set; docs/server.md lists them all.
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

    private final ConfigValues values;
    private final ConfigLoader.CommandRenames renames;
    private final Path configFile;
    private final boolean anyFreePort;
    private final boolean anyFreeTlsPort;
    private final Clock clock;

    private ServerConfig(Builder b) {
        this.values = b.values.copy();
        this.renames = b.renames.copy();
        this.configFile = b.configFile;
        this.anyFreePort = b.anyFreePort;
        this.anyFreeTlsPort = b.anyFreeTlsPort;
        this.clock = b.clock;
    }

    /** Redis's defaults: 127.0.0.1:6379, see the class comment. */
    public static ServerConfig defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * A configuration from redis-server's command line (without the program
     * name): an optional config file first, then {@code --directive value...}
     * options overriding it; {@code -} reads more config from standard
     * input.
     *
     * @throws ConfigException what redis-server would refuse, with its error text
     */
    public static ServerConfig fromArgs(String... args) {
        ServerArgs parsed = ServerArgs.parse(List.of(args));
        if (parsed.action() != ServerArgs.Action.RUN) {
            throw new IllegalArgumentException(args[0] + " is a program option, not configuration");
        }
        return builder().load(parsed, ServerConfig::standardInput).build();
    }

    private static byte[] standardInput() {
        try {
            InputStream in = System.in;
            return in.readAllBytes();
        } catch (java.io.IOException e) {
            throw new UncheckedIOException("cannot read the configuration from standard input", e);
        }
    }

    /** A builder holding this configuration's values, to change a few. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.values = values.copy();
        b.renames = renames.copy();
        b.configFile = configFile;
        b.anyFreePort = anyFreePort;
        b.anyFreeTlsPort = anyFreeTlsPort;
        b.clock = clock;
        return b;
    }

    /**
     * A directive's value as CONFIG GET shows it ({@code get("maxmemory")} is
     * {@code "0"}), aliases included.
     *
     * @throws IllegalArgumentException for a name that is no directive
     */
    public String get(String directive) {
        Directive d = DirectiveTable.find(Objects.requireNonNull(directive, "directive"));
        if (d == null) {
            throw new IllegalArgumentException("no such directive: " + directive);
        }
        return d.format(values.get(d));
    }

    /** The config file it was read from (absolute), for CONFIG REWRITE and INFO; null for none. */
    public Path configFile() {
        return configFile;
    }

    /** The addresses to listen on, space-separated as CONFIG GET shows them; default 127.0.0.1. */
    public String bind() {
        return get("bind");
    }

    /** The TCP port; 0 disables TCP, or with {@link Builder#port(int) port(0)} picks a free one. Default 6379. */
    public int port() {
        return anyFreePort ? 0 : values.intValue(NetworkDirectives.PORT);
    }

    /** The TLS port; 0 for no TLS, or with {@link Builder#tlsPort(int) tlsPort(0)} a free one. */
    public int tlsPort() {
        return anyFreeTlsPort ? 0 : values.intValue(TlsDirectives.TLS_PORT);
    }

    /** The unix socket to listen on, resolved against {@code dir}, or null for none. */
    public Path unixSocket() {
        String path = values.text(NetworkDirectives.UNIXSOCKET);
        return path == null ? null : values.resolve(path);
    }

    /** The password AUTH must give, or null for none (the default). */
    public String requirePass() {
        return values.text(ClientDirectives.REQUIREPASS);
    }

    /** Connections beyond this many are refused with Redis's error; default 10,000. */
    public int maxClients() {
        return values.intValue(ClientDirectives.MAXCLIENTS);
    }

    /** Number of databases SELECT can choose from; default 16. */
    public int databases() {
        return values.intValue(GeneralDirectives.DATABASES);
    }

    /** Whether clients from outside loopback are refused while no password is set; default true. */
    public boolean protectedMode() {
        return values.bool(NetworkDirectives.PROTECTED_MODE);
    }

    /** Longest bulk string a client may send; default 512 MiB. */
    public long protoMaxBulkLen() {
        return values.number(ClientDirectives.PROTO_MAX_BULK_LEN);
    }

    /** A client whose unprocessed input passes this is disconnected; default 1 GiB. */
    public long clientQueryBufferLimit() {
        return values.number(ClientDirectives.CLIENT_QUERY_BUFFER_LIMIT);
    }

    /** Output buffer limit of normal clients; default {@link #DEFAULT_NORMAL_LIMIT}. */
    public OutputBufferLimit normalOutputLimit() {
        return outputLimits().normal();
    }

    /** Output buffer limit of subscribed clients; default {@link #DEFAULT_PUBSUB_LIMIT}. */
    public OutputBufferLimit pubsubOutputLimit() {
        return outputLimits().pubsub();
    }

    private SpecialTypes.OutputLimits outputLimits() {
        return (SpecialTypes.OutputLimits) values.get(ClientDirectives.CLIENT_OUTPUT_BUFFER_LIMIT);
    }

    /** Background task frequency (active expiry, stats), per second; default 10, as Redis. */
    public int hz() {
        return values.intValue(GeneralDirectives.HZ);
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
        return get("enable-debug-command");
    }

    /** Every directive's value (a copy for the server to change). */
    ConfigValues values() {
        return values.copy();
    }

    /** rename-command: original name → new name, "" for removed, in the order given. */
    Map<String, String> renamedCommands() {
        return renames.renamed();
    }

    boolean anyFreePort() {
        return anyFreePort;
    }

    boolean anyFreeTlsPort() {
        return anyFreeTlsPort;
    }

    /** Lists the directives that differ from their defaults (passwords masked). */
    @Override
    public String toString() {
        StringJoiner j = new StringJoiner(", ", "ServerConfig[", "]");
        if (anyFreePort) {
            j.add("port=any free");
        }
        for (Directive d : values.changed()) {
            j.add(d.name() + "=" + (d.is(Directive.SENSITIVE) ? "***" : d.format(values.get(d))));
        }
        return j.toString();
    }

    /**
     * Sets a {@link ServerConfig}'s values; every setter checks its argument,
     * the typed ones with a guard naming the bad value, the directive ones
     * with redis-server's error text ({@link ConfigException}).
     *
     * <p>Thread contract: not thread-safe; build on one thread.
     */
    public static final class Builder {
        private ConfigValues values = new ConfigValues();
        private ConfigLoader.CommandRenames renames = new ConfigLoader.CommandRenames();
        private Path configFile;
        private boolean anyFreePort;
        private boolean anyFreeTlsPort;
        private Clock clock = Clock.systemUTC();

        private Builder() {}

        /**
         * Sets a directive as a redis.conf line would: {@code set("maxmemory",
         * "100mb")}, {@code set("save", "900", "1", "300", "10")}, {@code
         * set("save", "")}.
         *
         * @throws ConfigException with redis-server's reason when it would refuse the line
         */
        public Builder set(String directive, String... args) {
            Objects.requireNonNull(directive, "directive");
            for (int i = 0; i < args.length; i++) {
                int index = i;
                Objects.requireNonNull(args[i], () -> "argument " + index + " of " + directive + " is null");
            }
            loader(ParseContext.forRuntime(values.directory())).apply(directive, Arrays.asList(args));
            return this;
        }

        /**
         * Reads redis.conf lines ({@code "maxclients 100"}, {@code "include
         * /etc/redis/common.conf"}), as if they were a config file.
         *
         * @throws ConfigException with the line and redis-server's reason when it would refuse one
         */
        public Builder config(String... lines) {
            String text = String.join("\n", lines);
            loader(ParseContext.forFile(values.directory()))
                    .loadText(text.getBytes(StandardCharsets.UTF_8), null);
            return this;
        }

        /**
         * Reads a redis.conf file (and what it includes), and remembers it for
         * CONFIG REWRITE and INFO.
         *
         * @throws ConfigException when the file cannot be read or has a line redis-server would refuse
         */
        public Builder configFile(Path file) {
            Path absolute = file.toAbsolutePath().normalize();
            loader(ParseContext.forFile(values.directory())).loadText(ConfigLoader.read(absolute), absolute);
            this.configFile = absolute;
            return this;
        }

        /** Loads what redis-server's command line names: file, standard input, then options. */
        Builder load(ServerArgs args, java.util.function.Supplier<byte[]> standardInput) {
            byte[] text = args.configText(standardInput);
            if (text != null) {
                loader(ParseContext.forFile(values.directory())).loadText(text, args.configFile());
            }
            this.configFile = args.configFile();
            return this;
        }

        private ConfigLoader loader(ParseContext context) {
            return new ConfigLoader(values, renames, context, this::directiveSet);
        }

        /** A port given as a directive means that port: 0 there disables the listener, as in Redis. */
        private void directiveSet(Directive d) {
            if (d == NetworkDirectives.PORT) {
                anyFreePort = false;
            } else if (d == TlsDirectives.TLS_PORT) {
                anyFreeTlsPort = false;
            }
        }

        /** The addresses to listen on ({@code *}: every IPv4 address, {@code ::*}: every IPv6 one). */
        public Builder bind(String... addresses) {
            Objects.requireNonNull(addresses, "addresses");
            if (addresses.length == 0 || addresses.length > 16) {
                throw new IllegalArgumentException("bind takes 1..16 addresses: " + addresses.length);
            }
            for (int i = 0; i < addresses.length; i++) {
                int index = i;
                Objects.requireNonNull(addresses[i], () -> "address " + index + " is null");
            }
            values.set(NetworkDirectives.BIND, List.of(addresses));
            return this;
        }

        /** The TCP port; 0 picks any free one (read it from {@link RedisServer#port()}). */
        public Builder port(int port) {
            checkPort(port);
            values.set(NetworkDirectives.PORT, (long) port);
            anyFreePort = port == 0;
            return this;
        }

        /**
         * Also listen with TLS on {@code port} (0: any free one), with the
         * certificate of {@code tls-cert-file} and {@code tls-key-file}.
         */
        public Builder tlsPort(int port) {
            checkPort(port);
            values.set(TlsDirectives.TLS_PORT, (long) port);
            anyFreeTlsPort = port == 0;
            return this;
        }

        private static void checkPort(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port out of 0..65535: " + port);
            }
        }

        /** Also listen on a unix domain socket at {@code path}. */
        public Builder unixSocket(Path path) {
            values.set(NetworkDirectives.UNIXSOCKET, Objects.requireNonNull(path, "path").toString());
            return this;
        }

        /** The password; null or empty for none. */
        public Builder requirePass(String password) {
            values.set(ClientDirectives.REQUIREPASS, password == null || password.isEmpty() ? null : password);
            return this;
        }

        public Builder maxClients(int maxClients) {
            if (maxClients < 1) {
                throw new IllegalArgumentException("maxClients < 1: " + maxClients);
            }
            values.set(ClientDirectives.MAXCLIENTS, (long) maxClients);
            return this;
        }

        public Builder databases(int databases) {
            if (databases < 1) {
                throw new IllegalArgumentException("databases < 1: " + databases);
            }
            values.set(GeneralDirectives.DATABASES, (long) databases);
            return this;
        }

        public Builder protectedMode(boolean protectedMode) {
            values.set(NetworkDirectives.PROTECTED_MODE, protectedMode);
            return this;
        }

        public Builder protoMaxBulkLen(long bytes) {
            if (bytes < 1 || bytes > MAX_BULK_LIMIT) {
                throw new IllegalArgumentException("protoMaxBulkLen out of 1.." + MAX_BULK_LIMIT + ": " + bytes);
            }
            values.set(ClientDirectives.PROTO_MAX_BULK_LEN, bytes);
            return this;
        }

        public Builder clientQueryBufferLimit(long bytes) {
            if (bytes < 1024) {
                throw new IllegalArgumentException("clientQueryBufferLimit < 1024: " + bytes);
            }
            values.set(ClientDirectives.CLIENT_QUERY_BUFFER_LIMIT, bytes);
            return this;
        }

        public Builder normalOutputLimit(OutputBufferLimit limit) {
            Objects.requireNonNull(limit, "limit");
            SpecialTypes.OutputLimits l = limits();
            values.set(ClientDirectives.CLIENT_OUTPUT_BUFFER_LIMIT,
                    new SpecialTypes.OutputLimits(limit, l.replica(), l.pubsub()));
            return this;
        }

        public Builder pubsubOutputLimit(OutputBufferLimit limit) {
            Objects.requireNonNull(limit, "limit");
            SpecialTypes.OutputLimits l = limits();
            values.set(ClientDirectives.CLIENT_OUTPUT_BUFFER_LIMIT,
                    new SpecialTypes.OutputLimits(l.normal(), l.replica(), limit));
            return this;
        }

        private SpecialTypes.OutputLimits limits() {
            return (SpecialTypes.OutputLimits) values.get(ClientDirectives.CLIENT_OUTPUT_BUFFER_LIMIT);
        }

        public Builder hz(int hz) {
            if (hz < 1 || hz > 500) {
                throw new IllegalArgumentException("hz out of 1..500: " + hz);
            }
            values.set(GeneralDirectives.HZ, (long) hz);
            return this;
        }

        /** Who may run DEBUG: {@code "no"}, {@code "yes"} or {@code "local"}; see {@link ServerConfig#enableDebugCommand()}. */
        public Builder enableDebugCommand(String mode) {
            Objects.requireNonNull(mode, "mode");
            int value = NetworkDirectives.PROTECTED_ACTION.valueOf(mode);
            if (value < 0) {
                throw new IllegalArgumentException("enableDebugCommand not one of no, yes, local: " + mode);
            }
            values.set(NetworkDirectives.ENABLE_DEBUG_COMMAND, value);
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public ServerConfig build() {
            return new ServerConfig(this);
        }
    }
}
