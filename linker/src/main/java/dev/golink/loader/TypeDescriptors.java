package dev.golink.loader;

import java.nio.charset.StandardCharsets;

/**
 * Reads the runtime type descriptors the compiler emits (runtime._type and the
 * kind-specific structure after it; cf. ld/decodesym.go) for deadcode, the
 * symbol table and DWARF. The layout depends on the target's pointer size and
 * byte order, which the loader knows. Pointer fields are read through their
 * relocations. Not thread-safe: it reuses one relocation cursor.
 */
public final class TypeDescriptors {

    public static final int KIND_BOOL = 1;
    public static final int KIND_INT = 2;
    public static final int KIND_INT64 = 6;
    public static final int KIND_UINT = 7;
    public static final int KIND_UINTPTR = 12;
    public static final int KIND_FLOAT32 = 13;
    public static final int KIND_FLOAT64 = 14;
    public static final int KIND_COMPLEX64 = 15;
    public static final int KIND_COMPLEX128 = 16;
    public static final int KIND_ARRAY = 17;
    public static final int KIND_CHAN = 18;
    public static final int KIND_FUNC = 19;
    public static final int KIND_INTERFACE = 20;
    public static final int KIND_MAP = 21;
    public static final int KIND_PTR = 22;
    public static final int KIND_SLICE = 23;
    public static final int KIND_STRING = 24;
    public static final int KIND_STRUCT = 25;
    public static final int KIND_UNSAFE_POINTER = 26;
    private static final int KIND_MASK = (1 << 5) - 1;
    private static final int KIND_GC_PROG = 1 << 6;
    private static final int TFLAG_UNCOMMON = 1;
    private static final int TFLAG_EXTRA_STAR = 1 << 1;
    /** runtime.uncommontype: pkgpath, mcount, xcount, moff, unused. */
    private static final int UNCOMMON_SIZE = 4 + 2 + 2 + 4 + 4;
    /** Bit of a runtime name's flags byte: the field is embedded. */
    private static final int NAME_EMBEDDED = 1 << 3;

    private final Loader ldr;
    private final int ptrSize;
    private final Relocs relocs;

    public TypeDescriptors(Loader ldr) {
        this.ldr = ldr;
        this.ptrSize = ldr.ptrSize();
        this.relocs = ldr.relocs();
    }

    /** Size of runtime._type: size, ptrdata, hash, tflag, align, fieldAlign, kind, equal, gcdata, str, ptrToThis. */
    public int commonSize() {
        return 4 * ptrSize + 8 + 8;
    }

    private long word(int s, int off) {
        return ldr.dataUint(s, off, ptrSize);
    }

    /** The target of the relocation at {@code off} in {@code s}, 0 for none (cf. decodeRelocSym). */
    public int relocSym(int s, int off) {
        return relocs.reset(s).symAt(off);
    }

    /** The bytes of the runtime name the relocation at {@code off} in {@code s} points to; empty for none. */
    public byte[] name(int s, int off) {
        int r = relocSym(s, off);
        return r == 0 ? new byte[0] : ldr.runtimeName(r);
    }

    public String nameString(int s, int off) {
        return dev.golink.GoString.decode(name(s, off));
    }

    public long size(int s) {
        return word(s, 0);
    }

    public long ptrdata(int s) {
        return word(s, ptrSize);
    }

    private int tflag(int s) {
        return ldr.dataByte(s, 2 * ptrSize + 4);
    }

    public int kind(int s) {
        return ldr.dataByte(s, 2 * ptrSize + 7) & KIND_MASK;
    }

    /** Whether the type's GC data is a program rather than a bitmap. */
    public boolean usesGcProg(int s) {
        return (ldr.dataByte(s, 2 * ptrSize + 7) & KIND_GC_PROG) != 0;
    }

    /** The symbol of the GC data (bitmap or program). */
    public int gcdata(int s) {
        return relocSym(s, 2 * ptrSize + 8 + ptrSize);
    }

    public boolean hasUncommon(int s) {
        return (tflag(s) & TFLAG_UNCOMMON) != 0;
    }

