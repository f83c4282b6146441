package dev.golink.report;

import dev.golink.LinkContext;
import dev.golink.LinkException;
import dev.golink.elf.Elf;
import dev.golink.ld.Findfunctab;
import dev.golink.ld.PclnShares;
import dev.golink.ld.PclnState;
import dev.golink.loader.Library;
import dev.golink.loader.Loader;
import dev.golink.sym.Section;
import dev.golink.sym.Segment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where every byte of the output came from, taken from the link's own state once the file is
 * written (loader symbols, section layout, pclntab's shares, the container writer's headers and symbol
 * table, DWARF before and after compression), never by reading the file back. Each byte has
 * exactly one owner; the rules are in linker/SIZEREPORT.md. Every container golink writes: ELF, PE,
 * Mach-O, XCOFF, Plan 9 a.out and WebAssembly.
 */
public final class SizeAttribution {

    /** An output section. {@code fileSize} is 0 for bss; {@code uncompressedSize} equals size unless compressed. */
    public record SectionRow(String name, String segment, long address, long offset, long size, long fileSize,
            int align, boolean compressed, long uncompressedSize) {
    }

    /** A symbol of the output and the bytes it owns (all in bytes of the file). */
    public static final class SymbolRow {
        final Loader ldr;
        final int sym;
        /**
         * The name in the symbol table, when it differs (".abi0" suffixes, a Mach-O import's remote
         * name; Mach-O's '_' before every name left out); else null.
         */
        public String symtabName;
        public String pkg;
        public String section;
        public String kind;
        public long address;
        /** The symbol's size, as its symbol-table entry gives it (PE and Mach-O give none: the linker's size). */
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
        /** Its bytes of runtime.findfunctab: the sub-buckets (and bucket bases) it is the first function of. */
        public long findfunctab;
        /** Its FDE in .debug_frame, as bytes of the file (its share when the section is compressed). */
        public long debugFrame;
        /** For a funcdata symbol: the function whose share its bytes are; else null. */
        public SymbolRow funcdataOf;
        /** Its .symtab entry and its name in .strtab. */
        public long symtabEntry;
        public long symtabString;
        /** A duplicate-allowed definition (type descriptors, strings): other packages may define it too. */
        public boolean dupok;
        /** Its place in {@link #symbols}. */
        int index;
        /**
         * Where ELF's .strtab holds the name its entry was written with, to be compared with its name
         * ({@link NameTable}); -1 for none, -2 once compared (a symbol of several entries).
         */
        int strtabFrom = -1;
        int strtabLen;

        SymbolRow(Loader ldr, int sym) {
            this.ldr = ldr;
            this.sym = sym;
        }

        /** The loader's name, which it decodes on first use and keeps (the report writers ask side by side). */
        public String name() {
            return ldr.symName(sym);
        }

        long total() {
            return fileBytes + pclntab() + symtabEntry + symtabString + debugFrame;
        }

