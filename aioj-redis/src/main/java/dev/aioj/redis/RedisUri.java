package dev.aioj.redis;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Where a Redis server is and how to greet it, parsed from the URI forms
 * users know from redis-cli and Lettuce:
 *
 * <pre>
 * redis://[[user]:password@]host[:port][/db][?timeout=2s&amp;connectTimeout=1s&amp;name=app&amp;protocol=3]
 * rediss://...                                 the same over TLS
 * unix:///path/to/redis.sock[?db=1&amp;user=u&amp;password=p&amp;...]
 * </pre>
 *
 * Defaults: port 6379, database 0, command timeout 10 s, connect timeout
 * 10 s, protocol 3 (falling back to 2 on servers without HELLO). {@link
 * #toString} masks the password.
 *
 * @param tls whether to speak TLS ({@code rediss://})
 * @param host the host name or address; null for a unix socket
 * @param port the TCP port; 0 for a unix socket
 * @param socketPath the unix socket path; null for TCP
 * @param user the ACL user, or null for the default user
 * @param password the password, or null for none
 * @param database the database to SELECT, 0 to 15 on a default server
 * @param timeout the default deadline of each command
 * @param connectTimeout the deadline of connecting and greeting
 * @param clientName the name given with CLIENT SETNAME, or null
 * @param protocol 2 or 3: the RESP version to ask for
 */
public record RedisUri(boolean tls, String host, int port, Path socketPath, String user, String password,
        int database, Duration timeout, Duration connectTimeout, String clientName, int protocol) {

    /** Redis's well-known port. */
    public static final int DEFAULT_PORT = 6379;

    /** The default per-command deadline: long enough for a slow server, short enough to notice a dead one. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    public RedisUri {
        if ((host == null) == (socketPath == null)) {
            throw new IllegalArgumentException("exactly one of host and socketPath must be set: " + host + ", "
                    + socketPath);
        }
        if (host != null && (port < 1 || port > 0xFFFF)) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        if (database < 0) {
            throw new IllegalArgumentException("database < 0: " + database);
        }
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout <= 0: " + timeout);
        }
        if (connectTimeout.isNegative() || connectTimeout.isZero()) {
            throw new IllegalArgumentException("connectTimeout <= 0: " + connectTimeout);
        }
        if (protocol != 2 && protocol != 3) {
            throw new IllegalArgumentException("protocol must be 2 or 3: " + protocol);
        }
        if (user != null && password == null) {
            throw new IllegalArgumentException("a user needs a password: " + user);
        }
        if (tls && socketPath != null) {
            throw new IllegalArgumentException("TLS over a unix socket is not supported: " + socketPath);
        }
    }

    /** A plain TCP endpoint with every other setting at its default. */
    public static RedisUri of(String host, int port) {
        return new RedisUri(false, Objects.requireNonNull(host, "host"), port, null, null, null, 0,
                DEFAULT_TIMEOUT, DEFAULT_TIMEOUT, null, 3);
    }

    /**
     * Parses {@code uri}.
     *
     * @throws IllegalArgumentException naming the part that is wrong
     */
    public static RedisUri parse(String uri) {
        Objects.requireNonNull(uri, "uri");
        URI parsed;
        try {
            parsed = new URI(uri);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a URI: " + mask(uri) + " (" + e.getReason() + ")");
        }
        String scheme = parsed.getScheme() == null ? "" : parsed.getScheme().toLowerCase(Locale.ROOT);
        Map<String, String> query = query(parsed.getRawQuery(), uri);
        RedisUri result = switch (scheme) {
            case "redis", "rediss" -> tcp(parsed, scheme.equals("rediss"), query, uri);
            case "unix" -> unix(parsed, query, uri);
            default -> throw new IllegalArgumentException(
                    "scheme must be redis, rediss or unix: " + mask(uri));
        };
        if (!query.isEmpty()) {
            throw new IllegalArgumentException("unknown option " + query.keySet().iterator().next() + " in "
                    + mask(uri) + " (known: timeout, connectTimeout, name, protocol, db, user, password)");
        }
        return result;
    }

    private static RedisUri tcp(URI parsed, boolean tls, Map<String, String> query, String uri) {
        String host = parsed.getHost();
        if (host == null || host.isEmpty()) {
            throw new IllegalArgumentException("no host in " + mask(uri));
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1); // IPv6 literal
        }
        int port = parsed.getPort() == -1 ? DEFAULT_PORT : parsed.getPort();
        String[] credentials = credentials(parsed.getRawUserInfo());
        int database = 0;
        String path = parsed.getPath();
        if (path != null && path.length() > 1) {
            database = parseDatabase(path.substring(1), uri);
        }
        if (query.containsKey("db")) {
            database = parseDatabase(query.remove("db"), uri);
        }
        return withOptions(tls, host, port, null, credentials[0], credentials[1], database, query, uri);
    }

    private static RedisUri unix(URI parsed, Map<String, String> query, String uri) {
        String path = parsed.getPath();
        if (path == null || path.isEmpty()) {
            throw new IllegalArgumentException("no socket path in " + mask(uri));
        }
        int database = query.containsKey("db") ? parseDatabase(query.remove("db"), uri) : 0;
        String user = query.remove("user");
        String password = query.remove("password");
        return withOptions(false, null, 0, Path.of(path), user, password, database, query, uri);
    }

    private static RedisUri withOptions(boolean tls, String host, int port, Path socketPath, String user,
            String password, int database, Map<String, String> query, String uri) {
        Duration timeout = query.containsKey("timeout") ? parseDuration(query.remove("timeout"), uri)
                : DEFAULT_TIMEOUT;
        Duration connectTimeout = query.containsKey("connectTimeout")
                ? parseDuration(query.remove("connectTimeout"), uri) : DEFAULT_TIMEOUT;
        String name = query.remove("name");
        int protocol = 3;
        if (query.containsKey("protocol")) {
            String value = query.remove("protocol");
            protocol = switch (value) {
                case "2", "resp2" -> 2;
                case "3", "resp3" -> 3;
                default -> throw new IllegalArgumentException("protocol must be 2 or 3: " + value);
            };
        }
        return new RedisUri(tls, host, port, socketPath, user, password, database, timeout, connectTimeout, name,
                protocol);
    }

    /** {user, password}; a bare "password@" (redis-cli style) or ":password@" has no user. */
    private static String[] credentials(String rawUserInfo) {
        if (rawUserInfo == null || rawUserInfo.isEmpty()) {
            return new String[2];
        }
        int colon = rawUserInfo.indexOf(':');
        if (colon < 0) {
            return new String[] {null, decode(rawUserInfo)};
        }
        String user = decode(rawUserInfo.substring(0, colon));
        return new String[] {user.isEmpty() ? null : user, decode(rawUserInfo.substring(colon + 1))};
    }

    private static Map<String, String> query(String rawQuery, String uri) {
        Map<String, String> options = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return options;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("option without a value: '" + pair + "' in " + mask(uri));
            }
            options.put(decode(pair.substring(0, eq)), decode(pair.substring(eq + 1)));
        }
        return options;
    }

    private static String decode(String raw) {
        return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static int parseDatabase(String text, String uri) {
        try {
            int db = Integer.parseInt(text);
            if (db >= 0) {
                return db;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException("database must be a number >= 0: '" + text + "' in " + mask(uri));
    }

    /**
     * A duration as {@code 500ms}, {@code 2s}, {@code 1m}, {@code 100us},
     * {@code 1h}, an ISO-8601 {@code PT2S}, or a bare number of seconds.
     */
    static Duration parseDuration(String text, String uri) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        try {
            if (t.startsWith("pt")) {
                return Duration.parse(t.toUpperCase(Locale.ROOT));
            }
            int unitStart = 0;
            while (unitStart < t.length() && (Character.isDigit(t.charAt(unitStart)) || t.charAt(unitStart) == '.')) {
                unitStart++;
            }
            double amount = Double.parseDouble(t.substring(0, unitStart));
            double nanosPerUnit = switch (t.substring(unitStart)) {
                case "ns" -> 1;
                case "us" -> 1e3;
                case "ms" -> 1e6;
                case "", "s" -> 1e9;
                case "m" -> 60e9;
                case "h" -> 3600e9;
                default -> throw new NumberFormatException("unit");
            };
            return Duration.ofNanos(Math.round(amount * nanosPerUnit));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a duration: '" + text + "' in " + mask(uri)
                    + " (use e.g. 500ms, 2s, 1m)");
        }
    }

    /** {@code host:port} or {@code unix:path}, for messages. */
    public String endpoint() {
        return socketPath != null ? "unix:" + socketPath : (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    /** This URI with another per-command timeout. */
    public RedisUri withTimeout(Duration newTimeout) {
        return new RedisUri(tls, host, port, socketPath, user, password, database, newTimeout, connectTimeout,
                clientName, protocol);
    }

    /** This URI with another database. */
    public RedisUri withDatabase(int newDatabase) {
        return new RedisUri(tls, host, port, socketPath, user, password, newDatabase, timeout, connectTimeout,
                clientName, protocol);
    }

    /** This URI with another protocol version (2 or 3). */
    public RedisUri withProtocol(int newProtocol) {
        return new RedisUri(tls, host, port, socketPath, user, password, database, timeout, connectTimeout,
                clientName, newProtocol);
    }

    /** This URI with credentials (user may be null for the default user). */
    public RedisUri withCredentials(String newUser, String newPassword) {
        return new RedisUri(tls, host, port, socketPath, newUser, newPassword, database, timeout, connectTimeout,
                clientName, protocol);
    }

    /** This URI with a client name for CLIENT SETNAME. */
    public RedisUri withClientName(String newName) {
        return new RedisUri(tls, host, port, socketPath, user, password, database, timeout, connectTimeout,
                newName, protocol);
    }

    /** The URI form, with the password masked. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder();
        if (socketPath != null) {
            s.append("unix://").append(socketPath).append("?db=").append(database);
            if (user != null) {
                s.append("&user=").append(user);
            }
            if (password != null) {
                s.append("&password=****");
            }
        } else {
            s.append(tls ? "rediss://" : "redis://");
            if (password != null) {
                s.append(user != null ? user : "").append(":****@");
            }
            s.append(host.indexOf(':') >= 0 ? "[" + host + "]" : host).append(':').append(port).append('/')
                    .append(database).append('?');
        }
        s.append(socketPath != null ? "&" : "").append("protocol=").append(protocol)
                .append("&timeout=").append(timeout.toMillis()).append("ms");
        if (clientName != null) {
            s.append("&name=").append(clientName);
        }
        return s.toString();
    }

    /** Hides a password in a URI being quoted in an error message. */
    private static String mask(String uri) {
        return uri.replaceAll("(//[^:/@]*:)[^@/]*@", "$1****@").replaceAll("(password=)[^&]*", "$1****");
    }
}
