package dev.golink.zlib;

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

    private final ByteSink out;
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
            out.writeLE(bits, 6);
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
        java.util.Arrays.fill(codegenFreq, 0);
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

    /** Bits of a dynamic block with these codes; {@code numCodegens} comes back in {@code numCodegensOut[0]}. */
    private int dynamicSize(HuffmanEncoder litEnc, HuffmanEncoder offEnc, int[] numCodegensOut) {
        int numCodegens = codegenFreq.length;
        while (numCodegens > 4 && codegenFreq[CODEGEN_ORDER[numCodegens - 1]] == 0) {
            numCodegens--;
        }
        int header = 3 + 5 + 5 + 4 + 3 * numCodegens + codegenEncoding.bitLength(codegenFreq)
                + codegenFreq[16] * 2 + codegenFreq[17] * 3 + codegenFreq[18] * 7;
        numCodegensOut[0] = numCodegens;
        return header + litEnc.bitLength(literalFreq) + offEnc.bitLength(offsetFreq);
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

    void writeStoredBlock(byte[] input, int len) {
        writeStoredHeader(len, false);
        writeBytes(input, 0, len);
    }

    /** A block coded with a dynamic code built from its tokens, or stored if that does not pay. */
    void writeBlockDynamic(DeflateFast.TokenList tokens, byte[] input, int inputLen) {
        tokens.add(Tokens.END_BLOCK_MARKER);
        int[] counts = indexTokens(tokens);
        int numLiterals = counts[0], numOffsets = counts[1];
        generateCodegen(numLiterals, numOffsets, literalEncoding, offsetEncoding);
        codegenEncoding.generate(codegenFreq, 7);
        int[] numCodegens = new int[1];
        int size = dynamicSize(literalEncoding, offsetEncoding, numCodegens);
        if (storedSize(inputLen) < size + (size >> 4)) {
            writeStoredHeader(inputLen, false);
            writeBytes(input, 0, inputLen);
            return;
        }
        writeDynamicHeader(numLiterals, numOffsets, numCodegens[0], false);
        writeTokens(tokens);
    }

    private int[] indexTokens(DeflateFast.TokenList tokens) {
        java.util.Arrays.fill(literalFreq, 0);
        java.util.Arrays.fill(offsetFreq, 0);
        for (int i = 0; i < tokens.size; i++) {
            int t = tokens.tokens[i];
            if (Tokens.isLiteral(t)) {
                literalFreq[t]++;
                continue;
            }
            literalFreq[Tokens.LENGTH_CODES_START + Tokens.lengthCode(Tokens.length(t))]++;
            offsetFreq[Tokens.offsetCode(Tokens.offset(t))]++;
        }
        int numLiterals = literalFreq.length;
        while (literalFreq[numLiterals - 1] == 0) {
            numLiterals--;
        }
        int numOffsets = offsetFreq.length;
        while (numOffsets > 0 && offsetFreq[numOffsets - 1] == 0) {
            numOffsets--;
        }
        if (numOffsets == 0) {
            // A dynamic block must declare at least one distance code.
            offsetFreq[0] = 1;
            numOffsets = 1;
        }
        literalEncoding.generate(literalFreq, 15);
        offsetEncoding.generate(offsetFreq, 15);
        return new int[] {numLiterals, numOffsets};
    }

    private void writeTokens(DeflateFast.TokenList tokens) {
        for (int i = 0; i < tokens.size; i++) {
            int t = tokens.tokens[i];
            if (Tokens.isLiteral(t)) {
                writeCode(literalEncoding, t);
                continue;
            }
            int length = Tokens.length(t);
            int lengthCode = Tokens.lengthCode(length);
            writeCode(literalEncoding, lengthCode + Tokens.LENGTH_CODES_START);
            int extraLengthBits = Tokens.LENGTH_EXTRA_BITS[lengthCode];
            if (extraLengthBits > 0) {
                writeBits(length - Tokens.LENGTH_BASE[lengthCode], extraLengthBits);
            }
            int offset = Tokens.offset(t);
            int offsetCode = Tokens.offsetCode(offset);
            writeCode(offsetEncoding, offsetCode);
            int extraOffsetBits = Tokens.OFFSET_EXTRA_BITS[offsetCode];
            if (extraOffsetBits > 0) {
                writeBits(offset - Tokens.OFFSET_BASE[offsetCode], extraOffsetBits);
            }
        }
    }

    /** A block of literals only, with a code built from its byte histogram, or stored if that does not pay. */
    void writeBlockHuff(byte[] input, int len) {
        java.util.Arrays.fill(literalFreq, 0);
        for (int i = 0; i < len; i++) {
            literalFreq[input[i] & 0xff]++;
        }
        literalFreq[Tokens.END_BLOCK_MARKER] = 1;
        int numLiterals = Tokens.END_BLOCK_MARKER + 1;
        offsetFreq[0] = 1;
        int numOffsets = 1;
        literalEncoding.generate(literalFreq, 15);
        generateCodegen(numLiterals, numOffsets, literalEncoding, huffOffset);
        codegenEncoding.generate(codegenFreq, 7);
        int[] numCodegens = new int[1];
        int size = dynamicSize(literalEncoding, huffOffset, numCodegens);
        if (storedSize(len) < size + (size >> 4)) {
            writeStoredHeader(len, false);
            writeBytes(input, 0, len);
            return;
        }
        writeDynamicHeader(numLiterals, numOffsets, numCodegens[0], false);
        for (int i = 0; i < len; i++) {
            writeCode(literalEncoding, input[i] & 0xff);
        }
        writeCode(literalEncoding, Tokens.END_BLOCK_MARKER);
    }
}