        long pclntab() {
            return functab + funcname + pctab + files + funcdata + findfunctab;
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
    /** The symbols' names, encoded once for every report. */
    NameTable names;
    /** ELF's .strtab, whose names {@link NameTable} compares; null for the other containers. */
    private byte[] strtab;

    private final LinkContext ctxt;
    private final Loader ldr;
    /** The row of each symbol met so far; {@link #symbols} lists them in the order met. */
    private final SymbolRows rows;
    private final Coverage coverage;
    /** js/wasm: the memory the data segments hold; null for the other containers, whose sections are whole in the file. */
    private final WasmMemory wasmMemory;

    private SizeAttribution(LinkContext ctxt, long fileSize) {
        this.ctxt = ctxt;
        this.ldr = ctxt.loader();
        this.target = ctxt.target().toString();
        this.container = ctxt.isPe() ? "pe" : ctxt.isMacho() ? "macho" : ctxt.isXcoff() ? "xcoff"
                : ctxt.isPlan9() ? "plan9" : ctxt.isWasm() ? "wasm" : "elf";
        this.fileSize = fileSize;
        this.coverage = new Coverage(ctxt.textp.length + ctxt.datap.length + 1024);
        SymbolRows ahead = RowPrefetch.take(ctxt);
        this.rows = ahead != null ? ahead : new SymbolRows(ctxt);
        this.symbols = rows.list;
        this.wasmMemory = ctxt.isWasm() ? new WasmMemory(ctxt.wasm) : null;
    }

    /** The attribution of the file the link just wrote ({@code fileSize} bytes long). */
    public static SizeAttribution of(LinkContext ctxt, long fileSize) throws LinkException {
        SizeAttribution a = new SizeAttribution(ctxt, fileSize);
        a.rows.refresh(); // rows made ahead (RowPrefetch) say what the link said then
        a.sectionsAndSymbols();
        a.pclntabShares();
        a.dwarf();
        if (ctxt.isPe()) {
            a.peParts();
        } else if (ctxt.isMacho()) {
            a.machoParts();
        } else if (ctxt.isXcoff()) {
            a.xcoffParts();
        } else if (ctxt.isPlan9()) {
            a.plan9Parts();
        } else if (ctxt.isWasm()) {
            a.wasmParts();
        } else {
            a.elfParts();
        }
        a.padding();
        a.checkTotal();
        a.names = NameTable.of(a.symbols, a.strtab, ctxt.reportNames);
        return a;
    }

    private SymbolRow row(int x) {
        return rows.row(x);
    }

    /** The row of a symbol already met, or null. */
    private SymbolRow known(int x) {
        return rows.get(x);
    }

    /** Sections of the loaded segments, and the symbols Asmb copied into them. */
    private void sectionsAndSymbols() throws LinkException {
        List<Segment> loaded = List.of(ctxt.segments.text, ctxt.segments.rodata, ctxt.segments.relrodata,
                ctxt.segments.data);
        for (Segment seg : loaded) {
            for (Section sect : seg.sections) {
                boolean inFile = inFile(sect);
                if (wasmMemory != null) {
                    // Linear memory: scattered over the data segments (offset -1), text compiled to functions.
                    long held = inFile && seg != ctxt.segments.text ? wasmMemory.held(sect.vaddr, sect.length) : 0;
                    sections.add(new SectionRow(sect.name, "memory", sect.vaddr, -1, sect.length, held,
                            sect.align, false, sect.length));
                    continue;
                }
                sections.add(new SectionRow(sect.name, seg.name, sect.vaddr, sect.fileOffset(), sect.length,
                        inFile ? sect.length : 0, sect.align, false, sect.length));
            }
        }
        if (wasmMemory != null) {
            wasmFunctions();
        }
        for (int[] list : new int[][] {ctxt.textp, ctxt.datap}) {
            if (wasmMemory != null && list == ctxt.textp) {
                continue;
            }
            for (int s : list) {
                symbol(s);
            }
        }
    }

    /**
     * A text or data symbol's bytes. (This loop's body, and others' below, are methods of their
     * own: in a fresh JVM a method runs compiled after a few hundred calls, while a loop inside one
     * call runs interpreted for its first 60,000 turns, which is all of a large program's symbols.)
     */
    private void symbol(int s) {
        SymbolRow r = row(s);
        Section sect = ctxt.segments.byIndex(ldr.symSect(s));
        if (sect == null || ldr.attrSubSymbol(s) || r.size == 0) {
            return; // a sub-symbol's bytes are its outer symbol's
        }
        if (!inFile(sect)) {
            return; // bss: no bytes in the file
        }
        if (r.address < sect.vaddr || r.address + r.size > sect.vaddr + sect.length) {
            throw new IllegalStateException("symbol " + r.name() + " lies outside its section " + sect.name);
        }
        if (wasmMemory != null) {
            r.fileBytes = wasmMemory.held(r.address, r.size);
            wasmMemory.claim(r.address, r.size, sect.name, coverage);
            return;
        }
        r.fileBytes = r.size;
        coverage.add(sect.fileOffset() + r.address - sect.vaddr, r.size, sect.name);
    }

    /** js/wasm: each text symbol owns its function's entry in the code section (body size, locals, code). */
    private void wasmFunctions() {
        dev.golink.wasm.WasmLayout l = ctxt.wasm;
        int[] textp = ctxt.textp;
        if (l.functions() != textp.length) {
            throw new IllegalStateException("wasm: " + l.functions() + " function bodies for " + textp.length
                    + " text symbols");
        }
        for (int i = 0; i < textp.length; i++) {
            SymbolRow r = row(textp[i]);
            r.fileBytes = l.codeBytes(i);
            coverage.add(l.codeOffset(i), l.codeBytes(i), "code");
        }
    }

    /** The bytes of {@code [off, off + n)} of symbol {@code sym}'s contents that are in the file. */
    private long held(int sym, long off, long n) {
        return wasmMemory == null ? n : wasmMemory.held(ldr.symValue(sym) + off, n);
    }

    /**
     * Whether a section has bytes in the file: not bss, nor .tbss, which only tells a dynamic
     * loader the size of the thread-local block (its address is 0).
     */
    private static boolean inFile(Section sect) {
        Segment seg = sect.seg;
        return !sect.name.equals(".tbss") && sect.vaddr < seg.vaddr + seg.filelen;
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
            functabShare(functab, funcs, start, i);
        }
        splitRuns(pcln.funcnametab, shares.nameOwners, funcs, (r, n) -> r.funcname += n);
        splitRuns(pcln.pctab, shares.pctabOwners, funcs, (r, n) -> r.pctab += n);
        splitRuns(pcln.filetab, shares.filetabOwners, funcs, (r, n) -> r.files += n);
        splitRuns(pcln.cutab, shares.cutabOwners, funcs, (r, n) -> r.files += n);

        // Funcdata symbols: the first function in text order that refers to one gets its bytes.
        for (int i = 0; i < funcs.length; i++) {
            int[] fd = i < shares.funcdata.length ? shares.funcdata[i] : null;
            if (fd != null) {
                funcdataShares(row(funcs[i]), fd);
            }
        }
        findfunctabShares(funcs, shares.findfunctabOwners);
    }

