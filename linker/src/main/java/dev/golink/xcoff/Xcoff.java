package dev.golink.xcoff;

import dev.golink.LinkContext;
import dev.golink.LinkException;
import dev.golink.arch.RelocSite;
import dev.golink.loader.CgoDirectives;
import dev.golink.loader.Library;
import dev.golink.loader.Loader;
import dev.golink.loader.Relocs;
import dev.golink.loader.SymbolBuilder;
import dev.golink.outbuf.OutBuf;
import dev.golink.sym.Section;
import dev.golink.sym.Segment;
import dev.golink.sym.SymKind;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.golink.goobj.RelocTypes.R_ADDR;

/**
 * The XCOFF side of an aix link (cf. cmd/link xcoff.go), one instance per link.
 *
 * <p>An AIX executable calls libc through function descriptors that the AIX
 * loader fills: each cgo_import_dynamic symbol of the runtime ({@code
 * libc_write}) becomes an 8-byte TOC entry in .data whose content is the address
 * of an imported symbol ({@code write}) of a library member ({@code
 * libc.a/shr_64.o}). Go code reaches data only through TOC entries ({@code
 * TOC.sym}), r2 holding the address of the anchor symbol {@code TOC}, which
 * starts the entries at the end of .data. Text and data live in two segments
 * 4 GiB apart, and every address stored in data is rebased by the loader at
 * run time: the loader section ({@link XcoffLoaderSection}) lists them, with
 * the entry point and the imports. The symbol table ({@link XcoffSymtab}) has
 * a C_FILE per package with its functions as labels of one csect, and the
 * headers ({@link XcoffHeaders}) come last.
 */
public final class Xcoff {

    final LinkContext ctxt;
    final Loader ldr;
    /** The TOC anchor, "TOC" (cf. ld.ArchSyms.TOC); 0 before doxcoff. */
    int toc;
    /** Per imported symbol: the library member it comes from (cf. SymDynimplib) and its name there (cf. SymExtname). */
    final Map<Integer, String> dynimplib = new HashMap<>();
    final Map<Integer, String> extname = new HashMap<>();

    /** A symbol of the loader section: the entry point or an import (cf. xcoffLoaderSymbol). */
    record LoaderSymbol(int sym, int smtype, int smclas) {
    }

    /** The loader section's symbols: the entry point first, then the imports. */
    final List<LoaderSymbol> loaderSymbols = new ArrayList<>();
    /** The import files, each with its number less one, in order of first use (cf. dynLibraries). */
    final Map<String, Integer> dynLibraries = new LinkedHashMap<>();

    /**
     * Where Asmb2 put the headers, the loader section and the symbol table, for the size report.
     *
     * @param headerSize    the file, auxiliary and section headers at offset 0
     * @param loaderOffset  the loader section's offset
     * @param loaderSize    its bytes
     * @param symtabOffset  the symbol table's offset (written even with -s)
     * @param symtabSize    its entries' bytes
     * @param strtabSize    the string table's bytes after it, with its length field
     * @param symtab        the entries and names that belong to symbols
     */
    public record Layout(long headerSize, long loaderOffset, long loaderSize, long symtabOffset, long symtabSize,
            long strtabSize, dev.golink.sym.SymtabEntries symtab) {
    }

    private Layout layout;

    /** Where Asmb2 put the parts that are not sections; null before. */
    public Layout layout() {
        return layout;
    }

    private Xcoff(LinkContext ctxt) {
        this.ctxt = ctxt;
        this.ldr = ctxt.loader();
    }

    /**
     * Applies the cgo_import_dynamic directives of every package (cf. ld.loadcgo):
     * each named local symbol that nobody defines becomes an import from its library member.
     */
    public static void loadcgo(LinkContext ctxt) {
        Xcoff x = new Xcoff(ctxt);
        ctxt.xcoff = x;
        for (Library lib : ctxt.libraries()) {
            for (CgoDirectives.DynamicImport imp : CgoDirectives.imports(lib.cgoDirectives())) {
                if (imp.onlyLoadsLibrary()) {
                    continue;
                }
                int s = CgoDirectives.importSymbol(x.ldr, imp);
                if (s != 0) {
                    x.dynimplib.put(s, imp.library());
                    x.extname.put(s, imp.remote());
                }
            }
        }
    }

