package dev.golink.dwarf;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * What precedes the zlib stream of a compressed DWARF section: an ELF
 * compression header (Elf64_Chdr or Elf32_Chdr, in the target's byte order),
 * or for Mach-O and PE the "ZLIB" magic and the big-endian uncompressed size
 * (cf. compressSyms).
 */
enum CompressionHeader {
    ELF64, ELF32, ZLIB_PREFIX;

    private static final int ELFCOMPRESS_ZLIB = 1;

    static CompressionHeader of(boolean elf, int ptrSize) {
        if (!elf) {
            return ZLIB_PREFIX;
        }
        return ptrSize == 8 ? ELF64 : ELF32;
    }

    /** The header for {@code total} uncompressed bytes of a section aligned to {@code align}. */
    byte[] bytes(long total, long align, ByteOrder order) {
        return switch (this) {
            case ELF64 -> ByteBuffer.allocate(24).order(order)
                    .putInt(ELFCOMPRESS_ZLIB).putInt(0).putLong(total).putLong(align).array();
            case ELF32 -> ByteBuffer.allocate(12).order(order)
                    .putInt(ELFCOMPRESS_ZLIB).putInt((int) total).putInt((int) align).array();
            case ZLIB_PREFIX -> ByteBuffer.allocate(12).order(ByteOrder.BIG_ENDIAN)
                    .put(new byte[] {'Z', 'L', 'I', 'B'}).putLong(total).array();
        };
    }

    /** The name of a compressed section: ELF keeps .debug_*, the others call it .zdebug_*. */
    String sectionName(String name) {
        return this == ZLIB_PREFIX ? ".zdebug_" + name.substring(".debug_".length()) : name;
    }
}
