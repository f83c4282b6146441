package dev.golink.arch.arm;

import dev.golink.arch.Arch;
import dev.golink.arch.ArchInfo;
import dev.golink.arch.ElfOs;
import dev.golink.arch.TargetSpec;
import dev.golink.arch.RelocSite;

import java.nio.ByteOrder;

import static dev.golink.goobj.RelocTypes.R_CALLARM;
import static dev.golink.goobj.RelocTypes.R_PLT0;
import static dev.golink.goobj.RelocTypes.R_PLT1;
import static dev.golink.goobj.RelocTypes.R_PLT2;

/**
 * 32-bit ARM, EABI (cf. cmd/link arm).
 *
 * <p>Go emits only ARM (not Thumb) code: fixed 32-bit little-endian words,
 * which is why text needs only 4-byte alignment and gaps are zeros. Addresses
 * are not built from instruction immediates but loaded from literal pools that
 * follow each function, so they are plain 4-byte R_ADDR words handled by the
 * generic code. The one instruction-encoded relocation is R_CALLARM, for BL and
 * B: its addend is the whole instruction as the assembler wrote it (condition
 * and opcode in the top byte, an extra word offset in the low 24 bits), and the
 * linker replaces the low 24 bits by the signed word distance from the
 * instruction to the target. The PC reads 8 bytes ahead, which the assembler
 * has already put in the low 24 bits (as -2 words), so the distance is counted
 * from the instruction itself. 24 bits of words reach +-32 MiB: past
 * 0x1c00000 bytes of text cmd/link inserts trampolines.
 *
 * <p>TLS: the ELF ARM thread pointer points 8 bytes before the TLS block, so
 * a local-exec offset is 8 plus the symbol's offset in the block (not
 * Tlsoffset plus addend as elsewhere). e_flags say EABI version 5 and that the
 * file has an entry point; the float ABI is left unsaid, since it only
 * matters to dynamic linking (cmd/link says EABI on linux, freebsd and netbsd
 * only: OpenBSD's files have no flags). R_PLT0-2 fill the PLT of a dynamically
 * linked executable (OpenBSD's, which calls libc).
 */
public final class Arm implements Arch {

    /** The COFF machine of ARM Thumb-2 little-endian, which Windows runs ARM executables as. */
    static final int IMAGE_FILE_MACHINE_ARMNT = 0x1c4;

    /** EM_ARM. */
    static final int EM_ARM = 40;
    /** EF_ARM_EABI_VER5 | EF_ARM_HASENTRY. */
    static final int EF_ARM_FLAGS = 0x5000002;
    /** Text size from which calls may be out of reach: 24-bit word offsets, less room for PLT and the like. */
    public static final long TRAMP_LIMIT = 0x1c00000;

    /** Linux: text at 64 KiB, in 64 KiB pages. */
    public static final TargetSpec LINUX = TargetSpec.linux("arm", 0x10000, 0x10000, c -> new Arm());
    /** FreeBSD: laid out as on Linux, EABI too. */
    public static final TargetSpec FREEBSD = TargetSpec.elf(ElfOs.FREEBSD, "arm", 0x10000, 0x10000,
            "/usr/libexec/ld-elf.so.1", c -> new Arm());
    /** NetBSD: laid out as on Linux, EABI too. */
    public static final TargetSpec NETBSD = TargetSpec.elf(ElfOs.NETBSD, "arm", 0x10000, 0x10000,
            "/libexec/ld.elf_so", c -> new Arm());
    /** OpenBSD: laid out as on Linux, without EABI flags; calls libc, so a dynamically linked executable. */
    public static final TargetSpec OPENBSD = TargetSpec.elf(ElfOs.OPENBSD, "arm", 0x10000, 0x10000,
            "/usr/libexec/ld.so", c -> new Arm(true, false, false));
    /** Windows: image at 4 MiB; every executable is position-independent. */
    public static final TargetSpec WINDOWS = TargetSpec.windows("arm", 4, 1L << 22, IMAGE_FILE_MACHINE_ARMNT, true,
            c -> new Arm(false, true));
    /** Plan 9: a 32-byte a.out header, text one page up, 4 KiB pages; g at 0. */
    public static final TargetSpec PLAN9 = TargetSpec.plan9("arm", 32, 4096 + 32, 4096, c -> new Arm(false, false));

    /** Whether the output is ELF, whose thread pointer sits 8 bytes before the TLS block. */
    private final boolean elf;
    /** Whether trampolines reach their target PC-relatively (a position-independent executable). */
    private final boolean pic;

    /** The Linux backend. */
    public Arm() {
        this(true, false);
    }

    public Arm(boolean elf, boolean pic) {
        this(elf, pic, true);
    }

    /** @param eabi whether ELF's e_flags say EABI version 5 (cf. Elfinit: not on OpenBSD) */
    public Arm(boolean elf, boolean pic, boolean eabi) {
        this.elf = elf;
        this.pic = pic;
        this.info = eabi ? INFO : INFO_NO_FLAGS;
    }

    private static final ArchInfo INFO = new ArchInfo("arm", ByteOrder.LITTLE_ENDIAN, 4, 4, 4, 4, 1, 8,
            new byte[] {0}, 4, new ArchInfo.DwarfRegs(13, 14, true), EM_ARM, EF_ARM_FLAGS, ".rel");
    private static final ArchInfo INFO_NO_FLAGS = new ArchInfo("arm", ByteOrder.LITTLE_ENDIAN, 4, 4, 4, 4, 1, 8,
            new byte[] {0}, 4, new ArchInfo.DwarfRegs(13, 14, true), EM_ARM, 0, ".rel");

