package dev.golink.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The link map ({@code -map}, in the spirit of lld's {@code -Map}): each section's address, file
 * offset, size and alignment, then the symbols in it with their packages, in address order; for
 * DWARF sections, each package's part.
 */
public final class LinkMap {

    private LinkMap() {
    }

    /** The map as text. */
    public static String of(SizeAttribution a) {
        StringBuilder b = new StringBuilder(1 << 20);
        b.append("# golink link map of a ").append(a.target).append(' ').append(a.container).append(" file of ")
                .append(a.fileSize).append(" bytes\n");
        b.append(String.format("%16s %10s %10s %6s  %s%n", "Address", "Offset", "Size", "Align",
                "Section / Symbol (package)"));
        List<SizeAttribution.SymbolRow> byAddress = new ArrayList<>(a.symbols);
        byAddress.sort(Comparator.comparingLong((SizeAttribution.SymbolRow r) -> r.address)
                .thenComparing(r -> r.name));
        for (SizeAttribution.SectionRow s : a.sections) {
            b.append(String.format("%16x %10x %10x %6d  %s%n", s.address(), s.offset(), s.size(), s.align(),
                    s.name() + (s.compressed() ? " (compressed from " + s.uncompressedSize() + " bytes)" : "")
                            + (s.fileSize() == 0 && s.size() > 0 ? " (no file bytes)" : "")));
            for (SizeAttribution.SymbolRow r : byAddress) {
                if (!r.section.equals(s.name()) || !inside(r.address, s)) {
                    continue;
                }
                String offset = s.fileSize() == 0 ? "-" : Long.toHexString(s.offset() + r.address - s.address());
                b.append(String.format("%16x %10s %10x %6s      %s (%s)%n", r.address, offset, r.size, "",
                        r.symtabName != null ? r.symtabName : r.name, r.pkg));
            }
            for (SizeAttribution.DwarfRow d : a.dwarf) {
                if (d.section().equals(s.name()) || s.name().equals(".z" + d.section().substring(1))) {
                    b.append(String.format("%16s %10s %10x %6s      DWARF of %s (%d bytes before compression)%n",
                            "", "", d.fileBytes(), "", d.pkg(), d.uncompressed()));
                }
            }
        }
        return b.toString();
    }

    private static boolean inside(long address, SizeAttribution.SectionRow s) {
        return address >= s.address() && (address < s.address() + s.size()
                || address == s.address() + s.size() && s.size() == 0);
    }
}
