package dev.golink.arch.x86;

import dev.golink.arch.Arch;
import dev.golink.arch.ArchInfo;

import java.nio.ByteOrder;

/**
 * 32-bit x86, GOARCH=386 (cf. cmd/link x86).
 *
 * <p>Variable-length little-endian instructions whose address and displacement
 * fields are unaligned 4-byte words: an absolute address is a
 * plain R_ADDR, a CALL or JMP rel32 is a plain R_CALL counted from the end of
 * the field, so every relocation of a static link is generic and this backend
 * adds no kind of its own. Like amd64, gaps in text are filled with INT3
 * (0xCC) so that a stray jump traps.
 *
 * <p>TLS: Go on linux/386 reaches g through the GS segment, which the runtime
 * points (settls) at its TLS block; g is the last word before the thread
 * pointer, so the generic R_TLS_LE value is -4 plus the addend. There is no
 * PC-relative data addressing on 386: position-independent code needs the GOT
 * and a get_pc_thunk, which appear only when linking shared objects or PIE.
 * Text of a Linux executable starts at the traditional 0x08048000.
 */
public final class X86 implements Arch {

    /** EM_386. */
    static final int EM_386 = 3;
    /** Where text starts for a Linux ELF executable, before HEADR is added (cf. archinit), and the segment rounding. */
    public static final long ELF_TEXT_BASE = 0x08048000;
    public static final long ELF_ROUND = 4096;

    private static final ArchInfo INFO = new ArchInfo("386", ByteOrder.LITTLE_ENDIAN, 4, 4, 1, 16, 1, 32,
            new byte[] {(byte) 0xCC}, EM_386, 0, ".rel", 1);

    @Override
    public ArchInfo info() {
        return INFO;
    }
}
