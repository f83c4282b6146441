package dev.golink.zlib;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Writes DEFLATE blocks (RFC 1951) the way Go's compress/flate chooses them:
 * dynamic Huffman blocks, Huffman-only blocks, or stored blocks when coding does
 * not pay, with the same size estimates and thresholds. Bits go out LSB first.
 */
final class HuffmanBitWriter {

    private static final int MAX_NUM_LIT = 286;
    private static final int OFFSET_CODE_COUNT = 30;
    private static final int CODEGEN_CODE_COUNT = 19;
    private static final int BAD_CODE = 255;
    private static final int[] CODEGEN_ORDER = {16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15};

    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final ByteSink out;
    /** Pending bits, fewer than 48 between calls. */
    private long bits;
    private int nbits;

    private final int[] codegenFreq = new int[CODEGEN_CODE_COUNT];
    private final int[] literalFreq = new int[MAX_NUM_LIT];
    private final int[] offsetFreq = new int[OFFSET_CODE_COUNT];
    private final int[] codegen = new int[MAX_NUM_LIT + OFFSET_CODE_COUNT + 1];
    private final HuffmanEncoder literalEncoding = new HuffmanEncoder(MAX_NUM_LIT);
    private final HuffmanEncoder offsetEncoding = new HuffmanEncoder(OFFSET_CODE_COUNT);
    private final HuffmanEncoder codegenEncoding = new HuffmanEncoder(CODEGEN_CODE_COUNT);
    /** The offset code Huffman-only blocks declare: one used distance code. */
    private final HuffmanEncoder huffOffset = new HuffmanEncoder(OFFSET_CODE_COUNT);
    /**
     * Per block, for writing, by token table index: the bits to write, and how
     * many at bit 24. A match length's entry holds its length code and extra bits.
     */
    private final int[] indexCodes = new int[Tokens.INDEX_COUNT];
    /**
     * Per block, by distance code: the code, its length at bit 16, and that plus
     * the extra bits' count at bit 24. The {@link Tokens#NO_OFFSET} slot and the one past it stay 0.
     */
    private final int[] offsetCodes = new int[32];
    private int numLiterals;
    private int numOffsets;
    private int numCodegens;

    HuffmanBitWriter(ByteSink out) {
        this.out = out;
        int[] freq = new int[OFFSET_CODE_COUNT];
        freq[0] = 1;
        huffOffset.generate(freq, 15);
    }

    /** Writes the pending bits, padded with zeros to a byte boundary. */
    void flush() {
        while (nbits > 0) {
            out.write((int) bits);
            bits >>>= 8;
            nbits = Math.max(0, nbits - 8);
        }
        bits = 0;
    }

    private void writeBits(int b, int nb) {
        bits |= (b & 0xffffffffL) << nbits;
        nbits += nb;
        // Six bytes at a time: at most 16 bits come in per call, so 64 bits never overflow.
        if (nbits >= 48) {
            out.ensure(6);
            LONG_LE.set(out.buf, out.len, bits);
            out.len += 6;
            bits >>>= 48;
            nbits -= 48;
        }
    }

    private void writeCode(HuffmanEncoder enc, int symbol) {
        writeBits(enc.code[symbol], enc.len[symbol]);
    }

    private void writeBytes(byte[] b, int off, int len) {
        if ((nbits & 7) != 0) {
            throw new IllegalStateException("writeBytes with unfinished bits");
        }
        flush();
        out.write(b, off, len);
    }

    /** The code lengths of both codes, run-length coded with the code-length alphabet. */
    private void generateCodegen(int numLiterals, int numOffsets, HuffmanEncoder litEnc, HuffmanEncoder offEnc) {
        Arrays.fill(codegenFreq, 0);
        for (int i = 0; i < numLiterals; i++) {
            codegen[i] = litEnc.len[i];
        }
        for (int i = 0; i < numOffsets; i++) {
            codegen[numLiterals + i] = offEnc.len[i];
        }
        codegen[numLiterals + numOffsets] = BAD_CODE;

        int size = codegen[0];
        int count = 1;
        int outIndex = 0;
        for (int inIndex = 1; size != BAD_CODE; inIndex++) {
            int nextSize = codegen[inIndex];
            if (nextSize == size) {
                count++;
                continue;
            }
            if (size != 0) {
                codegen[outIndex++] = size;
                codegenFreq[size]++;
                count--;
                while (count >= 3) {
                    int n = Math.min(6, count);
                    codegen[outIndex++] = 16;
                    codegen[outIndex++] = n - 3;
                    codegenFreq[16]++;
                    count -= n;
                }
            } else {
                while (count >= 11) {
                    int n = Math.min(138, count);
                    codegen[outIndex++] = 18;
                    codegen[outIndex++] = n - 11;
                    codegenFreq[18]++;
                    count -= n;
                }
                if (count >= 3) {
                    codegen[outIndex++] = 17;
                    codegen[outIndex++] = count - 3;
                    codegenFreq[17]++;
                    count = 0;
                }
            }
            count--;
            for (; count >= 0; count--) {
                codegen[outIndex++] = size;
                codegenFreq[size]++;
            }
            size = nextSize;
            count = 1;
        }
        codegen[outIndex] = BAD_CODE;
    }

