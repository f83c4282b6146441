package dev.golink.loader;

/**
 * A map from symbol names to global symbol indices without boxing: open
 * addressing with linear probing over parallel arrays. Absent keys read as 0,
 * the nil symbol, so values must be positive. Each slot keeps its key's mixed
 * hash, so that probing past other keys does not touch their strings.
 */
final class StringIntMap {

    private String[] keys;
    private int[] hashes;
    private int[] values;
    private int size;
    private int mask;

    StringIntMap(int expected) {
        int cap = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1;
        keys = new String[cap];
        hashes = new int[cap];
        values = new int[cap];
        mask = cap - 1;
    }

    private static int mix(int h) {
        // Spread String.hashCode's low bits, which cluster for similar names.
        h *= 0x9E3779B9;
        return h ^ (h >>> 16);
    }

    /** The value of {@code key}, or 0. */
    int get(String key) {
        int h = mix(key.hashCode());
        for (int i = h & mask;; i = (i + 1) & mask) {
            int v = values[i];
            if (v == 0 || (hashes[i] == h && keys[i].equals(key))) {
                return v;
            }
        }
    }

    void put(String key, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException("symbol index must be positive: " + value);
        }
        int h = mix(key.hashCode());
        int i = h & mask;
        for (; values[i] != 0; i = (i + 1) & mask) {
            if (hashes[i] == h && keys[i].equals(key)) {
                values[i] = value;
                return;
            }
        }
        keys[i] = key;
        hashes[i] = h;
        values[i] = value;
        if (++size * 2 > keys.length) {
            grow();
        }
    }

    int size() {
        return size;
    }

    private void grow() {
        String[] oldKeys = keys;
        int[] oldHashes = hashes;
        int[] oldValues = values;
        int cap = oldKeys.length * 2;
        keys = new String[cap];
        hashes = new int[cap];
        values = new int[cap];
        mask = cap - 1;
        for (int j = 0; j < oldKeys.length; j++) {
            if (oldValues[j] != 0) {
                int i = oldHashes[j] & mask;
                while (values[i] != 0) {
                    i = (i + 1) & mask;
                }
                keys[i] = oldKeys[j];
                hashes[i] = oldHashes[j];
                values[i] = oldValues[j];
            }
        }
    }
}
