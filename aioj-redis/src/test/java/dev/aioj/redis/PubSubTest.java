package dev.aioj.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aioj.redis.testing.RedisServerExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Pub/Sub: RESP3 pushes between replies, RESP2 subscriber mode, patterns, unsubscribing, resubscribing. */
class PubSubTest {

    @RegisterExtension
    static final RedisServerExtension redis = RedisServerExtension.builder().build();

    private final List<RedisConnection> connections = new ArrayList<>();

    private RedisConnection connect(String uri) throws Exception {
        RedisConnection connection = RedisConnection.connect(uri).get(10, TimeUnit.SECONDS);
        connections.add(connection);
        return connection;
    }

    @AfterEach
    void close() {
        connections.forEach(RedisConnection::abort);
    }

    private static <T> T await(CompletableFuture<T> future) throws Exception {
        return future.get(10, TimeUnit.SECONDS);
    }

    private static String next(BlockingQueue<String> queue) throws InterruptedException {
        String message = queue.poll(10, TimeUnit.SECONDS);
        assertThat(message).as("a message within 10 s").isNotNull();
        return message;
    }

    @Test
    void resp3PushFramesArriveBetweenRepliesOnTheSameConnection() throws Exception {
        RedisConnection subscriber = connect(redis.uri());
        RedisConnection publisher = connect(redis.uri());
        BlockingQueue<String> received = new LinkedBlockingQueue<>();
        Subscription subscription = await(subscriber.subscribe(
                (channel, message) -> received.add(channel + ":" + message), "news", "sports"));
        assertThat(subscription.names()).containsExactly("news", "sports");
        assertThat(await(publisher.publish("news", "hello"))).isEqualTo(1L);
        assertThat(await(publisher.publish("sports", "goal"))).isEqualTo(1L);
        assertThat(next(received)).isEqualTo("news:hello");
        assertThat(next(received)).isEqualTo("sports:goal");
        // the subscribed connection still answers ordinary commands, replies matched as before
        for (int i = 0; i < 100; i++) {
            publisher.publish("news", "m" + i);
            assertThat(await(subscriber.execute("ECHO", "e" + i))).isEqualTo("e" + i);
        }
        for (int i = 0; i < 100; i++) {
            assertThat(next(received)).isEqualTo("news:m" + i);
        }
    }

    @Test
    void patternsReceiveMatchingChannelsWithThePatternThatMatched() throws Exception {
        RedisConnection subscriber = connect(redis.uri());
        RedisConnection publisher = connect(redis.uri());
        BlockingQueue<String> received = new LinkedBlockingQueue<>();
        await(subscriber.psubscribe((pattern, channel, message) -> received.add(pattern + "|" + channel + "|" + message),
                "user.*"));
        await(publisher.publish("user.42", "login"));
        await(publisher.publish("order.1", "ignored"));
        await(publisher.publish("user.7", "logout"));
        assertThat(next(received)).isEqualTo("user.*|user.42|login");
        assertThat(next(received)).isEqualTo("user.*|user.7|logout");
        assertThat(received.poll(100, TimeUnit.MILLISECONDS)).isNull();
    }

    @Test
    void unsubscribingStopsDeliveryAndTheServerForgetsTheChannel() throws Exception {
        RedisConnection subscriber = connect(redis.uri());
        RedisConnection publisher = connect(redis.uri());
        BlockingQueue<String> first = new LinkedBlockingQueue<>();
        BlockingQueue<String> second = new LinkedBlockingQueue<>();
        Subscription a = await(subscriber.subscribe((c, m) -> first.add(m), "ch"));
        Subscription b = await(subscriber.subscribe((c, m) -> second.add(m), "ch"));
        await(publisher.publish("ch", "both"));
        assertThat(next(first)).isEqualTo("both");
        assertThat(next(second)).isEqualTo("both");
        await(a.unsubscribe());
        assertThat(a.isActive()).isFalse();
        assertThat(await(publisher.publish("ch", "second only"))).isEqualTo(1L); // still subscribed for b
        assertThat(next(second)).isEqualTo("second only");
        await(b.unsubscribe());
        assertThat(await(publisher.publish("ch", "nobody"))).isEqualTo(0L);
        assertThat(first).isEmpty();
    }

