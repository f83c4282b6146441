package dev.golink.arch.arm64;

import static dev.golink.goobj.RelocTypes.R_ADDRARM64;
import static dev.golink.goobj.RelocTypes.R_CALLARM64;
import static dev.golink.goobj.RelocTypes.R_ARM64_TLS_LE;
import static dev.golink.goobj.RelocTypes.R_ARM64_TLS_IE;
import static dev.golink.goobj.RelocTypes.R_ARM64_GOTPCREL;
import static dev.golink.goobj.RelocTypes.R_ARM64_GOT;
import static dev.golink.goobj.RelocTypes.R_ARM64_PCREL;
import static dev.golink.goobj.RelocTypes.R_ARM64_LDST8;
import static dev.golink.goobj.RelocTypes.R_ARM64_LDST16;
import static dev.golink.goobj.RelocTypes.R_ARM64_LDST32;
import static dev.golink.goobj.RelocTypes.R_ARM64_LDST64;
import static dev.golink.goobj.RelocTypes.R_ARM64_LDST128;

import dev.golink.arch.Arch;
import dev.golink.arch.ArchInfo;
import dev.golink.arch.ElfOs;
import dev.golink.arch.TargetSpec;
import dev.golink.arch.RelocSite;

/**
 * 64-bit ARM (cf. cmd/link arm64). Instructions are 4 bytes, so an address
 * is built by an ADRP (the 4 KiB page, PC-relative, ±4 GiB) followed by an
 * ADD or a load/store holding the low 12 bits, scaled by the access size; the
 * linker patches both instructions of the pair as one 8-byte field. Calls (BL)
 * reach ±128 MiB. Thread-local storage is at a fixed offset from TPIDR_EL0,
 * past the two-word TCB. Text starts at 64 KiB plus the header page, in 64 KiB
 * pages.
 */
public final class Arm64 implements Arch {

    /** The COFF machine of ARM64. */
    static final int IMAGE_FILE_MACHINE_ARM64 = 0xaa64;

    /** Linux: text at 64 KiB, in 64 KiB pages. */
    public static final TargetSpec LINUX = TargetSpec.linux("arm64", 0x10000, 0x10000, c -> new Arm64());
    /** FreeBSD: laid out as on Linux. */
    public static final TargetSpec FREEBSD = TargetSpec.elf(ElfOs.FREEBSD, "arm64", 0x10000, 0x10000,
            "/usr/libexec/ld-elf.so.1", c -> new Arm64());
    /** NetBSD: laid out as on Linux. */
    public static final TargetSpec NETBSD = TargetSpec.elf(ElfOs.NETBSD, "arm64", 0x10000, 0x10000,
            "/libexec/ld.elf_so", c -> new Arm64());
    /** OpenBSD: laid out as on Linux; calls libc, so a dynamically linked executable. */
    public static final TargetSpec OPENBSD = TargetSpec.elf(ElfOs.OPENBSD, "arm64", 0x10000, 0x10000,
            "/usr/libexec/ld.so", c -> new Arm64());
    /**
     * Android: laid out as on Linux; go build links position-independent executables, which the
     * dynamic loader relocates.
     */
    public static final TargetSpec ANDROID = TargetSpec.elf(ElfOs.ANDROID, "arm64", 0x10000, 0x10000,
            "/system/bin/linker64", c -> new Arm64());
    /** macOS: text above the 4 GiB zero page, in 16 KiB pages; a position-independent executable. */
    public static final TargetSpec DARWIN = TargetSpec.darwin("arm64", 1L << 32, 16384, true, c -> new Arm64());
    /** Windows: image at 4 GiB; every executable is position-independent. */
    public static final TargetSpec WINDOWS = TargetSpec.windows("arm64", 8, 1L << 32, IMAGE_FILE_MACHINE_ARM64, true,
            c -> new Arm64());

