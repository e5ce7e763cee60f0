package dev.aioj.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aioj.redis.testing.RedisSentinelExtension;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** One primary, one replica, three Sentinels: the client finds the primary and follows a failover within 3 s. */
class SentinelClientTest {

    @RegisterExtension
    static final RedisSentinelExtension sentinel = new RedisSentinelExtension();

    @Test
    void findsThePrimaryAndFollowsItsFailover() throws Exception {
        try (RedisSentinelClient client = RedisSentinelClient.connect(sentinel.uri()).join()) {
            assertThat(client.primaryEndpoint()).isEqualTo(sentinel.firstPrimary().endpoint());
            assertThat(client.set("k", "v").join()).isTrue();
            assertThat(client.get("k").join()).isEqualTo("v");

            AtomicBoolean stop = new AtomicBoolean();
            AtomicLong lastSuccess = new AtomicLong();
            ConcurrentLinkedQueue<Throwable> unexpected = new ConcurrentLinkedQueue<>();
            Thread load = Thread.ofPlatform().name("sentinel-load").start(() -> {
                long i = 0;
                while (!stop.get()) {
                    CompletableFuture<Boolean> set = client.set("load:" + (i++ % 100), "v");
                    try {
                        set.get(30, TimeUnit.SECONDS);
                        lastSuccess.set(System.nanoTime());
                    } catch (java.util.concurrent.ExecutionException e) {
                        Throwable cause = e.getCause();
                        if (!(cause instanceof RedisConnectionException c && c.mayHaveExecuted())) {
                            unexpected.add(cause);
                        }
                    } catch (Exception e) {
                        unexpected.add(e);
                    }
                }
            });
            sentinel.kill(sentinel.firstPrimary());
            sentinel.awaitPrimary(sentinel.firstReplica(), Duration.ofSeconds(20));
            long switched = System.nanoTime();
            long deadline = switched + TimeUnit.SECONDS.toNanos(10);
            while (lastSuccess.get() < switched && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            long resumed = lastSuccess.get();
            stop.set(true);
            load.join(60_000);
            assertThat(unexpected).isEmpty();
            assertThat(resumed).isGreaterThanOrEqualTo(switched);
            assertThat(Duration.ofNanos(resumed - switched)).isLessThan(Duration.ofSeconds(3));
            assertThat(client.primaryEndpoint()).isEqualTo(sentinel.firstReplica().endpoint());
            System.out.printf("sentinel: commands resumed %d ms after the Sentinels switched%n",
                    (resumed - switched) / 1_000_000);
        }
    }
}
