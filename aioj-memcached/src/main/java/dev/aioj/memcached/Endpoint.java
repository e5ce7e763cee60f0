package dev.aioj.memcached;

/**
 * One memcached server as the user named it: {@code host:port}, {@code host}
 * (port 11211) or {@code [v6-address]:port}. The host is kept as written,
 * because ketama hashes that text: libmemcached clients given the same
 * strings share the same key -> server mapping.
 *
 * @param host the host as written (without brackets)
 * @param port the TCP port
 */
record Endpoint(String host, int port) {

    /** memcached's and libmemcached's default port. */
    static final int DEFAULT_PORT = 11211;

    Endpoint {
        if (host == null || host.isBlank()) throw new IllegalArgumentException("host is empty");
        if (port < 1 || port > 0xFFFF) throw new IllegalArgumentException("port out of range: " + port);
    }

    /** Parses {@code host[:port]} or {@code [v6]:port}. */
    static Endpoint parse(String text) {
        if (text == null) throw new IllegalArgumentException("server is null");
        String s = text.strip();
        String host = s;
        String port = null;
        if (s.startsWith("[")) {
            int close = s.indexOf(']');
            if (close < 0) throw new IllegalArgumentException("server '" + text + "': ']' missing");
            host = s.substring(1, close);
            if (close + 1 < s.length()) {
                if (s.charAt(close + 1) != ':') throw new IllegalArgumentException("server '" + text + "': ':' expected after ']'");
                port = s.substring(close + 2);
            }
        } else if (s.indexOf(':') >= 0) {
            if (s.indexOf(':') != s.lastIndexOf(':')) {
                throw new IllegalArgumentException("server '" + text + "': write an IPv6 address as [addr]:port");
            }
            host = s.substring(0, s.indexOf(':'));
            port = s.substring(s.indexOf(':') + 1);
        }
        int p = DEFAULT_PORT;
        if (port != null) {
            try {
                p = Integer.parseInt(port);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("server '" + text + "': port is not a number: " + port);
            }
        }
        return new Endpoint(host, p);
    }

    /** The string libmemcached's ketama hashes for this server: the host, plus {@code :port} unless 11211. */
    String ketamaName() {
        return port == DEFAULT_PORT ? host : host + ":" + port;
    }

    @Override
    public String toString() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