    /**
     * The TOC anchor, the entry point's loader symbol, and each reachable import turned into a
     * TOC entry that the loader fills with the address of an imported symbol (cf. ld.(*Link).doxcoff).
     */
    public void doxcoff() throws LinkException {
        SymbolBuilder anchor = ldr.createSymForUpdate("TOC", 0);
        anchor.setType(SymKind.SXCOFFTOC);
        toc = anchor.sym();

        int ep = ldr.lookup(ctxt.entrySymbol(), 0);
        if (ep == 0 || !ldr.attrReachable(ep)) {
            throw new LinkException("wrong entry point");
        }
        loaderSymbols.add(new LoaderSymbol(ep, XcoffConst.XTY_ENT | XcoffConst.XTY_SD, XcoffConst.XMC_DS));

        // cf. genDynSym
        List<Integer> dynsyms = new ArrayList<>();
        for (int s = 1, n = ldr.nSym(); s < n; s++) {
            int t = ldr.symType(s);
            if (ldr.attrReachable(s) && (t == SymKind.SHOSTOBJ || t == SymKind.SDYNIMPORT)) {
                dynsyms.add(s);
            }
        }
        for (int s : dynsyms) {
            adddynimpsym(s);
            dynLibraries.putIfAbsent(dynimplib.getOrDefault(s, ""), dynLibraries.size());
        }

        for (int s = 1, n = ldr.nSym(); s < n; s++) {
            if (isTocEntry(s)) {
                ldr.makeSymbolUpdater(s).setType(SymKind.SXCOFFTOC);
            }
        }
    }

    /**
     * Makes import {@code s} a TOC entry holding the address of a new imported symbol named as
     * in its library (cf. adddynimpsym).
     */
    private void adddynimpsym(int s) {
        String lib = dynimplib.getOrDefault(s, "");
        if (lib.isEmpty()) {
            ctxt.diag().error(ldr.errorPrefix(s), "imported symbol must have a given library");
        }
        SymbolBuilder sb = ldr.makeSymbolUpdater(s);
        sb.setReachable(true);
        sb.setType(SymKind.SXCOFFTOC);

        String name = extname.getOrDefault(s, ldr.symName(s));
        SymbolBuilder ext = ldr.createSymForUpdate(name, 0);
        ext.setType(SymKind.SDYNIMPORT);
        dynimplib.put(ext.sym(), lib);
        extname.put(ext.sym(), name);
        // Imports are functions, but for __n_pthreads, a variable.
        int smclas = ldr.symName(s).equals("__n_pthreads") ? XcoffConst.XMC_RW : XcoffConst.XMC_DS;
        loaderSymbols.add(new LoaderSymbol(ext.sym(), XcoffConst.XTY_IMP, smclas));

        // Eight more bytes of data, the size becoming the data's (cf. SymbolBuilder.AddBytes): 8 for a variable
        // declared in Go, whose bss size does not count.
        byte[] d = new byte[ldr.dataSize(s) + 8];
        ldr.copyData(s, d, 0);
        sb.setData(d);
        sb.setSize(d.length);
        sb.addRel(R_ADDR, 0, ctxt.ptrSize(), ext.sym(), 0);
    }

    /** Whether {@code s} is a TOC entry, which the compiler and the trampolines name "TOC." and its target. */
    private boolean isTocEntry(int s) {
        return !ldr.symNameIsEmpty(s) && ldr.symName(s).startsWith("TOC.");
    }

    /** The TOC for relocation: the anchor's address and the data each entry points at. */
    public RelocSite.Toc relocToc() {
        Segment data = ctxt.segments.data;
        return new RelocSite.Toc() {
            @Override
            public long anchor() {
                return ldr.symValue(toc);
            }

            @Override
            public long dataTarget(int entry) {
                Relocs r = ldr.relocs().reset(entry);
                if (r.count() == 0) {
                    return -1;
                }
                int target = r.sym(0);
                if (target == 0 || !ldr.attrReachable(target)) {
                    return -1;
                }
                Section sect = ctxt.segments.byIndex(ldr.symSect(target));
                return sect != null && sect.seg == data ? ldr.symValue(target) : -1;
            }

            @Override
            public boolean isEntry(int s) {
                return isTocEntry(s);
            }
        };
    }

