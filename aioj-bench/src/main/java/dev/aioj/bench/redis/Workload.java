package dev.aioj.bench.redis;

import java.util.Arrays;

/**
 * The data every client of a run uses, built once so no client pays for
 * making keys: {@code keyCount} keys shaped like redis-benchmark's
 * ({@code key:000000001234}) and one value of {@code valueSize} bytes.
 * Scenario (a) writes key {@code i / 2} with SET at step {@code i} and reads it
 * back with GET at step {@code i + 1}, so every GET has a known answer.
 */
public record Workload(String[] keys, String value) {

    /** The key redis-benchmark's GET test reads without {@code -r}: scenario (b) reads it too. */
    public static final String LATENCY_KEY = "key:__rand_int__";

    public static Workload of(int keyCount, int valueSize) {
        if (keyCount < 1) throw new IllegalArgumentException("keyCount < 1: " + keyCount);
        if (valueSize < 1) throw new IllegalArgumentException("valueSize < 1: " + valueSize);
        String[] keys = new String[keyCount];
        for (int i = 0; i < keyCount; i++) {
            keys[i] = String.format("key:%012d", i);
        }
        char[] value = new char[valueSize];
        Arrays.fill(value, 'x'); // redis-benchmark's -d payload is 'x' bytes too
        return new Workload(keys, new String(value));
    }

    /** The key of step {@code i} of scenario (a). */
    public String key(int i) {
        return keys[(i >>> 1) % keys.length];
    }

    /**
     * The key of step {@code j} of virtual thread {@code thread} in scenario (c):
     * each thread starts at an even step, so its GETs read the key its SET just wrote.
     */
    public String threadKey(int thread, int opsPerThread, int j) {
        return key(thread * 2 * ((opsPerThread + 1) / 2) + j);
    }

    /** Step {@code i} of scenario (a) is a SET (else a GET of the key just set). */
    public static boolean isSet(int i) {
        return (i & 1) == 0;
    }

    @Override
    public String toString() {
        return "Workload[" + keys.length + " keys, " + value.length() + " B values]";
    }
}
