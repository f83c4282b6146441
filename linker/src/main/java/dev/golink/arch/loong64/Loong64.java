package dev.golink.arch.loong64;

import dev.golink.arch.Arch;
import dev.golink.arch.ArchInfo;
import dev.golink.arch.RelocSite;
import dev.golink.arch.TargetSpec;

import java.nio.ByteOrder;

import static dev.golink.goobj.RelocTypes.R_ADDRLOONG64;
import static dev.golink.goobj.RelocTypes.R_ADDRLOONG64TLS;
import static dev.golink.goobj.RelocTypes.R_ADDRLOONG64TLSU;
import static dev.golink.goobj.RelocTypes.R_ADDRLOONG64U;
import static dev.golink.goobj.RelocTypes.R_CALLLOONG64;
import static dev.golink.goobj.RelocTypes.R_JMPLOONG64;

/**
 * 64-bit LoongArch, little-endian, LP64D (cf. cmd/link loong64).
 *
 * <p>Instructions are 32-bit words. An address is a PC-relative pair:
 * PCADDU12I takes the upper 20 bits (R_ADDRLOONG64U, bits 5-24 of the word)
 * and the following ADDI.D, load or store the sign-extended lower 12 (R_ADDRLOONG64,
 * bits 10-21), so the upper half is rounded up when bit 11 is set; the second
 * instruction sits 4 bytes further on, and its relocation, though placed on it,
 * counts from the first. Each word has its own 4-byte relocation. TLS offsets
 * (R_ADDRLOONG64TLSU, R_ADDRLOONG64TLS) are the same split without the PC and
 * without rounding: LU12I.W plus ORI. BL and B (R_CALLLOONG64, R_JMPLOONG64)
 * take a 26-bit word offset, its low 16 bits in bits 10-25 and its high 10 in
 * bits 0-9; cmd/link checks neither range nor makes trampolines, and neither does golink.
 *
 * <p>Go 1.19 has no register ABI here. The frame table names the stack
 * pointer r3 and the return address r1. e_flags: EF_LOONGARCH_ABI_DOUBLE_FLOAT
 * (LP64D), 0x3.
 */
public final class Loong64 implements Arch {

    /** Linux: text at 64 KiB, in 64 KiB pages. */
    public static final TargetSpec LINUX = TargetSpec.linux("loong64", 0x10000, 0x10000, c -> new Loong64());

    /** EM_LOONGARCH. */
    static final int EM_LOONGARCH = 258;
    /** LP64D: 64-bit integer registers, double-precision floating-point arguments in registers. */
    static final int EF_LOONGARCH_LP64D = 0x3;
    /** The immediate fields: si12 (bits 10-21), si20 (bits 5-24), the two halves of offs26. */
    static final long SI12_FIELD = 0x3ffc00L;
    static final long SI20_FIELD = 0x1ffffe0L;
    static final long OFFS26_FIELD = 0x3ffffffL;

    private static final ArchInfo INFO = new ArchInfo("loong64", ByteOrder.LITTLE_ENDIAN, 8, 8, 4, 8, 1, 32,
            new byte[] {0}, 8, new ArchInfo.DwarfRegs(3, 1, true), EM_LOONGARCH, EF_LOONGARCH_LP64D,
            ".rela");

    @Override
    public ArchInfo info() {
        return INFO;
    }

    @Override
    public boolean archreloc(RelocSite site) {
        long val = site.value;
        long pc = site.symAddr + site.off;
        switch (site.type) {
            case R_ADDRLOONG64 -> {
                // Relative to the PCADDU12I one word back.
                long t = site.targetAddr + site.add - pc + 4;
                long low = t - ((t + (1 << 11)) >> 12 << 12);
                site.value = val & ~SI12_FIELD & 0xffffffffL | (low << 10) & SI12_FIELD;
            }
            case R_ADDRLOONG64U -> {
                long t = site.targetAddr + site.add - pc;
                site.value = val & ~SI20_FIELD & 0xffffffffL | ((t + (1 << 11)) >> 12 << 5) & SI20_FIELD;
            }
            case R_ADDRLOONG64TLS -> {
                long t = site.targetAddr + site.add;
                site.value = val & ~SI12_FIELD & 0xffffffffL | (t & 0xfff) << 10;
            }
            case R_ADDRLOONG64TLSU -> {
                long t = site.targetAddr + site.add;
                site.value = val & ~SI20_FIELD & 0xffffffffL | (t >> 12 << 5) & SI20_FIELD;
            }
            case R_CALLLOONG64, R_JMPLOONG64 -> {
                long words = (site.targetAddr + site.add - pc) >> 2;
                site.value = val & ~OFFS26_FIELD & 0xffffffffL | (words & 0xffff) << 10 | (words & 0x3ff0000) >> 16;
            }
            default -> {
                return false;
            }
        }
        return true;
    }
}
