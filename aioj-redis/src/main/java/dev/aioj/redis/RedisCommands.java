package dev.aioj.redis;

/**
 * Every typed command aioj knows, as futures; anything else goes through
 * {@link #execute} or {@link #command}. Each family lives in its own
 * interface so each file stays one concept.
 *
 * <p>Thread contract: any thread (see {@link BaseCommands}).
 *
 * @param <V> what bulk-string replies decode to
 */
public interface RedisCommands<V> extends BaseCommands<V> {
}
