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
    static TextSink of(SizeAttribution a) {
        TextSink b = new TextSink(TextSink.capacityFor(a.symbols.size(), 128));
        b.add("# golink link map of a ").add(a.target).add(' ').add(a.container).add(" file of ")
                .add(a.fileSize).add(" bytes\n");
        b.add(String.format("%16s %10s %10s %6s  %s%n", "Address", "Offset", "Size", "Align",
                "Section / Symbol (package)"));
        // Each section's symbols, in address order.
        java.util.Map<String, List<SizeAttribution.SymbolRow>> bySection = new java.util.HashMap<>();
        for (SizeAttribution.SymbolRow r : a.symbols) {
            bySection.computeIfAbsent(r.section, k -> new ArrayList<>()).add(r);
        }
        for (List<SizeAttribution.SymbolRow> l : bySection.values()) {
            l.sort((x, y) -> {
                int c = Long.compare(x.address, y.address);
                return c != 0 ? c : x.name().compareTo(y.name());
            });
        }
        for (SizeAttribution.SectionRow s : a.sections) {
            // Offset -1: a wasm memory section, whose bytes the data segments hold scattered.
            b.add(String.format("%16x %10s %10x %6d  %s%n", s.address(),
                    s.offset() < 0 ? "-" : Long.toHexString(s.offset()), s.size(), s.align(),
                    s.name() + (s.compressed() ? " (compressed from " + s.uncompressedSize() + " bytes)" : "")
                            + (s.fileSize() == 0 && s.size() > 0 ? " (no file bytes)" : "")));
            for (SizeAttribution.SymbolRow r : bySection.getOrDefault(s.name(), List.of())) {
                if (!inside(r.address, s)) {
                    continue;
                }
                // By hand, not String.format: a large program has a hundred thousand of these lines.
                b.hex(r.address, 16).add(' ');
                if (s.fileSize() == 0 || s.offset() < 0) {
                    b.right("-", 10);
                } else {
                    b.hex(s.offset() + r.address - s.address(), 10);
                }
                b.add(' ').hex(r.size, 10).add("             ");
                if (r.symtabName != null) {
                    b.add(r.symtabName);
                } else {
                    a.names.utf8(b, r.index);
                }
                b.add(" (").add(r.pkg).add(")\n");
            }
            for (SizeAttribution.DwarfRow d : a.dwarf) {
                if (d.section().equals(s.name()) || s.name().equals(".z" + d.section().substring(1))) {
                    b.add(String.format("%16s %10s %10x %6s      DWARF of %s (%d bytes before compression)%n",
                            "", "", d.fileBytes(), "", d.pkg(), d.uncompressed()));
                }
            }
        }
        b.add("# Bytes of no symbol: headers, the symbol table's own entries, padding (before what it names)\n");
        for (SizeAttribution.OtherRow o : a.other) {
            b.add(String.format("%16s %10s %10x %6s  %s: %s%n", "", "", o.bytes(), "", o.category(), o.name()));
        }
        return b;
    }

    private static boolean inside(long address, SizeAttribution.SectionRow s) {
        return address >= s.address() && (address < s.address() + s.size()
                || address == s.address() + s.size() && s.size() == 0);
    }
}
