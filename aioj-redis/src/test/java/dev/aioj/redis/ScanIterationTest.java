package dev.aioj.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

/**
 * Walking a SCAN iteration, with pages the test hands out itself: which page
 * is asked for when, repeats dropped, failures and cancellation. (The family
 * tests walk real SCANs over real keyspaces.)
 */
class ScanIterationTest {

    /** Hands out one incomplete future per page asked for, and remembers the cursors. */
    private static final class Pages<T> {
        final List<String> cursors = new ArrayList<>();
        final List<CompletableFuture<ScanCursor<T>>> futures = new ArrayList<>();

        CompletableFuture<ScanCursor<T>> ask(String cursor) {
            cursors.add(cursor);
            CompletableFuture<ScanCursor<T>> page = new CompletableFuture<>();
            futures.add(page);
            return page;
        }

        void answer(int index, String cursor, List<T> items) {
            futures.get(index).complete(new ScanCursor<>(cursor, items));
        }
    }

    @Test
    void collectAsksForEachPageWithThePreviousCursorAndDropsRepeats() throws Exception {
        Pages<String> pages = new Pages<>();
        CompletableFuture<List<String>> all = ScanIteration.collect(pages::ask);
        assertThat(pages.cursors).containsExactly("0"); // the first page at once
        pages.answer(0, "17", List.of("a", "b"));
        pages.answer(1, "4", List.of()); // an empty page is not the end
        pages.answer(2, "0", List.of("b", "c")); // b again, as SCAN may do while the table is resized
        assertThat(pages.cursors).containsExactly("0", "17", "4");
        assertThat(all.get()).containsExactly("a", "b", "c");
    }

    @Test
    void repeatsAreRecognisedByContentForBytesByKeyForEntriesAndByMemberForScores() throws Exception {
        Pages<Object> pages = new Pages<>();
        CompletableFuture<List<Object>> all = ScanIteration.collect(pages::ask);
        pages.answer(0, "1", List.of(new byte[] {1}, new AbstractMap.SimpleImmutableEntry<>("f", "v1"),
                new ScoredValue<>("m", 1.0)));
        pages.answer(1, "0", List.of(new byte[] {1}, Map.entry("f", "v2"), new ScoredValue<>("m", 2.0),
                new byte[] {2}));
        assertThat(all.get()).hasSize(4);
    }

    @Test
    void aFailingPageFailsTheWalkWithItsOwnExceptionAndAsksNoMore() {
        Pages<String> pages = new Pages<>();
        CompletableFuture<List<String>> all = ScanIteration.collect(pages::ask);
        pages.answer(0, "5", List.of("a"));
        RedisReplyException wrongType = new RedisReplyException("WRONGTYPE", "WRONGTYPE Operation against a key");
        pages.futures.get(1).completeExceptionally(new CompletionException(wrongType));
        assertThatThrownBy(all::get).isInstanceOf(ExecutionException.class).cause().isSameAs(wrongType);
        assertThat(pages.cursors).hasSize(2);
    }

    @Test
    void onceTheCallerGivesUpNoFurtherPageIsAskedFor() {
        Pages<String> pages = new Pages<>();
        CompletableFuture<List<String>> all = ScanIteration.collect(pages::ask);
        pages.answer(0, "5", List.of("a"));
        all.cancel(false); // or orTimeout, or complete: the walk stops at the next page
        pages.answer(1, "9", List.of("b"));
        assertThat(pages.cursors).containsExactly("0", "5");
        assertThat(all).isCancelled();
    }

    @Test
    void aBadFirstPageThrowsToTheCallerAtOnce() {
        assertThatThrownBy(() -> ScanIteration.<String>collect(cursor -> {
            throw new IllegalArgumentException("TYPE is for SCAN only");
        })).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void lazilyFetchesAPageOnlyWhenThePreviousIsUsedUpAndRestartsPerIterator() {
        List<String> asked = new ArrayList<>();
        Iterable<String> keys = ScanIteration.lazily(cursor -> {
            asked.add(cursor);
            return switch (cursor) {
                case "0" -> new ScanCursor<>("3", List.of("a", "b"));
                case "3" -> new ScanCursor<>("8", List.of());
                default -> new ScanCursor<>("0", List.of("c"));
            };
        });
        assertThat(asked).isEmpty(); // nothing until iterated
        Iterator<String> first = keys.iterator();
        assertThat(first.next()).isEqualTo("a");
        assertThat(first.next()).isEqualTo("b");
        assertThat(asked).containsExactly("0");
        assertThat(first.next()).isEqualTo("c"); // through the empty page
        assertThat(first.hasNext()).isFalse();
        assertThatThrownBy(first::next).isInstanceOf(NoSuchElementException.class);
        assertThat(asked).containsExactly("0", "3", "8");
        assertThat(keys).containsExactly("a", "b", "c");
        assertThat(asked).hasSize(6);
    }
}
