package dev.golink.loader;

/**
 * A map from content hashes (up to 128 bits, as two longs) to global symbol
 * indices, without boxing: open addressing with linear probing over parallel
 * arrays. Absent keys read as 0, the nil symbol, so values must be positive.
 * A HashMap of records here cost a third of loadlib on cmd/go.
 */
final class HashIntMap {

    /** Per slot three longs, lo, hi and value, so that a probe reads one cache line. */
    private long[] table;
    private int size;
    private int mask;

    HashIntMap(int expected) {
        int cap = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1;
        table = new long[3 * cap];
        mask = cap - 1;
    }

    /**
     * MurmurHash3's fmix64 of both words: content hashes of short symbols are
     * their bytes, whose low bits alone crowd a few slots.
     */
    private static int slot(long l, long h, int mask) {
        long k = l ^ Long.rotateLeft(h, 32);
        k ^= k >>> 33;
        k *= 0xff51afd7ed558ccdL;
        k ^= k >>> 33;
        k *= 0xc4ceb9fe1a85ec53L;
        k ^= k >>> 33;
        return (int) k & mask;
    }

    /** The value of the key {@code (l, h)}, or 0. */
    int get(long l, long h) {
        long[] t = table;
        for (int i = slot(l, h, mask);; i = (i + 1) & mask) {
            int v = (int) t[3 * i + 2];
            if (v == 0 || (t[3 * i] == l && t[3 * i + 1] == h)) {
                return v;
            }
        }
    }

    /** Adds a key that is not in the map yet. */
    void putNew(long l, long h, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException("symbol index must be positive: " + value);
        }
        insert(table, mask, l, h, value);
        if (++size * 2 > mask + 1) {
            grow();
        }
    }

    private static void insert(long[] t, int mask, long l, long h, long value) {
        int i = slot(l, h, mask);
        while (t[3 * i + 2] != 0) {
            i = (i + 1) & mask;
        }
        t[3 * i] = l;
        t[3 * i + 1] = h;
        t[3 * i + 2] = value;
    }

    private void grow() {
        long[] old = table;
        mask = 2 * (mask + 1) - 1;
        table = new long[3 * (mask + 1)];
        for (int j = 0; j < old.length; j += 3) {
            if (old[j + 2] != 0) {
                insert(table, mask, old[j], old[j + 1], old[j + 2]);
            }
        }
    }
}
