package dev.golink.arch.ppc64;

import dev.golink.arch.Arch;
import dev.golink.arch.ArchInfo;
import dev.golink.arch.TargetSpec;
import dev.golink.arch.RelocSite;

import static dev.golink.goobj.RelocTypes.R_ADDRPOWER;
import static dev.golink.goobj.RelocTypes.R_ADDRPOWER_DS;
import static dev.golink.goobj.RelocTypes.R_ADDRPOWER_PCREL;
import static dev.golink.goobj.RelocTypes.R_ADDRPOWER_TOCREL;
import static dev.golink.goobj.RelocTypes.R_ADDRPOWER_TOCREL_DS;
import static dev.golink.goobj.RelocTypes.R_CALLPOWER;
import static dev.golink.goobj.RelocTypes.R_POWER_TLS;
import static dev.golink.goobj.RelocTypes.R_POWER_TLS_IE;
import static dev.golink.goobj.RelocTypes.R_POWER_TLS_LE;
import static dev.golink.goobj.RelocTypes.R_POWER_TOC;

/**
 * 64-bit PowerPC, big-endian ELFv1 (ppc64) or little-endian ELFv2 (ppc64le)
 * (cf. cmd/link ppc64).
 *
 * <p>Instructions are 32-bit words with 16-bit immediates. A static Go
 * executable sits below 2 GiB, so Go builds an address with ADDIS (the "high
 * adjusted" half: rounded up when bit 15 is set, because the second
 * instruction sign-extends its half) followed by ADDI or a D-form load/store
 * (the low half), marked by one 8-byte relocation over both words,
 * R_ADDRPOWER. DS-form loads and stores (LD, STD, LWA) keep two opcode bits in
 * the bottom of the immediate, so R_ADDRPOWER_DS needs a 4-byte aligned
 * address and leaves those bits alone. The two words are in memory order, so
 * on a big-endian target the first instruction is the high half of the 8-byte
 * field. Branches (B, BL: R_CALLPOWER) carry a signed 24-bit word offset,
 * +-32 MiB: past 0x1c00000 bytes of text cmd/link inserts trampolines
 * (lis/addi/mtctr/bctr).
 *
 * <p>The TOC: ELF ppc64 code may address data relative to r2, which holds
 * .TOC. (32 KiB into the GOT or, without one, the data segment). Go code only
 * uses it when built for shared or position-independent linking (R_POWER_TOC,
 * R_ADDRPOWER_TOCREL[_DS]); a static executable keeps r2 unused, and golink
 * does not place .TOC., so those kinds are reported rather than guessed.
 * AIX is the other way round: its code reaches every address through a TOC
 * entry ({@code TOC.sym}, 8 bytes of .data holding the address) relative to r2,
 * which holds the anchor {@code TOC}. An ADDIS/LD pair
 * (R_ADDRPOWER_TOCREL_DS) loads the entry; when the entry points into the
 * data segment, the LD becomes an ADDI of the symbol's own offset from the
 * anchor. Trampolines load their target from a TOC entry of their own, and
 * the thread pointer is 0x7800 bytes past the TLS block.
 *
 * <p>TLS: the thread pointer r13 points 0x7000 past the start of the TLS
 * block; R_POWER_TLS_LE puts the local-exec offset into an ADDIS/ADDI pair,
 * R_POWER_TLS only checks the ADD that uses r13. Initial-exec (R_POWER_TLS_IE)
 * exists only in PIE and shared code. e_flags carry the ABI version: 1 for
 * big-endian ELFv1, 2 for little-endian ELFv2. Relocation variants
 * ({@link #archrelocvariant}) come only from host objects' ELF relocations.
 */
public final class Ppc64 implements Arch {

    /** Text size from which calls may be out of reach: 24-bit word offsets, less room for stubs. */
    public static final long TRAMP_LIMIT = 0x1c00000;
    /** Linux, big-endian: text at 64 KiB, in 64 KiB pages. */
    public static final TargetSpec LINUX = TargetSpec.linux("ppc64", 0x10000, 0x10000, c -> new Ppc64("ppc64"));
    /** Linux, little-endian (ELFv2): the same layout as big-endian ppc64. */
    public static final TargetSpec LINUX_LE = TargetSpec.linux("ppc64le", 0x10000, 0x10000, c -> new Ppc64("ppc64le"));
    /** AIX: an XCOFF executable whose code reaches data and imports through the TOC. */
    public static final TargetSpec AIX = TargetSpec.aix("ppc64", c -> new Ppc64("ppc64", true));
    /** EM_PPC64. */
    static final int EM_PPC64 = 21;

