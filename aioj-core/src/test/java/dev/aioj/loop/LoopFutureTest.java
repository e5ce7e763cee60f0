package dev.aioj.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Blocking waits on a loop future: they refuse on a loop thread, and a
 * thread waiting in get() or join() never runs callbacks that loop code
 * attached (a plain CompletableFuture lets its waiters "help" run them).
 */
class LoopFutureTest {

    private final EventLoop loop = EventLoop.create();

    @AfterEach
    void shutDown() {
        loop.shutdownGracefully().orTimeout(10, TimeUnit.SECONDS).join();
    }

    @Test
    void callbacksAttachedOnTheLoopRunOnTheLoopEvenWhileAnotherThreadWaitsInGet() throws Exception {
        List<String> offLoop = new CopyOnWriteArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            CompletableFuture<Integer> future = loop.createFuture();
            int round = i;
            loop.submit(() -> {
                // Several callbacks, so that completing takes long enough for a waiter to wake and "help".
                for (int k = 0; k < 4; k++) {
                    future.whenComplete((v, e) -> {
                        if (!loop.inEventLoop()) {
                            offLoop.add("round " + round + " on " + Thread.currentThread().getName());
                        }
                    });
                }
                loop.execute(() -> future.complete(round));
                return null;
            }).get(10, TimeUnit.SECONDS);
            if (i % 2 == 0) {
                assertThat(future.get(10, TimeUnit.SECONDS)).isEqualTo(round);
            } else {
                assertThat(future.join()).isEqualTo(round);
            }
        }
        assertThat(offLoop).isEmpty();
    }

    @Test
    void aThreadJoiningOneOfManyFuturesOneCallbackCompletesIsWokenEveryTime() throws Exception {
        // The waiter's unpark waits until the callback that completed its future returns (one wake-up per
        // read of replies); none may be lost, also when that callback throws after completing.
        for (int i = 0; i < 5_000; i++) {
            List<CompletableFuture<Integer>> window = new java.util.ArrayList<>();
            for (int k = 0; k < 16; k++) {
                window.add(loop.createFuture());
            }
            boolean throwAfter = i % 2 == 1;
            loop.execute(() -> {
                for (int k = 0; k < window.size(); k++) {
                    window.get(k).complete(k);
                }
                if (throwAfter) {
                    throw new IllegalStateException("after completing: the waiter must still wake");
                }
            });
            assertThat(window.get(i % 16).join()).isEqualTo(i % 16);
            assertThat(window.get(15).get(10, TimeUnit.SECONDS)).isEqualTo(15);
        }
    }

    @Test
    void aWaiterOnAFutureCompletedByLoopIoIsWokenBeforeTheLoopSleeps() throws Exception {
        // completed from a channel's callback (the read path), not a task
        var server = loop.createServer(RecordingProtocol::new, "127.0.0.1", 0).get(10, TimeUnit.SECONDS);
        for (int i = 0; i < 200; i++) {
            var client = loop.createConnection(RecordingProtocol::new, "127.0.0.1", server.port());
            assertThat(client.join().transport()).isNotNull();
            client.join().transport().abort();
        }
        server.close();
    }

    @Test
    void getAndJoinReportOutcomesAsCompletableFutureDoes() {
        CompletableFuture<String> failed = loop.createFuture();
        IllegalStateException boom = new IllegalStateException("boom");
        failed.completeExceptionally(boom);
        assertThatThrownBy(failed::get).isInstanceOf(ExecutionException.class).cause().isSameAs(boom);
        assertThatThrownBy(failed::join).isInstanceOf(CompletionException.class).cause().isSameAs(boom);
        CompletableFuture<String> pending = loop.createFuture();
        assertThatThrownBy(() -> pending.get(10, TimeUnit.MILLISECONDS)).isInstanceOf(TimeoutException.class);
        CompletableFuture<String> cancelled = loop.createFuture();
        cancelled.cancel(false);
        assertThatThrownBy(cancelled::join).isInstanceOf(java.util.concurrent.CancellationException.class);
    }

    @Test
    void blockingWaitsRefuseOnTheLoopThread() {
        CompletableFuture<String> pending = loop.createFuture();
        assertThatThrownBy(() -> loop.submit(pending::join).get(10, TimeUnit.SECONDS))
                .cause().isInstanceOf(IllegalStateException.class).hasMessageContaining("join() on the event loop thread");
    }
}
