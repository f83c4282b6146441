package dev.golink.arch;

import java.nio.ByteOrder;

/**
 * The facts about a target architecture that placement, the tables and the
 * containers need (cf. cmd/internal/sys.Arch and the constant fields of
 * cmd/link ld.Arch). Each backend holds its own; nothing else keeps a copy.
 *
 * @param goarch       GOARCH, e.g. {@code amd64}
 * @param order        byte order of data and instructions
 * @param ptrSize      pointer size in bytes
 * @param regSize      register size in bytes (alignment of ELF tables)
 * @param minLC        minimum instruction size (pc quantum)
 * @param funcAlign    alignment of functions in the text section
 * @param minAlign     smallest data alignment
 * @param maxAlign     largest alignment a data symbol gets from its size alone
 * @param codePad      the byte that fills gaps in text, in an array of one (0xCC on x86, else 0, as
 *                     Go's CodePad or none); shared, never to be modified
 * @param alignment    cmd/internal/sys.Arch.Alignment: the alignment cmd/link gives
 *                     compressed DWARF sections (1, but 4 on arm and mips, 8 on mips64)
 * @param dwarfRegs    the DWARF registers of the frame table; null for a target without DWARF frames
 * @param elfMachine   ELF e_machine
 * @param elfFlags     ELF e_flags
 * @param elfRelType   ".rela" or ".rel": the ELF relocation section flavour
 */
public record ArchInfo(
        String goarch,
        ByteOrder order,
        int ptrSize,
        int regSize,
        int minLC,
        int funcAlign,
        int minAlign,
        int maxAlign,
        byte[] codePad,
        int alignment,
        DwarfRegs dwarfRegs,
        int elfMachine,
        int elfFlags,
        String elfRelType) {

    /**
     * DWARF register numbers of the stack pointer and the return address, and
     * whether the return address is in a link register (cf. ld.Arch.Dwarfreglr, Dwarfregsp).
     */
    public record DwarfRegs(int sp, int lr, boolean hasLR) {
    }

    public ArchInfo {
        if (codePad.length != 1) {
            throw new IllegalArgumentException("a code pad is one byte, not " + codePad.length);
        }
    }

    public boolean bigEndian() {
        return order == ByteOrder.BIG_ENDIAN;
    }

    /** Whether ELF files for this architecture are 64-bit. */
    public boolean elf64() {
        return ptrSize == 8;
    }
}