    /** Whether {@code s} is hidden from other modules (cf. AttrVisibilityHidden): the TOC anchor. */
    boolean visibilityHidden(int s) {
        return s == toc;
    }

    /**
     * The sections for the segments, the loader section and the symbol table past them, then
     * the headers (cf. asmbXcoff).
     */
    public void asmb2(OutBuf out) throws LinkException {
        XcoffHeaders f = new XcoffHeaders();
        var segs = ctxt.segments;
        Segment text = segs.text;
        Segment data = segs.data;
        long fileoff = dev.golink.sym.Segments.rnd(segs.dwarf.fileoff + segs.dwarf.filelen, ctxt.round);

        XcoffHeaders.Section s = f.addSection(".text", text.vaddr, text.length, text.fileoff, XcoffConst.STYP_TEXT);
        f.textStart = s.vaddr;
        f.textSize = s.size;
        f.snText = f.scnum(".text");
        // Read-only data with relocations would join .data; golink makes none (no relro without PIE).
        s = f.addSection(".data", data.vaddr, data.filelen, data.fileoff, XcoffConst.STYP_DATA);
        f.dataStart = s.vaddr;
        f.dataSize = s.size;
        f.snData = f.scnum(".data");
        s = f.addSection(".bss", data.vaddr + data.filelen, data.length - data.filelen, 0, XcoffConst.STYP_BSS);
        f.bssSize = s.size;
        f.snBss = f.scnum(".bss");

        for (Section sect : segs.dwarf.sections) {
            XcoffConst.DwarfName dn = XcoffConst.dwarfName(sect.name);
            f.addSection(dn.name(), 0, sect.length, sect.seg.fileoff + sect.vaddr - sect.seg.vaddr,
                    XcoffConst.STYP_DWARF | dn.subtype());
        }

        XcoffLoaderSection loader = new XcoffLoaderSection(this, f);
        out.seek(fileoff);
        long loaderSize = loader.write(out, loaderRelocs());
        f.addSection(".loader", 0, loaderSize, fileoff, XcoffConst.STYP_LOADER);
        f.snLoader = f.scnum(".loader");

        XcoffSymtab symtab = new XcoffSymtab(this, f);
        symtab.asmaixsym();
        long symtabOffset = out.offset();
        symtab.write(out);

        int ep = ldr.lookup(ctxt.entrySymbol(), 0);
        f.entry = ldr.symValue(ep);
        f.snEntry = scnum(f, ep);
        f.toc = ldr.symValue(toc);
        f.snToc = scnum(f, toc);
        boolean strip = ctxt.options().stripSymbols();
        out.seek(0);
        f.write(out, strip ? 0 : symtabOffset, strip ? 0 : symtab.symbolCount());
        layout = new Layout(XcoffConst.FILHSZ_64 + XcoffConst.AOUTHSZ_EXEC64
                + (long) XcoffConst.SCNHSZ_64 * f.sections.size(), fileoff, loaderSize, symtabOffset,
                18L * symtab.symbolCount(), symtab.stringTableSize(), symtab.recorded);
    }

    /** The XCOFF section number of the section that holds {@code s} (cf. getXCOFFscnum). */
    int scnum(XcoffHeaders f, int s) {
        Section sect = ctxt.segments.byIndex(ldr.symSect(s));
        if (sect == null) {
            ctxt.diag().error(ldr.errorPrefix(s), "getXCOFFscnum not implemented for a symbol without section");
            return -1;
        }
        return scnum(f, sect);
    }

