package dev.aioj.redis;

import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * One page of a SCAN-family iteration: the cursor to pass to the next call
 * and the items this call returned. The iteration is complete when the
 * cursor is back at {@link #START}; a page may be empty before that.
 *
 * <pre>{@code
 * String cursor = ScanCursor.START;
 * do {
 *     ScanCursor<String> page = redis.scan(cursor, ScanArgs.of().match("user:*")).join();
 *     page.items().forEach(this::visit);
 *     cursor = page.cursor();
 * } while (!cursor.equals(ScanCursor.START));
 * }</pre>
 *
 * Most callers want {@code scanAll} (everything, without duplicates) or, on
 * the blocking view, {@code scanIterable}/{@code scanStream} (pages fetched
 * lazily) instead.
 *
 * <p>Thread contract: immutable.
 *
 * @param cursor the cursor for the next call, an unsigned 64-bit number as text
 * @param items  what this call returned (unmodifiable)
 * @param <T>    the item type: a key, a member, a field/value entry, a scored member
 */
public record ScanCursor<T>(String cursor, List<T> items) {

    /** The cursor that starts an iteration, and that ends it when the server returns it. */
    public static final String START = "0";

    public ScanCursor {
        Objects.requireNonNull(cursor, "cursor");
        items = Collections.unmodifiableList(Objects.requireNonNull(items, "items"));
    }

    /** True when this was the last page: the cursor is back at {@link #START}. */
    public boolean isFinished() {
        return cursor.equals(START);
    }
}
