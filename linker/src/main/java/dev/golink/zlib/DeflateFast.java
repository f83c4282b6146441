package dev.golink.zlib;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

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
    private static final int MAX_MATCH_OFFSET = Tokens.MAX_MATCH_OFFSET;

    private static final VarHandle INT_LE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    /**
     * Per entry, in one long so that a probe touches one cache line: the 4 bytes
     * seen there (low half) and their position plus {@link #cur} (high half).
     */
    private final long[] table = new long[TABLE_SIZE];
    private final byte[] prev = new byte[MAX_STORE_BLOCK_SIZE];
    private int prevLen;
    private int cur = MAX_STORE_BLOCK_SIZE;

    private static int load32(byte[] b, int i) {
        return (int) INT_LE.get(b, i);
    }

    private static long load64(byte[] b, int i) {
        return (long) LONG_LE.get(b, i);
    }

    private static int hash(int u) {
        return (u * 0x1e35a7bd) >>> TABLE_SHIFT;
    }

    private static long entry(int val, int offset) {
        return (long) offset << 32 | (val & 0xffffffffL);
    }

    /**
     * Appends the tokens of {@code src[off, off + len)} to {@code dst}, counting
     * their symbols. Positions in tokens and the table count from {@code off}.
     */
    void encode(TokenList dst, byte[] src, int off, int len) {
        if (cur >= BUFFER_RESET) {
            shiftOffsets();
        }
        // Every token takes at least one byte, so a block's tokens fit without growing.
        int[] tok = dst.tokens;
        int[] litFreq = dst.literalFreq;
        int[] offFreq = dst.offsetFreq;
        int n = dst.size;
        if (len < MIN_NON_LITERAL_BLOCK_SIZE) {
            cur += MAX_STORE_BLOCK_SIZE;
            prevLen = 0;
            dst.size = emitLiterals(tok, n, litFreq, src, off, off + len);
            return;
        }
        final long[] table = this.table;
        final int cur = this.cur;
        // From here on, s and t index src directly; table offsets are still relative to off.
        int base = cur - off;
        int sLimit = off + len - INPUT_MARGIN;
        int end = off + len;
        int nextEmit = off;
        int s = off;
        int cv = load32(src, s);
        int nextHash = hash(cv);

        outer:
        for (;;) {
            int skip = 32;
            int nextS = s;
            long cand;
            for (;;) {
                s = nextS;
                int bytesBetweenHashLookups = skip >> 5;
                nextS = s + bytesBetweenHashLookups;
                skip += bytesBetweenHashLookups;
                if (nextS > sLimit) {
                    break outer;
                }
                int h = nextHash & TABLE_MASK;
                cand = table[h];
                int now = load32(src, nextS);
                table[h] = entry(cv, s + base);
                nextHash = hash(now);
                if (s - ((int) (cand >>> 32) - base) > MAX_MATCH_OFFSET || cv != (int) cand) {
                    cv = now;
                    continue;
                }
                break;
            }
            n = emitLiterals(tok, n, litFreq, src, nextEmit, s);
            for (;;) {
                s += 4;
                int t = (int) (cand >>> 32) - base + 4;
                int l = matchLen(s, t, src, off, end);
                int xlength = l + 4 - Tokens.BASE_MATCH_LENGTH;
                int xoffset = s - t - Tokens.BASE_MATCH_OFFSET;
                int token = Tokens.match(xlength, xoffset);
                tok[n++] = token;
                litFreq[Tokens.LENGTH_CODES_START + Tokens.lengthCode(xlength)]++;
                offFreq[Tokens.offsetCodeOf(token)]++;
                s += l;
                nextEmit = s;
                if (s >= sLimit) {
                    break outer;
                }
                long x = load64(src, s - 1);
                table[hash((int) x) & TABLE_MASK] = entry((int) x, base + s - 1);
                x >>>= 8;
                int currHash = hash((int) x) & TABLE_MASK;
                cand = table[currHash];
                table[currHash] = entry((int) x, base + s);
                if (s - ((int) (cand >>> 32) - base) > MAX_MATCH_OFFSET || (int) x != (int) cand) {
                    cv = (int) (x >>> 8);
                    nextHash = hash(cv);
                    s++;
                    break;
                }
            }
        }
        if (nextEmit < end) {
            n = emitLiterals(tok, n, litFreq, src, nextEmit, end);
        }
        dst.size = n;
        this.cur = cur + len;
        System.arraycopy(src, off, prev, 0, len);
        prevLen = len;
    }

    private static int emitLiterals(int[] tok, int n, int[] litFreq, byte[] src, int from, int to) {
        for (int i = from; i < to; i++) {
            int b = src[i] & 0xff;
            tok[n++] = Tokens.literal(b);
            litFreq[b]++;
        }
        return n;
    }

    /**
     * Length of the match at {@code s} with {@code t}, at most 254 and not past
     * {@code end}. A {@code t} before {@code off} lies in the previous block.
     */
    private int matchLen(int s, int t, byte[] src, int off, int end) {
        int s1 = Math.min(s + Tokens.MAX_MATCH_LENGTH - 4, end);
        if (t >= off) {
            return commonPrefix(src, s, src, t, s1 - s);
        }
        int tp = prevLen + (t - off);
        if (tp < 0) {
            return 0;
        }
        int n = Math.min(s1 - s, prevLen - tp);
        int k = commonPrefix(src, s, prev, tp, n);
        if (k < n || s + n == s1) {
            return k;
        }
        // The match runs on from the end of the previous block into the start of this one.
        return n + commonPrefix(src, s + n, src, off, s1 - (s + n));
    }

    /** How many of the {@code n} bytes at {@code a[i]} and {@code b[j]} are equal before the first difference. */
    private static int commonPrefix(byte[] a, int i, byte[] b, int j, int n) {
        int k = 0;
        for (; k <= n - 8; k += 8) {
            long x = load64(a, i + k) ^ load64(b, j + k);
            if (x != 0) {
                return k + (Long.numberOfTrailingZeros(x) >>> 3);
            }
        }
        for (; k < n; k++) {
            if (a[i + k] != b[j + k]) {
                return k;
            }
        }
        return n;
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
            Arrays.fill(table, 0);
            cur = MAX_MATCH_OFFSET + 1;
            return;
        }
        for (int i = 0; i < TABLE_SIZE; i++) {
            int v = (int) (table[i] >>> 32) - cur + MAX_MATCH_OFFSET + 1;
            table[i] = entry((int) table[i], Math.max(v, 0));
        }
        cur = MAX_MATCH_OFFSET + 1;
    }

    /**
     * The tokens of one block, reused from block to block, and how often each
     * literal/length and distance symbol occurs in them: counted while matching,
     * which saves the block writer a pass over the tokens.
     */
    static final class TokenList {
        /** Room for a full block's tokens and the end-of-block marker. */
        final int[] tokens = new int[MAX_STORE_BLOCK_SIZE + 1];
        final int[] literalFreq = new int[Tokens.LENGTH_CODES_START + Tokens.LENGTH_EXTRA_BITS.length];
        final int[] offsetFreq = new int[Tokens.OFFSET_EXTRA_BITS.length];
        int size;

        /** Appends a literal (or the end-of-block marker). */
        void addLiteral(int t) {
            tokens[size++] = Tokens.literal(t);
            literalFreq[t]++;
        }

        void clear() {
            size = 0;
            Arrays.fill(literalFreq, 0);
            Arrays.fill(offsetFreq, 0);
        }
    }
}
