package dev.golink.arch.x86;

import dev.golink.arch.Arch;
import dev.golink.arch.ArchInfo;
import dev.golink.arch.ArchInfos;

/**
 * 32-bit x86 (cf. cmd/link x86). Little-endian, 4-byte pointers, INT3 (0xCC)
 * between functions. A static executable of Go code meets only the generic
 * relocations (absolute, PC-relative, offsets, TLS local-exec); the PC thunks
 * and GOT of position-independent code are not needed. Text starts at
 * 0x08048000 plus the reserved header page, the traditional i386 base.
 */
public final class X86 implements Arch {

    @Override
    public ArchInfo info() {
        return ArchInfos.I386;
    }
}
