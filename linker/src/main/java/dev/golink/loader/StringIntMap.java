package dev.golink.loader;

/**
 * A map from symbol names to global symbol indices without boxing: open
 * addressing with linear probing. Absent keys read as 0, the nil symbol, so
 * values must be positive. Each slot holds its key's mixed hash and its value in
 * one long, so that a probe reads one array element, and touches a key's string
 * only when the hashes match: the loader looks up every symbol name of every
 * object here, and a probe that costs one cache miss instead of three shows.
 */
final class StringIntMap {

    private String[] keys;
    /** Per slot: the key's mixed hash (high half) and the value (low half); 0 when empty. */
    private long[] slots;
    private int size;
    private int mask;

    StringIntMap(int expected) {
        int cap = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1;
        keys = new String[cap];
        slots = new long[cap];
        mask = cap - 1;
    }

    private static int mix(int h) {
        // Spread String.hashCode's low bits, which cluster for similar names.
        h *= 0x9E3779B9;
        return h ^ (h >>> 16);
    }

    private static long slot(int hash, int value) {
        return ((long) hash << 32) | (value & 0xFFFFFFFFL);
    }

    /** The value of {@code key}, or 0. */
    int get(String key) {
        int h = mix(key.hashCode());
        for (int i = h & mask;; i = (i + 1) & mask) {
            long s = slots[i];
            if (s == 0) {
                return 0;
            }
            if ((int) (s >>> 32) == h && keys[i].equals(key)) {
                return (int) s;
            }
        }
    }

    void put(String key, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException("symbol index must be positive: " + value);
        }
        int h = mix(key.hashCode());
        int i = h & mask;
        for (long s; (s = slots[i]) != 0; i = (i + 1) & mask) {
            if ((int) (s >>> 32) == h && keys[i].equals(key)) {
                slots[i] = slot(h, value);
                return;
            }
        }
        keys[i] = key;
        slots[i] = slot(h, value);
        if (++size * 2 > keys.length) {
            grow();
        }
    }

    int size() {
        return size;
    }

    private void grow() {
        String[] oldKeys = keys;
        long[] oldSlots = slots;
        int cap = oldKeys.length * 2;
        keys = new String[cap];
        slots = new long[cap];
        mask = cap - 1;
        for (int j = 0; j < oldKeys.length; j++) {
            long s = oldSlots[j];
            if (s != 0) {
                int i = (int) (s >>> 32) & mask;
                while (slots[i] != 0) {
                    i = (i + 1) & mask;
                }
                keys[i] = oldKeys[j];
                slots[i] = s;
            }
        }
    }
}
