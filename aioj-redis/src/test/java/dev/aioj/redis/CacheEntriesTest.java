package dev.aioj.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aioj.redis.resp.RespValue;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The cache's table on its own: the pending rule, bounds, LRU order, deactivation. */
class CacheEntriesTest {

    private static CacheEntries.Key key(String s) {
        return CacheEntries.Key.of(s.getBytes(StandardCharsets.UTF_8));
    }

    private static final RespValue V = new RespValue.Bulk("v".getBytes(StandardCharsets.UTF_8));

    private static CacheEntries active(int maxEntries, long maxBytes) {
        CacheEntries e = new CacheEntries(maxEntries, maxBytes);
        e.activate();
        return e;
    }

    @Test
    void aReplyIsInstalledOnlyIfNoInvalidationCameWhileItWasInFlight() {
        CacheEntries entries = active(10, 1 << 20);
        CacheEntries.Entry read = entries.pending(key("GET a"), new CacheEntries.Key[] {key("a")});
        assertThat(entries.invalidate("a".getBytes(StandardCharsets.UTF_8))).as("cached replies dropped").isZero();
        assertThat(entries.install(read, V, 17)).isFalse();
        assertThat(entries.lookup(key("GET a"))).isNull();

        CacheEntries.Entry again = entries.pending(key("GET a"), new CacheEntries.Key[] {key("a")});
        assertThat(entries.install(again, V, 17)).isTrue();
        assertThat(entries.lookup(key("GET a"))).isSameAs(V);
        assertThat(entries.stats().invalidations()).isZero(); // a pending read dropped is no cached reply lost
    }

    @Test
    void aNewerReadOfTheSameCommandSupersedesAnOlderOneInFlight() {
        CacheEntries entries = active(10, 1 << 20);
        CacheEntries.Entry older = entries.pending(key("GET a"), new CacheEntries.Key[] {key("a")});
        CacheEntries.Entry newer = entries.pending(key("GET a"), new CacheEntries.Key[] {key("a")});
        assertThat(entries.install(older, V, 17)).isFalse();
        assertThat(entries.install(newer, V, 17)).isTrue();
    }

    @Test
    void aFlushALostConnectionOrAFailureDropsReadsInFlight() {
        CacheEntries entries = active(10, 1 << 20);
        CacheEntries.Entry a = entries.pending(key("GET a"), new CacheEntries.Key[] {key("a")});
        entries.invalidateAll();
        assertThat(entries.install(a, V, 17)).isFalse();
        CacheEntries.Entry b = entries.pending(key("GET b"), new CacheEntries.Key[] {key("b")});
        entries.deactivate();
        assertThat(entries.install(b, V, 17)).isFalse();
        assertThat(entries.pending(key("GET b"), new CacheEntries.Key[] {key("b")}))
                .as("nothing registered while the server is not tracking").isNull();
        assertThat(entries.lookup(key("GET b"))).isNull();
        entries.activate();
        CacheEntries.Entry c = entries.pending(key("GET c"), new CacheEntries.Key[] {key("c")});
        entries.abandon(c);
        assertThat(entries.install(c, V, 17)).isFalse();
    }

    @Test
    void bytesAreBoundedLeastRecentlyUsedFirst() {
        long per = 100 + "GET x".length() + CacheEntries.ENTRY_OVERHEAD;
        CacheEntries entries = active(1000, 3 * per);
        for (String k : new String[] {"a", "b", "c"}) {
            entries.install(entries.pending(key("GET " + k), new CacheEntries.Key[] {key(k)}), V, 100);
        }
        assertThat(entries.stats().bytes()).isEqualTo(3 * per);
        entries.lookup(key("GET a"));
        entries.install(entries.pending(key("GET d"), new CacheEntries.Key[] {key("d")}), V, 100);
        assertThat(entries.stats().entries()).isEqualTo(3);
        assertThat(entries.stats().evictions()).isEqualTo(1);
        assertThat(entries.lookup(key("GET b"))).as("least recently used").isNull();
        assertThat(entries.lookup(key("GET a"))).isSameAs(V);
        assertThat(entries.install(entries.pending(key("GET big"), new CacheEntries.Key[] {key("big")}), V,
                4 * per)).as("larger than the whole cache").isFalse();
    }

    @Test
    void anMgetEntryGoesWhenAnyOfItsKeysChanges() {
        CacheEntries entries = active(10, 1 << 20);
        entries.install(entries.pending(key("MGET a b"), new CacheEntries.Key[] {key("a"), key("b")}), V, 10);
        entries.install(entries.pending(key("GET a"), new CacheEntries.Key[] {key("a")}), V, 10);
        assertThat(entries.invalidate("b".getBytes(StandardCharsets.UTF_8))).isEqualTo(1);
        assertThat(entries.lookup(key("MGET a b"))).isNull();
        assertThat(entries.lookup(key("GET a"))).isSameAs(V);
        assertThat(entries.stats().invalidations()).isEqualTo(1);
    }
}
