package dev.aioj.stream;

import dev.aioj.tls.Tls;

/**
 * How {@link Streams} sets up a connection: the reader's limit, and TLS.
 *
 * <pre>{@code
 * StreamOptions tls = StreamOptions.DEFAULTS.withTls(Tls.client(SSLContext.getDefault()));
 * Streams.openConnection(loop, "example.com", 443, tls);
 * }</pre>
 *
 * @param limit the reader's limit in bytes (see {@link StreamReader}); default 64 KiB
 * @param tls TLS for the connection (a client setting to connect, a server
 *     setting to listen), or null for plain TCP, the default
 */
public record StreamOptions(int limit, Tls tls) {

    /** The defaults: a 64 KiB limit, plain TCP. */
    public static final StreamOptions DEFAULTS = new StreamOptions(StreamReader.DEFAULT_LIMIT, null);

    public StreamOptions {
        if (limit <= 0) {
            throw new IllegalArgumentException("limit <= 0: " + limit);
        }
    }

    /** These options with another reader limit. */
    public StreamOptions withLimit(int limit) {
        return new StreamOptions(limit, tls);
    }

    /** These options over TLS ({@code null}: plain TCP). */
    public StreamOptions withTls(Tls tls) {
        return new StreamOptions(limit, tls);
    }
}
