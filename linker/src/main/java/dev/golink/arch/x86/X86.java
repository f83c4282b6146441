package dev.golink.arch.x86;

import dev.golink.arch.Arch;
import dev.golink.arch.ArchInfo;
import dev.golink.arch.ElfOs;
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

    /** The COFF machine of i386. */
    static final int IMAGE_FILE_MACHINE_I386 = 0x14c;

    /** Linux: text at the traditional i386 base, in 4 KiB pages. */
    public static final TargetSpec LINUX = TargetSpec.linux("386", 0x08048000L, 4096, c -> new X86());
    /** FreeBSD: laid out as on Linux. */
    public static final TargetSpec FREEBSD = TargetSpec.elf(ElfOs.FREEBSD, "386", 0x08048000L, 4096,
            "/usr/libexec/ld-elf.so.1", c -> new X86());
    /** NetBSD: laid out as on Linux. */
    public static final TargetSpec NETBSD = TargetSpec.elf(ElfOs.NETBSD, "386", 0x08048000L, 4096,
            "/usr/libexec/ld.elf_so", c -> new X86());
    /** OpenBSD: laid out as on Linux; calls libc, so a dynamically linked executable. */
    public static final TargetSpec OPENBSD = TargetSpec.elf(ElfOs.OPENBSD, "386", 0x08048000L, 4096,
            "/usr/libexec/ld.so", c -> new X86());
    /** Windows: image at 4 MiB; g at 0 from the TLS slot. */
    public static final TargetSpec WINDOWS = TargetSpec.windows("386", 4, 1L << 22, IMAGE_FILE_MACHINE_I386, false,
            c -> new X86(0));
    /** Plan 9: a 32-byte a.out header, text one page up, 4 KiB pages; g at 0. */
    public static final TargetSpec PLAN9 = TargetSpec.plan9("386", 32, 4096 + 32, 4096, c -> new X86(0));

    /** EM_386. */
    static final int EM_386 = 3;
    private static final ArchInfo INFO = new ArchInfo("386", ByteOrder.LITTLE_ENDIAN, 4, 4, 1, 16, 1, 32,
            new byte[] {(byte) 0xCC}, 1, new ArchInfo.DwarfRegs(4, 8, false), EM_386, 0, ".rel");

    @Override
    public ArchInfo info() {
        return INFO;
    }

    /** Offset of g from the thread pointer (cf. ctxt.Tlsoffset): ELF's -4, windows' 0. */
    private final long tlsOffset;

    public X86() {
        this(-4);
    }

    /** A backend whose R_TLS_LE resolves to {@code tlsOffset} plus the addend (0 on windows). */
    public X86(long tlsOffset) {
        this.tlsOffset = tlsOffset;
    }

    @Override
    public long tlsLE(dev.golink.arch.RelocSite site) {
        return tlsOffset + site.add;
    }

    /**
     * 386 has no PC-relative data addressing: position-independent code calls a thunk
     * per register that loads its own return address, {@code mov (%esp),reg; ret}
     * (every register but esp, in encoding order).
     */
    @Override
    public java.util.Map<String, byte[]> pieText() {
        java.util.Map<String, byte[]> thunks = new java.util.LinkedHashMap<>();
        String[] regs = {"ax", "cx", "dx", "bx", null, "bp", "si", "di"};
        for (int num = 0; num < regs.length; num++) {
            if (regs[num] != null) {
                thunks.put("__x86.get_pc_thunk." + regs[num], new byte[] {(byte) 0x8b, (byte) (0x04 + (num << 3)), 0x24,
                    (byte) 0xc3});
            }
        }
        return thunks;
    }

    /** The call's relocation follows its one-byte opcode. */
    @Override
    public int deferreturnCallOffset(int relocOff) {
        return relocOff - 1;
    }

    /** I_MAGIC (4*11*11+7). */
    @Override
    public int plan9Magic() {
        return 4 * 11 * 11 + 7;
    }
}
