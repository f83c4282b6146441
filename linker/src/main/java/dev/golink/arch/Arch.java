package dev.golink.arch;

/**
 * The behaviour of one architecture backend (cf. cmd/link ld.Arch's functions).
 * Relocations that every architecture shares (R_ADDR, R_CALL, R_PCREL, ...) are
 * applied by dev.golink.data.Relocator; a backend handles only its own kinds,
 * through {@link #archreloc}. Optional behaviour is a default method.
 */
public interface Arch {

    // Relocation variants (cf. cmd/link sym.RelocVariant): how archrelocvariant
    // adjusts a computed value. The low bits name the variant, the high bit asks
    // for an overflow check.
    int RV_NONE = 0;
    int RV_POWER_LO = 1;
    int RV_POWER_HI = 2;
    int RV_POWER_HA = 3;
    int RV_POWER_DS = 4;
    int RV_390_DBL = 5;
    int RV_CHECK_OVERFLOW = 1 << 7;
    int RV_TYPE_MASK = RV_CHECK_OVERFLOW - 1;

    ArchInfo info();

    /**
     * Applies an architecture-specific relocation (cf. ld.Arch.Archreloc). On
     * entry {@code site.value} holds the relocated field's current content; on
     * success the backend sets it to the new content and returns true. False
     * means the relocation type is unknown to this backend.
     */
    default boolean archreloc(RelocSite site) {
        return false;
    }

    /**
     * Adjusts a computed value for a relocation variant (ppc64, s390x; cf.
     * ld.Arch.Archrelocvariant). {@code p} holds the symbol's bytes.
     */
    default long archrelocvariant(RelocSite site, int variant, long value, byte[] p) {
        return value;
    }

    // ---- trampolines: the architecture's half of dev.golink.ld.Trampolines (cf.
    // each arch's trampoline and gentramp). For each direct call the pass asks
    // the questions below; the RelocSite describes the call: type, symAddr, off,
    // add, target and targetAddr (0 for a target not placed yet).

    /**
     * Text size from which direct calls may be out of reach, so that the
     * trampoline pass must run (cf. ld.Arch.TrampLimit); 0 means never.
     */
    default long trampLimit() {
        return 0;
    }

    /** Whether calls in text may need trampolines (arm, arm64, ppc64): the backend has a {@link #trampLimit}. */
    default boolean needsTrampolines() {
        return trampLimit() > 0;
    }

    /** The relocation type of the direct calls trampolines serve (R_CALLARM, R_CALLARM64, R_CALLPOWER). */
    default int trampolineCallType() {
        throw new UnsupportedOperationException(info().goarch() + " has no trampolines");
    }

    /** Whether the call cannot reach its target directly (a target not placed yet counts as out of reach). */
    default boolean callOutOfReach(RelocSite call) {
        return false;
    }

    /**
     * Under {@code -debugtramp=2}, whether a call in reach still gets a
     * trampoline: cmd/link forces one on calls between packages.
     */
    default boolean debugTrampForces(String callerPkg, String targetPkg) {
        return !callerPkg.equals(targetPkg);
    }

    /** Whether the call can reach an existing trampoline at {@code trampAddr}, so that it may be reused. */
    default boolean trampolineReaches(RelocSite call, long trampAddr) {
        return true;
    }

    /** The name of the {@code i}-th candidate trampoline for the call to {@code targetName} (same version as the target). */
    default String trampolineName(String targetName, RelocSite call, int i) {
        throw new UnsupportedOperationException(info().goarch() + " has no trampolines");
    }

    /**
     * {@code target+addend-tramp<i>}, the addend as Go's {@code %+x} and left out when zero, as
     * ppc64 and riscv64 name their trampolines.
     */
    static String trampolineNameWithAddend(String targetName, long add, int i) {
        if (add == 0) {
            return targetName + "-tramp" + i;
        }
        return targetName + (add < 0 ? "-" + Long.toHexString(-add) : "+" + Long.toHexString(add)) + "-tramp" + i;
    }

    /** Why no trampoline may lead to {@code targetName}, or null. */
    default String trampolineRefusal(String targetName) {
        return null;
    }

