package dev.golink.report;

import dev.golink.LinkContext;
import dev.golink.LinkException;
import dev.golink.elf.Elf;
import dev.golink.ld.PclnShares;
import dev.golink.ld.PclnState;
import dev.golink.loader.Library;
import dev.golink.loader.Loader;
import dev.golink.sym.Section;
import dev.golink.sym.Segment;
import dev.golink.sym.SymKind;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where every byte of the output came from, taken from the link's own state once the file is
 * written (loader symbols, section layout, pclntab's shares, the ELF writer's headers and symbol
 * table, DWARF before and after compression), never by reading the file back. Each byte has
 * exactly one owner; the rules are in linker/SIZEREPORT.md. ELF only for now.
 */
public final class SizeAttribution {

    /** An output section. {@code fileSize} is 0 for bss; {@code uncompressedSize} equals size unless compressed. */
    public record SectionRow(String name, String segment, long address, long offset, long size, long fileSize,
            int align, boolean compressed, long uncompressedSize) {
    }

    /** A symbol of the output and the bytes it owns (all in bytes of the file). */
    public static final class SymbolRow {
        public String name;
        /** The name in the ELF symbol table, when it differs (".abi0" suffixes); else null. */
        public String symtabName;
        public String pkg;
        public String section;
        public String kind;
        public long address;
        /** The symbol's size, as its symbol-table entry gives it. */
        public long size;
        /** The bytes of its own contents in the file (0 in bss, for a sub-symbol, or a symbol of no section). */
        public long fileBytes;
        /**
         * Its share of pclntab: its runtime.functab entry and _func record, its name, its pc-value
         * tables, the file names and unit table it brought in, and its funcdata (GC maps, inline tree).
         */
        public long functab;
        public long funcname;
        public long pctab;
        public long files;
        public long funcdata;
        /** For a funcdata symbol: the function whose share its bytes are; else null. */
        public String funcdataOf;
        /** Its .symtab entry and its name in .strtab. */
        public long symtabEntry;
        public long symtabString;
        /** A duplicate-allowed definition (type descriptors, strings): other packages may define it too. */
        public boolean dupok;

        long total() {
            return fileBytes + pclntab() + symtabEntry + symtabString;
        }

        long pclntab() {
            return functab + funcname + pctab + files + funcdata;
        }
    }

    /** DWARF of one package in one section: its generated size and its bytes in the file. */
    public record DwarfRow(String section, String pkg, long uncompressed, long fileBytes) {
    }

    /** Bytes owned by no symbol: headers, the linker's own tables, alignment padding. */
    public record OtherRow(String category, String name, long bytes) {
    }

    public final String target;
    public final String container;
    public final long fileSize;
    public final List<SectionRow> sections = new ArrayList<>();
    public final List<SymbolRow> symbols;
    public final List<DwarfRow> dwarf = new ArrayList<>();
    public final List<OtherRow> other = new ArrayList<>();

    private final LinkContext ctxt;
    private final Loader ldr;
    /** The row of each symbol met so far, by symbol index; {@link #symbols} holds them in the order met. */
    private final SymbolRow[] rows;
    private final Coverage coverage = new Coverage();

    private SizeAttribution(LinkContext ctxt, long fileSize) {
        this.ctxt = ctxt;
        this.ldr = ctxt.loader();
        this.target = ctxt.target().toString();
        this.container = "elf";
        this.fileSize = fileSize;
        this.symbols = new ArrayList<>();
        this.rows = new SymbolRow[ldr.nSym()];
    }

    /** The attribution of the file the link just wrote ({@code fileSize} bytes long). */
    public static SizeAttribution of(LinkContext ctxt, long fileSize) throws LinkException {
        if (!ctxt.isElf()) {
            throw unsupported(ctxt, "-sizereport");
        }
        SizeAttribution a = new SizeAttribution(ctxt, fileSize);
        a.sectionsAndSymbols();
        a.pclntabShares();
        a.dwarf();
        a.elfParts();
        a.padding();
        a.checkTotal();
        return a;
    }

    /** The refusal for a container whose attribution is not done: never a report that could be wrong. */
    public static LinkException unsupported(LinkContext ctxt, String flag) {
        String container = ctxt.isMacho() ? "Mach-O" : ctxt.isWasm() ? "WebAssembly" : ctxt.isPe() ? "PE" : "this";
        return new LinkException(flag + " is not supported for " + ctxt.target() + ": golink attributes the bytes"
                + " of ELF files (linux targets) only, not yet of the " + container + " container");
    }

