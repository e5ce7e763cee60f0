package dev.aioj.redis;

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

    /** Every item of the iteration that {@code page} (cursor → the page at it) walks, each once. */
    static <T> CompletableFuture<List<T>> collect(Function<String, CompletableFuture<ScanCursor<T>>> page) {
        return next(page, ScanCursor.START, new ArrayList<>(), new HashSet<>());
    }

    private static <T> CompletableFuture<List<T>> next(Function<String, CompletableFuture<ScanCursor<T>>> page,
            String cursor, List<T> items, Set<Object> seen) {
        return page.apply(cursor).thenCompose(scanned -> {
            for (T item : scanned.items()) {
                if (seen.add(identity(item))) {
                    items.add(item);
                }
            }
            return scanned.isFinished() ? CompletableFuture.completedFuture(items)
                    : next(page, scanned.cursor(), items, seen);
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