    /** Bits of a dynamic block with these codes, leaving out extra bits; sets {@link #numCodegens}. */
    private int dynamicSize(HuffmanEncoder litEnc, HuffmanEncoder offEnc) {
        int n = codegenFreq.length;
        while (n > 4 && codegenFreq[CODEGEN_ORDER[n - 1]] == 0) {
            n--;
        }
        numCodegens = n;
        int header = 3 + 5 + 5 + 4 + 3 * n + codegenEncoding.bitLength(codegenFreq)
                + codegenFreq[16] * 2 + codegenFreq[17] * 3 + codegenFreq[18] * 7;
        return header + litEnc.bitLength(literalFreq) + offEnc.bitLength(offsetFreq);
    }

    /** Bits the extra bits of the counted lengths and distances take. */
    private int extraBits() {
        int n = 0;
        for (int i = 0; i < Tokens.LENGTH_EXTRA_BITS.length; i++) {
            n += literalFreq[Tokens.LENGTH_CODES_START + i] * Tokens.LENGTH_EXTRA_BITS[i];
        }
        for (int i = 0; i < OFFSET_CODE_COUNT; i++) {
            n += offsetFreq[i] * Tokens.OFFSET_EXTRA_BITS[i];
        }
        return n;
    }

    private static int storedSize(int len) {
        return len <= DeflateFast.MAX_STORE_BLOCK_SIZE ? (len + 5) * 8 : Integer.MAX_VALUE;
    }

    private void writeDynamicHeader(int numLiterals, int numOffsets, int numCodegens, boolean eof) {
        writeBits(eof ? 5 : 4, 3);
        writeBits(numLiterals - 257, 5);
        writeBits(numOffsets - 1, 5);
        writeBits(numCodegens - 4, 4);
        for (int i = 0; i < numCodegens; i++) {
            writeBits(codegenEncoding.len[CODEGEN_ORDER[i]], 3);
        }
        for (int i = 0;;) {
            int codeWord = codegen[i++];
            if (codeWord == BAD_CODE) {
                break;
            }
            writeCode(codegenEncoding, codeWord);
            switch (codeWord) {
                case 16 -> writeBits(codegen[i++], 2);
                case 17 -> writeBits(codegen[i++], 3);
                case 18 -> writeBits(codegen[i++], 7);
                default -> {
                }
            }
        }
    }

    void writeStoredHeader(int length, boolean eof) {
        writeBits(eof ? 1 : 0, 3);
        flush();
        writeBits(length, 16);
        writeBits(~length & 0xffff, 16);
    }

    void writeStoredBlock(byte[] input, int off, int len) {
        writeStoredHeader(len, false);
        writeBytes(input, off, len);
    }

    /** A block coded with a dynamic code built from its tokens, or stored if that does not pay. */
    void writeBlockDynamic(DeflateFast.TokenList tokens, byte[] input, int off, int len) {
        tokens.addLiteral(Tokens.END_BLOCK_MARKER);
        indexTokens(tokens);
        generateCodegen(numLiterals, numOffsets, literalEncoding, offsetEncoding);
        codegenEncoding.generate(codegenFreq, 7);
        int size = dynamicSize(literalEncoding, offsetEncoding);
        if (storedSize(len) < size + (size >> 4)) {
            writeStoredHeader(len, false);
            writeBytes(input, off, len);
            return;
        }
        out.ensure(((size + extraBits()) >> 3) + 16);
        packCodes();
        writeDynamicHeader(numLiterals, numOffsets, numCodegens, false);
        writeTokens(tokens);
    }

    /** Takes the symbol counts of the tokens, sets {@link #numLiterals} and {@link #numOffsets}, builds both codes. */
    private void indexTokens(DeflateFast.TokenList tokens) {
        System.arraycopy(tokens.literalFreq, 0, literalFreq, 0, MAX_NUM_LIT);
        System.arraycopy(tokens.offsetFreq, 0, offsetFreq, 0, OFFSET_CODE_COUNT);
        int nl = literalFreq.length;
        while (literalFreq[nl - 1] == 0) {
            nl--;
        }
        int no = offsetFreq.length;
        while (no > 0 && offsetFreq[no - 1] == 0) {
            no--;
        }
        if (no == 0) {
            // A dynamic block must declare at least one distance code.
            offsetFreq[0] = 1;
            no = 1;
        }
        numLiterals = nl;
        numOffsets = no;
        literalEncoding.generate(literalFreq, 15);
        offsetEncoding.generate(offsetFreq, 15);
    }