    /** EM_AARCH64. */
    static final int EM_AARCH64 = 183;
    private static final ArchInfo INFO = new ArchInfo("arm64", java.nio.ByteOrder.LITTLE_ENDIAN, 8, 8, 4, 16, 1, 32,
            new byte[] {0}, 1, new ArchInfo.DwarfRegs(31, 30, true), EM_AARCH64, 0, ".rela");

    @Override
    public ArchInfo info() {
        return INFO;
    }

    /** The frame pointer's slot below a nosplit function's frame. */
    @Override
    public int nosplitReserve() {
        return 8;
    }

    /** Distance from the relocated instruction's page to the target. */
    /** Go's {@code %x} of a signed value: a minus sign, not two's complement. */
    private static String goHex(long v) {
        return v < 0 ? "-" + Long.toUnsignedString(-v, 16) : Long.toHexString(v);
    }

    private static long pageDelta(RelocSite r) {
        return r.targetAddr + r.add - ((r.symAddr + r.off) & ~0xfffL);
    }

    @Override
    public boolean archreloc(RelocSite r) {
        long val = r.value;
        switch (r.type) {
            case R_ADDRARM64 -> {
                long t = pageDelta(r);
                if (t >= 1L << 32 || t < -(1L << 32)) {
                    r.error = "program too large, address relocation distance = " + t;
                }
                // The ADRP comes first in memory.
                long o0 = info().bigEndian() ? (val >>> 32) & 0xffffffffL : val & 0xffffffffL;
                long o1 = info().bigEndian() ? val & 0xffffffffL : (val >>> 32) & 0xffffffffL;
                o0 |= (((t >> 12) & 3) << 29) | (((t >> 14) & 0x7ffff) << 5);
                o1 |= (t & 0xfff) << 10;
                o0 &= 0xffffffffL;
                o1 &= 0xffffffffL;
                r.value = info().bigEndian() ? (o0 << 32) | o1 : (o1 << 32) | o0;
                return true;
            }
            case R_ARM64_TLS_LE -> {
                long v = r.targetAddr + 16; // past the two-word TCB
                if (v < 0 || v >= 32678) {
                    r.error = "TLS offset out of range " + v;
                }
                r.value = val | (v << 5);
                return true;
            }
            case R_ARM64_TLS_IE -> throw new dev.golink.LogFatalException.Unchecked("cannot handle R_ARM64_TLS_IE (sym "
                    + r.name(r.sym) + ") when linking internally");
            case R_CALLARM64 -> {
                long t = r.targetAddr + r.add - (r.symAddr + r.off);
                if (t >= 1L << 27 || t < -(1L << 27)) {
                    r.error = "program too large, call relocation distance = " + t;
                }
                r.value = val | ((t >> 2) & 0x03ffffff);
                return true;
            }
            case R_ARM64_GOT -> {
                long t = pageDelta(r);
                if (((val >> 24) & 0x9f) == 0x90) {
                    if (t >= 1L << 32 || t < -(1L << 32)) {
                        r.error = "program too large, address relocation distance = " + t;
                    }
                    r.value = val | ((((t >> 12) & 3) << 29) | (((t >> 14) & 0x7ffff) << 5));
                } else if ((val >> 24) == 0xf9) {
                    if ((t & 7) != 0) {
                        r.error = "invalid address: " + goHex(t) + " for relocation type: R_AARCH64_LD64_GOT_LO12_NC";
                    }
                    r.value = val | ((t & 0xfff) << 7);
                } else {
                    r.error = "unsupported instruction for " + Long.toHexString(val) + " R_GOTARM64";
                }
                return true;
            }
            case R_ARM64_PCREL -> {
                long t = pageDelta(r);
                if (((val >> 24) & 0x9f) == 0x90) { // ADRP
                    if (t >= 1L << 32 || t < -(1L << 32)) {
                        r.error = "program too large, address relocation distance = " + t;
                    }
                    r.value = val | ((((t >> 12) & 3) << 29) | (((t >> 14) & 0x7ffff) << 5));
                } else if (((val >> 24) & 0x9f) == 0x91) { // ADD
                    r.value = val | ((t & 0xfff) << 10);
                } else if (((val >> 24) & 0x3b) == 0x39) { // load/store, scaled by its size
                    int shift = (int) ((val & 0xffffffffL) >>> 30);
                    if (shift == 0 && ((val >> 20) & 0x048) == 0x048) {
                        shift = 4; // 128-bit vector load
                    }
                    if ((t & ((1L << shift) - 1)) != 0) {
                        r.error = "invalid address: " + goHex(t) + " for relocation type: ARM64_RELOC_PAGEOFF12";
                    }
                    r.value = val | (((t & 0xfff) >> shift) << 10);
                } else {
                    r.error = "unsupported instruction for " + Long.toHexString(val) + " R_ARM64_PCREL";
                }
                return true;
            }
            case R_ARM64_LDST8, R_ARM64_LDST16, R_ARM64_LDST32, R_ARM64_LDST64, R_ARM64_LDST128 -> {
                int shift = r.type - R_ARM64_LDST8; // 0..4: the access size is 1 << shift
                long t = pageDelta(r);
                if ((t & ((1L << shift) - 1)) != 0) {
                    r.error = "invalid address: " + goHex(t) + " for relocation type: R_AARCH64_LDST" + (8 << shift)
                            + "_ABS_LO12_NC";
                }
                r.value = val | (((t & 0xfff) >> shift) << 10);
                return true;
            }
            default -> {
                return false;
            }
        }
    }

