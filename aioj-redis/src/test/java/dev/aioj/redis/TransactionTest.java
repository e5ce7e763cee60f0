package dev.aioj.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aioj.redis.testing.RedisServerExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** MULTI/EXEC as users meet it: results, errors at queue time and at run time, WATCH, and atomicity on a shared connection. */
class TransactionTest {

    @RegisterExtension
    static final RedisServerExtension redis = RedisServerExtension.builder().build();

    private RedisConnection connection;

    @BeforeEach
    void connect() {
        redis.flushAll();
        connection = RedisConnection.connect(redis.uri()).orTimeout(10, TimeUnit.SECONDS).join();
    }

    @AfterEach
    void close() {
        connection.close();
    }

    private static <T> T await(CompletableFuture<T> future) throws Exception {
        return future.get(10, TimeUnit.SECONDS);
    }

    private static Throwable failureOf(CompletableFuture<?> future) throws Exception {
        try {
            future.get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        }
        throw new AssertionError("expected a failure, got " + future.join());
    }

    @Test
    void execRunsTheQueuedCommandsAndCompletesTheirFuturesInOrder() throws Exception {
        Transaction<String> tx = connection.multi();
        CompletableFuture<Object> set = tx.execute("SET", "k", "v");
        CompletableFuture<Long> incr = tx.command(Reply.LONG, "INCR", "n");
        CompletableFuture<Object> get = tx.execute("GET", "k");
        assertThat(set).isNotDone(); // nothing is sent before exec
        assertThat(await(connection.execute("EXISTS", "k"))).isEqualTo(0L);
        assertThat(await(tx.exec())).containsExactly("OK", 1L, "v");
        assertThat(await(set)).isEqualTo("OK");
        assertThat(await(incr)).isEqualTo(1L);
        assertThat(await(get)).isEqualTo("v");
    }

    @Test
    void aRunTimeErrorFailsOnlyItsCommandAndStandsInTheResults() throws Exception {
        await(connection.execute("SET", "text", "abc"));
        Transaction<String> tx = connection.multi();
        CompletableFuture<Object> bad = tx.execute("INCR", "text");
        CompletableFuture<Object> good = tx.execute("INCR", "n");
        List<Object> results = await(tx.exec());
        assertThat(results).hasSize(2);
        assertThat(results.get(0)).isInstanceOfSatisfying(RedisReplyException.class,
                e -> assertThat(e.kind()).isEqualTo("ERR"));
        assertThat(results.get(1)).isEqualTo(1L);
        assertThat(failureOf(bad)).isInstanceOf(RedisReplyException.class);
        assertThat(await(good)).isEqualTo(1L);
    }

    @Test
    void aCommandRejectedWhileQueuingAbortsTheTransactionWithExecAbort() throws Exception {
        Transaction<String> tx = connection.multi();
        CompletableFuture<Object> fine = tx.execute("SET", "k", "v");
        CompletableFuture<Object> rejected = tx.execute("GET"); // wrong number of arguments: refused at queue time
        CompletableFuture<List<Object>> exec = tx.exec();
        assertThat(failureOf(exec)).isInstanceOfSatisfying(RedisReplyException.class,
                e -> assertThat(e.kind()).isEqualTo("EXECABORT"));
        assertThat(failureOf(rejected)).isInstanceOfSatisfying(RedisReplyException.class,
                e -> assertThat(e.getMessage()).contains("wrong number of arguments"));
        assertThat(failureOf(fine)).isInstanceOfSatisfying(RedisReplyException.class,
                e -> assertThat(e.kind()).isEqualTo("EXECABORT"));
        assertThat(await(connection.execute("EXISTS", "k"))).isEqualTo(0L); // nothing ran
        assertThat(await(connection.execute("PING"))).isEqualTo("PONG"); // the connection goes on
    }

    @Test
    void aWatchConflictGivesANullResultAndCancelsTheQueuedCommands() throws Exception {
        try (RedisConnection other = RedisConnection.connect(redis.uri()).get(10, TimeUnit.SECONDS)) {
            await(connection.execute("SET", "balance", "10"));
            assertThat(await(connection.watch("balance"))).isEqualTo("OK");
            await(other.execute("SET", "balance", "99")); // someone else changes it
            Transaction<String> tx = connection.multi();
            CompletableFuture<Object> decr = tx.execute("DECRBY", "balance", 5);
            assertThat(await(tx.exec())).isNull();
            assertThat(decr).isCancelled();
            assertThat(decr.handle((value, error) -> error).join()).isInstanceOf(CancellationException.class)
                    .hasMessageContaining("WATCH");
            assertThat(await(connection.execute("GET", "balance"))).isEqualTo("99");
        }
    }

    @Test
    void aWatchWithoutConflictLetsTheTransactionRun() throws Exception {
        await(connection.execute("SET", "balance", "10"));
        await(connection.watch("balance"));
        Transaction<String> tx = connection.multi();
        tx.execute("DECRBY", "balance", 5);
        assertThat(await(tx.exec())).containsExactly(5L);
        await(connection.watch("x"));
        assertThat(await(connection.unwatch())).isEqualTo("OK");
    }

    @Test
    void discardSendsNothingAndCancelsTheQueuedFutures() throws Exception {
        Transaction<String> tx = connection.multi();
        CompletableFuture<Object> set = tx.execute("SET", "k", "v");
        tx.discard();
        assertThat(set).isCancelled();
        assertThat(await(connection.execute("EXISTS", "k"))).isEqualTo(0L);
        assertThatThrownBy(tx::exec).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already executed or discarded");
        assertThatThrownBy(() -> tx.execute("GET", "k")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void anEmptyTransactionExecutesToAnEmptyList() throws Exception {
        assertThat(await(connection.multi().exec())).isEmpty();
    }

    @Test
    void transactionsStayWholeOnAConnectionSharedByManyThreads() throws Exception {
        int threads = 8;
        int rounds = 200;
        List<Thread> workers = new ArrayList<>();
        List<Throwable> problems = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int t = 0; t < threads; t++) {
            workers.add(Thread.ofPlatform().start(() -> {
                try {
                    for (int i = 0; i < rounds; i++) {
                        // a plain command racing the transactions: it must never be swallowed into one (QUEUED)
                        CompletableFuture<Object> plain = connection.execute("ECHO", "plain");
                        Transaction<String> tx = connection.multi();
                        tx.execute("INCR", "a");
                        tx.execute("INCR", "b");
                        List<Object> results = tx.exec().get(10, TimeUnit.SECONDS);
                        if (!results.get(0).equals(results.get(1))) {
                            problems.add(new AssertionError("a and b diverged inside a transaction: " + results));
                        }
                        if (!"plain".equals(plain.get(10, TimeUnit.SECONDS))) {
                            problems.add(new AssertionError("plain command got " + plain.join()));
                        }
                    }
                } catch (Exception e) {
                    problems.add(e);
                }
            }));
        }
        for (Thread worker : workers) {
            worker.join();
        }
        assertThat(problems).isEmpty();
        assertThat(await(connection.execute("MGET", "a", "b")))
                .isEqualTo(List.of(String.valueOf(threads * rounds), String.valueOf(threads * rounds)));
    }
}
