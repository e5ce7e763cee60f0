package dev.aioj.loop;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The timer heap alone: ordering, ties, and the sweep that bounds cancelled entries. */
class TimerQueueTest {

    @Test
    void pollsInDeadlineOrderWithTiesInInsertionOrder() {
        TimerQueue queue = new TimerQueue();
        Random random = new Random(1);
        List<TimerHandle> added = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            TimerHandle handle = new TimerHandle(random.nextInt(100), () -> {});
            queue.add(handle);
            added.add(handle);
        }
        TimerHandle previous = null;
        int polled = 0;
        for (TimerHandle next; (next = queue.poll()) != null; polled++) {
            if (previous != null) {
                assertThat(next.deadline).isGreaterThanOrEqualTo(previous.deadline);
                if (next.deadline == previous.deadline) {
                    assertThat(added.indexOf(next)).isGreaterThan(added.indexOf(previous));
                }
            }
            previous = next;
        }
        assertThat(polled).isEqualTo(10_000);
    }

    @Test
    void deadlinesCompareSafelyAcrossNanoTimeOverflow() {
        TimerQueue queue = new TimerQueue();
        TimerHandle late = new TimerHandle(Long.MIN_VALUE + 10, () -> {}); // just past the wrap
        TimerHandle early = new TimerHandle(Long.MAX_VALUE - 10, () -> {});
        queue.add(late);
        queue.add(early);
        assertThat(queue.poll()).isSameAs(early);
        assertThat(queue.poll()).isSameAs(late);
    }

    @Test
    void peekDropsCancelledTimersAtTheTop() {
        TimerQueue queue = new TimerQueue();
        TimerHandle first = new TimerHandle(1, () -> {});
        TimerHandle second = new TimerHandle(2, () -> {});
        queue.add(first);
        queue.add(second);
        first.cancel();
        assertThat(queue.peek()).isSameAs(second);
        assertThat(queue.size()).isEqualTo(1);
    }

    @Test
    void cancelledTimersAreSweptSoTheHeapStaysNearTheLiveCount() {
        TimerQueue queue = new TimerQueue();
        for (int round = 0; round < 100; round++) {
            for (int i = 0; i < 1_000; i++) {
                // far-off deadlines: these never reach the top, only a sweep removes them
                queue.add(new TimerHandle(1_000_000 + i, () -> {}));
            }
        }
        // 100,000 live: no sweep may drop them
        assertThat(queue.size()).isEqualTo(100_000);
        TimerQueue churn = new TimerQueue();
        for (int i = 0; i < 100_000; i++) {
            TimerHandle handle = new TimerHandle(1_000_000 + i, () -> {});
            churn.add(handle);
            handle.cancel(); // e.g. a per-request timeout that the reply beat
        }
        assertThat(churn.size()).isLessThan(2 * 1024 + 1);
    }

    @Test
    void aCancelledHandleDoesNotRunAndReleasesItsTask() {
        int[] runs = new int[1];
        TimerHandle handle = new TimerHandle(0, () -> runs[0]++);
        handle.cancel();
        handle.fire();
        assertThat(runs[0]).isZero();
        assertThat(handle.toString()).contains("cancelled");
        TimerHandle live = new TimerHandle(0, () -> runs[0]++);
        live.fire();
        live.fire(); // a timer runs at most once
        assertThat(runs[0]).isEqualTo(1);
    }
}
