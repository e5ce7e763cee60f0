package dev.aioj.loop;

import java.util.Arrays;

/**
 * The loop's timers: a binary min-heap ordered by deadline, then by the order
 * they were scheduled in. Cancelled entries stay until they reach the top or
 * until the heap has doubled since it was last swept, so cancelling is O(1)
 * and the heap stays within about twice the live timers.
 *
 * <p>Thread contract: loop thread only.
 */
final class TimerQueue {

    /** Below this size a sweep is not worth its O(n). */
    private static final int MIN_SWEEP_SIZE = 1024;

    private TimerHandle[] heap = new TimerHandle[16];
    private int size;
    private int sweepAt = MIN_SWEEP_SIZE;
    private long nextSequence;

    /** Adds a timer; ties on the deadline keep the order of these calls. */
    void add(TimerHandle handle) {
        if (size >= sweepAt) {
            sweepCancelled();
            sweepAt = Math.max(MIN_SWEEP_SIZE, size * 2);
        }
        if (size == heap.length) {
            heap = Arrays.copyOf(heap, size * 2);
        }
        handle.sequence = nextSequence++;
        siftUp(size++, handle);
    }

    /** The earliest live timer, dropping cancelled ones on the way; null if none. */
    TimerHandle peek() {
        while (size > 0 && heap[0].isCancelled()) {
            poll();
        }
        return size == 0 ? null : heap[0];
    }

    /** Removes and returns the earliest timer, live or cancelled. */
    TimerHandle poll() {
        if (size == 0) {
            return null;
        }
        TimerHandle top = heap[0];
        TimerHandle last = heap[--size];
        heap[size] = null;
        if (size > 0) {
            siftDown(0, last);
        }
        return top;
    }

    int size() {
        return size;
    }

    void clear() {
        Arrays.fill(heap, 0, size, null);
        size = 0;
    }

    private void sweepCancelled() {
        int live = 0;
        for (int i = 0; i < size; i++) {
            if (!heap[i].isCancelled()) {
                heap[live++] = heap[i];
            }
        }
        Arrays.fill(heap, live, size, null);
        size = live;
        for (int i = (size >>> 1) - 1; i >= 0; i--) {
            siftDown(i, heap[i]);
        }
    }

    private static boolean before(TimerHandle a, TimerHandle b) {
        long d = a.deadline - b.deadline; // overflow-safe, like System.nanoTime comparisons
        return d < 0 || (d == 0 && a.sequence < b.sequence);
    }

    private void siftUp(int index, TimerHandle handle) {
        while (index > 0) {
            int parent = (index - 1) >>> 1;
            if (!before(handle, heap[parent])) {
                break;
            }
            heap[index] = heap[parent];
            index = parent;
        }
        heap[index] = handle;
    }

    private void siftDown(int index, TimerHandle handle) {
        int half = size >>> 1;
        while (index < half) {
            int child = 2 * index + 1;
            int right = child + 1;
            if (right < size && before(heap[right], heap[child])) {
                child = right;
            }
            if (!before(heap[child], handle)) {
                break;
            }
            heap[index] = heap[child];
            index = child;
        }
        heap[index] = handle;
    }
}
