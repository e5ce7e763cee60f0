package dev.aioj.bench.memcached;

import com.spotify.folsom.ConnectFuture;
import com.spotify.folsom.MemcacheClient;
import com.spotify.folsom.MemcacheClientBuilder;
import com.spotify.folsom.MemcacheStatus;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Folsom 1.21 as its docs show it: a byte-array ASCII client on one
 * connection (Netty), a {@code CompletionStage} per request. Its outstanding
 * request limit (default 1,000) is raised above the 1,024 window, as aioj's is.
 */
final class FolsomDriver extends FutureDriver {

    private final MemcacheClient<byte[]> client;

    FolsomDriver(String host, int port) throws Exception {
        this.client = MemcacheClientBuilder.newByteArrayClient().withAddress(host, port)
                .withMaxOutstandingRequests(4096).withRequestTimeoutMillis(5000).connectAscii();
        ConnectFuture.connectFuture(client).toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Override
    public String name() {
        return "Folsom 1.21";
    }

    @Override
    Future<?> get(String key) {
        return client.get(key).toCompletableFuture();
    }

    @Override
    Future<?> set(String key, byte[] value) {
        return client.set(key, value, 0).toCompletableFuture();
    }

    @Override
    boolean stored(Object setResult) {
        return setResult == MemcacheStatus.OK;
    }

    @Override
    public void close() {
        client.shutdown();
    }
}