    /** The XCOFF section number of Go section {@code sect} (cf. getXCOFFscnum). */
    int scnum(XcoffHeaders f, Section sect) {
        Segment seg = sect.seg;
        var segs = ctxt.segments;
        if (seg == segs.text) {
            return f.scnum(".text");
        }
        if (seg == segs.data) {
            if (sect.name.equals(".noptrbss") || sect.name.equals(".bss")) {
                return f.scnum(".bss");
            }
            if (sect.name.equals(".tbss")) {
                return f.scnum(".tbss");
            }
            return f.scnum(".data");
        }
        if (seg == segs.dwarf) {
            return f.scnum(XcoffConst.dwarfName(sect.name).name());
        }
        if (seg == segs.relrodata) {
            return f.scnum(".data");
        }
        ctxt.diag().error("", "getXCOFFscnum not implemented for section " + sect.name);
        return -1;
    }

    /**
     * The relocations the AIX loader applies (cf. Xcoffadddynrel): every address that a symbol
     * of the data segment holds, and each import's TOC entry, in symbol then offset order.
     */
    private List<XcoffLoaderSection.Reloc> loaderRelocs() {
        List<XcoffLoaderSection.Reloc> out = new ArrayList<>();
        var segs = ctxt.segments;
        Relocs r = ldr.relocs();
        for (int s : ctxt.datap) {
            Section ss = segs.byIndex(ldr.symSect(s));
            if (ss == null || ss.seg != segs.data) {
                continue;
            }
            r.reset(s);
            for (int i = 0, n = r.count(); i < n; i++) {
                int rs = r.sym(i);
                int rt = r.type(i);
                int rst = rs != 0 ? ldr.symType(rs) : SymKind.SXXX;
                if (rst == SymKind.SDYNIMPORT) {
                    // cf. dynrelocsym: an import's TOC entry
                    if (ldr.symType(s) == SymKind.SXCOFFTOC && rt == R_ADDR) {
                        int symndx = 0;
                        String name = ldr.symName(rs);
                        for (int k = 0; k < loaderSymbols.size(); k++) {
                            if (ldr.symName(loaderSymbols.get(k).sym()).equals(name)) {
                                symndx = k + 3; // after the 3 section symbols
                                break;
                            }
                        }
                        out.add(new XcoffLoaderSection.Reloc(s, r.off(i), 0x3F00 | XcoffConst.R_POS, symndx));
                    } else {
                        ctxt.diag().error(ldr.errorPrefix(s), "unexpected .loader relocation to symbol: "
                                + ldr.symName(rs) + " (type: " + dev.golink.goobj.RelocTypes.name(rt) + ")");
                    }
                    continue;
                }
                if (rt != R_ADDR || r.siz(i) == 0 || rs == 0 || rst == SymKind.SXXX || rst == SymKind.SXREF) {
                    continue;
                }
                int st = ldr.symType(s);
                if (st <= SymKind.SPCLNTAB) {
                    ctxt.diag().error(ldr.errorPrefix(s), "cannot have a relocation to " + ldr.symName(rs)
                            + " in a text section symbol");
                    continue;
                }
                if (st != SymKind.SDATA && st != SymKind.SNOPTRDATA && st != SymKind.SBUILDINFO
                        && st != SymKind.SXCOFFTOC) {
                    ctxt.diag().error(ldr.errorPrefix(s), "unexpected type for .loader relocation R_ADDR for symbol "
                            + ldr.symName(rs) + ": " + SymKind.string(st) + " to " + SymKind.string(rst));
                    continue;
                }
                int symndx = 0;
                Section ts = segs.byIndex(ldr.symSect(rs));
                if (ts == null) {
                    ctxt.diag().error(ldr.errorPrefix(s), "unknown segment for .loader relocation with symbol "
                            + ldr.symName(rs));
                } else if (ts.seg == segs.data) {
                    symndx = rst == SymKind.SBSS || rst == SymKind.SNOPTRBSS ? 2 : 1; // .bss, .data
                } else if (ts.seg != segs.text && ts.seg != segs.rodata) {
                    ctxt.diag().error(ldr.errorPrefix(s), "unknown segment for .loader relocation with symbol "
                            + ldr.symName(rs));
                }
                out.add(new XcoffLoaderSection.Reloc(s, r.off(i), 0x3F00 | XcoffConst.R_POS, symndx));
            }
        }
        out.sort(null);
        return out;
    }
}
