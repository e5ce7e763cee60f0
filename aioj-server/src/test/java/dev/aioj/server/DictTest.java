package dev.aioj.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The keyspace's hash table: a map, and a SCAN that never misses a key present for the whole scan. */
class DictTest {

    private static byte[] key(int i) {
        return ("key:" + i).getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void behavesAsAMapThroughGrowthAndShrinking() {
        Dict d = new Dict(42);
        for (int i = 0; i < 10_000; i++) {
            assertThat(d.put(key(i), i)).isNull();
        }
        assertThat(d.size()).isEqualTo(10_000);
        assertThat(d.buckets()).isGreaterThanOrEqualTo(10_000);
        assertThat(d.put(key(7), "seven")).isEqualTo(7);
        for (int i = 0; i < 10_000; i += 2) {
            assertThat(d.remove(key(i))).isNotNull();
        }
        assertThat(d.remove(key(0))).isNull();
        assertThat(d.size()).isEqualTo(5_000);
        assertThat(d.get(key(7))).isEqualTo("seven");
        assertThat(d.get(key(8))).isNull();
        for (int i = 1; i < 10_000; i += 2) {
            d.remove(key(i));
        }
        assertThat(d.size()).isZero();
        assertThat(d.buckets()).isEqualTo(Dict.MIN_BUCKETS);
    }

    @Test
    void aFullScanReturnsEveryKeyPresentThroughoutWhileTheTableGrowsAndShrinks() {
        Random random = new Random(1);
        for (int round = 0; round < 20; round++) {
            Dict d = new Dict(round);
            Set<Integer> stable = new HashSet<>();
            for (int i = 0; i < 500; i++) {
                d.put(key(i), null);
                stable.add(i);
            }
            int next = 100_000;
            Set<Integer> churn = new HashSet<>();
            Set<String> seen = new HashSet<>();
            long cursor = 0;
            do {
                cursor = d.scan(cursor, e -> seen.add(new String(e.key, StandardCharsets.ISO_8859_1)));
                // Between calls, grow by thousands or shrink to almost nothing, as a busy server might.
                if (random.nextBoolean()) {
                    for (int k = 0; k < random.nextInt(3000); k++) {
                        d.put(key(next), null);
                        churn.add(next++);
                    }
                } else {
                    for (Integer k : churn) {
                        d.remove(key(k));
                    }
                    churn.clear();
                }
            } while (cursor != 0);
            for (int i : stable) {
                assertThat(seen).as("round %d", round).contains("key:" + i);
            }
        }
    }

    @Test
    void scanOfAnEmptyTableEndsAtOnce() {
        Dict d = new Dict(0);
        assertThat(d.scan(0, e -> {
            throw new AssertionError("no entry expected");
        })).isZero();
    }

    @Test
    void randomEntryAndSampleVisitExistingEntries() {
        Dict d = new Dict(3);
        assertThat(d.randomEntry(new SplittableRandom(1))).isNull();
        for (int i = 0; i < 100; i++) {
            d.put(key(i), i);
        }
        SplittableRandom random = new SplittableRandom(7);
        Set<Object> picked = new HashSet<>();
        for (int i = 0; i < 2000; i++) {
            picked.add(d.randomEntry(random).value);
        }
        assertThat(picked).hasSizeGreaterThan(90);
        Set<Object> sampled = new HashSet<>();
        int n = d.sample(20, random, e -> sampled.add(e.value));
        assertThat(n).isEqualTo(20);
        assertThat(sampled).hasSize(20);
    }

    @Test
    void hashesDependOnTheSeed() {
        byte[] k = key(12345);
        assertThat(Dict.hash(k, 1)).isNotEqualTo(Dict.hash(k, 2));
        assertThat(Dict.hash(k, 1)).isEqualTo(Dict.hash(k.clone(), 1));
    }
}