    private final ArchInfo info;
    private final boolean big;
    private final boolean aix;

    /** @param goarch "ppc64" or "ppc64le" */
    public Ppc64(String goarch) {
        this(goarch, false);
    }

    /**
     * @param goarch "ppc64" or "ppc64le"
     * @param aix    whether the target is AIX, whose code addresses data through the TOC
     */
    public Ppc64(String goarch, boolean aix) {
        this.aix = aix;
        this.big = switch (goarch) {
            case "ppc64" -> true;
            case "ppc64le" -> false;
            default -> throw new IllegalArgumentException("not a ppc64 GOARCH: " + goarch);
        };
        // e_flags: 1 for big-endian ELFv1, 2 for little-endian ELFv2.
        this.info = new ArchInfo(goarch, big ? java.nio.ByteOrder.BIG_ENDIAN : java.nio.ByteOrder.LITTLE_ENDIAN, 8, 8,
                4, 16, 1, 32, new byte[] {0}, 1, new ArchInfo.DwarfRegs(1, 65, true), EM_PPC64, big ? 1 : 2,
                ".rela");
    }

    @Override
    public ArchInfo info() {
        return info;
    }

    @Override
    public boolean placesTOC() {
        return true;
    }

    @Override
    public boolean archreloc(RelocSite site) {
        long val = site.value;
        switch (site.type) {
            case R_ADDRPOWER, R_ADDRPOWER_DS -> {
                if (aix) {
                    site.error = "archrelocaddr called for a relocation to symbol " + site.target;
                }
                site.value = archrelocaddr(site);
            }
            case R_ADDRPOWER_TOCREL, R_ADDRPOWER_TOCREL_DS -> {
                if (site.toc == null) {
                    site.error = "TOC-relative relocation in object without .TOC.: golink links static executables,"
                            + " whose code does not use r2";
                } else {
                    site.value = archreloctoc(site);
                }
            }
            case R_POWER_TOC -> site.error =
                    "TOC-relative relocation in object without .TOC.: golink links static executables, whose code does not use r2";
            case R_CALLPOWER -> {
                long t = site.targetAddr + site.add - (site.symAddr + site.off);
                if ((t & 3) != 0) {
                    site.error = "relocation for " + site.name(site.target) + "+" + site.off + " is not aligned: " + t;
                }
                if (((long) ((int) (t << 6) >> 6)) != t) {
                    site.error = "direct call too far: " + site.name(site.target) + " " + goHex(t);
                }
                site.value = val | (t & 0x03fffffcL); // the LI field, bits 2-25
            }
            case R_ADDRPOWER_PCREL -> {
                long t = site.targetAddr + site.add - (site.symAddr + site.off);
                long ha = ((t + 0x8000) >> 16) & 0xffff;
                long l = t & 0xffff;
                site.value = big ? val | l | ha << 32 : val | ha | l << 32;
            }
            case R_POWER_TLS -> {
                final long opAdd = 31L << 26 | 266 << 1;
                final long maskOpAdd = 0x3fL << 26 | 0x1ff << 1;
                if ((val & maskOpAdd) != opAdd) {
                    site.error = String.format("R_POWER_TLS reloc only supports XO form ADD, not %08X", val);
                } else if (((val >> 11) & 0x1f) != 13) {
                    site.error = String.format("R_POWER_TLS reloc requires R13 in RB (%08X).", val);
                }
            }
            case R_POWER_TLS_IE -> throw new dev.golink.LogFatalException.Unchecked("cannot handle R_POWER_TLS_IE (sym "
                    + site.name(site.sym) + ") when linking non-PIE, non-ELF binaries internally");
            case R_POWER_TLS_LE -> {
                // r13 points 0x7000 bytes past the start of the TLS block, on AIX 0x7800.
                long v = site.targetAddr - (aix ? 0x7800 : 0x7000);
                if ((int) v != v) {
                    site.error = "TLS offset out of range " + v;
                }
                long o1 = first(val) | (((v + 0x8000) >> 16) & 0xffff);
                long o2 = second(val) | (v & 0xffff);
                site.value = pair(o1, o2);
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    /**
     * The offset from the TOC anchor in an ADDIS/LD pair that loads a data address from a TOC
     * entry (cf. ppc64 archreloctoc). When the entry holds the address of a symbol of the data
     * segment, the load becomes an ADDI of that symbol's own offset from the anchor.
     */
    private long archreloctoc(RelocSite site) {
        RelocSite.Toc toc = site.toc;
        if (!toc.isEntry(site.target)) {
            site.error = "archreloctoc called for a symbol without TOC anchor";
        }
        long o1 = first(site.value);
        long o2 = second(site.value);
        long data = toc.dataTarget(site.target);
        boolean useAddi = data >= 0;
        long t;
        if (useAddi) {
            t = data + site.add - toc.anchor();
            o2 = (o2 & 0x03FF0000L) | 0xEL << 26; // ld becomes addi
        } else {
            t = site.targetAddr + site.add - toc.anchor();
        }
        if (t != (int) t) {
            site.error = String.format("TOC relocation is too big to relocate sym %d: %#x", site.target, t);
        }
        if ((t & 0x8000) != 0) {
            t += 0x10000;
        }
        o1 |= (t >> 16) & 0xFFFF;
        if (site.type == R_ADDRPOWER_TOCREL_DS && !useAddi) {
            if ((t & 3) != 0) {
                site.error = "bad DS reloc: " + site.targetAddr;
            }
            o2 |= t & 0xFFFC;
        } else {
            o2 |= t & 0xFFFF;
        }
        return pair(o1, o2);
    }

    /** The address of the target in an ADDIS/ADDI (or D-form, or DS-form) pair. */
    private long archrelocaddr(RelocSite site) {
        long t = site.targetAddr + site.add;
        if (t < 0 || t >= 1L << 31) {
            site.error = "relocation for " + site.name(site.sym) + " is too big (>=2G): 0x" + goHex(site.targetAddr);
        }
        if ((t & 0x8000) != 0) {
            t += 0x10000; // the second half is sign-extended
        }
        long o1 = first(site.value) | ((t >> 16) & 0xffff);
        long o2 = second(site.value);
        if (site.type == R_ADDRPOWER_DS) {
            if ((t & 3) != 0) {
                site.error = "bad DS reloc for " + site.name(site.sym) + ": " + site.targetAddr;
            }
            o2 |= t & 0xfffc;
        } else {
            o2 |= t & 0xffff;
        }
        return pair(o1, o2);
    }

    /** Go's {@code %x} of a signed value: a minus sign, not two's complement. */
    private static String goHex(long v) {
        return v < 0 ? "-" + Long.toUnsignedString(-v, 16) : Long.toHexString(v);
    }

    /** The first instruction (in memory order) of an 8-byte field. */
    private long first(long val) {
        return big ? val >>> 32 : val & 0xffffffffL;
    }

    /** The second instruction (in memory order) of an 8-byte field. */
    private long second(long val) {
        return big ? val & 0xffffffffL : val >>> 32;
    }

    /** An 8-byte field holding instructions o1 then o2 in memory order. */
    private long pair(long o1, long o2) {
        o1 &= 0xffffffffL;
        o2 &= 0xffffffffL;
        return big ? o1 << 32 | o2 : o2 << 32 | o1;
    }

    /** Whether {@code t} fits the 16-bit immediate of the instruction, unsigned for {@code unsignedOps}, else signed. */
    private boolean fitsImmediate(RelocSite site, byte[] p, long t, int... unsignedOps) {
        int op = (int) (instruction(site, p) >>> 26);
        for (int u : unsignedOps) {
            if (op == u) {
                return t >> 16 == 0;
            }
        }
        return (short) t == t;
    }

    /**
     * Adjusts {@code t} for a host object's ELF relocation (cf. ppc64
     * archrelocvariant): the low half, the high or high-adjusted half, or a
     * DS-form low half, optionally checked for overflow against the
     * instruction's signedness. {@code p} holds the symbol's bytes from its start.
     */
    @Override
    public long archrelocvariant(RelocSite site, int variant, long t, byte[] p) {
        switch (variant & RV_TYPE_MASK) {
            case RV_NONE:
                return t;
            case RV_POWER_LO:
                // ori, xori, andi take an unsigned immediate
                if ((variant & RV_CHECK_OVERFLOW) != 0 && !fitsImmediate(site, p, t, 24, 26, 28)) {
                    return overflow(site, t);
                }
                return (short) t;
            case RV_POWER_HA:
            case RV_POWER_HI: {
                if ((variant & RV_TYPE_MASK) == RV_POWER_HA) {
                    t += 0x8000;
                }
                t >>= 16;
                // oris, xoris, andis take an unsigned immediate
                if ((variant & RV_CHECK_OVERFLOW) != 0 && !fitsImmediate(site, p, t, 25, 27, 29)) {
                    return overflow(site, t);
                }
                return (short) t;
            }
            case RV_POWER_DS: {
                int at = site.off;
                long o1 = big ? (p[at] & 0xffL) << 8 | (p[at + 1] & 0xffL) : (p[at + 1] & 0xffL) << 8 | (p[at] & 0xffL);
                if ((t & 3) != 0) {
                    site.error = "relocation for " + site.name(site.target) + "+" + site.off + " is not aligned: " + t;
                }
                if ((variant & RV_CHECK_OVERFLOW) != 0 && (short) t != t) {
                    return overflow(site, t);
                }
                return o1 & 0x3 | (short) t;
            }
            default:
                site.error = "unexpected relocation variant " + variant;
                return t;
        }
    }

    /** The instruction a 2-byte half-word field belongs to: it starts 2 bytes earlier on big-endian. */
    private long instruction(RelocSite site, byte[] p) {
        int at = big ? site.off - 2 : site.off;
        long v = 0;
        for (int i = 0; i < 4; i++) {
            v |= (p[at + i] & 0xffL) << (8 * (big ? 3 - i : i));
        }
        return v;
    }

    private static long overflow(RelocSite site, long t) {
        site.error = "relocation for " + site.name(site.target) + "+" + site.off + " is too big: " + t;
        return t;
    }

    @Override
    public long trampLimit() {
        return TRAMP_LIMIT;
    }

    /** On AIX, text addresses are reached through the TOC too. */
    @Override
    public boolean trampolineThroughToc() {
        return aix;
    }

    @Override
    public int trampolineCallType() {
        return R_CALLPOWER;
    }

    /** The ELFv2 register save/restore functions use R12, which the trampoline clobbers. */
    @Override
    public String trampolineRefusal(String targetName) {
        return !aix && targetName.startsWith("runtime.elf_")
                ? "Internal linker does not support trampolines to ELFv2 ABI register save/restore function "
                        + targetName
                : null;
    }

    /** Whether a byte distance fits B/BL's signed 24-bit word field. */
    private static boolean fits(long t) {
        return (long) ((int) (t << 6) >> 6) == t;
    }

    @Override
    public boolean callOutOfReach(RelocSite call) {
        return call.targetAddr == 0 || !fits(call.targetAddr + call.add - (call.symAddr + call.off));
    }

    @Override
    public boolean trampolineReaches(RelocSite call, long trampAddr) {
        return fits(trampAddr - (call.symAddr + call.off));
    }

    /**
     * The addend is part of the name, so that calls into the middle of
     * duffzero or duffcopy get trampolines of their own.
     */
    @Override
    public String trampolineName(String targetName, RelocSite call, int i) {
        return Arch.trampolineNameWithAddend(targetName, call.add, i);
    }

    /**
     * LIS R12 and ADDI R12 (target + addend, or an R_ADDRPOWER when the target
     * has no address yet), MTCTR R12, BCTR.
     */
    @Override
    public Trampoline gentramp(RelocSite call) {
        if (aix) {
            // ADDIS R12, R2 and LD R12 from the trampoline's TOC entry, MTCTR R12, BCTR.
            return new Trampoline(words(0x3c000000L | 12 << 21 | 2 << 16, 0xe8000000L | 12 << 21 | 12 << 16,
                    0x7c0903a6L | 12 << 21, 0x4e800420L), R_ADDRPOWER_TOCREL_DS, 0, 8, 0);
        }
        long o1 = 0x3c000000L | 12 << 21;
        long o2 = 0x38000000L | 12 << 21 | 12 << 16;
        boolean placed = call.targetAddr != 0;
        if (placed) {
            long t = call.targetAddr + call.add;
            o1 |= ((t + 0x8000) & 0xffffffffL) >>> 16; // 32-bit arithmetic, as the instruction sees it
            o2 |= t & 0xffff;
        }
        byte[] code = words(o1, o2, 0x7c0903a6L | 12 << 21, 0x4e800420L);
        return placed ? new Trampoline(code, 0, 0, 0, 0) : new Trampoline(code, R_ADDRPOWER, 0, 8, call.add);
    }

    /** Instructions in the target's byte order. */
    private byte[] words(long... insns) {
        byte[] code = new byte[4 * insns.length];
        for (int k = 0; k < insns.length; k++) {
            for (int i = 0; i < 4; i++) {
                code[4 * k + i] = (byte) (insns[k] >>> (8 * (big ? 3 - i : i)));
            }
        }
        return code;
    }
}
