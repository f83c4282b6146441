package dev.golink.arch.x86;

import dev.golink.arch.Arch;
import dev.golink.arch.ArchInfo;
import dev.golink.arch.TargetSpec;

import java.nio.ByteOrder;

/**
 * 32-bit x86 (cf. cmd/link x86). Little-endian, 4-byte pointers, INT3 (0xCC)
 * between functions. A static executable of Go code meets only the generic
 * relocations (absolute, PC-relative, offsets, TLS local-exec); the PC thunks
 * and GOT of position-independent code are not needed. Text starts at
 * 0x08048000 plus the reserved header page, the traditional i386 base.
 */
public final class X86 implements Arch {

    /** Linux: text at the traditional i386 base, in 4 KiB pages. */
    public static final TargetSpec LINUX = TargetSpec.linux("386", 0x08048000L, 4096, c -> new X86());

    /** EM_386. */
    static final int EM_386 = 3;
    private static final ArchInfo INFO = new ArchInfo("386", ByteOrder.LITTLE_ENDIAN, 4, 4, 1, 16, 1, 32,
            new byte[] {(byte) 0xCC}, 1, false, new ArchInfo.DwarfRegs(4, 8, false), EM_386, 0, ".rel");

    @Override
    public ArchInfo info() {
        return INFO;
    }

    /** The call's relocation follows its one-byte opcode. */
    @Override
    public int deferreturnCallOffset(int relocOff) {
        return relocOff - 1;
    }
}
