package dev.golink.arch.arm64;

import dev.golink.arch.Arch;
import dev.golink.arch.ArchInfo;
import dev.golink.arch.RelocSite;

import java.nio.ByteOrder;

import static dev.golink.goobj.RelocTypes.R_ADDRARM64;
import static dev.golink.goobj.RelocTypes.R_ARM64_GOT;
import static dev.golink.goobj.RelocTypes.R_ARM64_GOTPCREL;
import static dev.golink.goobj.RelocTypes.R_ARM64_LDST128;
import static dev.golink.goobj.RelocTypes.R_ARM64_LDST16;
import static dev.golink.goobj.RelocTypes.R_ARM64_LDST32;
import static dev.golink.goobj.RelocTypes.R_ARM64_LDST64;
import static dev.golink.goobj.RelocTypes.R_ARM64_LDST8;
import static dev.golink.goobj.RelocTypes.R_ARM64_PCREL;
import static dev.golink.goobj.RelocTypes.R_ARM64_TLS_IE;
import static dev.golink.goobj.RelocTypes.R_ARM64_TLS_LE;
import static dev.golink.goobj.RelocTypes.R_CALLARM64;

/**
 * AArch64 (cf. cmd/link arm64).
 *
 * <p>Every instruction is one little-endian 32-bit word, so an address never
 * fits in an instruction: Go materialises it with a pair, ADRP (the 4 KiB page
 * of the target, PC-relative, a 21-bit immediate split into immlo at bits
 * 29-30 and immhi at bits 5-23) followed by an ADD or a load/store carrying the
 * low 12 bits of the address (bits 10-21, scaled by the access size for loads
 * and stores). The compiler marks such a pair with one 8-byte relocation,
 * R_ADDRARM64, that covers both words; the backend patches both at once.
 * Calls (BL, and B for tail calls) carry a 26-bit word offset, R_CALLARM64:
 * +-128 MiB, which is why cmd/link inserts trampolines once text grows past
 * 0x7c00000 bytes.
 *
 * <p>Thread-local storage: Go keeps g in a register (R28) but the runtime
 * also saves it in a TLS slot, runtime.tlsg. In an ELF executable the thread
 * pointer (TPIDR_EL0) points at a 16-byte thread control block that precedes
 * the TLS block, so the local-exec offset of runtime.tlsg is its value plus two
 * pointers; R_ARM64_TLS_LE puts it in the 16-bit immediate of a MOVZ.
 * Initial-exec (R_ARM64_TLS_IE) and GOT relocations only appear in shared
 * or position-independent code, which a static executable has none of.
 */
public final class Arm64 implements Arch {

    /** EM_AARCH64. */
    static final int EM_AARCH64 = 183;
    /** Text size from which calls may be out of reach: 26-bit word offsets, less room for PLT and the like. */
    public static final long TRAMP_LIMIT = 0x7c00000;
    /** Where text starts for a Linux ELF executable, before HEADR is added (cf. archinit), and the segment rounding. */
    public static final long ELF_TEXT_BASE = 0x10000;
    public static final long ELF_ROUND = 0x10000;

    private static final ArchInfo INFO = new ArchInfo("arm64", ByteOrder.LITTLE_ENDIAN, 8, 8, 4, 16, 1, 32,
            new byte[] {0}, EM_AARCH64, 0, ".rela", 1);

    @Override
    public ArchInfo info() {
        return INFO;
    }