    private SymbolRow row(int x) {
        SymbolRow known = rows[x];
        if (known != null) {
            return known;
        }
        {
            SymbolRow r = new SymbolRow();
            r.name = ldr.symName(x);
            Library lib = ldr.symLib(x);
            r.pkg = lib != null ? lib.pkg() : "<linker>";
            r.kind = SymKind.string(symKind(x));
            r.address = ldr.symValue(x);
            r.size = ldr.symSize(x);
            Section sect = ctxt.segments.byIndex(ldr.symSect(x));
            r.section = sect == null ? "" : sect.name;
            r.dupok = lib != null && ldr.isDupok(x);
            rows[x] = r;
            symbols.add(r);
            return r;
        }
    }

    /** The symbol's kind as the symbol table groups it. */
    private int symKind(int s) {
        byte[] g = ctxt.symGroupType;
        return g != null && s < g.length && g[s] != 0 ? g[s] : ldr.symType(s);
    }

    /**
     * Whether a section has bytes in the file: not bss, and not a dynamic executable's .tbss,
     * which sits at address 0 and only tells PT_TLS's size.
     */
    private static boolean inFile(Section sect) {
        Segment seg = sect.seg;
        return sect.vaddr >= seg.vaddr && sect.vaddr < seg.vaddr + seg.filelen;
    }

    /** Sections of the loaded segments, and the symbols Asmb copied into them. */
    private void sectionsAndSymbols() throws LinkException {
        List<Segment> loaded = List.of(ctxt.segments.text, ctxt.segments.rodata, ctxt.segments.relrodata,
                ctxt.segments.data);
        for (Segment seg : loaded) {
            for (Section sect : seg.sections) {
                boolean inFile = inFile(sect);
                sections.add(new SectionRow(sect.name, seg.name, sect.vaddr, sect.fileOffset(), sect.length,
                        inFile ? sect.length : 0, sect.align, false, sect.length));
            }
        }
        for (int[] list : new int[][] {ctxt.textp, ctxt.datap}) {
            for (int s : list) {
                SymbolRow r = row(s);
                Section sect = ctxt.segments.byIndex(ldr.symSect(s));
                if (sect == null || ldr.attrSubSymbol(s) || r.size == 0) {
                    continue; // a sub-symbol's bytes are its outer symbol's
                }
                if (!inFile(sect)) {
                    continue; // bss, .tbss: no bytes in the file
                }
                if (r.address < sect.vaddr || r.address + r.size > sect.vaddr + sect.length) {
                    throw new IllegalStateException("symbol " + r.name + " lies outside its section " + sect.name);
                }
                r.fileBytes = r.size;
                coverage.add(sect.fileOffset() + r.address - sect.vaddr, r.size, sect.name);
            }
        }
    }

    /** Gives each function its runtime.functab entry, funcnametab name and pctab tables. */
    private void pclntabShares() {
        PclnState pcln = ctxt.pcln;
        int[] funcs = pcln.funcs;
        PclnShares shares = pcln.shares;

        // runtime.functab: a pc/offset pair per function, an end pc, then each function's _func record.
        SymbolRow functab = row(pcln.functab);
        int[] start = shares.functabStart;
        for (int i = 0; i < funcs.length; i++) {
            long end = i + 1 < funcs.length ? start[i + 1] : functab.size;
            long share = 8 + end - start[i];
            row(funcs[i]).functab += share;
            functab.fileBytes -= share;
        }
        splitRuns(pcln.funcnametab, shares.nameOwners, funcs, (r, n) -> r.funcname += n);
        splitRuns(pcln.pctab, shares.pctabOwners, funcs, (r, n) -> r.pctab += n);
        splitRuns(pcln.filetab, shares.filetabOwners, funcs, (r, n) -> r.files += n);
        splitRuns(pcln.cutab, shares.cutabOwners, funcs, (r, n) -> r.files += n);

        // Funcdata symbols: the first function in text order that refers to one gets its bytes.
        for (int i = 0; i < funcs.length; i++) {
            int[] fd = i < shares.funcdata.length ? shares.funcdata[i] : null;
            if (fd == null) {
                continue;
            }
            SymbolRow f = row(funcs[i]);
            for (int d : fd) {
                SymbolRow r = d == 0 ? null : rows[d];
                if (r == null || r.funcdataOf != null || r.fileBytes == 0) {
                    continue;
                }
                f.funcdata += r.fileBytes;
                r.fileBytes = 0;
                r.funcdataOf = f.name;
            }
        }
    }

    /** Hands the runs of a pclntab part to their functions; what no run covers stays the part's own. */
    private void splitRuns(int part, PclnShares.Runs runs, int[] funcs,
            java.util.function.ObjLongConsumer<SymbolRow> share) {
        SymbolRow p = row(part);
        for (int k = 0; k < runs.size(); k++) {
            long end = k + 1 < runs.size() ? runs.start(k + 1) : p.size;
            long n = end - runs.start(k);
            share.accept(row(funcs[runs.owner(k)]), n);
            p.fileBytes -= n;
        }
    }

