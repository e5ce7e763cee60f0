package dev.aioj.server;

/**
 * A command's latency distribution, as Redis 7.0 keeps one per command for
 * INFO latencystats and LATENCY HISTOGRAM: an HdrHistogram of nanoseconds
 * from 1 ns to 1 s with 2 significant digits (Redis's
 * LATENCY_HISTOGRAM_* constants), reimplemented here with the same bucket
 * layout and the same percentile and logarithmic-iteration rules, so it
 * reports the values Redis would for the same samples.
 *
 * <p>Layout: 23 buckets of 128 sub-buckets (the first one 256), each bucket
 * twice as coarse as the one before; 3,072 counters, created on a command's
 * first call only.
 *
 * <p>Thread contract: the server's loop thread only.
 */
final class LatencyHistogram {

    static final long MIN_VALUE = 1;
    static final long MAX_VALUE = 1_000_000_000L;
    /** Sub-buckets per bucket: 2 significant digits need 200 distinct values, rounded up to 256. */
    private static final int SUB_BUCKET_COUNT_MAGNITUDE = 8;
    private static final int SUB_BUCKET_HALF_COUNT_MAGNITUDE = SUB_BUCKET_COUNT_MAGNITUDE - 1;
    private static final int SUB_BUCKET_COUNT = 1 << SUB_BUCKET_COUNT_MAGNITUDE;
    private static final int SUB_BUCKET_HALF_COUNT = SUB_BUCKET_COUNT / 2;
    private static final long SUB_BUCKET_MASK = SUB_BUCKET_COUNT - 1;
    private static final int BUCKET_COUNT = bucketsFor(MAX_VALUE);

    private final long[] counts = new long[(BUCKET_COUNT + 1) * SUB_BUCKET_HALF_COUNT];
    private long totalCount;

    private static int bucketsFor(long highest) {
        long smallestUntrackable = (long) SUB_BUCKET_COUNT;
        int buckets = 1;
        while (smallestUntrackable <= highest) {
            smallestUntrackable <<= 1;
            buckets++;
        }
        return buckets;
    }

    /** Records one sample in nanoseconds, clamped to 1 ns .. 1 s as Redis clamps it. */
    void record(long nanos) {
        long v = Math.max(MIN_VALUE, Math.min(MAX_VALUE, nanos));
        counts[countsIndex(v)]++;
        totalCount++;
    }

    long totalCount() {
        return totalCount;
    }

    /** hdr_value_at_percentile: the highest value equivalent to the sample at {@code percentile}. */
    long valueAtPercentile(double percentile) {
        double requested = Math.min(percentile, 100.0);
        long countAtPercentile = Math.max(1, (long) (requested / 100.0 * totalCount + 0.5));
        long total = 0;
        for (int i = 0; i < counts.length; i++) {
            total += counts[i];
            if (total >= countAtPercentile) {
                long value = valueAtIndex(i);
                return percentile == 0.0 ? lowestEquivalent(value) : highestEquivalent(value);
            }
        }
        return 0;
    }

    /** Receives the points of LATENCY HISTOGRAM's cumulative distribution. */
    interface PointConsumer {
        void point(long micros, long cumulativeCount);
    }

    /**
     * LATENCY HISTOGRAM's points: hdr_iter_log_init(1024, 2) as Redis walks
     * it, one point per power-of-two level whose cumulative count grew, in
     * microseconds (the highest value equivalent to the sample reached).
     */
    void forEachLogPoint(PointConsumer out) {
        int index = -1;
        long cumulative = 0;
        long value = 0;
        long highest = 0;
        long level = 1024;
        long levelLowest = lowestEquivalent(level);
        long previous = 0;
        while (true) {
            boolean more = cumulative < totalCount
                    || (index + 1 < counts.length && valueAtIndex(index + 1) > levelLowest);
            if (!more) {
                return;
            }
            while (true) {
                if (value >= levelLowest) {
                    level *= 2;
                    levelLowest = lowestEquivalent(level);
                    break;
                }
                index++;
                if (index >= counts.length) {
                    break;
                }
                cumulative += counts[index];
                value = valueAtIndex(index);
                highest = highestEquivalent(value);
            }
            if (cumulative > previous) {
                out.point(highest / 1000, cumulative);
            }
            previous = cumulative;
            if (index >= counts.length) {
                return;
            }
        }
    }

    private static int bucketIndex(long value) {
        int pow2ceiling = 64 - Long.numberOfLeadingZeros(value | SUB_BUCKET_MASK);
        return pow2ceiling - (SUB_BUCKET_HALF_COUNT_MAGNITUDE + 1);
    }

    private static int countsIndex(long value) {
        int bucket = bucketIndex(value);
        int subBucket = (int) (value >>> bucket);
        int bucketBase = (bucket + 1) << SUB_BUCKET_HALF_COUNT_MAGNITUDE;
        return bucketBase + subBucket - SUB_BUCKET_HALF_COUNT;
    }

    private static long valueAtIndex(int index) {
        int bucket = (index >> SUB_BUCKET_HALF_COUNT_MAGNITUDE) - 1;
        int subBucket = (index & (SUB_BUCKET_HALF_COUNT - 1)) + SUB_BUCKET_HALF_COUNT;
        if (bucket < 0) {
            subBucket -= SUB_BUCKET_HALF_COUNT;
            bucket = 0;
        }
        return (long) subBucket << bucket;
    }

    private static long lowestEquivalent(long value) {
        int bucket = bucketIndex(value);
        long subBucket = value >>> bucket;
        return subBucket << bucket;
    }

    private static long highestEquivalent(long value) {
        int bucket = bucketIndex(value);
        long subBucket = value >>> bucket;
        int adjusted = subBucket >= SUB_BUCKET_COUNT ? bucket + 1 : bucket;
        return lowestEquivalent(value) + (1L << adjusted) - 1;
    }
}
