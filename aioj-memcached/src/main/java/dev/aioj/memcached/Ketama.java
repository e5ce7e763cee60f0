package dev.aioj.memcached;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * Consistent hashing exactly as libmemcached's weighted ketama
 * ({@code MEMCACHED_BEHAVIOR_KETAMA_WEIGHTED}, all weights 1): each server
 * puts 160 points on a ring of 2^32, four per MD5 digest of {@code
 * "<host>-<i>"} (or {@code "<host>:<port>-<i>"} when the port is not 11211),
 * i from 0 to 39; a key goes to the first point at or after the first four
 * bytes (little-endian) of its own MD5, wrapping round. The reference list in
 * the tests was computed by libmemcached itself.
 *
 * <p>Adding a server moves only about 1/n of the keys. A server marked down
 * keeps its points; its keys go to the next point of a live server, and come
 * back when it does.
 *
 * <p>Thread contract: immutable after construction; {@link #route} from any
 * thread.
 */
final class Ketama {

    /** libmemcached's MEMCACHED_POINTS_PER_SERVER_KETAMA. */
    static final int POINTS_PER_SERVER = 160;
    private static final int POINTS_PER_HASH = 4;

    private final long[] points;   // sorted ring positions, unsigned 32-bit values
    private final int[] owners;    // the server index of each point

    /** @param names each server's {@link Endpoint#ketamaName()}, in the order the client was given them */
    Ketama(List<String> names) {
        int n = names.size();
        long[] packed = new long[n * POINTS_PER_SERVER];
        int at = 0;
        MessageDigest md5 = md5();
        for (int server = 0; server < n; server++) {
            for (int i = 0; i < POINTS_PER_SERVER / POINTS_PER_HASH; i++) {
                byte[] digest = md5.digest((names.get(server) + "-" + i).getBytes(StandardCharsets.UTF_8));
                for (int h = 0; h < POINTS_PER_HASH; h++) {
                    // value above bit 31, owner below: one sort orders both, and the long stays positive
                    packed[at++] = (word(digest, h) << 31) | server;
                }
            }
        }
        Arrays.sort(packed); // equal values: lower server index first, as libmemcached's qsort comparator
        points = new long[packed.length];
        owners = new int[packed.length];
        for (int i = 0; i < packed.length; i++) {
            points[i] = packed[i] >>> 31;
            owners[i] = (int) (packed[i] & 0x7FFF_FFFF);
        }
    }

    /** The server of {@code key} when every server is up. */
    int serverOf(byte[] key) {
        return owners[pointOf(hash(key))];
    }

    /**
     * The server of {@code key} among those {@code up} accepts: the owner of
     * the key's point, else of the next point whose server is up. If none is
     * up, the key's own server.
     */
    int route(byte[] key, IntPredicate up) {
        int start = pointOf(hash(key));
        for (int i = 0, n = points.length; i < n; i++) {
            int owner = owners[(start + i) % n];
            if (up.test(owner)) {
                return owner;
            }
        }
        return owners[start];
    }

    /** libhashkit's MD5 key hash: the digest's first four bytes, little-endian. */
    static long hash(byte[] key) {
        return word(md5().digest(key), 0);
    }

    /** The first point at or after {@code hash}, wrapping to 0. */
    private int pointOf(long hash) {
        int lo = 0;
        int hi = points.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (points[mid] < hash) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo == points.length ? 0 : lo;
    }

    private static long word(byte[] d, int h) {
        int o = h * 4;
        return ((long) (d[o + 3] & 0xFF) << 24) | ((d[o + 2] & 0xFF) << 16) | ((d[o + 1] & 0xFF) << 8)
                | (d[o] & 0xFF);
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no MD5", e); // every JDK must have it
        }
    }
}
