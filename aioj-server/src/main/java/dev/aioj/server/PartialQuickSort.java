package dev.aioj.server;

import java.util.Comparator;

/**
 * Redis's pqsort.c: Bentley and McIlroy's quicksort that only finishes the
 * partitions overlapping a range of ranks. SORT ... BY ... LIMIT and GEOSEARCH
 * ... COUNT use it in Redis; it is not stable, so elements that compare equal
 * come out in the order this exact algorithm leaves them, and the port keeps
 * every comparison and swap of the original so that such ties are ordered as
 * Redis orders them.
 *
 * <p>Thread contract: pure, any thread (sorts the caller's array in place).
 */
final class PartialQuickSort {

    private PartialQuickSort() {}

    /** Sorts {@code a} so that ranks {@code lrange..rrange} (inclusive) hold what a full sort would put there. */
    static <T> void sort(T[] a, Comparator<? super T> cmp, int lrange, int rrange) {
        sort(a, 0, a.length, cmp, lrange, rrange);
    }

    private static <T> void sort(T[] a, int base, int n, Comparator<? super T> cmp, int lrange, int rrange) {
        while (true) {
            if (n < 7) {
                for (int pm = base + 1; pm < base + n; pm++) {
                    for (int pl = pm; pl > base && cmp.compare(a[pl - 1], a[pl]) > 0; pl--) {
                        swap(a, pl, pl - 1);
                    }
                }
                return;
            }
            int pm = base + n / 2;
            if (n > 7) {
                int pl = base;
                int pn = base + n - 1;
                if (n > 40) {
                    int d = n / 8;
                    pl = med3(a, pl, pl + d, pl + 2 * d, cmp);
                    pm = med3(a, pm - d, pm, pm + d, cmp);
                    pn = med3(a, pn - 2 * d, pn - d, pn, cmp);
                }
                pm = med3(a, pl, pm, pn, cmp);
            }
            swap(a, base, pm);
            int pa = base + 1;
            int pb = pa;
            int pc = base + n - 1;
            int pd = pc;
            while (true) {
                int r;
                while (pb <= pc && (r = cmp.compare(a[pb], a[base])) <= 0) {
                    if (r == 0) {
                        swap(a, pa, pb);
                        pa++;
                    }
                    pb++;
                }
                while (pb <= pc && (r = cmp.compare(a[pc], a[base])) >= 0) {
                    if (r == 0) {
                        swap(a, pc, pd);
                        pd--;
                    }
                    pc--;
                }
                if (pb > pc) {
                    break;
                }
                swap(a, pb, pc);
                pb++;
                pc--;
            }
            int pn = base + n;
            int r = Math.min(pa - base, pb - pa);
            vecswap(a, base, pb - r, r);
            r = Math.min(pd - pc, pn - pd - 1);
            vecswap(a, pb, pn - r, r);
            if ((r = pb - pa) > 1 && overlaps(base, base + r - 1, lrange, rrange)) {
                sort(a, base, r, cmp, lrange, rrange);
            }
            if ((r = pd - pc) > 1) {
                base = pn - r; // iterate rather than recurse, as the original
                n = r;
                if (overlaps(base, base + r - 1, lrange, rrange)) {
                    continue;
                }
            }
            return;
        }
    }

    /** Whether the partition [first, last] is not wholly before or wholly after the range. */
    private static boolean overlaps(int first, int last, int lrange, int rrange) {
        return !((lrange < first && rrange < first) || (lrange > last && rrange > last));
    }

    private static <T> int med3(T[] a, int i, int j, int k, Comparator<? super T> cmp) {
        return cmp.compare(a[i], a[j]) < 0
                ? (cmp.compare(a[j], a[k]) < 0 ? j : (cmp.compare(a[i], a[k]) < 0 ? k : i))
                : (cmp.compare(a[j], a[k]) > 0 ? j : (cmp.compare(a[i], a[k]) < 0 ? i : k));
    }

    private static <T> void swap(T[] a, int i, int j) {
        T t = a[i];
        a[i] = a[j];
        a[j] = t;
    }

    private static <T> void vecswap(T[] a, int i, int j, int n) {
        for (int k = 0; k < n; k++) {
            swap(a, i + k, j + k);
        }
    }
}
