package dev.aioj.redis;

import java.util.Objects;

/**
 * The server a connection talks to, as an {@link RedisObserver} sees it: where
 * (host and port, or a unix socket's path) and which database. It carries no
 * credentials, unlike {@link RedisUri}, so observers may log or tag it freely.
 * One per connection, made once.
 *
 * @param address the host name or IP literal, or the unix socket's path
 * @param port the TCP port, or -1 for a unix socket
 * @param database the database index the connection SELECTs
 * @param tls whether the connection is TLS ({@code rediss://})
 */
public record RedisEndpoint(String address, int port, int database, boolean tls) {

    public RedisEndpoint {
        Objects.requireNonNull(address, "address");
        if (port < -1 || port > 65_535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        if (database < 0) {
            throw new IllegalArgumentException("database < 0: " + database);
        }
    }

    /** The endpoint of {@code uri}: its host and port, or its socket path; its database. */
    public static RedisEndpoint of(RedisUri uri) {
        return uri.socketPath() != null
                ? new RedisEndpoint(uri.socketPath().toString(), -1, uri.database(), uri.tls())
                : new RedisEndpoint(uri.host(), uri.port(), uri.database(), uri.tls());
    }

    /** True for a unix domain socket ({@link #port()} is then -1). */
    public boolean isUnixSocket() {
        return port < 0;
    }

    /** {@code host:port} or {@code unix:path}, as in exception messages. */
    @Override
    public String toString() {
        return isUnixSocket() ? "unix:" + address
                : (address.indexOf(':') >= 0 ? "[" + address + "]" : address) + ":" + port;
    }
}
