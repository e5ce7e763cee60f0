package dev.aioj.examples.seed002;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aioj.memcached.testing.MemcachedServerExtension;
import dev.aioj.redis.testing.RedisServerExtension;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Seed 002's caching walk-through against a real redis-server and a real memcached. */
class CacheAsideTest {

    @RegisterExtension
    static final RedisServerExtension redis = RedisServerExtension.builder().build();

    @RegisterExtension
    static final MemcachedServerExtension memcached = MemcachedServerExtension.builder().build();

    @Test
    void bothCachesMissThenHitAndTheStampedeCausesOneRecomputeWithGetOrCompute() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        CacheAside.Summary summary = CacheAside.run(redis.uri(), memcached.address(), Duration.ofMillis(50),
                new PrintStream(printed, true, StandardCharsets.UTF_8));
        assertThat(summary.redisMisses()).isEqualTo(3);
        assertThat(summary.redisHits()).isEqualTo(3);
        assertThat(summary.memcachedMisses()).isEqualTo(3);
        assertThat(summary.memcachedHits()).isEqualTo(3);
        assertThat(summary.protectedStampedeLoads()).isEqualTo(1);
        assertThat(summary.naiveStampedeLoads()).as("naive cache-aside lets many callers recompute").isGreaterThan(1);
        String output = printed.toString(StandardCharsets.UTF_8);
        assertThat(output).contains("Redis: 3 hits, 3 misses; Memcached: 3 hits, 3 misses")
                .contains("Memcached getOrCompute (mg ... N R: one winner, the others wait): 1 recompute\n")
                .containsPattern("user 1   \\| miss +\\d+\\.\\d\\d ms +\\| miss +\\d+\\.\\d\\d ms");
    }
}
