package dev.aioj.stream;

import java.util.Objects;

/**
 * A connection seen as two streams: what asyncio's {@code open_connection}
 * returns as {@code (reader, writer)}, and what a {@link StreamHandler} gets.
 *
 * @param reader the reading half
 * @param writer the writing half
 */
public record StreamConnection(StreamReader reader, StreamWriter writer) {
    public StreamConnection {
        Objects.requireNonNull(reader, "reader");
        Objects.requireNonNull(writer, "writer");
    }
}
