package dev.aioj.stream;

/**
 * How {@link Streams} sets up a connection: the reader's limit.
 *
 * @param limit the reader's limit in bytes (see {@link StreamReader}); default 64 KiB
 */
public record StreamOptions(int limit) {

    /** The defaults: a 64 KiB limit, plain TCP. */
    public static final StreamOptions DEFAULTS = new StreamOptions(StreamReader.DEFAULT_LIMIT);

    public StreamOptions {
        if (limit <= 0) {
            throw new IllegalArgumentException("limit <= 0: " + limit);
        }
    }

    /** These options with another reader limit. */
    public StreamOptions withLimit(int limit) {
        return new StreamOptions(limit);
    }
}