    // ---- trampolines (cf. arm64 trampoline and gentramp): BL reaches +-128 MiB.

    /** Text size from which calls may be out of reach: 26-bit word offsets, less room for PLT and the like. */
    public static final long TRAMP_LIMIT = 0x7c00000;

    @Override
    public long trampLimit() {
        return TRAMP_LIMIT;
    }

    @Override
    public int trampolineCallType() {
        return R_CALLARM64;
    }

    /** arm64 also forces a trampoline on every call from a symbol of no package. */
    @Override
    public boolean debugTrampForces(String callerPkg, String targetPkg) {
        return callerPkg.isEmpty() || !callerPkg.equals(targetPkg);
    }

    private static boolean fitsBL(long t) {
        return t >= -(1L << 27) && t < 1L << 27;
    }

    @Override
    public boolean callOutOfReach(RelocSite call) {
        return call.targetAddr == 0 || !fitsBL(call.targetAddr + call.add - (call.symAddr + call.off));
    }

    @Override
    public boolean trampolineReaches(RelocSite call, long trampAddr) {
        return fitsBL(trampAddr - (call.symAddr + call.off));
    }

    /** The addend in Go's %+x (a sign, then hex) is part of the name. */
    @Override
    public String trampolineName(String targetName, RelocSite call, int i) {
        String add = call.add < 0 ? "-" + Long.toHexString(-call.add) : "+" + Long.toHexString(call.add);
        return targetName + add + "-tramp" + i;
    }

    /** ADRP X16 and ADD X16 (an R_ADDRARM64 to target + addend), then BR X16. */
    @Override
    public Trampoline gentramp(RelocSite call) {
        return new Trampoline(words(0x90000010L, 0x91000210L, 0xd61f0200L), R_ADDRARM64, 0, 8, call.add);
    }

    /** ADRP X16 and LDR X16 (an R_ARM64_GOTPCREL to the import's GOT slot), then BR X16. */
    @Override
    public Trampoline gentrampgot(RelocSite call) {
        return new Trampoline(words(0x90000010L, 0xf9400210L, 0xd61f0200L), R_ARM64_GOTPCREL, 0, 8, 0);
    }

    private static byte[] words(long... insns) {
        byte[] code = new byte[4 * insns.length];
        for (int k = 0; k < insns.length; k++) {
            for (int i = 0; i < 4; i++) {
                code[4 * k + i] = (byte) (insns[k] >>> (8 * i));
            }
        }
        return code;
    }
}