    /**
     * DWARF by package and section. A compressed section's bytes are shared out among the symbols
     * it was made from in proportion to their uncompressed sizes (rounded cumulatively, so the
     * shares add up to the section exactly).
     */
    private void dwarf() {
        if (ctxt.dwarf == null) {
            return;
        }
        Map<String, long[]> byKey = new LinkedHashMap<>();
        List<int[]> out = ctxt.dwarf.sections();
        List<int[]> generated = ctxt.dwarf.uncompressedSections();
        Segment seg = ctxt.segments.dwarf;
        for (int i = 0; i < out.size(); i++) {
            int[] syms = out.get(i);
            int[] orig = generated.get(i);
            Section sect = ctxt.segments.byIndex(ldr.symSect(syms[0]));
            String plainName = ctxt.segments.byIndex(ldr.symSect(orig[0])).name;
            long fileBytes = 0;
            for (int s : syms) {
                fileBytes += ldr.symSize(s);
            }
            long uncompressed = 0;
            for (int s : orig) {
                uncompressed += ldr.symSize(s);
            }
            sections.add(new SectionRow(sect.name, seg.name, sect.vaddr, sect.fileOffset(), sect.length, sect.length,
                    sect.align, sect.compressed, uncompressed));
            coverage.add(sect.fileOffset(), fileBytes, sect.name);
            long cum = 0;
            long given = 0;
            for (int s : orig) {
                long size = ldr.symSize(s);
                cum += size;
                long upTo = Math.multiplyExact(cum, fileBytes) / uncompressed;
                Library lib = ctxt.dwarf.unitLib(s);
                String pkg = lib != null ? lib.pkg() : "<linker>";
                long[] v = byKey.computeIfAbsent(plainName + "\0" + pkg, k -> new long[2]);
                v[0] += size;
                v[1] += upTo - given;
                given = upTo;
            }
        }
        for (Map.Entry<String, long[]> e : byKey.entrySet()) {
            if (e.getValue()[0] == 0 && e.getValue()[1] == 0) {
                continue; // a section's own symbol: its contents are its units'
            }
            String[] k = e.getKey().split("\0", 2);
            dwarf.add(new DwarfRow(k[0], k[1], e.getValue()[0], e.getValue()[1]));
        }
    }

    /** The ELF header, program and section headers, notes, and the symbol table with its names. */
    private void elfParts() {
        Elf elf = ctxt.elf;
        for (Elf.Part p : elf.parts()) {
            other.add(new OtherRow("header", p.name(), p.size()));
            coverage.add(p.offset(), p.size(), p.name());
        }
        Elf.SymtabParts st = elf.symtabParts();
        if (st == null) {
            return;
        }
        long symtabSize = (long) st.entries() * st.entrySize();
        sections.add(new SectionRow(".symtab", "", 0, st.offset(), symtabSize, symtabSize, ctxt.arch.info().regSize(),
                false, symtabSize));
        sections.add(new SectionRow(".strtab", "", 0, st.strtabOffset(), st.strtab().length, st.strtab().length, 1,
                false, st.strtab().length));
        coverage.add(st.offset(), symtabSize, ".symtab");
        coverage.add(st.strtabOffset(), st.strtab().length, ".strtab");
        long unowned = 0;
        for (int i = 0; i < st.entries(); i++) {
            int nameStart = st.nameOffsets()[i];
            int nameEnd = i + 1 < st.entries() ? st.nameOffsets()[i + 1] : st.strtab().length;
            int x = st.entrySyms()[i];
            if (x == 0) {
                unowned += st.entrySize() + nameEnd - nameStart;
                continue;
            }
            SymbolRow r = row(x);
            r.symtabEntry += st.entrySize();
            r.symtabString += nameEnd - nameStart;
            String written = dev.golink.GoString.decode(st.strtab(), nameStart, Math.max(0, nameEnd - nameStart - 1));
            if (!written.equals(r.name)) {
                r.symtabName = written;
            }
        }
        other.add(new OtherRow("symtab", "null and file entries", unowned));
    }

    /** What no one owns: alignment padding, named by the section or part it comes before. */
    private void padding() {
        for (Map.Entry<String, Long> gap : coverage.gaps(fileSize).entrySet()) {
            other.add(new OtherRow("padding", "before " + gap.getKey(), gap.getValue()));
        }
    }

    private void checkTotal() {
        long sum = 0;
        for (SymbolRow r : symbols) {
            sum += r.total();
        }
        for (DwarfRow d : dwarf) {
            sum += d.fileBytes();
        }
        for (OtherRow o : other) {
            sum += o.bytes();
        }
        if (sum != fileSize) {
            throw new IllegalStateException("the size report accounts for " + sum + " bytes of a file of " + fileSize);
        }
    }
}