    /** Fills {@link #indexCodes} from the literal/length code. */
    private void packLiteralCodes() {
        int[] code = literalEncoding.code;
        int[] len = literalEncoding.len;
        for (int i = 0; i < Tokens.LENGTH_INDEX_START; i++) {
            indexCodes[i] = code[i] | len[i] << 24;
        }
    }

    /** Fills {@link #indexCodes} and {@link #offsetCodes} from the block's codes. */
    private void packCodes() {
        packLiteralCodes();
        for (int xlength = 0; xlength < 256; xlength++) {
            int lc = Tokens.lengthCode(xlength);
            int sym = Tokens.LENGTH_CODES_START + lc;
            int cl = literalEncoding.len[sym];
            indexCodes[Tokens.LENGTH_INDEX_START + xlength] = literalEncoding.code[sym]
                    | (xlength - Tokens.LENGTH_BASE[lc]) << cl | (cl + Tokens.LENGTH_EXTRA_BITS[lc]) << 24;
        }
        for (int oc = 0; oc < OFFSET_CODE_COUNT; oc++) {
            int cl = offsetEncoding.len[oc];
            offsetCodes[oc] = offsetEncoding.code[oc] | cl << 16 | (cl + Tokens.OFFSET_EXTRA_BITS[oc]) << 24;
        }
    }

    /**
     * Writes the tokens' codes, the same steps for literals and matches (a
     * literal's distance takes no bits), so there is no branch to mispredict.
     * Room is ensured by the caller, so bits go straight into the sink's array:
     * whole bytes are stored after each token, at most 55 bits being pending.
     */
    private void writeTokens(DeflateFast.TokenList tokens) {
        int[] index = indexCodes;
        int[] offs = offsetCodes;
        int[] tok = tokens.tokens;
        byte[] buf = out.buf;
        int pos = out.len;
        long bits = this.bits;
        int nbits = this.nbits;
        LONG_LE.set(buf, pos, bits);
        pos += nbits >>> 3;
        bits >>>= nbits & ~7;
        nbits &= 7;
        for (int i = 0, n = tokens.size; i < n; i++) {
            int t = tok[i];
            int c = index[t & Tokens.INDEX_MASK];
            bits |= (long) (c & 0xffffff) << nbits;
            nbits += c >>> 24;
            c = offs[Tokens.offsetCodeOf(t)];
            bits |= (long) (c & 0xffff | (t >>> Tokens.OFFSET_EXTRA_SHIFT) << (c >>> 16 & 0xff)) << nbits;
            nbits += c >>> 24;
            LONG_LE.set(buf, pos, bits);
            pos += nbits >>> 3;
            bits >>>= nbits & ~7;
            nbits &= 7;
        }
        out.len = pos;
        this.bits = bits;
        this.nbits = nbits;
    }

    /** A block of literals only, with a code built from its byte histogram, or stored if that does not pay. */
    void writeBlockHuff(byte[] input, int off, int len) {
        Arrays.fill(literalFreq, 0);
        for (int i = off, end = off + len; i < end; i++) {
            literalFreq[input[i] & 0xff]++;
        }
        literalFreq[Tokens.END_BLOCK_MARKER] = 1;
        int nl = Tokens.END_BLOCK_MARKER + 1;
        offsetFreq[0] = 1;
        literalEncoding.generate(literalFreq, 15);
        generateCodegen(nl, 1, literalEncoding, huffOffset);
        codegenEncoding.generate(codegenFreq, 7);
        int size = dynamicSize(literalEncoding, huffOffset);
        if (storedSize(len) < size + (size >> 4)) {
            writeStoredHeader(len, false);
            writeBytes(input, off, len);
            return;
        }
        out.ensure((size >> 3) + 16);
        writeDynamicHeader(nl, 1, numCodegens, false);
        packLiteralCodes();
        int[] lit = indexCodes;
        byte[] buf = out.buf;
        int pos = out.len;
        long bits = this.bits;
        int nbits = this.nbits;
        for (int i = off, end = off + len; i < end; i++) {
            int c = lit[input[i] & 0xff];
            bits |= (long) (c & 0xffffff) << nbits;
            nbits += c >>> 24;
            // At most 15 bits a byte: store six bytes whenever 48 bits are pending.
            if (nbits >= 48) {
                LONG_LE.set(buf, pos, bits);
                pos += 6;
                bits >>>= 48;
                nbits -= 48;
            }
        }
        out.len = pos;
        this.bits = bits;
        this.nbits = nbits;
        writeCode(literalEncoding, Tokens.END_BLOCK_MARKER);
    }
}
