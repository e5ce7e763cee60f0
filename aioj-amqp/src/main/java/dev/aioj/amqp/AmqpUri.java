package dev.aioj.amqp;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * An {@code amqp://user:pass@host:port/vhost} or {@code amqps://} URI as
 * RabbitMQ documents it: defaults guest/guest, localhost, 5672 (5671 for
 * amqps), vhost "/" without a path; a path of "/x" is the vhost "x"
 * (percent-decoded, so "/%2f" is "/"; a bare "/" is the vhost "", as in
 * RabbitMQ's URI spec). Query: {@code heartbeat} (seconds),
 * {@code frame_max}, {@code channel_max}, {@code connection_timeout} (ms).
 * Immutable, any thread.
 */
public record AmqpUri(boolean tls, String host, int port, String user, String password, String vhost,
        int heartbeatSeconds, int frameMax, int channelMax, Duration connectTimeout) {

    /** RabbitMQ's default heartbeat proposal, seconds. */
    public static final int DEFAULT_HEARTBEAT = 60;
    /** RabbitMQ's default frame_max, 128 KiB. */
    public static final int DEFAULT_FRAME_MAX = 131072;
    /** RabbitMQ's default channel_max. */
    public static final int DEFAULT_CHANNEL_MAX = 2047;

    public static AmqpUri parse(String uri) {
        URI u;
        try {
            u = new URI(uri.endsWith("://") ? uri + "localhost" : uri); // "amqp://": every default
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a URI: " + uri, e);
        }
        String scheme = u.getScheme();
        boolean tls;
        if ("amqp".equalsIgnoreCase(scheme)) {
            tls = false;
        } else if ("amqps".equalsIgnoreCase(scheme)) {
            tls = true;
        } else {
            throw new IllegalArgumentException("scheme not amqp or amqps: " + uri);
        }
        String host = u.getHost() == null || u.getHost().isEmpty() ? "localhost" : u.getHost();
        if (host.startsWith("[") && host.endsWith("]")) host = host.substring(1, host.length() - 1);
        int port = u.getPort() == -1 ? (tls ? 5671 : 5672) : u.getPort();
        String user = "guest", password = "guest";
        String userInfo = u.getRawUserInfo();
        if (userInfo != null) {
            int colon = userInfo.indexOf(':');
            user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
            password = colon < 0 ? "" : decode(userInfo.substring(colon + 1));
        }
        String rawPath = u.getRawPath();
        // RabbitMQ's URI spec: no path is the default vhost "/"; "/" alone is the vhost "" (the official client agrees)
        String vhost = rawPath == null || rawPath.isEmpty() ? "/" : decode(rawPath.substring(1));
        int heartbeat = DEFAULT_HEARTBEAT, frameMax = DEFAULT_FRAME_MAX, channelMax = DEFAULT_CHANNEL_MAX;
        Duration timeout = Duration.ofSeconds(10);
        if (u.getRawQuery() != null) {
            for (String pair : u.getRawQuery().split("&")) {
                if (pair.isEmpty()) continue;
                int eq = pair.indexOf('=');
                String key = decode(eq < 0 ? pair : pair.substring(0, eq));
                String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
                switch (key) {
                    case "heartbeat" -> heartbeat = number(key, value, 0, 65535);
                    case "frame_max" -> frameMax = number(key, value, 0, Integer.MAX_VALUE);
                    case "channel_max" -> channelMax = number(key, value, 0, 65535);
                    case "connection_timeout" -> timeout = Duration.ofMillis(number(key, value, 1, Integer.MAX_VALUE));
                    default -> throw new IllegalArgumentException("unknown URI parameter " + key + " in " + uri);
                }
            }
        }
        return new AmqpUri(tls, host, port, user, password, vhost, heartbeat, frameMax, channelMax, timeout);
    }

    private static int number(String key, String value, int min, int max) {
        try {
            long v = Long.parseLong(value);
            if (v < min || v > max) throw new IllegalArgumentException(key + " out of [" + min + ", " + max + "]: " + v);
            return (int) v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " not a number: " + value, e);
        }
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /** The URI without the password. */
    @Override
    public String toString() {
        return (tls ? "amqps://" : "amqp://") + user + "@" + host + ":" + port + "/"
                + java.net.URLEncoder.encode(vhost, StandardCharsets.UTF_8);
    }
}
