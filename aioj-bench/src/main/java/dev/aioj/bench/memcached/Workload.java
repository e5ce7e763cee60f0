package dev.aioj.bench.memcached;

import java.util.Arrays;

/**
 * The keys and the value every client of a run uses, built once: {@code
 * keyCount} keys like {@code key:000000001234} and one value of {@code
 * valueSize} bytes of 'x'. Pass (a) sets key {@code i / 2} at step {@code i}
 * and reads it back at step {@code i + 1}, so every GET has a known answer.
 */
record Workload(String[] keys, byte[] value) {

    /** The key passes (b) and (d) read; set before the rounds. */
    static final String LATENCY_KEY = "key:latency";

    /** spymemcached's and xmemcached's SerializingTranscoder flags for a byte[] value (SPECIAL_BYTEARRAY). */
    static final int BYTE_ARRAY_FLAGS = 8 << 8;

    static Workload of(int keyCount, int valueSize) {
        String[] keys = new String[keyCount];
        for (int i = 0; i < keyCount; i++) {
            keys[i] = String.format("key:%012d", i);
        }
        byte[] value = new byte[valueSize];
        Arrays.fill(value, (byte) 'x');
        return new Workload(keys, value);
    }

    String key(int i) {
        return keys[(i >>> 1) % keys.length];
    }

    String threadKey(int thread, int opsPerThread, int j) {
        return key(thread * 2 * ((opsPerThread + 1) / 2) + j);
    }

    static boolean isSet(int i) {
        return (i & 1) == 0;
    }

    @Override
    public String toString() {
        return keys.length + " keys, " + value.length + " B values";
    }
}
