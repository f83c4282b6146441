package dev.golink.zlib;

/**
 * The LZ77 matcher of Go's compress/flate at BestSpeed: one hash table of the
 * last position of each 4-byte prefix, skipping faster through data that does
 * not match, and matching into the previous block too. Reproduced exactly,
 * because the tokens decide the compressed bytes.
 */
final class DeflateFast {

    static final int MAX_STORE_BLOCK_SIZE = 65535;
    private static final int TABLE_BITS = 14;
    private static final int TABLE_SIZE = 1 << TABLE_BITS;
    private static final int TABLE_MASK = TABLE_SIZE - 1;
    private static final int TABLE_SHIFT = 32 - TABLE_BITS;
    private static final int BUFFER_RESET = Integer.MAX_VALUE - MAX_STORE_BLOCK_SIZE * 2;
    private static final int INPUT_MARGIN = 16 - 1;
    private static final int MIN_NON_LITERAL_BLOCK_SIZE = 1 + 1 + INPUT_MARGIN;

    /** Per entry: the 4 bytes seen there, and their position plus {@link #cur}. */
    private final int[] tableVal = new int[TABLE_SIZE];
    private final int[] tableOffset = new int[TABLE_SIZE];
    private final byte[] prev = new byte[MAX_STORE_BLOCK_SIZE];
    private int prevLen;
    private int cur = MAX_STORE_BLOCK_SIZE;

    private static int load32(byte[] b, int i) {
        return (b[i] & 0xff) | (b[i + 1] & 0xff) << 8 | (b[i + 2] & 0xff) << 16 | (b[i + 3] & 0xff) << 24;
    }

    private static long load64(byte[] b, int i) {
        return (load32(b, i) & 0xffffffffL) | (long) load32(b, i + 4) << 32;
    }

    private static int hash(int u) {
        return (u * 0x1e35a7bd) >>> TABLE_SHIFT;
    }

    /** Appends the tokens of {@code src[0, len)} to {@code dst}; returns the new token count. */
    int encode(TokenList dst, byte[] src, int len) {
        if (cur >= BUFFER_RESET) {
            shiftOffsets();
        }
        if (len < MIN_NON_LITERAL_BLOCK_SIZE) {
            cur += MAX_STORE_BLOCK_SIZE;
            prevLen = 0;
            emitLiterals(dst, src, 0, len);
            return dst.size;
        }
        int sLimit = len - INPUT_MARGIN;
        int nextEmit = 0;
        int s = 0;
        int cv = load32(src, s);
        int nextHash = hash(cv);

        outer:
        for (;;) {
            int skip = 32;
            int nextS = s;
            int candVal;
            int candOffset;
            for (;;) {
                s = nextS;
                int bytesBetweenHashLookups = skip >> 5;
                nextS = s + bytesBetweenHashLookups;
                skip += bytesBetweenHashLookups;
                if (nextS > sLimit) {
                    break outer;
                }
                int h = nextHash & TABLE_MASK;
                candVal = tableVal[h];
                candOffset = tableOffset[h];
                int now = load32(src, nextS);
                tableVal[h] = cv;
                tableOffset[h] = s + cur;
                nextHash = hash(now);
                int offset = s - (candOffset - cur);
                if (offset > MAX_MATCH_OFFSET || cv != candVal) {
                    cv = now;
                    continue;
                }
                break;
            }
            emitLiterals(dst, src, nextEmit, s);
            for (;;) {
                s += 4;
                int t = candOffset - cur + 4;
                int l = matchLen(s, t, src, len);
                dst.add(Tokens.match(l + 4 - Tokens.BASE_MATCH_LENGTH, s - t - Tokens.BASE_MATCH_OFFSET));
                s += l;
                nextEmit = s;
                if (s >= sLimit) {
                    break outer;
                }
                long x = load64(src, s - 1);
                int prevHash = hash((int) x) & TABLE_MASK;
                tableVal[prevHash] = (int) x;
                tableOffset[prevHash] = cur + s - 1;
                x >>>= 8;
                int currHash = hash((int) x) & TABLE_MASK;
                candVal = tableVal[currHash];
                candOffset = tableOffset[currHash];
                tableVal[currHash] = (int) x;
                tableOffset[currHash] = cur + s;
                int offset = s - (candOffset - cur);
                if (offset > MAX_MATCH_OFFSET || (int) x != candVal) {
                    cv = (int) (x >>> 8);
                    nextHash = hash(cv);
                    s++;
                    break;
                }
            }
        }
        if (nextEmit < len) {
            emitLiterals(dst, src, nextEmit, len);
        }
        cur += len;
        System.arraycopy(src, 0, prev, 0, len);
        prevLen = len;
        return dst.size;
    }

    private static final int MAX_MATCH_OFFSET = Tokens.MAX_MATCH_OFFSET;

    private static void emitLiterals(TokenList dst, byte[] src, int from, int to) {
        for (int i = from; i < to; i++) {
            dst.add(Tokens.literal(src[i] & 0xff));
        }
    }

    /** Length of the match at {@code s} with {@code t} (negative: into the previous block), at most 254. */
    private int matchLen(int s, int t, byte[] src, int len) {
        int s1 = Math.min(s + Tokens.MAX_MATCH_LENGTH - 4, len);
        if (t >= 0) {
            int n = s1 - s;
            for (int i = 0; i < n; i++) {
                if (src[s + i] != src[t + i]) {
                    return i;
                }
            }
            return n;
        }
        int tp = prevLen + t;
        if (tp < 0) {
            return 0;
        }
        int n = Math.min(s1 - s, prevLen - tp);
        for (int i = 0; i < n; i++) {
            if (src[s + i] != prev[tp + i]) {
                return i;
            }
        }
        if (s + n == s1) {
            return n;
        }
        // The match runs on from the end of the previous block into the start of this one.
        int m = s1 - (s + n);
        for (int i = 0; i < m; i++) {
            if (src[s + n + i] != src[i]) {
                return i + n;
            }
        }
        return m + n;
    }

    /** Forgets the previous block, as after a block written without matching. */
    void reset() {
        prevLen = 0;
        cur += MAX_MATCH_OFFSET;
        if (cur >= BUFFER_RESET) {
            shiftOffsets();
        }
    }

    /** Rebases table offsets before {@link #cur} could overflow. */
    private void shiftOffsets() {
        if (prevLen == 0) {
            java.util.Arrays.fill(tableVal, 0);
            java.util.Arrays.fill(tableOffset, 0);
            cur = MAX_MATCH_OFFSET + 1;
            return;
        }
        for (int i = 0; i < TABLE_SIZE; i++) {
            int v = tableOffset[i] - cur + MAX_MATCH_OFFSET + 1;
            tableOffset[i] = Math.max(v, 0);
        }
        cur = MAX_MATCH_OFFSET + 1;
    }

    /** A growable list of tokens, reused from block to block. */
    static final class TokenList {
        int[] tokens = new int[MAX_STORE_BLOCK_SIZE + 1];
        int size;

        void add(int t) {
            if (size == tokens.length) {
                tokens = java.util.Arrays.copyOf(tokens, size * 2);
            }
            tokens[size++] = t;
        }

        void clear() {
            size = 0;
        }
    }
}
