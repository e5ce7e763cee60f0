package dev.aioj.memcached;

import dev.aioj.loop.EventLoop;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

/**
 * {@link MemcachedSyncCommands} over a {@link MemcachedClient}: each call
 * refuses a loop thread, submits the async call and waits for it, throwing
 * its failure unwrapped.
 *
 * <p>Thread contract: any thread but a loop thread.
 */
final class SyncView implements MemcachedSyncCommands {

    private final MemcachedClient client;

    SyncView(MemcachedClient client) {
        this.client = client;
    }

    private static <T> T await(String what, java.util.function.Supplier<CompletableFuture<T>> call) {
        EventLoop.refuseOnLoopThread(what + "() of the blocking memcached view");
        try {
            return call.get().join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            if (e.getCause() instanceof Error err) throw err;
            throw e;
        }
    }

    @Override
    public byte[] get(String key) {
        return await("get", () -> client.get(key));
    }

    @Override
    public Item getItem(String key) {
        return await("getItem", () -> client.getItem(key));
    }

    @Override
    public Map<String, byte[]> getMulti(Collection<String> keys) {
        return await("getMulti", () -> client.getMulti(keys));
    }

    @Override
    public byte[] getAndTouch(String key, Duration ttl) {
        return await("getAndTouch", () -> client.getAndTouch(key, ttl));
    }

    @Override
    public Boolean touch(String key, Duration ttl) {
        return await("touch", () -> client.touch(key, ttl));
    }

    @Override
    public Boolean set(String key, byte[] value, Duration ttl) {
        return await("set", () -> client.set(key, value, ttl));
    }

    @Override
    public Boolean add(String key, byte[] value, Duration ttl) {
        return await("add", () -> client.add(key, value, ttl));
    }

    @Override
    public Boolean replace(String key, byte[] value, Duration ttl) {
        return await("replace", () -> client.replace(key, value, ttl));
    }

    @Override
    public Boolean append(String key, byte[] value) {
        return await("append", () -> client.append(key, value));
    }

    @Override
    public Boolean prepend(String key, byte[] value) {
        return await("prepend", () -> client.prepend(key, value));
    }

    @Override
    public StoreResult cas(String key, byte[] value, long cas, Duration ttl) {
        return await("cas", () -> client.cas(key, value, cas, ttl));
    }

    @Override
    public StoreResult store(StoreMode mode, String key, byte[] value, Duration ttl, int flags, long cas) {
        return await("store", () -> client.store(mode, key, value, ttl, flags, cas));
    }

    @Override
    public Boolean delete(String key) {
        return await("delete", () -> client.delete(key));
    }

    @Override
    public Boolean invalidate(String key, Duration staleTtl) {
        return await("invalidate", () -> client.invalidate(key, staleTtl));
    }

    @Override
    public Long incr(String key, long delta) {
        return await("incr", () -> client.incr(key, delta));
    }

    @Override
    public Long decr(String key, long delta) {
        return await("decr", () -> client.decr(key, delta));
    }

    @Override
    public Long incr(String key, long delta, long initial, Duration ttl) {
        return await("incr", () -> client.incr(key, delta, initial, ttl));
    }

    @Override
    public byte[] getOrCompute(String key, Duration ttl, Function<String, byte[]> loader) {
        java.util.Objects.requireNonNull(loader, "loader");
        EventLoop loop = client.loop();
        return await("getOrCompute", () -> client.getOrCompute(key, ttl,
                k -> loop.runBlocking(() -> loader.apply(k))));
    }
}
