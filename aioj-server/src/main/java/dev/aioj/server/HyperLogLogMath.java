package dev.aioj.server;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The numbers of Redis's HyperLogLog (hyperloglog.c): MurmurHash64A (its
 * endian-neutral variant, seed 0xadc83b19) picks an element's register and
 * run of zeros, and Otmar Ertl's estimator turns the register histogram into
 * a cardinality with the same operations in the same order as Redis, so the
 * counts agree exactly.
 *
 * <p>Thread contract: pure functions, any thread.
 */
final class HyperLogLogMath {

    private HyperLogLogMath() {}

    /** 0.5 / ln(2), Redis's HLL_ALPHA_INF. */
    private static final double ALPHA_INF = 0.721347520444481703680;
    private static final long MURMUR_SEED = 0xadc83b19L;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    /** Redis's MurmurHash64A (the endian-neutral variant). */
    static long murmurHash64A(byte[] key, long seed) {
        final long m = 0xc6a4a7935bd1e995L;
        final int r = 47;
        int length = key.length;
        long h = seed ^ (length * m);
        int blocks = length - (length & 7);
        for (int i = 0; i < blocks; i += 8) {
            long k = (long) LONGS.get(key, i);
            k *= m;
            k ^= k >>> r;
            k *= m;
            h ^= k;
            h *= m;
        }
        switch (length & 7) {
            case 7: h ^= (long) (key[blocks + 6] & 0xFF) << 48; // fall through
            case 6: h ^= (long) (key[blocks + 5] & 0xFF) << 40; // fall through
            case 5: h ^= (long) (key[blocks + 4] & 0xFF) << 32; // fall through
            case 4: h ^= (long) (key[blocks + 3] & 0xFF) << 24; // fall through
            case 3: h ^= (long) (key[blocks + 2] & 0xFF) << 16; // fall through
            case 2: h ^= (long) (key[blocks + 1] & 0xFF) << 8; // fall through
            case 1:
                h ^= key[blocks] & 0xFF;
                h *= m;
                break;
            default:
                break;
        }
        h ^= h >>> r;
        h *= m;
        h ^= h >>> r;
        return h;
    }

    /** The register an element hashes to (low 14 bits) and its run length "000..1" count, packed index << 8 | count. */
    static int patternOf(byte[] element) {
        long hash = murmurHash64A(element, MURMUR_SEED);
        int index = (int) (hash & (HyperLogLog.REGISTERS - 1));
        hash >>>= HyperLogLog.P;
        hash |= 1L << HyperLogLog.Q;
        int count = Long.numberOfTrailingZeros(hash) + 1;
        return index << 8 | count;
    }

    /** The cardinality of registers held one per byte (PFCOUNT of several keys, Redis's HLL_RAW). */
    static long countRaw(byte[] registers) {
        int[] histogram = new int[64];
        for (byte r : registers) {
            histogram[r]++;
        }
        return estimate(histogram);
    }

    /** Ertl's estimator from the register histogram, in Redis's order of operations. */
    static long estimate(int[] histogram) {
        double m = HyperLogLog.REGISTERS;
        double z = m * tau((m - histogram[HyperLogLog.Q + 1]) / m);
        for (int j = HyperLogLog.Q; j >= 1; --j) {
            z += histogram[j];
            z *= 0.5;
        }
        z += m * sigma(histogram[0] / m);
        return Math.round(ALPHA_INF * m * m / z);
    }

    private static double sigma(double x) {
        if (x == 1.) {
            return Double.POSITIVE_INFINITY;
        }
        double zPrime;
        double y = 1;
        double z = x;
        do {
            x *= x;
            zPrime = z;
            z += x * y;
            y += y;
        } while (zPrime != z);
        return z;
    }

    private static double tau(double x) {
        if (x == 0. || x == 1.) {
            return 0.;
        }
        double zPrime;
        double y = 1.0;
        double z = 1 - x;
        do {
            x = Math.sqrt(x);
            zPrime = z;
            y *= 0.5;
            double d = 1 - x;
            z -= d * d * y;
        } while (zPrime != z);
        return z / 3;
    }
}