    /** The type's string, without the star the compiler may add in front (cf. decodetypeStr). */
    public byte[] typeStr(int s) {
        byte[] str = name(s, 4 * ptrSize + 8);
        if ((tflag(s) & TFLAG_EXTRA_STAR) != 0 && str.length > 0) {
            return java.util.Arrays.copyOfRange(str, 1, str.length);
        }
        return str;
    }

    /** Offset of the uncommon part, after the kind-specific one. */
    public int uncommonOffset(int s) {
        int off = commonSize();
        switch (kind(s)) {
            case KIND_STRUCT -> off += 4 * ptrSize;
            case KIND_PTR, KIND_FUNC, KIND_SLICE -> off += ptrSize;
            case KIND_ARRAY -> off += 3 * ptrSize;
            case KIND_CHAN -> off += 2 * ptrSize;
            case KIND_MAP -> off += 4 * ptrSize + 8;
            case KIND_INTERFACE -> off += 3 * ptrSize;
            default -> {
            }
        }
        return off;
    }

    /** Number of methods in the uncommon part. */
    public int methodCount(int s) {
        return (int) ldr.dataUint(s, uncommonOffset(s) + 4, 2);
    }

    /** Offset of the array of runtime.method (name, mtyp, ifn, tfn: 4 bytes each) the uncommon part points to. */
    public int methodsOffset(int s) {
        int off = uncommonOffset(s);
        return off + (int) ldr.dataUint(s, off + 4 + 2 + 2, 4);
    }

    public int arrayElem(int s) {
        return relocSym(s, commonSize());
    }

    public long arrayLen(int s) {
        return word(s, commonSize() + 2 * ptrSize);
    }

    public int chanElem(int s) {
        return relocSym(s, commonSize());
    }

    public int mapKey(int s) {
        return relocSym(s, commonSize());
    }

    public int mapValue(int s) {
        return relocSym(s, commonSize() + ptrSize);
    }

    public int ptrElem(int s) {
        return relocSym(s, commonSize());
    }

    public int funcInCount(int s) {
        return (int) ldr.dataUint(s, commonSize(), 2);
    }

    public int funcOutCount(int s) {
        return (int) ldr.dataUint(s, commonSize() + 2, 2) & 0x7fff;
    }

    public boolean funcDotdotdot(int s) {
        return (ldr.dataUint(s, commonSize() + 2, 2) & 0x8000) != 0;
    }

    /** The i-th parameter type, results following the inputs (cf. decodetypeFuncInType). */
    public int funcParamType(int s, int i) {
        int uadd = commonSize() + 4;
        if (ptrSize == 8) {
            uadd += 4;
        }
        if (hasUncommon(s)) {
            uadd += UNCOMMON_SIZE;
        }
        return relocSym(s, uadd + i * ptrSize);
    }

    /** Number of methods of an interface type (the length of its method slice). */
    public long ifaceMethodCount(int s) {
        return word(s, commonSize() + 2 * ptrSize);
    }

    /** Number of fields of a struct type (the length of its field slice, where interfaces have methods). */
    public int structFieldCount(int s) {
        return (int) ifaceMethodCount(s);
    }

    private int structFieldOff(int s, int i) {
        int off = commonSize() + 4 * ptrSize;
        if (hasUncommon(s)) {
            off += UNCOMMON_SIZE;
        }
        return off + i * 3 * ptrSize;
    }

    public String structFieldName(int s, int i) {
        return nameString(s, structFieldOff(s, i));
    }

    public int structFieldType(int s, int i) {
        return relocSym(s, structFieldOff(s, i) + ptrSize);
    }

    public long structFieldOffset(int s, int i) {
        return word(s, structFieldOff(s, i) + 2 * ptrSize);
    }

    public boolean structFieldEmbedded(int s, int i) {
        int r = relocSym(s, structFieldOff(s, i));
        return r != 0 && (ldr.dataByte(r, 0) & NAME_EMBEDDED) != 0;
    }
}
