package dev.golink.ld;

import dev.golink.loader.Loader;
import dev.golink.loader.Relocs;

import java.nio.ByteBuffer;

/** Reads fields of the compiler's type descriptors (cf. ld/decodesym.go), as far as these phases need. */
final class DecodeSym {

    private static final int TFLAG_EXTRA_STAR = 1 << 1;

    private DecodeSym() {
    }

    /** The target of the first relocation of {@code s} at offset {@code off}, or 0. */
    static int relocSymAt(Relocs rs, int off) {
        return rs.symAt(off);
    }

    /** The bytes of the runtime name the relocation at {@code off} points to. */
    static byte[] name(Loader ldr, Relocs rs, int off) {
        int r = rs.symAt(off);
        return r == 0 ? new byte[0] : ldr.runtimeName(r);
    }

    /** The type's string (its str field), without the extra star the compiler may add (cf. decodetypeStr). */
    static byte[] typeStr(Loader ldr, Relocs rs, int s, int ptrSize) {
        rs.reset(s);
        byte[] str = name(ldr, rs, 4 * ptrSize + 8);
        ByteBuffer data = ldr.data(s);
        if ((data.get(2 * ptrSize + 4) & TFLAG_EXTRA_STAR) != 0 && str.length > 0) {
            return java.util.Arrays.copyOfRange(str, 1, str.length);
        }
        return str;
    }

    /** The type's size (first word of runtime._type). */
    static long typeSize(Loader ldr, int s, int ptrSize) {
        ByteBuffer data = ldr.data(s).order(ldr.byteOrder());
        return ptrSize == 8 ? data.getLong(0) : data.getInt(0) & 0xffffffffL;
    }
}
