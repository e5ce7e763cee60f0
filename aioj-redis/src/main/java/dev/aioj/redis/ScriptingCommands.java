package dev.aioj.redis;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Lua scripting, typed: EVAL, EVALSHA, the script cache, and {@link
 * #evalCached}, which sends only a script's SHA-1 and the script itself only
 * when the server does not have it yet (the redis-py {@code Script} and
 * Lettuce {@code digest} pattern, without a registration step).
 *
 * <p>A script's reply is any RESP value: the plain overloads return it as
 * {@link Reply#OBJECT} (Lua numbers are {@code Long}, strings the codec's
 * {@code V}, tables {@code List}s, nil {@code null}); the overloads taking a
 * {@link Reply} convert it as told ({@code Reply.LONG}, {@code Reply.list()},
 * ...). An error raised by the script fails the future with {@link
 * RedisReplyException}.
 *
 * <p>Thread contract: any thread (see {@link BaseCommands}).
 *
 * @param <V> what bulk-string replies decode to
 */
public interface ScriptingCommands<V> extends BaseCommands<V> {

    /** EVAL: runs {@code script} with {@code keys} (KEYS[1..]) and {@code args} (ARGV[1..]). */
    default CompletableFuture<Object> eval(String script, List<?> keys, List<?> args) {
        return eval(Reply.OBJECT, script, keys, args);
    }

    /** EVAL, its reply converted by {@code reply}. */
    default <T> CompletableFuture<T> eval(Reply<T> reply, String script, List<?> keys, List<?> args) {
        return command(reply, scriptCall("EVAL", Objects.requireNonNull(script, "script"), keys, args));
    }

    /** EVALSHA: runs the cached script with SHA-1 {@code sha}; fails with NOSCRIPT if the server does not have it. */
    default CompletableFuture<Object> evalsha(String sha, List<?> keys, List<?> args) {
        return evalsha(Reply.OBJECT, sha, keys, args);
    }

    /** EVALSHA, its reply converted by {@code reply}. */
    default <T> CompletableFuture<T> evalsha(Reply<T> reply, String sha, List<?> keys, List<?> args) {
        return command(reply, scriptCall("EVALSHA", Objects.requireNonNull(sha, "sha"), keys, args));
    }

    /**
     * Runs {@code script} by its SHA-1 (computed here, no round trip): EVALSHA
     * first, and EVAL only if the server answers NOSCRIPT (first use, after
     * SCRIPT FLUSH or a restart), which also caches it for next time.
     */
    default CompletableFuture<Object> evalCached(String script, List<?> keys, List<?> args) {
        return evalCached(Reply.OBJECT, script, keys, args);
    }

    /** {@link #evalCached(String, List, List)}, its reply converted by {@code reply}. */
    default <T> CompletableFuture<T> evalCached(Reply<T> reply, String script, List<?> keys, List<?> args) {
        String sha = sha1(script);
        return evalsha(reply, sha, keys, args).exceptionallyCompose(failure -> {
            Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
            if (cause instanceof RedisReplyException error && error.kind().equals("NOSCRIPT")) {
                return eval(reply, script, keys, args);
            }
            return CompletableFuture.failedFuture(cause);
        });
    }

    /** SCRIPT LOAD: caches {@code script} without running it; its SHA-1 (the same as {@link #sha1}). */
    default CompletableFuture<String> scriptLoad(String script) {
        return command(Reply.STATUS, "SCRIPT", "LOAD", Objects.requireNonNull(script, "script"));
    }

    /** SCRIPT EXISTS: for each of {@code shas}, in order, whether the server has that script cached. */
    default CompletableFuture<List<Boolean>> scriptExists(String... shas) {
        Args.nonEmpty("SCRIPT EXISTS", "sha", shas);
        return command(CommandReplies.BOOLEANS, Args.of(shas.length, "SCRIPT", "EXISTS").addAll(shas).array());
    }

    /** SCRIPT FLUSH: empties the server's script cache. */
    default CompletableFuture<Void> scriptFlush() {
        return command(Reply.OK, "SCRIPT", "FLUSH");
    }

    /** The SHA-1 of {@code script}'s UTF-8 bytes in lower-case hex: its name in the server's script cache. */
    static String sha1(String script) {
        Objects.requireNonNull(script, "script");
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-1");
            return HexFormat.of().formatHex(digest.digest(script.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-1", e);
        }
    }

    private static Object[] scriptCall(String command, String scriptOrSha, List<?> keys, List<?> args) {
        Args.nonNull(command, "keys", keys);
        Args.nonNull(command, "args", args);
        return Args.of(keys.size() + args.size() + 1, command, scriptOrSha, keys.size()).addAll(keys).addAll(args)
                .array();
    }
}
