package dev.aioj.redis;

import java.util.List;

/**
 * The blocking twins of {@link ScriptingCommands}, the scripting commands: each method sends
 * the same command and waits for its reply, throwing a failure as the typed
 * {@link RedisException} itself, unwrapped. Part of {@link RedisSyncCommands},
 * split out so each family stays one file.
 *
 * <p>Thread contract: any thread except an event loop thread, where waiting
 * would deadlock ({@link IllegalStateException}).
 *
 * @param <V> what bulk-string replies decode to
 */
public interface ScriptingSyncCommands<V> {

    /** The asynchronous view these methods wait on. */
    RedisCommands<V> async();

    /** {@link ScriptingCommands#eval(String, List, List)}, waiting for the reply. */
    default Object eval(String script, List<?> keys, List<?> args) {
        return RedisSyncCommands.await(async().eval(script, keys, args));
    }

    /** {@link ScriptingCommands#eval(Reply, String, List, List)}, waiting for the reply. */
    default <T> T eval(Reply<T> reply, String script, List<?> keys, List<?> args) {
        return RedisSyncCommands.await(async().eval(reply, script, keys, args));
    }

    /** {@link ScriptingCommands#evalsha(String, List, List)}, waiting for the reply. */
    default Object evalsha(String sha, List<?> keys, List<?> args) {
        return RedisSyncCommands.await(async().evalsha(sha, keys, args));
    }

    /** {@link ScriptingCommands#evalsha(Reply, String, List, List)}, waiting for the reply. */
    default <T> T evalsha(Reply<T> reply, String sha, List<?> keys, List<?> args) {
        return RedisSyncCommands.await(async().evalsha(reply, sha, keys, args));
    }

    /** {@link ScriptingCommands#evalCached(String, List, List)}, waiting for the reply. */
    default Object evalCached(String script, List<?> keys, List<?> args) {
        return RedisSyncCommands.await(async().evalCached(script, keys, args));
    }

    /** {@link ScriptingCommands#evalCached(Reply, String, List, List)}, waiting for the reply. */
    default <T> T evalCached(Reply<T> reply, String script, List<?> keys, List<?> args) {
        return RedisSyncCommands.await(async().evalCached(reply, script, keys, args));
    }

    /** {@link ScriptingCommands#scriptLoad(String)}, waiting for the reply. */
    default String scriptLoad(String script) {
        return RedisSyncCommands.await(async().scriptLoad(script));
    }

    /** {@link ScriptingCommands#scriptExists(String...)}, waiting for the reply. */
    default List<Boolean> scriptExists(String... shas) {
        return RedisSyncCommands.await(async().scriptExists(shas));
    }

    /** {@link ScriptingCommands#scriptFlush()}, waiting for the reply. */
    default void scriptFlush() {
        RedisSyncCommands.await(async().scriptFlush());
    }
}
