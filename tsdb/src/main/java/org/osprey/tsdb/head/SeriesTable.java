package org.osprey.tsdb.head;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Consumer;
import java.util.function.LongFunction;
import org.osprey.model.labels.Labels;

/**
 * The head's series table: labels → series in lock stripes chosen by the labels' hash (equal
 * hashes with different labels are told apart by {@code equals}), and ref → series in pages of a
 * lock-free array, so the append hot path finds a series by ref without hashing. Thread-safe:
 * each stripe has its own lock; ref pages are atomic arrays.
 */
final class SeriesTable {
    private static final int STRIPE_BITS = 10;
    private static final int STRIPES = 1 << STRIPE_BITS;
    private static final int PAGE_BITS = 12;
    private static final int PAGE = 1 << PAGE_BITS;

    private final Stripe[] stripes = new Stripe[STRIPES];
    private volatile AtomicReferenceArray<AtomicReferenceArray<MemSeries>> pages = new AtomicReferenceArray<>(64);
    private final Object pagesLock = new Object();

    SeriesTable() {
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new Stripe();
        }
    }

    private static final class Stripe {
        final HashMap<Labels, MemSeries> byLabels = new HashMap<>();
    }

    private Stripe stripe(Labels labels) {
        // Take the stripe from the top bits of a multiplicative mix: the HashMap inside a stripe
        // indexes by the low bits, and using those here too would put a stripe's keys in one bucket.
        return stripes[(labels.hashCode() * 0x9E3779B9) >>> (32 - STRIPE_BITS)];
    }

    MemSeries get(Labels labels) {
        Stripe s = stripe(labels);
        synchronized (s) {
            return s.byLabels.get(labels);
        }
    }

    /** Returns the existing series or creates one with {@code newRef.apply(...)}; created ones go through {@code onCreate} under the stripe lock. */
    MemSeries getOrCreate(Labels labels, LongFunction<MemSeries> factory, java.util.function.LongSupplier refs, Consumer<MemSeries> onCreate) {
        Stripe s = stripe(labels);
        synchronized (s) {
            MemSeries m = s.byLabels.get(labels);
            if (m != null) {
                return m;
            }
            m = factory.apply(refs.getAsLong());
            putRef(m);
            s.byLabels.put(labels, m);
            onCreate.accept(m);
            return m;
        }
    }

    MemSeries byRef(long ref) {
        if (ref <= 0) {
            return null;
        }
        long p = ref >>> PAGE_BITS;
        AtomicReferenceArray<AtomicReferenceArray<MemSeries>> ps = pages;
        if (p >= ps.length()) {
            return null;
        }
        AtomicReferenceArray<MemSeries> page = ps.get((int) p);
        return page == null ? null : page.get((int) (ref & (PAGE - 1)));
    }

    private void putRef(MemSeries m) {
        long p = m.ref >>> PAGE_BITS;
        if (p > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("series ref space exhausted");
        }
        AtomicReferenceArray<MemSeries> page;
        synchronized (pagesLock) {
            AtomicReferenceArray<AtomicReferenceArray<MemSeries>> ps = pages;
            if (p >= ps.length()) {
                AtomicReferenceArray<AtomicReferenceArray<MemSeries>> bigger = new AtomicReferenceArray<>((int) Math.max(p + 1, ps.length() * 2L));
                for (int i = 0; i < ps.length(); i++) {
                    bigger.set(i, ps.get(i));
                }
                pages = bigger;
                ps = bigger;
            }
            page = ps.get((int) p);
            if (page == null) {
                page = new AtomicReferenceArray<>(PAGE);
                ps.set((int) p, page);
            }
        }
        page.set((int) (m.ref & (PAGE - 1)), m);
    }

    /** Removes series for which the predicate says so, stripe by stripe; returns those removed. */
    List<MemSeries> removeIf(java.util.function.Predicate<MemSeries> gone) {
        List<MemSeries> removed = new ArrayList<>();
        for (Stripe s : stripes) {
            synchronized (s) {
                var it = s.byLabels.values().iterator();
                while (it.hasNext()) {
                    MemSeries m = it.next();
                    if (gone.test(m)) {
                        it.remove();
                        AtomicReferenceArray<MemSeries> page = pages.get((int) (m.ref >>> PAGE_BITS));
                        page.compareAndSet((int) (m.ref & (PAGE - 1)), m, null);
                        removed.add(m);
                    }
                }
            }
        }
        return removed;
    }

    void forEach(Consumer<MemSeries> action) {
        for (Stripe s : stripes) {
            List<MemSeries> copy;
            synchronized (s) {
                copy = new ArrayList<>(s.byLabels.values());
            }
            copy.forEach(action);
        }
    }
}
