package dev.aioj.redis;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * The root of every command view: send any command and get a future of its
 * reply. The typed command families ({@link RedisCommands}) are default
 * methods on top of {@link #command}.
 *
 * <p>Arguments may be {@code byte[]}, {@code String} (sent as UTF-8), {@code
 * Integer}, {@code Long}, {@code Double}, {@code Float} or {@code ByteBuffer}
 * (its remaining bytes, read when the command is written: do not change it
 * until the future completes). {@code null} or any other type fails at once
 * with {@link IllegalArgumentException} naming the argument, and nothing is
 * sent.
 *
 * <p>Thread contract: any thread. Commands from one thread are sent in the
 * order they were called; commands from many threads share the connection
 * and are pipelined together.
 *
 * @param <V> what bulk-string replies decode to (see {@link #codec()})
 */
public interface BaseCommands<V> {

    /**
     * Sends {@code args} (command name first) and completes with the reply
     * converted by {@code reply}, or fails with {@link RedisReplyException}
     * (the server said no), {@link RedisTimeoutException}, {@link
     * RedisConnectionException} or {@link RedisProtocolException}.
     */
    <T> CompletableFuture<T> command(Reply<T> reply, Object... args);

    /**
     * {@link #command(Reply, Object...)} for a command of one key (GET k, INCR
     * k, ...); views send it without building an argument array.
     */
    default <T> CompletableFuture<T> command(Reply<T> reply, String name, Object key) {
        return command(reply, new Object[] {name, key});
    }

    /** {@link #command(Reply, Object...)} for a command of a key and a value (SET k v, ...), without an array. */
    default <T> CompletableFuture<T> command(Reply<T> reply, String name, Object key, Object value) {
        return command(reply, new Object[] {name, key, value});
    }

    /** The seed's {@code execute}: any command, its reply as plain Java values ({@link Reply#OBJECT}). */
    default CompletableFuture<Object> execute(Object... args) {
        return command(Reply.OBJECT, args);
    }

    /** How bulk strings decode in this view. */
    Codec<V> codec();

    /**
     * The per-command deadline of commands sent through this view; zero means
     * none. Blocking commands (BLPOP, ...) add their block timeout to it.
     */
    Duration timeout();

    /** The same connection, decoding bulk strings with {@code codec} (the seed's per-call {@code encoding}). */
    <W> RedisCommands<W> withCodec(Codec<W> codec);

    /** The same connection with another per-command deadline for commands sent through the view. */
    RedisCommands<V> withTimeout(Duration timeout);
}
