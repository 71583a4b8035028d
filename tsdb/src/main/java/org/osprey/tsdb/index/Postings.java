package org.osprey.tsdb.index;

import java.util.Arrays;
import java.util.List;

/**
 * Set operations over sorted, duplicate-free series-ref arrays (postings lists). Each returns a
 * new exact-length array and never modifies its inputs. Thread-safe: stateless.
 */
public final class Postings {
    public static final long[] EMPTY = new long[0];

    private Postings() {
    }

    public static long[] intersect(long[] a, long[] b) {
        if (a.length == 0 || b.length == 0) {
            return EMPTY;
        }
        if (a.length > b.length) {
            long[] t = a;
            a = b;
            b = t;
        }
        long[] out = new long[a.length];
        int n = 0;
        int j = 0;
        // Gallop through the longer list: selective matchers make |a| << |b| the common case.
        for (int i = 0; i < a.length && j < b.length; i++) {
            long x = a[i];
            if (b[j] < x) {
                int step = 1;
                int lo = j;
                while (lo + step < b.length && b[lo + step] < x) {
                    lo += step;
                    step <<= 1;
                }
                int hi = Math.min(lo + step, b.length - 1);
                int k = Arrays.binarySearch(b, lo, hi + 1, x);
                j = k >= 0 ? k : -k - 1;
                if (j >= b.length) {
                    break;
                }
            }
            if (b[j] == x) {
                out[n++] = x;
                j++;
            }
        }
        return n == out.length ? out : Arrays.copyOf(out, n);
    }

    /** a minus b. */
    public static long[] subtract(long[] a, long[] b) {
        if (a.length == 0 || b.length == 0) {
            return a;
        }
        long[] out = new long[a.length];
        int n = 0;
        int j = 0;
        for (long x : a) {
            while (j < b.length && b[j] < x) {
                j++;
            }
            if (j < b.length && b[j] == x) {
                continue;
            }
            out[n++] = x;
        }
        return n == out.length ? out : Arrays.copyOf(out, n);
    }

    /** Union of any number of lists (k-way merge by pairwise halving). */
    public static long[] union(List<long[]> lists) {
        if (lists.isEmpty()) {
            return EMPTY;
        }
        long[][] level = lists.toArray(new long[0][]);
        int n = level.length;
        while (n > 1) {
            int m = 0;
            for (int i = 0; i < n; i += 2) {
                level[m++] = i + 1 < n ? union2(level[i], level[i + 1]) : level[i];
            }
            n = m;
        }
        return level[0];
    }

    static long[] union2(long[] a, long[] b) {
        if (a.length == 0) {
            return b;
        }
        if (b.length == 0) {
            return a;
        }
        long[] out = new long[a.length + b.length];
        int i = 0;
        int j = 0;
        int n = 0;
        while (i < a.length && j < b.length) {
            long x = a[i];
            long y = b[j];
            if (x < y) {
                out[n++] = x;
                i++;
            } else if (y < x) {
                out[n++] = y;
                j++;
            } else {
                out[n++] = x;
                i++;
                j++;
            }
        }
        while (i < a.length) {
            out[n++] = a[i++];
        }
        while (j < b.length) {
            out[n++] = b[j++];
        }
        return n == out.length ? out : Arrays.copyOf(out, n);
    }
}
