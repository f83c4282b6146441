package dev.golink.arch.mips64;

import dev.golink.arch.Arch;
import dev.golink.arch.ArchInfo;
import dev.golink.arch.ElfOs;
import dev.golink.arch.TargetSpec;
import dev.golink.arch.RelocSite;

import java.nio.ByteOrder;

import static dev.golink.goobj.RelocTypes.R_ADDRMIPS;
import static dev.golink.goobj.RelocTypes.R_ADDRMIPSTLS;
import static dev.golink.goobj.RelocTypes.R_ADDRMIPSU;
import static dev.golink.goobj.RelocTypes.R_CALLMIPS;
import static dev.golink.goobj.RelocTypes.R_JMPMIPS;

/**
 * 64-bit MIPS, big-endian (mips64) or little-endian (mips64le) (cf. cmd/link
 * mips64).
 *
 * <p>The same 32-bit instruction words as MIPS32 with 16-bit immediates. A
 * static executable lives below 2 GiB, so Go still builds addresses with a
 * LUI (R_ADDRMIPSU, the high half rounded for the sign-extended low half) and
 * an ADDIU/load/store (R_ADDRMIPS, the low half), each a 4-byte relocation of
 * its own. J and JAL (R_JMPMIPS, R_CALLMIPS) take a 26-bit word index within
 * the current 256 MiB region; unlike the 32-bit backend, cmd/link does not
 * check here that the target lies in the same region. No trampolines.
 *
 * <p>TLS: as on MIPS32 the thread pointer points 0x7000 past the TLS block
 * (OpenBSD excepted: its thread pointer is the block's start), and R_ADDRMIPSTLS
 * stores the signed 16-bit offset. Functions are 8-byte aligned. e_flags:
 * EF_MIPS_ARCH_3 | EF_MIPS_CPIC (the N64 ABI is implied by ELFCLASS64).
 */
public final class Mips64 implements Arch {

    /** EM_MIPS. */
    static final int EM_MIPS = 8;
    /** MIPS III, CPIC. */
    static final int EF_MIPS_FLAGS = 0x20000004;

    /** Linux, big-endian: text at 64 KiB, in 64 KiB pages. */
    public static final TargetSpec LINUX = TargetSpec.linux("mips64", 0x10000, 0x10000, c -> new Mips64("mips64"));
    /** Linux, little-endian: as big-endian mips64, in the other byte order. */
    public static final TargetSpec LINUX_LE = TargetSpec.linux("mips64le", 0x10000, 0x10000, c -> new Mips64("mips64le"));
    /** OpenBSD, big-endian (octeon): laid out as on Linux; TLS offsets from the block's start. */
    public static final TargetSpec OPENBSD = TargetSpec.elf(ElfOs.OPENBSD, "mips64", 0x10000, 0x10000,
            "/usr/libexec/ld.so", c -> new Mips64("mips64", 0));

    private final ArchInfo info;
    /** How far the thread pointer is past the TLS block's start: 0x7000, but 0 on OpenBSD. */
    private final long tpOffset;

    /** @param goarch "mips64" or "mips64le" */
    public Mips64(String goarch) {
        this(goarch, 0x7000);
    }

    /**
     * @param goarch   "mips64" or "mips64le"
     * @param tpOffset how far the thread pointer is past the TLS block's start (cf. the
     *                 IsOpenbsd case of mips64's archreloc)
     */
    public Mips64(String goarch, long tpOffset) {
        this.tpOffset = tpOffset;
        ByteOrder order = switch (goarch) {
            case "mips64" -> ByteOrder.BIG_ENDIAN;
            case "mips64le" -> ByteOrder.LITTLE_ENDIAN;
            default -> throw new IllegalArgumentException("not a 64-bit MIPS GOARCH: " + goarch);
        };
        this.info = new ArchInfo(goarch, order, 8, 8, 4, 8, 1, 32, new byte[] {0}, 8,
                new ArchInfo.DwarfRegs(29, 31, true), EM_MIPS, EF_MIPS_FLAGS, ".rela");
    }

    @Override
    public ArchInfo info() {
        return info;
    }

    @Override
    public boolean archreloc(RelocSite site) {
        long val = site.value;
        switch (site.type) {
            case R_ADDRMIPS -> site.value = val & 0xffff0000L | (site.targetAddr + site.add) & 0xffff;
            case R_ADDRMIPSU -> site.value = val & 0xffff0000L | ((site.targetAddr + site.add + (1 << 15)) >> 16) & 0xffff;
            case R_ADDRMIPSTLS -> {
                long t = site.targetAddr + site.add - tpOffset;
                if (t < -32768 || t >= 32678) {
                    site.error = "TLS offset out of range " + t;
                }
                site.value = val & 0xffff0000L | t & 0xffff;
            }
            case R_CALLMIPS, R_JMPMIPS -> site.value = val & 0xfc000000L | ((site.targetAddr + site.add) >> 2) & 0x03ffffff;
            default -> {
                return false;
            }
        }
        return true;
    }
}
