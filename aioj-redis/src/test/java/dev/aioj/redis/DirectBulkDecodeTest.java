package dev.aioj.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aioj.redis.testing.RedisServerExtension;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Bulk replies decoded straight from the read buffer behave exactly like the general path. */
class DirectBulkDecodeTest {

    @RegisterExtension
    static final RedisServerExtension redis = RedisServerExtension.builder().build();

    @Test
    void bytesRepliesAreCopiesThatLaterRepliesDoNotOverwrite() throws Exception {
        try (RedisConnection connection = RedisConnection.connect(redis.uri()).get(10, TimeUnit.SECONDS)) {
            RedisCommands<byte[]> raw = connection.withCodec(Codec.BYTES);
            List<CompletableFuture<byte[]>> gets = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                connection.set("k" + i, "value-" + i);
                gets.add(raw.get("k" + i));
            }
            for (int i = 0; i < 500; i++) {
                assertThat(new String(gets.get(i).get(10, TimeUnit.SECONDS), StandardCharsets.UTF_8))
                        .isEqualTo("value-" + i);
            }
        }
    }

    @Test
    void aCodecThatFailsFailsOnlyItsCommandAndOneThatReturnsNullGivesNull() throws Exception {
        Codec<String> picky = bytes -> {
            String text = new String(bytes, StandardCharsets.UTF_8);
            if (text.equals("bad")) {
                throw new IllegalArgumentException("cannot decode 'bad'");
            }
            return text.equals("nothing") ? null : text.toUpperCase();
        };
        try (RedisConnection connection = RedisConnection.connect(redis.uri()).get(10, TimeUnit.SECONDS)) {
            connection.mset(java.util.Map.of("a", "good", "b", "bad", "c", "nothing")).get(10, TimeUnit.SECONDS);
            RedisCommands<String> view = connection.withCodec(picky);
            CompletableFuture<String> good = view.get("a");
            CompletableFuture<String> bad = view.get("b");
            CompletableFuture<String> nothing = view.get("c");
            CompletableFuture<String> missing = view.get("missing");
            assertThat(good.get(10, TimeUnit.SECONDS)).isEqualTo("GOOD");
            assertThatThrownBy(() -> bad.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(IllegalArgumentException.class).hasMessage("cannot decode 'bad'");
            assertThat(nothing.get(10, TimeUnit.SECONDS)).isNull();
            assertThat(missing.get(10, TimeUnit.SECONDS)).isNull();
            assertThat(connection.get("a").get(10, TimeUnit.SECONDS)).isEqualTo("good"); // connection fine
        }
    }
}
