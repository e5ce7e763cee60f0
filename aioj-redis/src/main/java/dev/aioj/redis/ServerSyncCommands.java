package dev.aioj.redis;

import java.time.Instant;
import java.util.Map;

/**
 * The blocking twins of {@link ServerCommands}, the server commands: each method sends
 * the same command and waits for its reply, throwing a failure as the typed
 * {@link RedisException} itself, unwrapped. Part of {@link RedisSyncCommands},
 * split out so each family stays one file.
 *
 * <p>Thread contract: any thread except an event loop thread, where waiting
 * would deadlock ({@link IllegalStateException}).
 *
 * @param <V> what bulk-string replies decode to
 */
public interface ServerSyncCommands<V> {

    /** The asynchronous view these methods wait on. */
    RedisCommands<V> async();

    /** {@link ServerCommands#ping()}, waiting for the reply. */
    default String ping() {
        return RedisSyncCommands.await(async().ping());
    }

    /** {@link ServerCommands#ping(Object)}, waiting for the reply. */
    default V ping(Object message) {
        return RedisSyncCommands.await(async().ping(message));
    }

    /** {@link ServerCommands#echo(Object)}, waiting for the reply. */
    default V echo(Object message) {
        return RedisSyncCommands.await(async().echo(message));
    }

    /** {@link ServerCommands#info()}, waiting for the reply. */
    default String info() {
        return RedisSyncCommands.await(async().info());
    }

    /** {@link ServerCommands#info(String)}, waiting for the reply. */
    default String info(String section) {
        return RedisSyncCommands.await(async().info(section));
    }

    /** {@link ServerCommands#infoSections()}, waiting for the reply. */
    default Map<String, Map<String, String>> infoSections() {
        return RedisSyncCommands.await(async().infoSections());
    }

    /** {@link ServerCommands#infoSections(String)}, waiting for the reply. */
    default Map<String, Map<String, String>> infoSections(String section) {
        return RedisSyncCommands.await(async().infoSections(section));
    }

    /** {@link ServerCommands#dbsize()}, waiting for the reply. */
    default Long dbsize() {
        return RedisSyncCommands.await(async().dbsize());
    }

    /** {@link ServerCommands#flushdb()}, waiting for the reply. */
    default void flushdb() {
        RedisSyncCommands.await(async().flushdb());
    }

    /** {@link ServerCommands#flushall()}, waiting for the reply. */
    default void flushall() {
        RedisSyncCommands.await(async().flushall());
    }

    /** {@link ServerCommands#time()}, waiting for the reply. */
    default Instant time() {
        return RedisSyncCommands.await(async().time());
    }

    /** {@link ServerCommands#lastsave()}, waiting for the reply. */
    default Instant lastsave() {
        return RedisSyncCommands.await(async().lastsave());
    }

    /** {@link ServerCommands#clientSetname(String)}, waiting for the reply. */
    default void clientSetname(String name) {
        RedisSyncCommands.await(async().clientSetname(name));
    }

    /** {@link ServerCommands#clientGetname()}, waiting for the reply. */
    default String clientGetname() {
        return RedisSyncCommands.await(async().clientGetname());
    }

    /** {@link ServerCommands#clientId()}, waiting for the reply. */
    default Long clientId() {
        return RedisSyncCommands.await(async().clientId());
    }

    /** {@link ServerCommands#configGet(String)}, waiting for the reply. */
    default Map<String, String> configGet(String pattern) {
        return RedisSyncCommands.await(async().configGet(pattern));
    }

    /** {@link ServerCommands#configSet(String, Object)}, waiting for the reply. */
    default void configSet(String parameter, Object value) {
        RedisSyncCommands.await(async().configSet(parameter, value));
    }
}
