package dev.golink.xcoff;

import dev.golink.LinkContext;
import dev.golink.dwarf.DwarfState;

/**
 * The sizes of each package's part of the DWARF sections, which the symbol
 * table's C_DWARF entries give (cf. getDwsectCUSize): recorded as DWARF is
 * generated, none when the link writes no DWARF.
 */
final class XcoffDwarfSizes {

    private final LinkContext ctxt;
    private final DwarfState dwarf;

    private XcoffDwarfSizes(LinkContext ctxt) {
        this.ctxt = ctxt;
        this.dwarf = ctxt.dwarf;
    }

    static XcoffDwarfSizes of(LinkContext ctxt) {
        return new XcoffDwarfSizes(ctxt);
    }

    /** The size of package {@code pkg}'s part of section {@code section}. */
    long size(String section, String pkg) {
        return dwarf == null ? 0 : dwarf.cuSize(section, pkg);
    }

    /** The size of .debug_abbrev's symbol, which all packages share. */
    long abbrevSize() {
        if (dwarf == null) {
            return 0;
        }
        for (int[] sect : dwarf.sections()) {
            if (ctxt.loader().symName(sect[0]).equals(".debug_abbrev")) {
                return ctxt.loader().symSize(sect[0]);
            }
        }
        return 0;
    }
}