    /** Function {@code i}'s runtime.functab entry and _func record. */
    private void functabShare(SymbolRow functab, int[] funcs, int[] start, int i) {
        long end = i + 1 < funcs.length ? start[i + 1] : functab.size;
        long share = held(ctxt.pcln.functab, 8L * i, 8) + held(ctxt.pcln.functab, start[i], end - start[i]);
        row(funcs[i]).functab += share;
        functab.fileBytes -= share;
    }

    /** Gives function {@code f} the bytes of the funcdata symbols {@code fd} that no function before it took. */
    private void funcdataShares(SymbolRow f, int[] fd) {
        for (int d : fd) {
            SymbolRow r = d == 0 ? null : known(d);
            if (r == null || r.funcdataOf != null || r.fileBytes == 0) {
                continue;
            }
            f.funcdata += r.fileBytes;
            r.fileBytes = 0;
            r.funcdataOf = f;
        }
    }

    /**
     * runtime.findfunctab: a bucket per 4096 bytes of text, its 4-byte base then a byte per
     * 256-byte sub-bucket. Each byte is the first function's whose range touches the sub-bucket
     * (the function the table names); a bucket's base, its first sub-bucket's.
     */
    private void findfunctabShares(int[] funcs, int[] owners) {
        int tab = ctxt.pcln.findfunctab;
        if (tab == 0 || owners.length == 0) {
            return;
        }
        SymbolRow t = row(tab);
        int sub = Findfunctab.SUBBUCKETS;
        for (int k = 0; k < owners.length; k++) {
            findfunctabShare(t, tab, funcs, owners, k);
        }
    }

    /** Sub-bucket {@code k}'s byte (and its bucket's base, for the first), to the function it names. */
    private void findfunctabShare(SymbolRow t, int tab, int[] funcs, int[] owners, int k) {
        int sub = Findfunctab.SUBBUCKETS;
        long at = (long) (k / sub) * (4 + sub);
        long n = held(tab, at + 4 + k % sub, 1);
        if (k % sub == 0) {
            n += held(tab, at, 4);
        }
        row(funcs[owners[k]]).findfunctab += n;
        t.fileBytes -= n;
    }

    /** Hands the runs of a pclntab part to their functions; what no run covers stays the part's own. */
    private void splitRuns(int part, PclnShares.Runs runs, int[] funcs,
            java.util.function.ObjLongConsumer<SymbolRow> share) {
        SymbolRow p = row(part);
        for (int k = 0; k < runs.size(); k++) {
            splitRun(p, runs, funcs, share, k);
        }
    }

