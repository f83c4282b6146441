package dev.golink.arch.riscv64;

import dev.golink.arch.Arch;
import dev.golink.arch.ArchInfo;
import dev.golink.arch.RelocSite;
import dev.golink.arch.TargetSpec;

import java.nio.ByteOrder;

import static dev.golink.goobj.RelocTypes.R_RISCV_CALL;
import static dev.golink.goobj.RelocTypes.R_RISCV_CALL_TRAMP;
import static dev.golink.goobj.RelocTypes.R_RISCV_PCREL_ITYPE;
import static dev.golink.goobj.RelocTypes.R_RISCV_PCREL_STYPE;
import static dev.golink.goobj.RelocTypes.R_RISCV_TLS_IE_ITYPE;
import static dev.golink.goobj.RelocTypes.R_RISCV_TLS_IE_STYPE;

/**
 * 64-bit RISC-V, little-endian, LP64D (cf. cmd/link riscv64).
 *
 * <p>Instructions are 32-bit words whose immediates are scattered over the
 * word in a format-specific order. A direct call is a JAL (R_RISCV_CALL),
 * whose 21-bit signed, even offset reaches +-1 MiB: a Go program's text is
 * easily larger, even within one package. So the trampoline pass always runs
 * (the limit is one byte) and, unlike on the other architectures, a call whose
 * target is not placed yet always gets a trampoline, even within a package; the
 * call is then marked R_RISCV_CALL_TRAMP, and when relocations are applied it
 * goes straight to the target after all if that is in reach (the trampoline
 * stays, unused). A trampoline is AUIPC X31 plus JALR X0, 0(X31), completed by
 * one R_RISCV_PCREL_ITYPE.
 *
 * <p>Addresses are PC-relative pairs: AUIPC takes the upper 20 bits and an
 * I-type (ADDI, loads) or S-type (stores) instruction the sign-extended lower
 * 12, so the upper half is rounded up when bit 11 is set. One 8-byte
 * relocation covers both words (R_RISCV_PCREL_ITYPE, R_RISCV_PCREL_STYPE).
 * Internal linking has no thread-local storage: the initial-exec TLS pairs
 * (used only with cgo) become two EBREAKs, so that any use traps.
 * e_flags: EF_RISCV_FLOAT_ABI_DOUBLE.
 */
public final class Riscv64 implements Arch {

    /** Linux: text at 64 KiB, in 64 KiB pages. */
    public static final TargetSpec LINUX = TargetSpec.linux("riscv64", 0x10000, 0x10000, c -> new Riscv64());

    /** EM_RISCV. */
    static final int EM_RISCV = 243;
    /** EF_RISCV_FLOAT_ABI_DOUBLE. */
    static final int EF_RISCV_FLOAT_ABI_DOUBLE = 0x4;
    /** The immediate bits of a J-type (JAL), I-type, S-type and U-type (AUIPC) instruction. */
    static final long J_IMM_MASK = 0xfffff000L;
    static final long I_IMM_MASK = 0xfff00000L;
    static final long S_IMM_MASK = 0xfe000f80L;
    static final long U_IMM_MASK = 0xfffff000L;
    /** EBREAK. */
    static final long EBREAK = 0x00100073L;

    /** Stack pointer x2, return address x1. */
    private static final ArchInfo INFO = new ArchInfo("riscv64", ByteOrder.LITTLE_ENDIAN, 8, 8, 4, 8, 1, 32,
            new byte[] {0}, 8, new ArchInfo.DwarfRegs(2, 1, true), EM_RISCV, EF_RISCV_FLOAT_ABI_DOUBLE,
            ".rela");

    @Override
    public ArchInfo info() {
        return INFO;
    }

