package dev.golink.deadcode;

import dev.golink.loader.Loader;
import dev.golink.loader.Relocs;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Reads the runtime type descriptors the compiler emits (runtime._type and
 * the kind-specific structs after it) as far as deadcode needs them (cf.
 * ld/decodesym.go): kind, uncommon flag, method tables and name data. The
 * layout depends on the target's pointer size and byte order.
 */
final class TypeDecoder {

    static final int KIND_ARRAY = 17;
    static final int KIND_CHAN = 18;
    static final int KIND_FUNC = 19;
    static final int KIND_INTERFACE = 20;
    static final int KIND_MAP = 21;
    static final int KIND_PTR = 22;
    static final int KIND_SLICE = 23;
    static final int KIND_STRUCT = 25;
    static final int KIND_MASK = (1 << 5) - 1;
    private static final int TFLAG_UNCOMMON = 1;

    private final int ptrSize;
    private final ByteOrder order;

    TypeDecoder(int ptrSize, ByteOrder order) {
        this.ptrSize = ptrSize;
        this.order = order;
    }

    /** Size of runtime._type. */
    int commonsize() {
        return 4 * ptrSize + 8 + 8;
    }

    ByteBuffer data(Loader ldr, int s) {
        return ldr.data(s).order(order);
    }

    int kind(ByteBuffer p) {
        return p.get(2 * ptrSize + 7) & KIND_MASK;
    }

    boolean hasUncommon(ByteBuffer p) {
        return (p.get(2 * ptrSize + 4) & TFLAG_UNCOMMON) != 0;
    }

    int u16(ByteBuffer p, int off) {
        return p.getShort(off) & 0xffff;
    }

    int u32(ByteBuffer p, int off) {
        return p.getInt(off);
    }

    /** The target of the first relocation at offset {@code off}, or 0. */
    static int relocSymAt(Relocs relocs, int off) {
        return relocs.symAt(off);
    }

    /** The name that the relocation at {@code off} points to (a runtime name: flags, uvarint length, bytes). */
    static String name(Loader ldr, Relocs relocs, int off) {
        int r = relocs.symAt(off);
        return r == 0 ? "" : new String(ldr.runtimeName(r), StandardCharsets.UTF_8);
    }

    /** Offset of the uncommon type data after the kind-specific part of a type descriptor. */
    int uncommonOffset(ByteBuffer p) {
        int off = commonsize();
        switch (kind(p)) {
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
}
