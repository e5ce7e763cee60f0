package dev.aioj.memcached;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The bytes each request writes, pinned: what memcached 1.6 reads. */
class RequestEncodingTest {

    static String encode(Request request, int opaque) {
        RequestBuffer out = new RequestBuffer();
        request.encode(out, opaque);
        return new String(out.array(), 0, out.size(), ISO_8859_1);
    }

    @Test
    void gets() {
        CompletableFuture<Object> f = new CompletableFuture<>();
        assertThat(encode(new GetRequest<>("k", GetRequest.Shape.VALUE, 0, 0, f), 7)).isEqualTo("mg k v O7\r\n");
        assertThat(encode(new GetRequest<>("k", GetRequest.Shape.ITEM, 0, 0, f), 8)).isEqualTo("mg k v f c t O8\r\n");
        assertThat(encode(new GetRequest<>("k", GetRequest.Shape.TOUCH, 30, 0, f), 9)).isEqualTo("mg k T30 O9\r\n");
        assertThat(encode(new GetRequest<>("k", GetRequest.Shape.VALUE_AND_TOUCH, 30, 0, f), 1))
                .isEqualTo("mg k v T30 O1\r\n");
        assertThat(encode(new GetRequest<>("k", GetRequest.Shape.LEASE, 10, 6, f), 2))
                .isEqualTo("mg k v c t N10 R6 O2\r\n");
        assertThat(encode(new GetRequest<>("k", GetRequest.Shape.LEASE, 10, 0, f), 3))
                .isEqualTo("mg k v c t N10 O3\r\n");
    }

    @Test
    void stores() {
        byte[] v = "val".getBytes(UTF_8);
        assertThat(encode(new StoreRequest("k", v, StoreMode.SET, 0, 0, 0, false, new CompletableFuture<>()), 5))
                .isEqualTo("ms k 3 O5\r\nval\r\n");
        assertThat(encode(new StoreRequest("k", v, StoreMode.ADD, 60, -1, -2L, true, new CompletableFuture<>()), 6))
                .isEqualTo("ms k 3 T60 F4294967295 ME C18446744073709551614 I O6\r\nval\r\n");
    }

    @Test
    void aKeyThatIsNotTextGoesAsBase64WithTheBFlagAfterTheLength() {
        String b64 = Base64.getEncoder().encodeToString("ключ".getBytes(UTF_8));
        assertThat(encode(new StoreRequest("ключ", new byte[2], StoreMode.SET, 0, 0, 0, false,
                new CompletableFuture<>()), 1)).startsWith("ms " + b64 + " 2 b O1\r\n");
        assertThat(encode(new GetRequest<>("a b", GetRequest.Shape.VALUE, 0, 0, new CompletableFuture<>()), 2))
                .isEqualTo("mg YSBi b v O2\r\n");
    }

    @Test
    void deletesCountersAndTheBarrier() {
        assertThat(encode(new DeleteRequest("k", false, 0, false, new CompletableFuture<>()), 4))
                .isEqualTo("md k O4\r\n");
        assertThat(encode(new DeleteRequest("k", true, 30, false, new CompletableFuture<>()), 4))
                .isEqualTo("md k I T30 O4\r\n");
        assertThat(encode(new ArithmeticRequest("n", false, 5, 0, -1, new CompletableFuture<>()), 3))
                .isEqualTo("ma n D5 v O3\r\n");
        assertThat(encode(new ArithmeticRequest("n", true, 5, 10, 0, new CompletableFuture<>()), 3))
                .isEqualTo("ma n N0 J10 D5 MD v O3\r\n");
        MultiGet multi = new MultiGet(new CompletableFuture<>(), 1, 1);
        assertThat(encode(multi.get("k"), 12)).isEqualTo("mg k v q O12\r\n");
        assertThat(encode(multi.barrier(), 0)).isEqualTo("mn\r\n");
    }

    @Test
    void ttlsAreSecondsRoundedUpAndAbsoluteBeyondThirtyDays() {
        assertThat(Ttl.seconds(Duration.ZERO)).isZero();
        assertThat(Ttl.seconds(Duration.ofMillis(1))).isEqualTo(1);
        assertThat(Ttl.seconds(Duration.ofMillis(1500))).isEqualTo(2);
        assertThat(Ttl.seconds(Duration.ofDays(30))).isEqualTo(Ttl.MAX_RELATIVE);
        long now = System.currentTimeMillis() / 1000;
        assertThat(Ttl.seconds(Duration.ofDays(31))).isBetween(now + 31 * 86400 - 2, now + 31 * 86400 + 2);
    }
}