    private final ArchInfo info;

    @Override
    public ArchInfo info() {
        return info;
    }

    @Override
    public boolean definesGoarm() {
        return true;
    }

    @Override
    public boolean archreloc(RelocSite site) {
        switch (site.type) {
            case R_CALLARM -> {
                // The addend is the instruction; its low 24 bits are a word offset to add to the distance.
                long t = (site.targetAddr + signext24(site.add) * 4 - (site.symAddr + site.off)) / 4;
                if (t > 0x7fffff || t < -0x800000) {
                    site.error = "direct call too far: " + dev.golink.arch.GoHex.sharp(t);
                }
                site.value = braddoff((int) (site.add & 0xff000000L), (int) (t & 0xffffff));
            }
            // A PLT stub's three instructions that reach its .got.plt slot (cf. arm's archreloc):
            // ADD ip, pc, #hi; ADD ip, ip, #mid; LDR pc, [ip, #lo]!.
            case R_PLT0 -> site.value = 0xe28fc600L + (0xff & (pltDistance(site) >>> 20));
            case R_PLT1 -> site.value = 0xe28cca00L + (0xff & ((pltDistance(site) + 4 & 0xffffffffL) >>> 12));
            case R_PLT2 -> site.value = 0xe5bcf000L + (0xfff & (pltDistance(site) + 8));
            default -> {
                return false;
            }
        }
        return true;
    }

    /** The distance from a PLT stub's word to its .got.plt slot, as an unsigned 32-bit number. */
    private static long pltDistance(RelocSite site) {
        return (site.targetAddr - (site.symAddr + site.off) + site.add) & 0xffffffffL;
    }

    /** The low 24 bits of {@code x}, sign-extended. */
    static long signext24(long x) {
        return ((int) x << 8) >> 8;
    }

    /** Branch instruction {@code a} (its top byte) with offset field {@code a + b}, as a signed word. */
    static long braddoff(int a, int b) {
        return (a & 0xff000000) | (0x00ffffff & (a + b));
    }

    /**
     * ELF ARM: the thread pointer is 8 bytes before the TLS block, whatever the addend
     * says; elsewhere (windows) the addend is the offset (cf. ld.relocsym).
     */
    @Override
    public long tlsLE(RelocSite site) {
        return elf ? 8 + site.targetAddr : site.add;
    }

    @Override
    public long trampLimit() {
        return TRAMP_LIMIT;
    }

    @Override
    public int trampolineCallType() {
        return R_CALLARM;
    }

    /** The word distance a BL at the call would encode to reach {@code addr} plus the offset in its addend. */
    private static long words(RelocSite call, long addr) {
        return (addr + signext24(call.add) * 4 - (call.symAddr + call.off)) / 4;
    }

    @Override
    public boolean callOutOfReach(RelocSite call) {
        if (call.targetAddr == 0) {
            return true; // not placed yet: cmd/link plays safe
        }
        long t = words(call, call.targetAddr);
        return t > 0x7fffff || t <= -0x800000;
    }

    @Override
    public boolean trampolineReaches(RelocSite call, long trampAddr) {
        // The PC reads 8 bytes ahead; the redirected call has no offset of its own.
        long t = (trampAddr - 8 - (call.symAddr + call.off)) / 4;
        return t >= -0x800000 && t < 0x7fffff;
    }

    /** The byte offset from the target the call means: its 24-bit field plus the 2 words of PC read-ahead. */
    private static long callOffset(RelocSite call) {
        return (signext24(call.add) + 2) * 4;
    }

    @Override
    public String trampolineName(String targetName, RelocSite call, int i) {
        return targetName + String.format("%+d", callOffset(call)) + "-tramp" + i;
    }

    /**
     * LDR R12, [PC] (the PC reads 8 ahead: the literal word); BX R12; the
     * literal, target + offset, left to an R_ADDR when the target has no
     * address yet.
     */
    @Override
    public Trampoline gentramp(RelocSite call) {
        long offset = callOffset(call);
        if (pic) {
            // LDR R12, [PC, #4]; ADD R12, PC, R12; BX R12; the literal, target + offset - PC (cf. gentramppic).
            byte[] code = new byte[16];
            putLE(code, 0, 0xe5900000L | 12 << 12 | 15 << 16 | 4);
            putLE(code, 4, 0xe0800000L | 12 << 12 | 15 << 16 | 12);
            putLE(code, 8, 0xe12fff10L | 12);
            return new Trampoline(code, dev.golink.goobj.RelocTypes.R_PCREL, 12, 4, offset + 4);
        }
        byte[] code = new byte[12];
        putLE(code, 0, 0xe5900000L | 12 << 12 | 15 << 16);
        putLE(code, 4, 0xe12fff10L | 12);
        putLE(code, 8, call.targetAddr + offset);
        if (call.targetAddr == 0) {
            return new Trampoline(code, dev.golink.goobj.RelocTypes.R_ADDR, 8, 4, offset);
        }
        return new Trampoline(code, 0, 0, 0, 0);
    }

    /** The call keeps its opcode and gets the plain -2 words: the trampoline holds the offset. */
    @Override
    public long redirectedCallAdd(RelocSite call) {
        return call.add & 0xff000000L | 0xfffffe;
    }

    private static void putLE(byte[] b, int at, long v) {
        for (int i = 0; i < 4; i++) {
            b[at + i] = (byte) (v >>> (8 * i));
        }
    }

    /** E_MAGIC (4*20*20+7). */
    @Override
    public int plan9Magic() {
        return 4 * 20 * 20 + 7;
    }
}
