package dev.aioj.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aioj.redis.testing.RedisServerExtension;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A 100 MiB value goes through the client both ways, while small commands keep flowing around it. */
class LargeValueTest {

    @RegisterExtension
    static final RedisServerExtension redis = RedisServerExtension.builder().build();

    @Test
    void aHundredMebibyteBulkRoundTripsIntactWithCommandsAroundIt() throws Exception {
        byte[] big = new byte[100 * 1024 * 1024];
        for (int i = 0; i < big.length; i += 4096) {
            big[i] = (byte) (i >>> 12); // a pattern, so a shifted or truncated copy cannot pass
        }
        try (RedisConnection connection = RedisConnection.connect(redis.uri() + "?timeout=60s")
                .get(10, TimeUnit.SECONDS)) {
            RedisCommands<byte[]> raw = connection.withCodec(Codec.BYTES);
            CompletableFuture<Boolean> set = raw.set("big", big);
            CompletableFuture<Long> before = connection.incr("n");
            CompletableFuture<byte[]> get = raw.get("big");
            CompletableFuture<Long> after = connection.incr("n");
            assertThat(set.get(60, TimeUnit.SECONDS)).isTrue();
            assertThat(before.get(60, TimeUnit.SECONDS)).isEqualTo(1L);
            byte[] back = get.get(60, TimeUnit.SECONDS);
            assertThat(back.length).isEqualTo(big.length);
            assertThat(java.util.Arrays.equals(back, big)).isTrue();
            assertThat(after.get(60, TimeUnit.SECONDS)).isEqualTo(2L);
            assertThat(connection.strlen("big").get(10, TimeUnit.SECONDS)).isEqualTo((long) big.length);
        }
    }
}