    private void splitRun(SymbolRow p, PclnShares.Runs runs, int[] funcs,
            java.util.function.ObjLongConsumer<SymbolRow> share, int k) {
        long end = k + 1 < runs.size() ? runs.start(k + 1) : p.size;
        long n = held(p.sym, runs.start(k), end - runs.start(k));
        share.accept(row(funcs[runs.owner(k)]), n);
        p.fileBytes -= n;
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
            UnitSums sums = new UnitSums();
            Proportion share = new Proportion(fileBytes, uncompressed);
            int frameSym = ctxt.dwarf.frameSym();
            for (int s : orig) {
                long size = ldr.symSize(s);
                long bytes;
                if (s == frameSym && frameSym != 0) {
                    // The CIE stays the section's; each FDE after it goes to its function.
                    size = cieSize(size);
                    bytes = share.next(size);
                    frameShares(share);
                } else {
                    bytes = share.next(size);
                }
                sums.add(ctxt.dwarf.unitLib(s), size, bytes);
            }
            for (Map.Entry<Library, long[]> e : sums.byLib.entrySet()) {
                if (e.getValue()[0] == 0 && e.getValue()[1] == 0) {
                    continue; // a section's own symbol: its contents are its units'
                }
                String pkg = e.getKey() != null ? e.getKey().pkg() : "<linker>";
                dwarf.add(new DwarfRow(plainName, pkg, e.getValue()[0], e.getValue()[1]));
            }
        }
    }

    /** A DWARF section's sizes per package (null: the link's own), in the order met; a unit's symbols come together. */
    private static final class UnitSums {
        final Map<Library, long[]> byLib = new LinkedHashMap<>();
        private Library last;
        private long[] v;

        void add(Library lib, long size, long bytes) {
            if (v == null || lib != last) {
                v = byLib.computeIfAbsent(lib, k -> new long[2]);
                last = lib;
            }
            v[0] += size;
            v[1] += bytes;
        }
    }

    /** The size of .debug_frame's CIE: the frame symbol less its FDEs. */
    private long cieSize(long frameSymSize) {
        long fdes = 0;
        for (int b : ctxt.dwarf.fdeBytes()) {
            fdes += b;
        }
        if (fdes > frameSymSize) {
            throw new IllegalStateException(".debug_frame: its FDEs (" + fdes + " bytes) exceed it (" + frameSymSize
                    + ")");
        }
        return frameSymSize - fdes;
    }

    /** Gives each function its FDE of .debug_frame: its bytes in the file, by the section's proportion. */
    private void frameShares(Proportion share) {
        int[] funcs = ctxt.dwarf.fdeFuncs();
        int[] bytes = ctxt.dwarf.fdeBytes();
        for (int k = 0; k < funcs.length; k++) {
            row(funcs[k]).debugFrame += share.next(bytes[k]);
        }
    }

    /**
     * The file bytes of consecutive parts of a section that compression may have shrunk: each part
     * gets its uncompressed size's proportion, rounded cumulatively, so the parts add up exactly.
     */
    private static final class Proportion {
        private final long fileBytes;
        private final long uncompressed;
        private long cum;
        private long given;

        Proportion(long fileBytes, long uncompressed) {
            this.fileBytes = fileBytes;
            this.uncompressed = uncompressed;
        }

        /** The file bytes of the next part, {@code size} bytes uncompressed. */
        long next(long size) {
            cum += size;
            long upTo = uncompressed == 0 ? 0 : Math.multiplyExact(cum, fileBytes) / uncompressed;
            long n = upTo - given;
            given = upTo;
            return n;
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
            unowned += symtabEntry(st, i);
        }
        strtab = st.strtab();
        other.add(new OtherRow("symtab", "null and file entries", unowned));
    }

    /** Gives entry {@code i} of the ELF symbol table and its name to its symbol; returns their bytes if it has none. */
    private long symtabEntry(Elf.SymtabParts st, int i) {
        int nameStart = st.nameOffsets()[i];
        int nameEnd = i + 1 < st.entries() ? st.nameOffsets()[i + 1] : st.strtab().length;
        int x = st.entrySyms()[i];
        if (x == 0) {
            return st.entrySize() + nameEnd - nameStart;
        }
        SymbolRow r = row(x);
        r.symtabEntry += st.entrySize();
        r.symtabString += nameEnd - nameStart;
        r.size = st.sizes()[i];
        int len = Math.max(0, nameEnd - nameStart - 1);
        if (r.strtabFrom == -1) {
            // Compared with the name side by side with the others, once the names are encoded.
            r.strtabFrom = nameStart;
            r.strtabLen = len;
        } else {
            // A second entry of the symbol: its entries are compared in order, here.
            if (r.strtabFrom >= 0) {
                compareSymtabName(r, st.strtab(), r.strtabFrom, r.strtabLen);
                r.strtabFrom = -2;
            }
            compareSymtabName(r, st.strtab(), nameStart, len);
        }
        return 0;
    }

