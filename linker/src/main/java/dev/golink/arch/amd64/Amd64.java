package dev.golink.arch.amd64;

import dev.golink.arch.Arch;
import dev.golink.arch.ArchInfo;
import dev.golink.arch.ElfOs;
import dev.golink.arch.TargetSpec;

import java.nio.ByteOrder;

/**
 * x86-64 (cf. cmd/link amd64). Little-endian, 8-byte pointers, variable-length
 * instructions: text gaps are filled with INT3 (0xCC) so that a stray jump
 * traps. Every relocation an internal link of Go code meets here (absolute
 * addresses, PC-relative calls and loads, offsets) is a generic one, so the
 * backend adds no relocation kinds of its own. Statically linked executables
 * start at 0x400000 plus the reserved header page.
 */
public final class Amd64 implements Arch {

    /** The COFF machine of x86-64. */
    static final int IMAGE_FILE_MACHINE_AMD64 = 0x8664;

    /** Linux: text at 4 MiB, in 4 KiB pages. */
    public static final TargetSpec LINUX = TargetSpec.linux("amd64", 1L << 22, 4096, c -> new Amd64());
    /** FreeBSD: laid out as on Linux. */
    public static final TargetSpec FREEBSD = TargetSpec.elf(ElfOs.FREEBSD, "amd64", 1L << 22, 4096,
            "/libexec/ld-elf.so.1", c -> new Amd64());
    /** NetBSD: laid out as on Linux. */
    public static final TargetSpec NETBSD = TargetSpec.elf(ElfOs.NETBSD, "amd64", 1L << 22, 4096,
            "/libexec/ld.elf_so", c -> new Amd64());
    /** OpenBSD: laid out as on Linux; calls libc, so a dynamically linked executable. */
    public static final TargetSpec OPENBSD = TargetSpec.elf(ElfOs.OPENBSD, "amd64", 1L << 22, 4096,
            "/usr/libexec/ld.so", c -> new Amd64());
    /** DragonFly BSD: laid out as on Linux. */
    public static final TargetSpec DRAGONFLY = TargetSpec.elf(ElfOs.DRAGONFLY, "amd64", 1L << 22, 4096,
            "/usr/libexec/ld-elf.so.2", c -> new Amd64());
    /** Solaris: laid out as on Linux; calls libc, so always a dynamically linked executable. */
    public static final TargetSpec SOLARIS = TargetSpec.elf(ElfOs.SOLARIS, "amd64", 1L << 22, 4096,
            "/lib/amd64/ld.so.1", c -> new Amd64());
    /** illumos: Solaris's port under its own GOOS. */
    public static final TargetSpec ILLUMOS = TargetSpec.elf(ElfOs.ILLUMOS, "amd64", 1L << 22, 4096,
            "/lib/amd64/ld.so.1", c -> new Amd64());
    /** macOS: text above the 16 MiB zero page; g at a fixed TLS slot. */
    public static final TargetSpec DARWIN = TargetSpec.darwin("amd64", 0x1000000, 4096, false, c -> new Amd64(0x30));
    /** iOS (the simulator): as macOS. */
    public static final TargetSpec IOS = TargetSpec.ios("amd64", 0x1000000, 4096, c -> new Amd64(0x30));
    /** Windows: image at 4 MiB (cmd/link keeps it low for cgo's 32-bit relocations); g at 0 from the TLS slot. */
    public static final TargetSpec WINDOWS = TargetSpec.windows("amd64", 8, 1L << 22, IMAGE_FILE_MACHINE_AMD64, false,
            c -> new Amd64(0));
    /** Plan 9: a 40-byte header (the 32-byte a.out header and a 64-bit entry), text and segments at 2 MiB; g at 0. */
    public static final TargetSpec PLAN9 = TargetSpec.plan9("amd64", 40, 0x200000 + 40, 0x200000, c -> new Amd64(0));

    /** EM_X86_64. */
    static final int EM_X86_64 = 62;
    private static final ArchInfo INFO = new ArchInfo("amd64", ByteOrder.LITTLE_ENDIAN, 8, 8, 1, 32, 1, 32,
            new byte[] {(byte) 0xCC}, 1, new ArchInfo.DwarfRegs(7, 16, false), EM_X86_64, 0, ".rela");

    /** Offset of g from the thread pointer (cf. ctxt.Tlsoffset): ELF's -8, darwin's fixed slot at 0x30, windows' 0. */
    private final long tlsOffset;

    public Amd64() {
        this(-8);
    }

    /** A backend whose R_TLS_LE resolves to {@code tlsOffset} plus the addend (0x30 on darwin). */
    public Amd64(long tlsOffset) {
        this.tlsOffset = tlsOffset;
    }

    @Override
    public ArchInfo info() {
        return INFO;
    }

    @Override
    public long tlsLE(dev.golink.arch.RelocSite site) {
        return tlsOffset + site.add;
    }

    /** S_MAGIC (4*26*26+7) with HDR_MAGIC: the header ends with the 64-bit entry. */
    @Override
    public int plan9Magic() {
        return 4 * 26 * 26 + 7 | 0x8000;
    }

    /** The call's relocation follows its one-byte opcode. */
    @Override
    public int deferreturnCallOffset(int relocOff) {
        return relocOff - 1;
    }
}