    @Override
    public boolean archreloc(RelocSite site) {
        long val = site.value;
        switch (site.type) {
            case R_ADDRARM64 -> {
                long t = pageDistance(site);
                if (t >= 1L << 32 || t < -(1L << 32)) {
                    site.error = "program too large, address relocation distance = " + t;
                }
                // Little-endian: the ADRP is the low word of the 8-byte field, the ADD or load/store the high one.
                long o0 = (val & 0xffffffffL) | adrpImmediate(t);
                long o1 = (val >>> 32) | ((t & 0xfff) << 10);
                site.value = (o1 & 0xffffffffL) << 32 | (o0 & 0xffffffffL);
            }
            case R_ARM64_TLS_LE -> {
                // The thread control block is two pointers, before the TLS block.
                long v = site.targetAddr + 2 * 8;
                if (v < 0 || v >= 32678) {
                    site.error = "TLS offset out of range " + v;
                }
                site.value = val | (v << 5);
            }
            case R_ARM64_TLS_IE -> {
                // cmd/link rewrites it to local-exec only when linking PIE; a static executable never has it.
                site.error = "cannot handle R_ARM64_TLS_IE when linking internally";
            }
            case R_CALLARM64 -> {
                long t = site.targetAddr + site.add - (site.symAddr + site.off);
                if (t >= 1L << 27 || t < -(1L << 27)) {
                    site.error = "program too large, call relocation distance = " + t;
                }
                site.value = val | ((t >> 2) & 0x03ffffff);
            }
            case R_ARM64_GOT -> {
                // Without dynamic linking the target itself stands where its GOT entry would be.
                long t = pageDistance(site);
                if (((val >> 24) & 0x9f) == 0x90) { // ADRP
                    if (t >= 1L << 32 || t < -(1L << 32)) {
                        site.error = "program too large, address relocation distance = " + t;
                    }
                    site.value = val | adrpImmediate(t);
                } else if (val >> 24 == 0xf9) { // LDR (64-bit, unsigned offset)
                    if ((t & 7) != 0) {
                        site.error = String.format("invalid address: %#x for relocation type: R_AARCH64_LD64_GOT_LO12_NC", t);
                    }
                    site.value = val | ((t & 0xfff) << (10 - 3));
                } else {
                    site.error = String.format("unsupported instruction for %#x R_GOTARM64", val);
                }
            }
            case R_ARM64_PCREL -> {
                long t = pageDistance(site);
                if (((val >> 24) & 0x9f) == 0x90) { // ADRP
                    if (t >= 1L << 32 || t < -(1L << 32)) {
                        site.error = "program too large, address relocation distance = " + t;
                    }
                    site.value = val | adrpImmediate(t);
                } else if (((val >> 24) & 0x9f) == 0x91) { // ADD immediate
                    site.value = val | ((t & 0xfff) << 10);
                } else if (((val >> 24) & 0x3b) == 0x39) { // LDR/STR of any size, integer or vector
                    int shift = (int) ((val & 0xffffffffL) >>> 30);
                    if (shift == 0 && ((val >> 20) & 0x048) == 0x048) { // 128-bit vector access
                        shift = 4;
                    }
                    if ((t & ((1L << shift) - 1)) != 0) {
                        site.error = String.format("invalid address: %#x for relocation type: ARM64_RELOC_PAGEOFF12", t);
                    }
                    site.value = val | (((t & 0xfff) >>> shift) << 10);
                } else {
                    site.error = String.format("unsupported instruction for %#x R_ARM64_PCREL", val);
                }
            }
            case R_ARM64_LDST8 -> site.value = val | ((pageDistance(site) & 0xfff) << 10);
            case R_ARM64_LDST16 -> site.value = lowScaled(site, 1, "R_AARCH64_LDST16_ABS_LO12_NC");
            case R_ARM64_LDST32 -> site.value = lowScaled(site, 2, "R_AARCH64_LDST32_ABS_LO12_NC");
            case R_ARM64_LDST64 -> site.value = lowScaled(site, 3, "R_AARCH64_LDST64_ABS_LO12_NC");
            case R_ARM64_LDST128 -> site.value = lowScaled(site, 4, "R_AARCH64_LDST128_ABS_LO12_NC");
            case R_ARM64_GOTPCREL -> {
                // cmd/link turns it into a GOT access only for dynamic targets; otherwise it reaches here unknown.
                return false;
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    /** Target address minus the 4 KiB page of the place: what an ADRP pair adds up to. */
    private static long pageDistance(RelocSite site) {
        return site.targetAddr + site.add - ((site.symAddr + site.off) & ~0xfffL);
    }

    /** The page count of {@code t} as ADRP encodes it: immlo in bits 29-30, immhi in bits 5-23. */
    private static long adrpImmediate(long t) {
        return (((t >> 12) & 3) << 29) | (((t >> 14) & 0x7ffff) << 5);
    }

    /** The low 12 bits of the page distance, scaled by an access of 2^shift bytes, in a load/store's imm12. */
    private static long lowScaled(RelocSite site, int shift, String elfName) {
        long t = pageDistance(site);
        if ((t & ((1L << shift) - 1)) != 0) {
            site.error = String.format("invalid address: %#x for relocation type: %s", t, elfName);
        }
        return site.value | (((t & 0xfff) >>> shift) << 10);
    }

    @Override
    public boolean needsTrampolines() {
        return true;
    }

    @Override
    public long trampLimit() {
        return TRAMP_LIMIT;
    }

    @Override
    public void trampoline(RelocSite site) {
        throw new UnsupportedOperationException("linux/arm64: text is larger than " + TRAMP_LIMIT
                + " bytes and calls may be out of BL's reach, but golink does not make arm64 trampolines yet");
    }
}
