package dev.aioj.server.junit;

import dev.aioj.server.RedisServer;
import dev.aioj.server.ServerConfig;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * A Redis-compatible server inside the test's JVM, started in milliseconds
 * on a free loopback port: no Docker, no native binary. For any test
 * framework; JUnit 5 users have {@link AiojServer @AiojServer}.
 *
 * <pre>{@code
 * try (EmbeddedRedis redis = EmbeddedRedis.start("maxmemory 100mb", "requirepass s3cret")) {
 *     URI uri = redis.uri();      // redis://:s3cret@127.0.0.1:41235
 *     ...                         // any client: Lettuce, Jedis, aioj-redis, redis-cli -p redis.port()
 *     redis.flushAll();           // between tests
 * }
 * }</pre>
 *
 * <p>Configuration is redis.conf lines, as in a config file ({@code
 * "save 900 1"}, {@code "unixsocket /tmp/redis.sock"}); a line redis-server
 * would refuse fails the start with its error ({@link
 * dev.aioj.server.ConfigException}). The port is any free one unless a
 * {@code port} line says otherwise. It is aioj-server: docs/server.md lists
 * what it implements of Redis 7.0.
 *
 * <p>Thread contract: any thread; {@link #start} and {@link #close} block.
 */
public final class EmbeddedRedis implements AutoCloseable {

    private static final String HOST = "127.0.0.1";

    private final RedisServer server;

    private EmbeddedRedis(RedisServer server) {
        this.server = server;
    }

    /**
     * Starts a server with {@code configLines} (redis.conf lines) on a free
     * loopback port, and returns once it listens.
     *
     * @throws dev.aioj.server.ConfigException for a line redis-server would refuse
     * @throws java.io.UncheckedIOException when it cannot listen
     */
    public static EmbeddedRedis start(String... configLines) {
        return builder().config(configLines).start();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The TCP port, or -1 when a {@code port 0} line switched TCP off. */
    public int port() {
        return server.port();
    }

    /** The host to connect to: 127.0.0.1. */
    public String host() {
        return HOST;
    }

    /**
     * {@code redis://127.0.0.1:<port>}, with the password as user info when
     * requirepass is set ({@code redis://:secret@127.0.0.1:<port>}), the form
     * Lettuce, redis-py and aioj-redis take.
     */
    public URI uri() {
        return uri("redis", HOST, port());
    }

    /** {@code rediss://localhost:<tls-port>} when a TLS port is configured, else null. */
    public URI tlsUri() {
        return server.tlsPort() > 0 ? uri("rediss", "localhost", server.tlsPort()) : null;
    }

    /** The unix socket when one is configured, else null. */
    public Path unixSocket() {
        return server.unixSocket();
    }

    private URI uri(String scheme, String host, int port) {
        String password = server.config().requirePass();
        try {
            return new URI(scheme, password == null ? null : ":" + password, host, port, null, null, null);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot form the server's URI", e);
        }
    }

    /** Empties every database, as FLUSHALL does. */
    public void flushAll() {
        server.flushAll();
    }

    /** The server itself: its configuration, addresses, loop. */
    public RedisServer server() {
        return server;
    }

    /** Stops the server and closes its connections. Idempotent. */
    @Override
    public void close() {
        server.close();
    }

    @Override
    public String toString() {
        return "EmbeddedRedis[" + (port() > 0 ? uri() : server.unixSocket()) + "]";
    }

    /**
     * The configuration of an {@link EmbeddedRedis}: redis.conf lines and
     * files, or {@link ServerConfig.Builder} calls.
     *
     * <p>Thread contract: not thread-safe; build on one thread.
     */
    public static final class Builder {
        private final List<String> lines = new ArrayList<>();
        private final List<Path> files = new ArrayList<>();
        private UnaryOperator<ServerConfig.Builder> customize = UnaryOperator.identity();

        private Builder() {}

        /** redis.conf lines, applied after the files. */
        public Builder config(String... configLines) {
            for (String line : Objects.requireNonNull(configLines, "configLines")) {
                lines.add(Objects.requireNonNull(line, "a config line is null"));
            }
            return this;
        }

        /** A redis.conf file (what it includes too), applied before the lines. */
        public Builder configFile(Path file) {
            files.add(Objects.requireNonNull(file, "file"));
            return this;
        }

        /**
         * Anything else on the server's configuration, applied last, e.g.
         * {@code b -> b.tlsPort(0).set("tls-cert-file", cert)} for TLS on a
         * free port.
         */
        public Builder server(UnaryOperator<ServerConfig.Builder> customize) {
            this.customize = Objects.requireNonNull(customize, "customize");
            return this;
        }

        /** Starts the server and returns once it listens. */
        public EmbeddedRedis start() {
            return new EmbeddedRedis(RedisServer.start(config()));
        }

        /** The configuration {@link #start} would use. */
        public ServerConfig config() {
            ServerConfig.Builder b = ServerConfig.builder().port(0);
            for (Path file : files) {
                b.configFile(file);
            }
            b.config(lines.toArray(new String[0]));
            return customize.apply(b).build();
        }
    }
}
