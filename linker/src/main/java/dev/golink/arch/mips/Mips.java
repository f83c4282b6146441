package dev.golink.arch.mips;

import dev.golink.arch.Arch;
import dev.golink.arch.ArchInfo;
import dev.golink.arch.TargetSpec;
import dev.golink.arch.RelocSite;

import java.nio.ByteOrder;

import static dev.golink.goobj.RelocTypes.R_ADDRMIPS;
import static dev.golink.goobj.RelocTypes.R_ADDRMIPSTLS;
import static dev.golink.goobj.RelocTypes.R_ADDRMIPSU;
import static dev.golink.goobj.RelocTypes.R_CALLMIPS;
import static dev.golink.goobj.RelocTypes.R_JMPMIPS;

/**
 * 32-bit MIPS, O32 ABI, big-endian (mips) or little-endian (mipsle) (cf.
 * cmd/link mips).
 *
 * <p>Instructions are 32-bit words with 16-bit immediates, so Go builds an
 * address in two: LUI puts the high half (R_ADDRMIPSU) and an ADDIU, load or
 * store adds the low half (R_ADDRMIPS). The low half is sign-extended by the
 * CPU, hence the high half is rounded: (t + 0x8000) >> 16. Each half is its own
 * 4-byte relocation on its own instruction. J and JAL (R_JMPMIPS, R_CALLMIPS)
 * are not PC-relative: they replace the low 28 bits of the address of the
 * delay slot with a 26-bit word index, so caller and callee must share a 256
 * MiB region. A static Go program is far smaller, and MIPS needs no
 * trampolines.
 *
 * <p>TLS: the thread pointer (read with RDHWR $29) points 0x7000 bytes past the
 * start of the TLS block, so that a signed 16-bit offset reaches 64 KiB of it;
 * R_ADDRMIPSTLS puts the symbol's offset minus 0x7000 into an immediate.
 * e_flags: EF_MIPS_ARCH_32 | EF_MIPS_ABI_O32 | EF_MIPS_CPIC.
 * GOMIPS does not change the code the linker sees; it only picks the
 * floating-point ABI recorded in .MIPS.abiflags and .gnu.attributes
 * ({@link #elfMipsFpAbi()}).
 */
public final class Mips implements Arch {

    /** EM_MIPS. */
    static final int EM_MIPS = 8;
    /** MIPS32, O32 ABI, CPIC. */
    static final int EF_MIPS_FLAGS = 0x50001004;
    /** .MIPS.abiflags fp_abi: MIPS I style paired float registers (named "ANY" by the ABI). */
    public static final int MIPS_FPABI_ANY = 1;
    /** .MIPS.abiflags fp_abi: soft float. */
    public static final int MIPS_FPABI_SOFT = 3;

    /** Linux, big-endian: text at 64 KiB, in 64 KiB pages; GOMIPS picks the floating-point ABI. */
    public static final TargetSpec LINUX = TargetSpec.linux("mips", 0x10000, 0x10000,
            c -> new Mips("mips", c.gomips().equals("softfloat")));
    /** Linux, little-endian: as big-endian mips, in the other byte order. */
    public static final TargetSpec LINUX_LE = TargetSpec.linux("mipsle", 0x10000, 0x10000,
            c -> new Mips("mipsle", c.gomips().equals("softfloat")));

    /** The stack pointer r29 and the link register r31. */
    static final ArchInfo.DwarfRegs DWARF_REGS = new ArchInfo.DwarfRegs(29, 31, true);

    private final ArchInfo info;
    private final boolean softFloat;

    /**
     * @param goarch    "mips" or "mipsle"
     * @param softFloat whether GOMIPS is "softfloat"
     */
    public Mips(String goarch, boolean softFloat) {
        ByteOrder order = switch (goarch) {
            case "mips" -> ByteOrder.BIG_ENDIAN;
            case "mipsle" -> ByteOrder.LITTLE_ENDIAN;
            default -> throw new IllegalArgumentException("not a 32-bit MIPS GOARCH: " + goarch);
        };
        this.info = new ArchInfo(goarch, order, 4, 4, 4, 4, 1, 32, new byte[] {0}, 4, DWARF_REGS, EM_MIPS,
                EF_MIPS_FLAGS, ".rel");
        this.softFloat = softFloat;
    }

    @Override
    public ArchInfo info() {
        return info;
    }

    /** The floating-point ABI for .MIPS.abiflags and .gnu.attributes (cf. elfWriteMipsAbiFlags). */
    @Override
    public int elfMipsFpAbi() {
        return softFloat ? MIPS_FPABI_SOFT : MIPS_FPABI_ANY;
    }

    @Override
    public boolean archreloc(RelocSite site) {
        switch (site.type) {
            case R_ADDRMIPS, R_ADDRMIPSU -> site.value = applyrel(site.type, site.value, site.targetAddr + site.add);
            case R_CALLMIPS, R_JMPMIPS -> {
                long t = site.targetAddr + site.add;
                if ((t & 3) != 0) {
                    site.error = String.format("direct call is not aligned: %#x", t);
                }
                // J and JAL keep the top 4 bits of the delay slot's address.
                if (((site.symAddr + site.off + 4) & 0xf0000000L) != (t & 0xf0000000L)) {
                    site.error = String.format("direct call too far: %#x", t);
                }
                site.value = applyrel(site.type, site.value, t);
            }
            case R_ADDRMIPSTLS -> {
                long t = site.targetAddr + site.add - 0x7000;
                if (t < -32768 || t >= 32678) {
                    site.error = "TLS offset out of range " + t;
                }
                site.value = applyrel(site.type, site.value, t);
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    /** Puts {@code t} into instruction {@code val} as relocation type {@code rt} encodes it. */
    static long applyrel(int rt, long val, long t) {
        long o = val & 0xffffffffL;
        return switch (rt) {
            case R_ADDRMIPS, R_ADDRMIPSTLS -> o & 0xffff0000L | t & 0xffff;
            case R_ADDRMIPSU -> o & 0xffff0000L | ((t + (1 << 15)) >> 16) & 0xffff;
            case R_CALLMIPS, R_JMPMIPS -> o & 0xfc000000L | (t >> 2) & 0x03ffffff;
            default -> val;
        };
    }
}
