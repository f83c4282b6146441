package dev.golink.dwarf;

import dev.golink.loader.Loader;
import dev.golink.loader.Relocs;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Reads the compiler's runtime type descriptors (runtime._type and the
 * kind-specific structures after it) as far as DWARF needs them (cf.
 * ld/decodesym.go). Not thread-safe: it reuses one relocation cursor.
 */
final class GoTypes {

    static final int KIND_BOOL = 1;
    static final int KIND_INT = 2;
    static final int KIND_INT64 = 6;
    static final int KIND_UINT = 7;
    static final int KIND_UINTPTR = 12;
    static final int KIND_FLOAT32 = 13;
    static final int KIND_FLOAT64 = 14;
    static final int KIND_COMPLEX64 = 15;
    static final int KIND_COMPLEX128 = 16;
    static final int KIND_ARRAY = 17;
    static final int KIND_CHAN = 18;
    static final int KIND_FUNC = 19;
    static final int KIND_INTERFACE = 20;
    static final int KIND_MAP = 21;
    static final int KIND_PTR = 22;
    static final int KIND_SLICE = 23;
    static final int KIND_STRING = 24;
    static final int KIND_STRUCT = 25;
    static final int KIND_UNSAFE_POINTER = 26;
    private static final int KIND_MASK = (1 << 5) - 1;
    private static final int TFLAG_UNCOMMON = 1;
    private static final int UNCOMMON_SIZE = 4 + 2 + 2 + 4 + 4;

    private final Loader ldr;
    private final int ptrSize;
    private final Relocs relocs;

    GoTypes(Loader ldr, int ptrSize) {
        this.ldr = ldr;
        this.ptrSize = ptrSize;
        this.relocs = ldr.relocs();
    }

    private int commonSize() {
        return 4 * ptrSize + 8 + 8;
    }

    private ByteBuffer data(int s) {
        return ldr.data(s).order(ldr.byteOrder());
    }

    private long word(ByteBuffer b, int off) {
        return ptrSize == 8 ? b.getLong(off) : b.getInt(off) & 0xffffffffL;
    }

    /** The target of the relocation at {@code off} in {@code s}, 0 for none (cf. decodeRelocSym). */
    int relocSym(int s, int off) {
        relocs.reset(s);
        for (int j = 0, n = relocs.count(); j < n; j++) {
            if (relocs.off(j) == off) {
                return relocs.sym(j);
            }
        }
        return 0;
    }

    int kind(int s) {
        return data(s).get(2 * ptrSize + 7) & KIND_MASK;
    }

    long size(int s) {
        return word(data(s), 0);
    }

    private boolean hasUncommon(int s) {
        return (data(s).get(2 * ptrSize + 4) & TFLAG_UNCOMMON) != 0;
    }

    int arrayElem(int s) {
        return relocSym(s, commonSize());
    }

    long arrayLen(int s) {
        return word(data(s), commonSize() + 2 * ptrSize);
    }

    int chanElem(int s) {
        return relocSym(s, commonSize());
    }

    int mapKey(int s) {
        return relocSym(s, commonSize());
    }

    int mapValue(int s) {
        return relocSym(s, commonSize() + ptrSize);
    }

    int ptrElem(int s) {
        return relocSym(s, commonSize());
    }

    int funcInCount(int s) {
        return data(s).getShort(commonSize()) & 0xffff;
    }

    int funcOutCount(int s) {
        return data(s).getShort(commonSize() + 2) & 0x7fff;
    }

    boolean funcDotdotdot(int s) {
        return (data(s).getShort(commonSize() + 2) & 0x8000) != 0;
    }

    /** The i-th parameter type, results following the inputs (cf. decodetypeFuncInType). */
    int funcParamType(int s, int i) {
        int uadd = commonSize() + 4;
        if (ptrSize == 8) {
            uadd += 4;
        }
        if (hasUncommon(s)) {
            uadd += UNCOMMON_SIZE;
        }
        return relocSym(s, uadd + i * ptrSize);
    }

    long ifaceMethodCount(int s) {
        return word(data(s), commonSize() + 2 * ptrSize);
    }

    int structFieldCount(int s) {
        return (int) ifaceMethodCount(s);
    }

    private int structFieldOff(int s, int i) {
        int off = commonSize() + 4 * ptrSize;
        if (hasUncommon(s)) {
            off += UNCOMMON_SIZE;
        }
        return off + i * 3 * ptrSize;
    }

    String structFieldName(int s, int i) {
        int r = relocSym(s, structFieldOff(s, i));
        return r == 0 ? "" : new String(ldr.runtimeName(r), StandardCharsets.UTF_8);
    }

    int structFieldType(int s, int i) {
        return relocSym(s, structFieldOff(s, i) + ptrSize);
    }

    long structFieldOffset(int s, int i) {
        return word(data(s), structFieldOff(s, i) + 2 * ptrSize);
    }

    boolean structFieldEmbedded(int s, int i) {
        int r = relocSym(s, structFieldOff(s, i));
        return r != 0 && (ldr.data(r).get(0) & (1 << 3)) != 0;
    }
}
