package dev.aioj.bench.memcached;

import dev.aioj.memcached.MemcachedClient;
import dev.aioj.memcached.MemcachedOptions;
import java.time.Duration;
import java.util.concurrent.Future;

/**
 * aioj-memcached as its docs show it: one client (one connection, automatic
 * pipelining), defaults but the in-flight bound and the timeout. Its futures'
 * blocking {@code get} is what the blocking view ({@code sync()}) does.
 */
final class AiojMemcachedDriver extends FutureDriver {

    private final MemcachedClient client;

    AiojMemcachedDriver(String address) {
        // the default bound (1,000 in flight) is below the 1,024 window: raised, like Folsom's outstanding limit;
        // 5 s timeouts for every client, so a noisy machine makes none of them time out
        this.client = MemcachedClient.connect(MemcachedOptions.builder().servers(address).maxInFlight(4096)
                .timeout(Duration.ofSeconds(5)).build()).join();
    }

    @Override
    public String name() {
        return "aioj";
    }

    @Override
    Future<?> get(String key) {
        return client.get(key);
    }

    @Override
    Future<?> set(String key, byte[] value) {
        return client.set(key, value, Duration.ZERO);
    }

    @Override
    boolean stored(Object setResult) {
        return Boolean.TRUE.equals(setResult);
    }

    @Override
    public void close() {
        client.close();
    }
}