    /** The PE headers, import directory, base relocations, and the COFF symbol table with its strings. */
    private void peParts() {
        dev.golink.pe.Pe pe = ctxt.pe;
        for (dev.golink.pe.Pe.Part p : pe.parts()) {
            other.add(new OtherRow("header", p.name(), p.size()));
            coverage.add(p.offset(), p.size(), p.name());
        }
        dev.golink.pe.Pe.SymtabParts st = pe.symtabParts();
        long entriesSize = 18L * st.entries().count();
        sections.add(new SectionRow(".symtab", "", 0, st.offset(), entriesSize + st.strtabSize(),
                entriesSize + st.strtabSize(), 1, false, entriesSize + st.strtabSize()));
        coverage.add(st.offset(), entriesSize, ".symtab");
        coverage.add(st.strtabOffset(), st.strtabSize(), "the COFF string table");
        long names = symtabEntries(st.entries()) - entriesSize;
        other.add(new OtherRow("symtab", "string table size and DWARF section names", st.strtabSize() - names));
    }

    /**
     * The Mach-O header and load commands, and __LINKEDIT: its parts are linker symbols, and the
     * symbol table's entries (16 bytes) and names ('_', the name, NUL) go to their symbols.
     */
    private void machoParts() {
        dev.golink.macho.Macho m = ctxt.macho;
        other.add(new OtherRow("header", "Mach-O header and load commands", m.headerSize()));
        coverage.add(0, m.headerSize(), "Mach-O header and load commands");
        for (dev.golink.macho.Macho.LinkeditPart p : m.linkeditParts()) {
            SymbolRow r = row(p.sym());
            r.section = "__LINKEDIT";
            r.fileBytes = p.size();
            coverage.add(p.offset(), p.size(), r.name());
            sections.add(new SectionRow(r.name(), "__LINKEDIT", 0, p.offset(), p.size(), p.size(), 1, false, p.size()));
        }
        dev.golink.sym.SymtabEntries e = m.symtabEntries();
        if (e.count() == 0) {
            return;
        }
        long entries = 16L * e.count();
        long names = symtabEntries(e) - entries;
        row(m.symtabSym()).fileBytes -= entries;
        row(m.symstrSym()).fileBytes -= names;
    }

    /**
     * The XCOFF headers, the loader section (the AIX loader's symbols, relocations and import
     * files), and the symbol table with its strings: a symbol's entry with its auxiliary entries,
     * and its name, are its own; the file, DWARF and package csect entries are no symbol's.
     */
    private void xcoffParts() {
        dev.golink.xcoff.Xcoff.Layout l = ctxt.xcoff.layout();
        header("XCOFF file, auxiliary and section headers", 0, l.headerSize());
        header(".loader section (imports, relocations for the AIX loader)", l.loaderOffset(), l.loaderSize());
        long strtabOffset = l.symtabOffset() + l.symtabSize();
        sections.add(new SectionRow(".symtab", "", 0, l.symtabOffset(), l.symtabSize(), l.symtabSize(), 1, false,
                l.symtabSize()));
        sections.add(new SectionRow(".strtab", "", 0, strtabOffset, l.strtabSize(), l.strtabSize(), 1, false,
                l.strtabSize()));
        coverage.add(l.symtabOffset(), l.symtabSize(), ".symtab");
        coverage.add(strtabOffset, l.strtabSize(), ".strtab");
        long owned = symtabEntries(l.symtab());
        other.add(new OtherRow("symtab", "file, DWARF and package csect entries, their names, the string table's"
                + " length", l.symtabSize() + l.strtabSize() - owned));
    }

    /** The Plan 9 header, and the symbol table: each entry (address, type, name) is its symbol's. */
    private void plan9Parts() {
        dev.golink.plan9.Plan9.Layout l = ctxt.plan9;
        header("Plan 9 a.out header", 0, l.headerSize());
        if (l.symtabSize() == 0) {
            return;
        }
        sections.add(new SectionRow("syms", "", 0, l.symtabOffset(), l.symtabSize(), l.symtabSize(), 1, false,
                l.symtabSize()));
        coverage.add(l.symtabOffset(), l.symtabSize(), "syms");
        long owned = symtabEntries(l.symtab());
        if (owned != l.symtabSize()) {
            throw new IllegalStateException("plan 9 symbol table: " + owned + " of " + l.symtabSize()
                    + " bytes belong to symbols");
        }
    }