    /**
     * A trampoline's instructions and, when {@code relocType} is not 0, the one
     * relocation (to the call's target) that completes them (cf. each arch's gentramp).
     */
    record Trampoline(byte[] code, int relocType, int relocOff, int relocSiz, long relocAdd) {
    }

    /** The code of a new trampoline to the call's target and addend. */
    default Trampoline gentramp(RelocSite call) {
        throw new UnsupportedOperationException(info().goarch() + " has no trampolines");
    }

    /** The code of a new trampoline to an imported function, through its GOT slot (cf. arm64 gentrampgot). */
    default Trampoline gentrampgot(RelocSite call) {
        throw new UnsupportedOperationException("golink makes no " + info().goarch()
                + " trampolines to imported functions");
    }

    /**
     * Whether a call whose target is not placed yet needs a trampoline even when
     * both are in one package, or both the runtime's (riscv64, whose calls reach
     * only 1 MiB; cf. ld.trampoline).
     */
    default boolean unplacedCallsNeedTrampolines() {
        return false;
    }

    /** The relocation type the call gets once it points at its trampoline (riscv64 marks a tentative one). */
    default int redirectedCallType(RelocSite call) {
        return call.type;
    }

    /**
     * The type of a call pointed at a trampoline before its target was placed,
     * which goes to the target directly after all when that is in reach once
     * relocations are applied (riscv64's R_RISCV_CALL_TRAMP), or -1 for none.
     */
    default int tentativeTrampolineCallType() {
        return -1;
    }

    /** The addend the call gets once it points at its trampoline. */
    default long redirectedCallAdd(RelocSite call) {
        return 0;
    }

    /**
     * The value of a generic R_TLS_LE relocation in an internally linked ELF
     * executable (cf. ld.relocsym): the thread pointer sits just past the TLS
     * block, whose last word is g, so the offset is ld's Tlsoffset (-ptrSize)
     * plus the addend. arm overrides it.
     */
    default long tlsLE(RelocSite site) {
        return -info().ptrSize() + site.add;
    }

    /**
     * The variant relocsym gives a relocation of {@code type} whatever the
     * object says (cf. the s390x special case in ld.relocsym): when not
     * {@link #RV_NONE}, the computed value goes through {@link #archrelocvariant}
     * before it is stored, as relocsym does for ppc64 and s390x.
     */
    default int implicitRelocVariant(int type) {
        return RV_NONE;
    }

    /**
     * Where the call to runtime.deferreturn starts, given the offset of its
     * relocation (cf. ld.computeDeferReturn): the same unless the relocated
     * field follows an opcode.
     */
    default int deferreturnCallOffset(int relocOff) {
        return relocOff;
    }

    /** Whether the runtime expects runtime.goarm, the GOARM it was linked for (cf. ld.(*Link).linksetup): arm. */
    default boolean definesGoarm() {
        return false;
    }

    /**
     * The floating-point ABI a 32-bit MIPS ELF file records in .MIPS.abiflags and
     * .gnu.attributes (cf. ld.elfWriteMipsAbiFlags), or 0 for an architecture whose
     * ELF files carry neither.
     */
    default int elfMipsFpAbi() {
        return 0;
    }

    /** Whether address places .TOC., the pointer of the table of contents (cf. ld.(*Link).address): ppc64. */
    default boolean placesTOC() {
        return false;
    }

    /**
     * Bytes the nosplit stack check keeps below the limit beyond the return
     * address (cf. ld.(*Link).doStackCheck): arm64's frame pointer slot.
     */
    default int nosplitReserve() {
        return 0;
    }

    /**
     * The backend's part of a dynamic ELF executable: PLT entries and the relocations that
     * reach imported functions (cf. the backends' adddynrel, elfsetupplt, addpltsym).
     */
    default dev.golink.elf.ElfDynamicArch elfDynamic() {
        throw new UnsupportedOperationException("golink writes no dynamic ELF executables for " + info().goarch());
    }

    /**
     * The functions a position-independent executable needs before all other text
     * (cf. the backends' gentext), by name in order: none by default.
     */
    default java.util.Map<String, byte[]> pieText() {
        return java.util.Map.of();
    }
}
