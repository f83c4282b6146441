package dev.golink.arch.s390x;

import dev.golink.arch.Arch;
import dev.golink.arch.ArchInfo;
import dev.golink.arch.TargetSpec;
import dev.golink.arch.RelocSite;

import static dev.golink.goobj.RelocTypes.R_CALL;
import static dev.golink.goobj.RelocTypes.R_PCRELDBL;

/**
 * IBM z/Architecture, 64-bit big-endian (cf. cmd/link s390x).
 *
 * <p>Instructions are 2, 4 or 6 bytes long, always halfword aligned (MinLC 2,
 * minimum data alignment 2). The relative-long instructions Go uses for
 * addresses and calls (LARL, BRASL, BRCL, and the RIL-format loads and stores)
 * hold a signed 32-bit count of halfwords, counted from the start of the
 * instruction. The compiler already folds "from the start of the instruction"
 * into the addend, so what remains is an ordinary PC-relative value halved:
 * cmd/link computes R_PCRELDBL as R_PCREL and R_CALL as usual, then applies the
 * RV_390_DBL variant (shift right by one, complaining about odd distances).
 * Since R_CALL is generic, the variant comes from
 * {@link #implicitRelocVariant}; R_PCRELDBL, unknown to the generic code,
 * arrives in {@link #archreloc}. +-4 GiB of reach: no trampolines.
 *
 * <p>TLS: the thread pointer lives in access registers a0/a1 and points just
 * past the TLS block, as on x86, so R_TLS_LE is the generic -8 plus addend.
 * Gaps in text are zeros, which decode as an illegal instruction. cmd/link
 * gives s390x, like big-endian ppc64, e_flags 1.
 */
public final class S390x implements Arch {

    /** Linux: text at 64 KiB, in 64 KiB pages. */
    public static final TargetSpec LINUX = TargetSpec.linux("s390x", 0x10000, 0x10000, c -> new S390x());

    /** EM_S390. */
    static final int EM_S390 = 22;
    private static final ArchInfo INFO = new ArchInfo("s390x", java.nio.ByteOrder.BIG_ENDIAN, 8, 8, 2, 16, 2, 32,
            new byte[] {0}, 1, new ArchInfo.DwarfRegs(15, 14, true), EM_S390, 1, ".rela");

    @Override
    public ArchInfo info() {
        return INFO;
    }

    /** The call's relocation follows its two-byte opcode and register field. */
    @Override
    public int deferreturnCallOffset(int relocOff) {
        return relocOff - 2;
    }

    /** R_PCRELDBL: relocsym treats it as R_PCREL with the RV_390_DBL variant. */
    @Override
    public boolean archreloc(RelocSite site) {
        if (site.type != R_PCRELDBL) {
            return false;
        }
        long o = site.targetAddr + site.add - (site.symAddr + site.off + site.siz);
        o = archrelocvariant(site, RV_390_DBL, o, null);
        // The check relocsym makes of a 4-byte PC-relative field (R_PCRELDBL counts as R_PCREL there).
        if (site.siz == 4 && o != (int) o) {
            site.error = "pc-relative relocation address for " + site.name(site.target) + " is too big: "
                    + dev.golink.arch.GoHex.sharp(o);
        }
        site.value = o;
        return true;
    }

    @Override
    public int implicitRelocVariant(int type) {
        // Not R_PCRELDBL: archreloc halves that one itself.
        return type == R_CALL ? RV_390_DBL : RV_NONE;
    }

    @Override
    public long archrelocvariant(RelocSite site, int variant, long t, byte[] p) {
        switch (variant & RV_TYPE_MASK) {
            case RV_NONE:
                return t;
            case RV_390_DBL:
                if ((t & 1) != 0) {
                    // The target's name and address in decimal (Go's %v), as cmd/link says it.
                    site.error = site.name(site.target) + "+" + site.targetAddr + " is not 2-byte aligned";
                }
                return t >> 1;
            default:
                site.error = "unexpected relocation variant " + variant;
                return t;
        }
    }
}
