package dev.aioj.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The loop's callback contract: ordering, threads, timers, errors, offload, shutdown. */
class EventLoopTest {

    private final List<EventLoop> loops = new ArrayList<>();

    private EventLoop newLoop(EventLoopBuilder builder) {
        EventLoop loop = builder.build();
        loops.add(loop);
        return loop;
    }

    private EventLoop newLoop() {
        return newLoop(EventLoop.builder());
    }

    @AfterEach
    void shutDown() {
        loops.forEach(loop -> loop.shutdownGracefully().orTimeout(10, TimeUnit.SECONDS).join());
    }

    @Test
    void callSoonRunsTasksInOrderOnTheLoopThread() throws Exception {
        EventLoop loop = newLoop();
        List<Integer> order = new CopyOnWriteArrayList<>();
        List<Boolean> onLoop = new CopyOnWriteArrayList<>();
        CountDownLatch done = new CountDownLatch(1);
        for (int i = 0; i < 100; i++) {
            int n = i;
            loop.callSoon(() -> {
                order.add(n);
                onLoop.add(loop.inEventLoop());
            });
        }
        loop.callSoon(done::countDown);
        assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(order).hasSize(100).isSorted();
        assertThat(onLoop).containsOnly(true);
        assertThat(loop.inEventLoop()).isFalse();
    }