    @Override
    public boolean archreloc(RelocSite site) {
        long pc = site.symAddr + site.off;
        long off = site.targetAddr + site.add - pc;
        long val = site.value;
        switch (site.type) {
            case R_RISCV_CALL, R_RISCV_CALL_TRAMP -> {
                if (!fits(off, 21)) {
                    site.error = "cannot encode R_RISCV_CALL relocation offset for " + site.name(site.target)
                            + String.format(": immediate %s does not fit in 21 bits", goHex(off));
                } else if ((off & 1) != 0) {
                    site.error = "cannot encode R_RISCV_CALL relocation offset for " + site.name(site.target)
                            + String.format(": immediate %s is not a multiple of two", goHex(off));
                }
                site.value = val & ~J_IMM_MASK | jImmediate(off);
            }
            case R_RISCV_TLS_IE_ITYPE, R_RISCV_TLS_IE_STYPE -> site.value = EBREAK << 32 | EBREAK;
            case R_RISCV_PCREL_ITYPE, R_RISCV_PCREL_STYPE -> {
                if (!fits(off, 32)) {
                    site.error = "R_RISCV_PCREL_ relocation does not fit in 32 bits: " + off;
                }
                long low = off;
                long high = 0;
                if (!fits(off, 12)) {
                    high = off >> 12;
                    if ((off & (1 << 11)) != 0) {
                        high++;
                    }
                    low = off << 52 >> 52;
                    high = high << 44 >> 44;
                }
                long auipc = val & 0xffffffffL;
                long second = val >>> 32;
                long secondImm = site.type == R_RISCV_PCREL_ITYPE ? low << 20 : (low >> 5) << 25 | (low & 0x1f) << 7;
                long secondMask = site.type == R_RISCV_PCREL_ITYPE ? I_IMM_MASK : S_IMM_MASK;
                auipc = auipc & ~U_IMM_MASK | (high << 12) & 0xffffffffL;
                second = second & ~secondMask | secondImm & 0xffffffffL;
                site.value = second << 32 | auipc;
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    /** Go's {@code %#x} of a signed value. */
    private static String goHex(long v) {
        return v < 0 ? "-0x" + Long.toUnsignedString(-v, 16) : "0x" + Long.toHexString(v);
    }

    /** Whether {@code x} fits a signed immediate of {@code bits} bits. */
    private static boolean fits(long x, int bits) {
        return x >= -(1L << (bits - 1)) && x <= (1L << (bits - 1)) - 1;
    }

    /** A J-type immediate: bit 20, bits 10-1, bit 11, bits 19-12, from the top of the word down. */
    static long jImmediate(long imm) {
        long i = imm & 0xffffffffL;
        return ((i >> 20) & 1) << 31 | ((i >> 1) & 0x3ff) << 21 | ((i >> 11) & 1) << 20 | ((i >> 12) & 0xff) << 12;
    }

    // ---- trampolines

    /** Always: a JAL reaches only 1 MiB, so the pass runs whatever the text size. */
    @Override
    public long trampLimit() {
        return 1;
    }

    @Override
    public int trampolineCallType() {
        return R_RISCV_CALL;
    }

    /** Even a call within one package may be out of reach. */
    @Override
    public boolean unplacedCallsNeedTrampolines() {
        return true;
    }

    @Override
    public int tentativeTrampolineCallType() {
        return R_RISCV_CALL_TRAMP;
    }

    private static boolean reaches(long off) {
        return off >= -(1 << 20) && off < (1 << 20);
    }

    @Override
    public boolean callOutOfReach(RelocSite call) {
        return call.targetAddr == 0 || !reaches(call.targetAddr + call.add - (call.symAddr + call.off));
    }

    @Override
    public boolean trampolineReaches(RelocSite call, long trampAddr) {
        return reaches(trampAddr - (call.symAddr + call.off));
    }

    @Override
    public String trampolineName(String targetName, RelocSite call, int i) {
        return Arch.trampolineNameWithAddend(targetName, call.add, i);
    }

    /** A call redirected before its target was placed is marked, so that it may still go direct. */
    @Override
    public int redirectedCallType(RelocSite call) {
        return call.targetAddr == 0 ? R_RISCV_CALL_TRAMP : call.type;
    }

    /** AUIPC X31, $0; JALR X0, 0(X31); one R_RISCV_PCREL_ITYPE to the target and addend. */
    @Override
    public Trampoline gentramp(RelocSite call) {
        byte[] code = new byte[8];
        put(code, 0, 0x00000f97L);
        put(code, 4, 0x000f8067L);
        return new Trampoline(code, R_RISCV_PCREL_ITYPE, 0, 8, call.add);
    }

    private static void put(byte[] b, int at, long insn) {
        for (int i = 0; i < 4; i++) {
            b[at + i] = (byte) (insn >>> (8 * i));
        }
    }
}
