package dev.golink.loader;

import java.util.Arrays;

/**
 * A map from symbol names to global symbol indices without boxing: open
 * addressing with linear probing over parallel arrays. Absent keys read as 0,
 * the nil symbol, so values must be positive.
 */
final class StringIntMap {

    private String[] keys;
    private int[] values;
    private int size;
    private int mask;

    StringIntMap(int expected) {
        int cap = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1;
        keys = new String[cap];
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
        int i = mix(key.hashCode()) & mask;
        String k;
        while ((k = keys[i]) != null) {
            if (k.equals(key)) {
                return values[i];
            }
            i = (i + 1) & mask;
        }
        return 0;
    }

    void put(String key, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException("symbol index must be positive: " + value);
        }
        int i = mix(key.hashCode()) & mask;
        String k;
        while ((k = keys[i]) != null) {
            if (k.equals(key)) {
                values[i] = value;
                return;
            }
            i = (i + 1) & mask;
        }
        keys[i] = key;
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
        int[] oldValues = values;
        keys = new String[oldKeys.length * 2];
        values = new int[oldKeys.length * 2];
        mask = keys.length - 1;
        for (int j = 0; j < oldKeys.length; j++) {
            String k = oldKeys[j];
            if (k != null) {
                int i = mix(k.hashCode()) & mask;
                while (keys[i] != null) {
                    i = (i + 1) & mask;
                }
                keys[i] = k;
                values[i] = oldValues[j];
            }
        }
        Arrays.fill(oldKeys, null);
    }
}