    @Test
    void resp2DeliversMessagesOnASubscribedConnectionWhichServesNothingElse() throws Exception {
        RedisConnection subscriber = connect(redis.uri() + "?protocol=2");
        RedisConnection publisher = connect(redis.uri() + "?protocol=2");
        BlockingQueue<String> received = new LinkedBlockingQueue<>();
        Subscription subscription = await(subscriber.subscribe((c, m) -> received.add(c + ":" + m), "old"));
        await(publisher.publish("old", "school"));
        assertThat(next(received)).isEqualTo("old:school");
        // RESP2: the server refuses ordinary commands on a subscribed connection
        assertThatThrownBy(() -> await(subscriber.execute("GET", "k"))).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(RedisReplyException.class).hasMessageContaining("allowed in this context");
        await(subscription.unsubscribe());
        assertThat(await(subscriber.execute("ECHO", "free again"))).isEqualTo("free again");
    }

    @Test
    void subscriptionsComeBackAfterTheServerKillsTheConnection() throws Exception {
        RedisConnection subscriber = connect(redis.uri() + "?name=subscriber");
        RedisConnection publisher = connect(redis.uri());
        BlockingQueue<String> received = new LinkedBlockingQueue<>();
        await(subscriber.subscribe((c, m) -> received.add(m), "alerts"));
        await(subscriber.psubscribe((p, c, m) -> received.add("p:" + m), "alert*"));
        long id = (Long) await(subscriber.execute("CLIENT", "ID"));
        await(publisher.execute("CLIENT", "KILL", "ID", id));
        // a command written before the client saw the kill fails (it may have run); once the client
        // noticed, commands wait for the reconnect, which subscribes again before anything else
        Object echoed = null;
        for (int attempt = 0; attempt < 10 && echoed == null; attempt++) {
            try {
                echoed = await(subscriber.execute("ECHO", "back"));
            } catch (ExecutionException e) {
                assertThat(e.getCause()).isInstanceOf(RedisConnectionException.class);
            }
        }
        assertThat(echoed).isEqualTo("back");
        assertThat(await(publisher.publish("alerts", "after"))).isEqualTo(2L);
        List<String> both = List.of(next(received), next(received));
        assertThat(both).containsExactlyInAnyOrder("after", "p:after");
    }

    @Test
    void aThrowingListenerDoesNotStopLaterMessages() throws Exception {
        RedisConnection subscriber = connect(redis.uri());
        RedisConnection publisher = connect(redis.uri());
        BlockingQueue<String> received = new LinkedBlockingQueue<>();
        await(subscriber.subscribe((c, m) -> {
            if (m.equals("bad")) {
                throw new IllegalStateException("listener bug");
            }
            received.add(m);
        }, "ch"));
        await(publisher.publish("ch", "bad"));
        await(publisher.publish("ch", "good"));
        assertThat(next(received)).isEqualTo("good");
    }

    @Test
    void bytesCodecDeliversRawPayloads() throws Exception {
        RedisConnection subscriber = connect(redis.uri());
        RedisConnection publisher = connect(redis.uri());
        BlockingQueue<byte[]> received = new LinkedBlockingQueue<>();
        await(subscriber.subscribe(Codec.BYTES, (c, m) -> received.add(m), "bin"));
        await(publisher.publish("bin", new byte[] {0, 1, (byte) 0xff}));
        assertThat(received.poll(10, TimeUnit.SECONDS)).isEqualTo(new byte[] {0, 1, (byte) 0xff});
    }

    @Test
    void shardChannelsWorkOnRedisSeven() throws Exception {
        Assumptions.assumeTrue(redis.versionAtLeast(7, 0), "SSUBSCRIBE needs Redis 7; this is " + redis.version());
        RedisConnection subscriber = connect(redis.uri());
        RedisConnection publisher = connect(redis.uri());
        BlockingQueue<String> received = new LinkedBlockingQueue<>();
        await(subscriber.ssubscribe((c, m) -> received.add(c + ":" + m), "shard"));
        await(publisher.execute("SPUBLISH", "shard", "s1"));
        assertThat(next(received)).isEqualTo("shard:s1");
    }

    @Test
    void subscribingNeedsNamesAndRejectsNull() throws Exception {
        RedisConnection subscriber = connect(redis.uri());
        assertThatThrownBy(() -> subscriber.subscribe((c, m) -> {}))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("subscribe needs at least one name");
        assertThatThrownBy(() -> subscriber.subscribe((c, m) -> {}, "a", null))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("name 1 of subscribe is null");
    }
}