    /**
     * The module's sections. Each function owns its code entry (taken with the text symbols) and,
     * in the name section, its index and name; data segments' bytes are the data symbols' (taken
     * with them), their headers the container's, like every other section of the module.
     */
    private void wasmParts() {
        dev.golink.wasm.WasmLayout l = ctxt.wasm;
        long segmentHeaders = 0;
        long segmentBytes = 0;
        for (dev.golink.wasm.WasmLayout.DataSegment seg : l.dataSegments()) {
            segmentHeaders += seg.headerBytes();
            segmentBytes += seg.length();
            coverage.add(seg.offset(), seg.headerBytes(), "data");
        }
        long codeEntries = 0;
        for (int i = 0; i < l.functions(); i++) {
            codeEntries += l.codeBytes(i);
        }
        long names = 0;
        if (l.hasNames()) {
            int[] textp = ctxt.textp;
            for (int i = 0; i < textp.length; i++) {
                SymbolRow r = row(textp[i]);
                r.symtabEntry += l.nameIndexBytes(i);
                r.symtabString += l.nameBytes(i);
                names += l.nameIndexBytes(i) + l.nameBytes(i);
            }
        }
        for (dev.golink.wasm.WasmLayout.Section sec : l.sections()) {
            sections.add(new SectionRow(sec.name(), "module", 0, sec.offset(), sec.size(), sec.size(), 1, false,
                    sec.size()));
            switch (sec.name()) {
                case "code" -> header("code section: its id, size and count", sec.offset(), sec.size() - codeEntries);
                case "data" -> {
                    // The data symbols and the padding among them claimed the rest, piece by piece.
                    header("data section: its id, size and count", sec.offset(),
                            sec.size() - segmentHeaders - segmentBytes);
                    other.add(new OtherRow("header", "data segment headers", segmentHeaders));
                }
                case "name" -> {
                    coverage.add(sec.offset(), sec.size(), "name");
                    other.add(new OtherRow("symtab", "name section: its id, size, subsection and count",
                            sec.size() - names));
                }
                case "magic and version" -> header(sec.name(), sec.offset(), sec.size());
                default -> header(sec.name() + " section", sec.offset(), sec.size());
            }
        }
    }

    /** A header-like part of the file that is no symbol's. */
    private void header(String name, long offset, long size) {
        other.add(new OtherRow("header", name, size));
        coverage.add(offset, size, name);
    }

    /**
     * Gives each symbol its symbol-table entry and name; the size the table gives replaces the
     * loader's where they differ (XCOFF's csects of type.* and the like). Returns the bytes given.
     */
    private long symtabEntries(dev.golink.sym.SymtabEntries e) {
        for (int i = 0; i < e.count(); i++) {
            SymbolRow r = row(e.sym(i));
            r.symtabEntry += e.entryBytes(i);
            r.symtabString += e.nameBytes(i);
            if (e.size(i) >= 0) {
                r.size = e.size(i);
            }
            if (e.writtenName(i) != null) {
                r.symtabName = e.writtenName(i);
            }
        }
        return e.totalBytes();
    }

    /** Sets the row's symtabName when {@code strtab[from, from+len)} is another name than its own. */
    static void compareSymtabName(SymbolRow r, byte[] strtab, int from, int len) {
        if (!sameAscii(strtab, from, len, r.name())) {
            String written = dev.golink.GoString.decode(strtab, from, len);
            if (!written.equals(r.name())) {
                r.symtabName = written;
            }
        }
    }

    /** Whether {@code b[from, from+len)} is {@code name}, all ASCII (most names): no decoding needed then. */
    private static boolean sameAscii(byte[] b, int from, int len, String name) {
        if (name.length() != len) {
            return false;
        }
        for (int i = 0; i < len; i++) {
            char c = name.charAt(i);
            if (c >= 0x80 || b[from + i] != (byte) c) {
                return false;
            }
        }
        return true;
    }

    /** The bytes of rows {@code [from, to)}. */
    private long total(int from, int to) {
        long sum = 0;
        for (int i = from; i < to; i++) {
            sum += symbols.get(i).total();
        }
        return sum;
    }

    /** What no one owns: alignment padding, named by the section or part it comes before. */
    private void padding() {
        for (Map.Entry<String, Long> gap : coverage.gaps(fileSize).entrySet()) {
            other.add(new OtherRow("padding", "before " + gap.getKey(), gap.getValue()));
        }
    }

    private void checkTotal() {
        long sum = 0;
        for (int i = 0; i < symbols.size(); i += 64) {
            sum += total(i, Math.min(symbols.size(), i + 64)); // in short runs: see symbol(int)
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
