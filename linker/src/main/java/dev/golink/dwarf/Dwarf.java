package dev.golink.dwarf;

import dev.golink.LinkContext;
import dev.golink.LinkException;

/**
 * DWARF debugging information, in the three steps cmd/link takes: DIEs for
 * units, functions and types after the string data (dwarfGenerateDebugInfo),
 * the section contents once text addresses are known
 * (dwarfGenerateDebugSyms), and compression once the data are placed
 * (dwarfcompress).
 */
public final class Dwarf {

    private Dwarf() {
    }

    /** Whether the link writes DWARF (cf. ld.dwarfEnabled): not with -w, nor with -s except on Mach-O (darwin, ios). */
    public static boolean enabled(LinkContext ctxt) {
        if (ctxt.options().stripDwarf()) {
            return false;
        }
        String goos = ctxt.target().goos();
        if (ctxt.options().stripSymbols() && !ctxt.isMacho()) {
            return false;
        }
        return !goos.equals("js") && !goos.equals("plan9");
    }

    /** cf. ld.dwarfGenerateDebugInfo. */
    public static void generateDebugInfo(LinkContext ctxt) throws LinkException {
        if (!enabled(ctxt)) {
            return;
        }
        ctxt.dwarf = DebugInfo.run(ctxt);
    }

    /** cf. ld.dwarfGenerateDebugSyms. */
    public static void generateDebugSyms(LinkContext ctxt) throws LinkException {
        if (ctxt.dwarf == null) {
            return;
        }
        DebugSyms.run(ctxt, ctxt.dwarf);
        ctxt.dwarf.releaseDies();
    }

    /** cf. ld.dwarfcompress: only with -compressdwarf (the default), and not in XCOFF, which cmd/link never compresses. */
    public static void compress(LinkContext ctxt) throws LinkException {
        if (ctxt.dwarf == null || !ctxt.options().compressDwarf() || ctxt.isXcoff()) {
            return;
        }
        DwarfCompress.run(ctxt, ctxt.dwarf);
    }
}
