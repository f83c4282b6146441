package dev.golink.loader;

import dev.golink.GoString;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A map from symbol names, as the objects store them (bytes), to global symbol indices. The
 * loader looks up every name of every object here, so a lookup reads the name where it lies in
 * the object: it hashes the bytes eight at a time and compares them with the stored key only
 * when the hashes match, and no Java string is made for a name nobody asks for (the linker
 * decodes names on demand, see {@link Loader#symName}). Keys are copied into byte chunks that
 * are never copied again as the table grows (a large program's names are megabytes);
 * open addressing with linear probing. Absent keys read as 0, the nil symbol, so values must be
 * positive.
 */
final class NameTable {

    /** Bits of a key's place for its offset in its chunk; the bits above are the chunk's index. */
    private static final int CHUNK_BITS = 20;
    private static final int CHUNK = 1 << CHUNK_BITS;

    /** The keys' bytes: full chunks, then the one being filled ({@code chunks[last]}). */
    private byte[][] chunks = {new byte[1 << 16]};
    /** Each chunk, for reading eight bytes at a time. */
    private ByteBuffer[] views = {view(chunks[0])};
    private int last;
    private int used;
    /** Per slot: the key's hash (high half) and the value (low half); 0 when empty. */
    private long[] slots;
    /**
     * Per slot: where the key's bytes lie (high half: chunk and offset, see {@link #CHUNK_BITS})
     * and their length (low half).
     */
    private long[] keys;
    private int size;
    private int mask;

    NameTable(int expected) {
        int cap = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1;
        slots = new long[cap];
        keys = new long[cap];
        mask = cap - 1;
    }

    private static ByteBuffer view(byte[] b) {
        return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** The hash of the {@code len} bytes at {@code off} of {@code b} (little-endian). */
    static int hash(ByteBuffer b, int off, int len) {
        long h = 0x9E3779B97F4A7C15L ^ len;
        int i = 0;
        for (; i + 8 <= len; i += 8) {
            h = Long.rotateLeft(h ^ (b.getLong(off + i) * 0xC2B2AE3D27D4EB4FL), 31) * 0x9E3779B185EBCA87L;
        }
        long tail = 0;
        for (int k = len - 1; k >= i; k--) {
            tail = tail << 8 | (b.get(off + k) & 0xff);
        }
        h ^= tail * 0x165667B19E3779F9L;
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        return (int) h;
    }

    /** The value of the name of {@code len} bytes at {@code off} of {@code b}, whose {@link #hash} is {@code h}; or 0. */
    int get(ByteBuffer b, int off, int len, int h) {
        for (int i = h & mask;; i = (i + 1) & mask) {
            long s = slots[i];
            if (s == 0) {
                return 0;
            }
            if ((int) (s >>> 32) == h && keyEquals(keys[i], b, off, len)) {
                return (int) s;
            }
        }
    }

    /** The value of {@code name}, or 0. */
    int get(String name) {
        ByteBuffer b = view(GoString.encode(name));
        return get(b, 0, b.limit(), hash(b, 0, b.limit()));
    }

    /** Sets the value of the name of {@code len} bytes at {@code off} of {@code b}, whose {@link #hash} is {@code h}. */
    void put(ByteBuffer b, int off, int len, int h, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException("symbol index must be positive: " + value);
        }
        int i = h & mask;
        for (long s; (s = slots[i]) != 0; i = (i + 1) & mask) {
            if ((int) (s >>> 32) == h && keyEquals(keys[i], b, off, len)) {
                slots[i] = slot(h, value);
                return;
            }
        }
        if (used > chunks[last].length - len) {
            newChunk(len);
        }
        b.get(off, chunks[last], used, len);
        keys[i] = (long) (last << CHUNK_BITS | used) << 32 | len;
        used += len;
        slots[i] = slot(h, value);
        if (++size * 2 > slots.length) {
            grow();
        }
    }

    void put(String name, int value) {
        ByteBuffer b = view(GoString.encode(name));
        put(b, 0, b.limit(), hash(b, 0, b.limit()), value);
    }

    int size() {
        return size;
    }

    private static long slot(int hash, int value) {
        return ((long) hash << 32) | (value & 0xFFFFFFFFL);
    }

    private boolean keyEquals(long key, ByteBuffer b, int off, int len) {
        if ((int) key != len) {
            return false;
        }
        int place = (int) (key >>> 32);
        ByteBuffer view = views[place >>> CHUNK_BITS];
        int pos = place & (CHUNK - 1);
        int i = 0;
        for (; i + 8 <= len; i += 8) {
            if (view.getLong(pos + i) != b.getLong(off + i)) {
                return false;
            }
        }
        for (; i < len; i++) {
            if (view.get(pos + i) != b.get(off + i)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Starts the next chunk, with room for a key of {@code len} bytes: the first chunks grow
     * from 64 KiB (a small link stays small), then each is {@link #CHUNK} bytes, or one key longer.
     */
    private void newChunk(int len) {
        int size = Math.max(len, Math.min(CHUNK, chunks[last].length * 2));
        if (last + 1 == chunks.length) {
            chunks = java.util.Arrays.copyOf(chunks, chunks.length * 2);
            views = java.util.Arrays.copyOf(views, views.length * 2);
        }
        last++;
        chunks[last] = new byte[size];
        views[last] = view(chunks[last]);
        used = 0;
    }

    private void grow() {
        long[] oldSlots = slots;
        long[] oldKeys = keys;
        int cap = oldSlots.length * 2;
        slots = new long[cap];
        keys = new long[cap];
        mask = cap - 1;
        for (int j = 0; j < oldSlots.length; j++) {
            long s = oldSlots[j];
            if (s != 0) {
                int i = (int) (s >>> 32) & mask;
                while (slots[i] != 0) {
                    i = (i + 1) & mask;
                }
                slots[i] = s;
                keys[i] = oldKeys[j];
            }
        }
    }
}
