package dev.golink.arch;

import java.nio.ByteOrder;

/**
 * The facts about a target architecture that placement and the containers need
 * (cf. cmd/internal/sys.Arch and the constant fields of cmd/link ld.Arch).
 *
 * @param goarch       GOARCH, e.g. {@code amd64}
 * @param order        byte order of data and instructions
 * @param ptrSize      pointer size in bytes
 * @param regSize      register size in bytes (alignment of ELF tables)
 * @param minLC        minimum instruction size (pc quantum)
 * @param funcAlign    alignment of functions in the text section
 * @param minAlign     smallest data alignment
 * @param maxAlign     largest alignment a data symbol gets from its size alone
 * @param codePad      bytes that fill gaps in text (repeated); shared, never to be modified
 * @param elfMachine   ELF e_machine
 * @param elfFlags     ELF e_flags
 * @param elfRelType   ".rela" or ".rel": the ELF relocation section flavour
 * @param alignment    cmd/internal/sys.Arch.Alignment: the alignment cmd/link gives
 *                     compressed DWARF sections (1, but 4 on arm and mips, 8 on mips64)
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
        int elfMachine,
        int elfFlags,
        String elfRelType,
        int alignment) {

    /** The facts of an architecture whose sys.Arch.Alignment is 1 (amd64, 386, arm64, ppc64, s390x). */
    public ArchInfo(String goarch, ByteOrder order, int ptrSize, int regSize, int minLC, int funcAlign,
            int minAlign, int maxAlign, byte[] codePad, int elfMachine, int elfFlags, String elfRelType) {
        this(goarch, order, ptrSize, regSize, minLC, funcAlign, minAlign, maxAlign, codePad, elfMachine, elfFlags,
                elfRelType, 1);
    }

    public boolean bigEndian() {
        return order == ByteOrder.BIG_ENDIAN;
    }

    /** Whether ELF files for this architecture are 64-bit. */
    public boolean elf64() {
        return ptrSize == 8;
    }
}
