package dev.aioj.redis;

import dev.aioj.loop.EventLoop;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The blocking view of a connection, for code on virtual threads (Java's
 * answer to {@code await}): every method sends the command and waits for its
 * reply. It has a twin of every typed command of {@link RedisCommands}, one
 * family per interface ({@link StringSyncCommands}, {@link KeySyncCommands},
 * ...), plus lazily paging SCAN iterables and streams. Failures are thrown as
 * the typed {@link RedisException} itself, not wrapped. Refuses to run on an
 * event loop thread, where waiting would deadlock.
 *
 * <p>Thread contract: any thread except an event loop thread.
 *
 * @param <V> what bulk-string replies decode to
 */
public interface RedisSyncCommands<V> extends StringSyncCommands<V>, KeySyncCommands<V>, HashSyncCommands<V>,
        ListSyncCommands<V>, SetSyncCommands<V>, SortedSetSyncCommands<V>, ScriptingSyncCommands<V>,
        ServerSyncCommands<V> {

    /** The asynchronous view these methods wait on. */
    @Override
    RedisCommands<V> async();

    /** {@link BaseCommands#command}, waiting for the reply. */
    default <T> T command(Reply<T> reply, Object... args) {
        return await(async().command(reply, args));
    }

    /** {@link BaseCommands#command(Reply, String, Object)}, waiting for the reply. */
    default <T> T command(Reply<T> reply, String name, Object key) {
        return await(async().command(reply, name, key));
    }

    /** {@link BaseCommands#command(Reply, String, Object, Object)}, waiting for the reply. */
    default <T> T command(Reply<T> reply, String name, Object key, Object value) {
        return await(async().command(reply, name, key, value));
    }

    /** {@link BaseCommands#execute}, waiting for the reply. */
    default Object execute(Object... args) {
        return await(async().execute(args));
    }

    /**
     * Waits for {@code future}; throws its failure unwrapped (a {@link
     * RedisException} stays a {@code RedisException}).
     *
     * @throws IllegalStateException on an event loop thread
     */
    static <T> T await(CompletableFuture<T> future) {
        EventLoop.refuseOnLoopThread("a blocking Redis call");
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime; // shared by every command a failure hit: never mutate it (no addSuppressed)
            }
            throw e;
        }
    }
}
