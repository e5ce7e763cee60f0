package dev.aioj.memcached;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.function.Function;

/**
 * {@link MemcachedCommands}, blocking: each call waits for its reply and
 * returns it, or throws the {@link MemcachedException} unwrapped. For virtual
 * threads, where blocking is cheap. Every method refuses to run on an event
 * loop thread ({@link IllegalStateException}), where it would deadlock.
 * The methods mirror {@link MemcachedCommands} one for one (a test checks it).
 */
public interface MemcachedSyncCommands {

    byte[] get(String key);

    Item getItem(String key);

    Map<String, byte[]> getMulti(Collection<String> keys);

    byte[] getAndTouch(String key, Duration ttl);

    Boolean touch(String key, Duration ttl);

    Boolean set(String key, byte[] value, Duration ttl);

    Boolean add(String key, byte[] value, Duration ttl);

    Boolean replace(String key, byte[] value, Duration ttl);

    Boolean append(String key, byte[] value);

    Boolean prepend(String key, byte[] value);

    StoreResult cas(String key, byte[] value, long cas, Duration ttl);

    StoreResult store(StoreMode mode, String key, byte[] value, Duration ttl, int flags, long cas);

    Boolean delete(String key);

    Boolean invalidate(String key, Duration staleTtl);

    Long incr(String key, long delta);

    Long decr(String key, long delta);

    Long incr(String key, long delta, long initial, Duration ttl);

    /**
     * {@link MemcachedCommands#getOrCompute} with a blocking loader: it runs
     * on a virtual thread of the client's loop, so it may block.
     */
    byte[] getOrCompute(String key, Duration ttl, Function<String, byte[]> loader);
}
