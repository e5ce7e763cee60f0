package dev.aioj.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aioj.redis.testing.RedisServerExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The shared, pipelined client: many threads on one connection, routing, and the dedicated pool. */
class RedisClientTest {

    @RegisterExtension
    static final RedisServerExtension redis = RedisServerExtension.builder().build();

    private final List<RedisClient> clients = new ArrayList<>();

    private RedisClient connect(String uri, RedisOptions options) throws Exception {
        RedisClient client = RedisClient.connect(RedisUri.parse(uri), options).get(10, TimeUnit.SECONDS);
        clients.add(client);
        return client;
    }

    @AfterEach
    void close() {
        clients.forEach(RedisClient::close);
    }

    private static <T> T await(CompletableFuture<T> future) throws Exception {
        return future.get(10, TimeUnit.SECONDS);
    }

    @Test
    void sixteenThreadsTimesTwentyThousandCommandsEachGetTheirOwnReply() throws Exception {
        RedisClient client = connect(redis.uri(), RedisOptions.defaults());
        int threads = 16;
        int perThread = 20_000;
        AtomicLong mismatches = new AtomicLong();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            workers.add(Thread.ofPlatform().start(() -> {
                List<CompletableFuture<Object>> futures = new ArrayList<>(perThread);
                for (int i = 0; i < perThread; i++) {
                    futures.add(client.execute("ECHO", thread + ":" + i)); // a unique payload per command
                }
                for (int i = 0; i < perThread; i++) {
                    if (!(thread + ":" + i).equals(futures.get(i).join())) {
                        mismatches.incrementAndGet();
                    }
                }
            }));
        }
        for (Thread worker : workers) {
            worker.join(60_000);
        }
        assertThat(mismatches).hasValue(0);
        assertThat(client.sharedConnection().pendingCommands()).isZero();
    }

    @Test
    void blockingCommandsRunOnADedicatedConnectionAndNeverStallTheSharedOne() throws Exception {
        RedisClient client = connect(redis.uri(), RedisOptions.defaults());
        CompletableFuture<Object> popped = client.execute("BLPOP", "jobs", "5");
        // the shared connection answers at once although BLPOP is waiting
        assertThat(await(client.execute("PING"))).isEqualTo("PONG");
        assertThat(popped).isNotDone();
        await(client.execute("RPUSH", "jobs", "job-1"));
        assertThat(await(popped)).isEqualTo(List.of("jobs", "job-1"));
        assertThat(client.dedicatedConnections()).isEqualTo(1); // lent for BLPOP, back in the pool, reused next
        CompletableFuture<Object> again = client.execute("BRPOP", "jobs", "0.1");
        assertThat(await(again)).isNull(); // timed out server-side: nothing to pop
        assertThat(client.dedicatedConnections()).isEqualTo(1);
    }

    @Test
    void stateChangingCommandsAreRefusedOnTheSharedConnectionWithAnExplanation() throws Exception {
        RedisClient client = connect(redis.uri(), RedisOptions.defaults());
        for (String command : List.of("WATCH", "multi", "SELECT", "SUBSCRIBE", "QUIT")) {
            assertThatThrownBy(() -> client.execute(command, "x"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith(command + " would change the state of the connection")
                    .hasMessageContaining("client.dedicated()");
        }
        assertThat(await(client.execute("SET", "still", "works"))).isEqualTo("OK");
    }

    @Test
    void aDedicatedConnectionCarriesWatchAndIsNotLentAgainAfterwards() throws Exception {
        RedisClient client = connect(redis.uri(), RedisOptions.defaults());
        await(client.execute("SET", "balance", "100"));
        List<Object> results;
        try (RedisConnection own = await(client.dedicated())) {
            await(own.watch("balance"));
            Transaction<String> tx = own.multi();
            tx.execute("DECRBY", "balance", 30);
            results = await(tx.exec());
        }
        assertThat(results).containsExactly(70L);
        assertThat(client.dedicatedConnections()).isZero(); // WATCH used: closed rather than lent again
    }

    @Test
    void thePoolIsBoundedAndBorrowersWaitInLine() throws Exception {
        RedisClient client = connect(redis.uri(), RedisOptions.builder().maxDedicated(2).build());
        RedisConnection first = await(client.dedicated());
        RedisConnection second = await(client.dedicated());
        CompletableFuture<RedisConnection> third = client.dedicated();
        assertThat(third).isNotDone();
        assertThat(client.dedicatedConnections()).isEqualTo(2);
        first.close(); // gives it back: the waiting borrower gets it
        RedisConnection handedOn = await(third);
        assertThat(handedOn).isSameAs(first);
        assertThat(await(handedOn.execute("PING"))).isEqualTo("PONG");
        second.close();
        handedOn.close();
        assertThat(client.dedicatedConnections()).isEqualTo(2); // idle, ready for reuse
    }

    @Test
    void onDedicatedGivesTheConnectionBackWhenTheWorkIsDone() throws Exception {
        RedisClient client = connect(redis.uri(), RedisOptions.builder().maxDedicated(1).build());
        Object echoed = await(client.onDedicated(c -> c.execute("ECHO", "mine")));
        assertThat(echoed).isEqualTo("mine");
        Object again = await(client.onDedicated(c -> c.execute("ECHO", "again")));
        assertThat(again).isEqualTo("again");
        assertThat(client.dedicatedConnections()).isEqualTo(1);
    }

    @Test
    void transactionsOnTheClientAreSafeOnTheSharedConnection() throws Exception {
        RedisClient client = connect(redis.uri(), RedisOptions.defaults());
        Transaction<String> tx = client.multi();
        tx.execute("INCR", "a");
        tx.execute("INCR", "a");
        assertThat(await(tx.exec())).containsExactly(1L, 2L);
    }

    @Test
    void resp2PubSubUsesAConnectionOfItsOwnSoTheSharedOneKeepsWorking() throws Exception {
        RedisClient client = connect(redis.uri() + "?protocol=2", RedisOptions.defaults());
        BlockingQueue<String> received = new LinkedBlockingQueue<>();
        await(client.subscribe((channel, message) -> received.add(message), "events"));
        assertThat(await(client.publish("events", "e1"))).isEqualTo(1L);
        assertThat(received.poll(10, TimeUnit.SECONDS)).isEqualTo("e1");
        assertThat(await(client.execute("SET", "k", "v"))).isEqualTo("OK"); // not in subscriber mode
    }

    @Test
    void resp3PubSubSharesTheConnection() throws Exception {
        RedisClient client = connect(redis.uri(), RedisOptions.defaults());
        BlockingQueue<String> received = new LinkedBlockingQueue<>();
        await(client.psubscribe((pattern, channel, message) -> received.add(channel + "=" + message), "t.*"));
        await(client.publish("t.1", "x"));
        assertThat(received.poll(10, TimeUnit.SECONDS)).isEqualTo("t.1=x");
        assertThat(await(client.execute("GET", "missing"))).isNull();
    }

    @Test
    void closeEndsEveryConnectionAndTheClientsOwnLoop() throws Exception {
        RedisClient client = RedisClient.connect(redis.uri()).get(10, TimeUnit.SECONDS);
        RedisConnection own = await(client.dedicated());
        own.close();
        client.close();
        assertThat(client.sharedConnection().isOpen()).isFalse();
        assertThat(client.loop().isTerminated()).isTrue();
        assertThatThrownBy(() -> await(client.dedicated())).cause().isInstanceOf(RedisConnectionException.class);
    }
}