    @Test
    void eightThreadsTimesOneHundredThousandExecutesRunExactlyOnceEach() throws Exception {
        EventLoop loop = newLoop();
        int threads = 8;
        int perThread = 100_000;
        AtomicIntegerArray runs = new AtomicIntegerArray(threads * perThread);
        int[] lastSeen = new int[threads]; // touched on the loop only
        java.util.Arrays.fill(lastSeen, -1);
        AtomicBoolean outOfOrder = new AtomicBoolean();
        CountDownLatch allRan = new CountDownLatch(threads * perThread);
        List<Thread> producers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            producers.add(Thread.ofPlatform().start(() -> {
                for (int i = 0; i < perThread; i++) {
                    int n = i;
                    loop.execute(() -> {
                        runs.incrementAndGet(thread * perThread + n);
                        if (lastSeen[thread] != n - 1) {
                            outOfOrder.set(true); // tasks of one thread keep that thread's order
                        }
                        lastSeen[thread] = n;
                        allRan.countDown();
                    });
                }
            }));
        }
        for (Thread producer : producers) {
            producer.join();
        }
        assertThat(allRan.await(30, TimeUnit.SECONDS)).isTrue();
        loop.submit(() -> null).get(10, TimeUnit.SECONDS); // anything extra would have run by now
        for (int i = 0; i < runs.length(); i++) {
            if (runs.get(i) != 1) {
                throw new AssertionError("task " + i + " ran " + runs.get(i) + " times");
            }
        }
        assertThat(outOfOrder).isFalse();
    }

    @Test
    void aBusyLoopIsNotWokenForEachTask() throws Exception {
        EventLoop loop = newLoop();
        loop.submit(() -> null).get(10, TimeUnit.SECONDS);
        CountDownLatch busy = new CountDownLatch(1);
        AtomicBoolean release = new AtomicBoolean();
        loop.execute(() -> {
            busy.countDown();
            while (!release.get()) {
                Thread.onSpinWait(); // keep the loop busy (test only) while tasks pile up
            }
        });
        assertThat(busy.await(10, TimeUnit.SECONDS)).isTrue();
        long before = loop.stats().wakeups();
        AtomicInteger ran = new AtomicInteger();
        for (int i = 0; i < 10_000; i++) {
            loop.execute(ran::incrementAndGet);
        }
        CompletableFuture<Long> wakeupsAfter = new CompletableFuture<>();
        loop.execute(() -> wakeupsAfter.complete(loop.stats().wakeups())); // queued while busy too
        release.set(true);
        assertThat(wakeupsAfter.get(10, TimeUnit.SECONDS) - before).isZero();
        assertThat(ran).hasValue(10_000);
    }

    @Test
    void aBlockedLoopIsWokenByATaskFromAnotherThread() throws Exception {
        EventLoop loop = newLoop();
        loop.submit(() -> null).get(10, TimeUnit.SECONDS);
        long before = loop.stats().wakeups();
        for (int i = 0; i < 5; i++) {
            // the loop blocks in select() between these round trips; each task must wake it
            assertThat(loop.submit(() -> "hi").get(10, TimeUnit.SECONDS)).isEqualTo("hi");
        }
        assertThat(loop.stats().wakeups() - before).isBetween(1L, 5L);
    }

    @Test
    void timersFireInDeadlineOrderAndTiesInSchedulingOrder() throws Exception {
        EventLoop loop = newLoop();
        List<String> fired = new CopyOnWriteArrayList<>();
        CountDownLatch done = new CountDownLatch(1);
        loop.submit(() -> {
            loop.callLater(Duration.ofMillis(60), () -> fired.add("c"));
            loop.callLater(Duration.ofMillis(20), () -> fired.add("a1"));
            loop.callLater(Duration.ofMillis(40), () -> fired.add("b"));
            loop.callLater(Duration.ofMillis(20), () -> fired.add("a2"));
            loop.callLater(Duration.ofMillis(20), () -> fired.add("a3"));
            loop.callLater(Duration.ofMillis(80), done::countDown);
            return null;
        }).get(10, TimeUnit.SECONDS);
        assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(fired).containsExactly("a1", "a2", "a3", "b", "c");
    }

    @Test
    void aTimerNeverFiresBeforeItsDeadline() throws Exception {
        EventLoop loop = newLoop();
        CompletableFuture<Long> firedAt = new CompletableFuture<>();
        long start = System.nanoTime();
        loop.callLater(Duration.ofMillis(30), () -> firedAt.complete(System.nanoTime()));
        assertThat(firedAt.get(10, TimeUnit.SECONDS) - start).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(30));
    }

    @Test
    void cancelledTimersNeverRun() throws Exception {
        EventLoop loop = newLoop();
        AtomicInteger ran = new AtomicInteger();
        List<TimerHandle> handles = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            handles.add(loop.callLater(Duration.ofMillis(i % 50), ran::incrementAndGet));
        }
        handles.forEach(TimerHandle::cancel); // from another thread, racing the loop
        CountDownLatch after = new CountDownLatch(1);
        loop.callLater(Duration.ofMillis(100), after::countDown);
        assertThat(after.await(10, TimeUnit.SECONDS)).isTrue();
        // a handle may have fired before its cancel arrived; none may fire after
        int firedBeforeCancel = ran.get();
        TimerHandle late = loop.callLater(Duration.ofMillis(10), ran::incrementAndGet);
        late.cancel();
        CountDownLatch after2 = new CountDownLatch(1);
        loop.callLater(Duration.ofMillis(50), after2::countDown);
        assertThat(after2.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(ran).hasValue(firedBeforeCancel);
        assertThat(late.isCancelled()).isTrue();
    }

    @Test
    void timersCancelledOnTheLoopBeforeTheyAreDueNeverRun() throws Exception {
        EventLoop loop = newLoop();
        AtomicInteger ran = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(1);
        loop.execute(() -> {
            for (int i = 0; i < 5_000; i++) {
                loop.callLater(Duration.ofMillis(5), ran::incrementAndGet).cancel();
            }
            loop.callLater(Duration.ofMillis(30), done::countDown);
        });
        assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(ran).hasValue(0);
    }

    @Test
    void anExceptionInACallbackGoesToTheHandlerAndTheLoopGoesOn() throws Exception {
        List<String> messages = new CopyOnWriteArrayList<>();
        List<Throwable> errors = new CopyOnWriteArrayList<>();
        EventLoop loop = newLoop(EventLoop.builder().exceptionHandler((message, error) -> {
            messages.add(message);
            errors.add(error);
        }));
        loop.execute(() -> {
            throw new IllegalStateException("boom");
        });
        loop.callLater(Duration.ZERO, () -> {
            throw new AssertionError("timer boom");
        });
        assertThat(loop.submit(() -> "still running").get(10, TimeUnit.SECONDS)).isEqualTo("still running");
        loop.submit(() -> null).get(10, TimeUnit.SECONDS);
        assertThat(errors).extracting(Throwable::getMessage).containsExactlyInAnyOrder("boom", "timer boom");
        assertThat(messages).allMatch(m -> m.startsWith("exception in callback"));
    }

    @Test
    void joinOnTheLoopThreadThrowsInsteadOfDeadlocking() throws Exception {
        EventLoop loop = newLoop();
        CompletableFuture<String> never = loop.createFuture();
        CompletableFuture<Throwable> thrown = loop.submit(() -> {
            try {
                never.join();
                return null;
            } catch (IllegalStateException e) {
                return e;
            }
        });
        assertThat(thrown.get(10, TimeUnit.SECONDS))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("join() on the event loop thread")
                .hasMessageContaining("would deadlock");
        // derived futures keep the check; get() too
        CompletableFuture<Throwable> derived = loop.submit(() -> {
            try {
                never.thenApply(String::length).get();
                return null;
            } catch (IllegalStateException e) {
                return e;
            }
        });
        assertThat(derived.get(10, TimeUnit.SECONDS)).isInstanceOf(IllegalStateException.class);
        // off the loop, a completed future joins normally
        never.complete("x");
        assertThat(never.join()).isEqualTo("x");
    }

    @Test
    void runBlockingRunsOffTheLoopAndCompletesOnIt() throws Exception {
        EventLoop loop = newLoop();
        AtomicBoolean workOnLoop = new AtomicBoolean(true);
        CompletableFuture<Boolean> callbackOnLoop = new CompletableFuture<>();
        CompletableFuture<Integer> result = loop.submit(() -> {
            CompletableFuture<Integer> work = loop.runBlocking(() -> {
                workOnLoop.set(EventLoop.onLoopThread());
                Thread.sleep(20); // blocking work is what runBlocking is for
                return 42;
            });
            // Attached on the loop: the result is delivered by a loop task, which cannot run before this one ends.
            // (Attached from the test thread, a slow test thread could find it complete and run it there.)
            work.whenComplete((v, e) -> callbackOnLoop.complete(loop.inEventLoop()));
            return work;
        }).get(10, TimeUnit.SECONDS);
        assertThat(result.get(10, TimeUnit.SECONDS)).isEqualTo(42);
        assertThat(workOnLoop).isFalse();
        assertThat(callbackOnLoop.get(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void runBlockingFailsTheFutureWithTheWorksException() {
        EventLoop loop = newLoop();
        CompletableFuture<Object> result = loop.runBlocking(() -> {
            throw new java.io.IOException("disk on fire");
        });
        assertThatThrownBy(result::join).isInstanceOf(CompletionException.class)
                .hasCauseInstanceOf(java.io.IOException.class)
                .hasRootCauseMessage("disk on fire");
    }

    @Test
    void debugModeLogsSlowCallbacks() throws Exception {
        Logger julLogger = Logger.getLogger(EventLoop.class.getName());
        List<LogRecord> records = new CopyOnWriteArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                records.add(record);
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        julLogger.addHandler(handler);
        try {
            EventLoop loop = newLoop(EventLoop.builder().debug(true).slowCallback(Duration.ofMillis(20)));
            loop.submit(() -> {
                long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(40);
                while (System.nanoTime() < end) {
                    Thread.onSpinWait(); // a slow callback, on purpose
                }
                return null;
            }).get(10, TimeUnit.SECONDS);
            loop.submit(() -> null).get(10, TimeUnit.SECONDS); // fast: not logged
            assertThat(records).hasSize(1);
            assertThat(records.get(0).getLevel()).isEqualTo(Level.WARNING);
            assertThat(java.text.MessageFormat.format(records.get(0).getMessage(), records.get(0).getParameters()))
                    .contains("took").contains("ms");
        } finally {
            julLogger.removeHandler(handler);
        }
    }

    @Test
    void shutdownCompletesAndLaterTasksAreRejected() throws Exception {
        EventLoop loop = newLoop();
        AtomicInteger ran = new AtomicInteger();
        loop.execute(ran::incrementAndGet);
        loop.shutdownGracefully().get(10, TimeUnit.SECONDS);
        assertThat(loop.isTerminated()).isTrue();
        assertThat(ran).hasValue(1);
        assertThatThrownBy(() -> loop.execute(ran::incrementAndGet))
                .isInstanceOf(RejectedExecutionException.class)
                .hasMessageContaining("terminated");
        assertThat(loop.shutdownGracefully()).isCompleted();
    }

    @Test
    void closeOnTheLoopThreadIsRefused() throws Exception {
        EventLoop loop = newLoop();
        assertThat(loop.submit(() -> {
            try {
                loop.close();
                return "closed";
            } catch (IllegalStateException e) {
                return e.getMessage();
            }
        }).get(10, TimeUnit.SECONDS)).contains("would deadlock");
    }

    @Test
    void theLoopUsesTheSelectorProviderItWasBuiltWith() throws Exception {
        CountingSelectorProvider provider = new CountingSelectorProvider();
        EventLoop loop = newLoop(EventLoop.builder().selectorProvider(provider));
        var server = loop.createServer(RecordingProtocol::new, "127.0.0.1", 0).get(10, TimeUnit.SECONDS);
        var client = loop.createConnection(RecordingProtocol::new, "127.0.0.1", server.port()).get(10, TimeUnit.SECONDS);
        client.transport().close();
        assertThat(provider.selectors).hasValue(1);
        assertThat(provider.serverChannels).hasValue(1);
        assertThat(provider.socketChannels).hasValue(1);
        assertThat(loop.selectorProvider()).isSameAs(provider);
    }

    @Test
    void aBlockedLoopIsWokenTenThousandTimesInARowAndStillShutsDown() throws Exception {
        EventLoop loop = newLoop();
        for (int i = 0; i < 10_000; i++) {
            int round = i;
            // each round trip lets the loop block again, so each needs a wake-up byte read back out of the pipe
            assertThat(loop.submit(() -> round).get(10, TimeUnit.SECONDS)).isEqualTo(round);
        }
        loop.shutdownGracefully().get(10, TimeUnit.SECONDS); // the pipe's key does not keep the loop alive
        assertThat(loop.isTerminated()).isTrue();
    }

    @Test
    void loopGroupHandsOutLoopsInTurn() {
        try (LoopGroup group = LoopGroup.create(3)) {
            List<EventLoop> handed = List.of(group.next(), group.next(), group.next(), group.next());
            assertThat(handed.subList(0, 3)).containsExactlyElementsOf(group.loops());
            assertThat(handed.get(3)).isSameAs(group.loops().get(0));
            assertThat(group.loops()).extracting(EventLoop::name).doesNotHaveDuplicates();
        }
    }
}
