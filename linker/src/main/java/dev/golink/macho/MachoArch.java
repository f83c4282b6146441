package dev.golink.macho;

import dev.golink.loader.SymbolBuilder;

/**
 * What the Mach-O writer needs from a CPU (cf. the darwin parts of cmd/link's
 * amd64 and arm64 backends and the per-architecture switches of macho.go):
 * the header's CPU type, how the entry point is given, whether executables
 * are position-independent, and how a call reaches an imported function.
 */
interface MachoArch {

    int cpu();

    int subcpu();

    /** The macOS version LC_BUILD_VERSION asks for, as xxxx.yy.zz in nibbles (cf. domacho). */
    int macosVersion();

    /** Whether the kernel insists on a code signature (cf. ld.(*Link).NeedCodeSign). */
    boolean needCodeSign();

    /** Whether a few libSystem functions need their "$INODE64" names (cf. collectmachosyms). */
    boolean inode64();

    /** Adds the load command that names the entry point (LC_UNIXTHREAD or LC_MAIN). */
    void entryCommand(MachoFile f, long entry, long imageBase);

    /**
     * Handles one relocation of {@code s} that dynreloc hands over (cf. the
     * backends' adddynrel); false when the backend has nothing for it.
     */
    boolean adddynrel(MachoDynamic d, int s, int ri, int type, int targ, int off);

    /** Appends the stub that jumps through the import's .got slot at {@code gotOff}. */
    void stub(SymbolBuilder plt, int got, long gotOff);

    /** The backend for {@code goarch}, or null when darwin has none. */
    static MachoArch forGoarch(String goarch) {
        return switch (goarch) {
            case "amd64" -> new MachoAmd64();
            case "arm64" -> new MachoArm64();
            default -> null;
        };
    }
}
