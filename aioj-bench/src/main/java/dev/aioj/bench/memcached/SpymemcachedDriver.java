package dev.aioj.bench.memcached;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.Future;
import net.spy.memcached.ConnectionFactoryBuilder;
import net.spy.memcached.MemcachedClient;

/**
 * spymemcached 2.12 as its docs show it: a {@code MemcachedClient} (ASCII
 * protocol, one connection, its own I/O thread), {@code asyncGet} and {@code
 * set} futures. byte[] values go through its default transcoder unchanged.
 */
final class SpymemcachedDriver extends FutureDriver {

    private final MemcachedClient client;

    SpymemcachedDriver(String host, int port) throws Exception {
        // its defaults, but a 5 s operation timeout like every client here (its own is 2.5 s)
        this.client = new MemcachedClient(new ConnectionFactoryBuilder().setOpTimeout(5000).build(),
                List.of(new InetSocketAddress(host, port)));
    }

    @Override
    public String name() {
        return "spymemcached 2.12";
    }

    @Override
    Future<?> get(String key) {
        return client.asyncGet(key);
    }

    @Override
    Future<?> set(String key, byte[] value) {
        return client.set(key, 0, value);
    }

    @Override
    boolean stored(Object setResult) {
        return Boolean.TRUE.equals(setResult);
    }

    @Override
    public void close() {
        client.shutdown();
    }
}
