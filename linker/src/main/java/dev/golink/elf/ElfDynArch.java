package dev.golink.elf;

import dev.golink.loader.SymbolBuilder;

/**
 * What {@link ElfDynamic} needs from a CPU (cf. the backends' elfsetupplt, addpltsym and the
 * ELF cases of adddynrel): the PLT's header and the GOT entries it reads, each import's stub
 * and relocation, and which relocations to an import go through the PLT or the GOT.
 */
interface ElfDynArch {

    /** Writes the PLT's header and the GOT's reserved entries, when the PLT is still empty (cf. elfsetupplt). */
    void setupPlt(ElfDynamic d, SymbolBuilder plt, SymbolBuilder gotPlt, int dynamic);

    /**
     * Sends relocation {@code ri} of {@code s} (of {@code type}, to the import {@code targ})
     * through the PLT or the GOT (cf. adddynrel); false when the backend has nothing for it. In a
     * position-independent executable every relocation comes here, to imports or not (only
     * ElfDynArm64 serves one: android/arm64).
     */
    boolean adddynrel(ElfDynamic d, int s, int ri, int type, int targ, long add);

    /** The .plt section's entry size (cf. asmbElf: 16 on x86-64, 4 elsewhere). */
    long pltEntsize();

    /** The backend for {@code goarch}, or null when golink links no dynamic ELF executable for it. */
    static ElfDynArch forGoarch(String goarch) {
        return switch (goarch) {
            case "amd64" -> new ElfDynAmd64();
            case "arm64" -> new ElfDynArm64();
            case "386" -> new ElfDyn386();
            case "arm" -> new ElfDynArm();
            default -> null;
        };
    }
}
