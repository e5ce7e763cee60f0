package dev.aioj.memcached;

import java.util.concurrent.atomic.AtomicReference;

/**
 * Where requests from any thread wait for the loop: a lock-free stack the
 * loop empties in one swap and reverses, so each thread's requests keep their
 * order. The push that finds the stack empty is the one that must wake the
 * loop ({@link #push} says so), which gives exactly one drain per batch
 * however many threads submit. Linked through {@link Request#nextSubmitted}:
 * no node per request.
 *
 * <p>Thread contract: {@link #push} from any thread; {@link #takeAll} on the
 * loop thread only.
 */
final class SubmissionStack {

    private final AtomicReference<Request> top = new AtomicReference<>();

    /** Adds {@code request}; returns true if the stack was empty, so the caller schedules a drain. */
    boolean push(Request request) {
        while (true) {
            Request current = top.get();
            request.nextSubmitted = current;
            if (top.compareAndSet(current, request)) {
                return current == null;
            }
        }
    }

    /** Adds {@code batch} (oldest first) in one step, so no other thread's request lands inside it. */
    boolean pushAll(Request[] batch) {
        for (int i = batch.length - 1; i > 0; i--) {
            batch[i].nextSubmitted = batch[i - 1];
        }
        Request newest = batch[batch.length - 1];
        Request oldest = batch[0];
        while (true) {
            Request current = top.get();
            oldest.nextSubmitted = current;
            if (top.compareAndSet(current, newest)) {
                return current == null;
            }
        }
    }

    /** Takes every request, oldest first (linked through nextSubmitted), or null if none. */
    Request takeAll() {
        Request r = top.getAndSet(null);
        Request reversed = null;
        while (r != null) {
            Request next = r.nextSubmitted;
            r.nextSubmitted = reversed;
            reversed = r;
            r = next;
        }
        return reversed;
    }
}
