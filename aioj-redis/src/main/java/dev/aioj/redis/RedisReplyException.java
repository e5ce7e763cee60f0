package dev.aioj.redis;

import java.util.Objects;

/**
 * The server answered a command with an error reply ({@code -ERR ...},
 * {@code -WRONGTYPE ...}, or a RESP3 blob error). Only that command failed:
 * the connection is fine and the next reply belongs to the next command.
 *
 * <p>{@link #kind()} is the error's first word, the part a caller branches on
 * ({@code "ERR"}, {@code "WRONGTYPE"}, {@code "NOAUTH"}, {@code "MOVED"},
 * {@code "EXECABORT"}, ...); {@link #getMessage()} is the server's text exactly
 * as sent, kind included, so logs show what Redis said.
 */
public final class RedisReplyException extends RedisException {

    private final String kind;

    /**
     * @param kind    the first word of {@code message} (may be empty for an empty error)
     * @param message the full error text as the server sent it
     */
    public RedisReplyException(String kind, String message) {
        super(Objects.requireNonNull(message, "message"), null);
        this.kind = Objects.requireNonNull(kind, "kind");
        if (!message.startsWith(kind)) {
            throw new IllegalArgumentException("message does not start with kind " + kind + ": " + message);
        }
    }

    /** The error's first word: {@code "ERR"}, {@code "WRONGTYPE"}, ... */
    public String kind() {
        return kind;
    }

    /** The text after the kind, without the separating space ({@code ""} if none). */
    public String detail() {
        String message = getMessage();
        return message.length() > kind.length() ? message.substring(kind.length() + 1) : "";
    }
}
