package dev.aioj.redis;

import dev.aioj.loop.LoopFuture;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Walks a whole SCAN-family iteration, page by page, so callers need not
 * juggle cursors: all at once as a future ({@link #collect}, behind
 * {@code scanAll}), or lazily on a blocking thread ({@link #lazily}, behind
 * the sync view's {@code scanIterable} and {@code scanStream}).
 *
 * <p>SCAN may return an element twice (when the keyspace is resized during
 * the iteration). {@link #collect} holds every element anyway, so it drops
 * repeats and returns each once, in first-seen order; {@code byte[]} items
 * are compared by content. {@link #lazily} keeps only one page in memory and
 * does not, like Lettuce's and redis-py's iterators.
 *
 * <p>Thread contract: {@link #collect} runs its steps on the loop thread, one
 * page after the other; {@link #lazily} runs where its iterator is used (not
 * a loop thread: each page is a blocking call).
 */
final class ScanIteration {

    private ScanIteration() {}

    /**
     * Every item of the iteration that {@code page} (cursor → the page at it)
     * walks, each once. The first page is asked for at once, so a bad
     * argument throws here; if the caller completes the result early
     * ({@code cancel}, {@code orTimeout}), no further page is asked for.
     */
    static <T> CompletableFuture<List<T>> collect(Function<String, CompletableFuture<ScanCursor<T>>> page) {
        CompletableFuture<List<T>> result = new LoopFuture<>();
        next(page, page.apply(ScanCursor.START), new ArrayList<>(), new HashSet<>(), result);
        return result;
    }

    private static <T> void next(Function<String, CompletableFuture<ScanCursor<T>>> page,
            CompletableFuture<ScanCursor<T>> pending, List<T> items, Set<Object> seen,
            CompletableFuture<List<T>> result) {
        pending.whenComplete((scanned, failure) -> {
            if (result.isDone()) {
                return; // the caller gave up: stop walking
            }
            if (failure != null) {
                result.completeExceptionally(failure instanceof CompletionException ? failure.getCause() : failure);
                return;
            }
            for (T item : scanned.items()) {
                if (seen.add(identity(item))) {
                    items.add(item);
                }
            }
            if (scanned.isFinished()) {
                result.complete(items);
                return;
            }
            try {
                next(page, page.apply(scanned.cursor()), items, seen, result);
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
    }

    /** What makes two items the same: the content of a {@code byte[]}, the key of an entry, the member of a score. */
    private static Object identity(Object item) {
        return switch (item) {
            case byte[] bytes -> ByteBuffer.wrap(bytes);
            case Map.Entry<?, ?> entry -> identity(entry.getKey());
            case ScoredValue<?> scored -> identity(scored.value());
            case null -> null;
            default -> item;
        };
    }

    /** An iteration that fetches each page with {@code page} only when the previous one is used up; restartable. */
    static <T> Iterable<T> lazily(Function<String, ScanCursor<T>> page) {
        return () -> new Iterator<>() {
            private String cursor = ScanCursor.START;
            private Iterator<T> current = Collections.emptyIterator();
            private boolean finished;

            @Override
            public boolean hasNext() {
                while (!current.hasNext() && !finished) {
                    ScanCursor<T> scanned = page.apply(cursor);
                    current = scanned.items().iterator();
                    cursor = scanned.cursor();
                    finished = scanned.isFinished();
                }
                return current.hasNext();
            }

            @Override
            public T next() {
                if (!hasNext()) {
                    throw new NoSuchElementException("scan finished at cursor " + cursor);
                }
                return current.next();
            }
        };
    }

    /** {@link #lazily} as a sequential stream. */
    static <T> Stream<T> stream(Function<String, ScanCursor<T>> page) {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(lazily(page).iterator(),
                Spliterator.ORDERED | Spliterator.NONNULL), false);
    }
}
