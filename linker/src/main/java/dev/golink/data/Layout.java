package dev.golink.data;

import static dev.golink.sym.Segments.rnd;

import dev.golink.LinkContext;
import dev.golink.LinkException;
import dev.golink.arch.TargetSpec;
import dev.golink.loader.Loader;
import dev.golink.loader.SymbolBuilder;
import dev.golink.sym.Section;
import dev.golink.sym.Segment;
import dev.golink.sym.Segments;
import dev.golink.sym.SymKind;

import java.util.ArrayList;
import java.util.List;

/**
 * Virtual addresses and file offsets: archinit picks the header reserve, first
 * text address and segment rounding; address places segments and sections in
 * memory (cf. ld.(*Link).address); layout gives them file offsets and returns the
 * size of the part of the file they fill (cf. ld.(*Link).layout).
 */
public final class Layout {

    private Layout() {
    }

    /**
     * Sets the target's header reserve, text address and rounding from its spec
     * (cf. the backends' archinit), and makes the segments.
     */
    public static void archinit(LinkContext ctxt) {
        TargetSpec spec = ctxt.spec();
        ctxt.headr = spec.headr();
        ctxt.textAddr = spec.textAddr();
        ctxt.round = spec.round();
        ctxt.segments = new Segments(ctxt.ptrSize());
    }

    /**
     * Where wasm's data may start in linear memory: a zero page, then what
     * wasm_exec.js writes there (arguments and environment).
     */
    static final long WASM_MIN_DATA_ADDR = 4096 + 8192;

    /**
     * Data symbol {@code s} and its sub-symbols: from an offset in its section to an address.
     * (A loop body over every data symbol, a method: a fresh JVM compiles a method after a few
     * hundred calls, a loop inside one call only after thousands of turns.)
     */
    private static void toAddress(Loader ldr, Segments segs, int s) {
        int si = ldr.symSect(s);
        if (si != 0) {
            ldr.addToSymValue(s, segs.byIndex(si).vaddr);
        }
        long v = ldr.symValue(s);
        for (int sub = ldr.subSym(s); sub != 0; sub = ldr.subSym(sub)) {
            ldr.addToSymValue(sub, v);
        }
    }

    /**
     * Assigns addresses to segments and sections, then to data symbols; keeps
     * the segments in file order for layout (empty read-only segments are left out).
     */
    public static void address(LinkContext ctxt) {
        Segments segs = ctxt.segments;
        Loader ldr = ctxt.loader();
        List<Segment> order = new ArrayList<>();

        long va = ctxt.textAddr;
        Segment text = segs.text;
        order.add(text);
        text.rwx = 5;
        text.vaddr = va;
        boolean wasm = ctxt.isWasm();
        for (Section s : text.sections) {
            va = rnd(va, s.align);
            s.vaddr = va;
            va += s.length;
            if (wasm && s == text.sections.get(0) && va < WASM_MIN_DATA_ADDR) {
                va = WASM_MIN_DATA_ADDR;
            }
        }
        text.length = va - ctxt.textAddr;

        if (!segs.rodata.sections.isEmpty()) {
            // A page of its own so that read-only data is not executable.
            va = rnd(va, ctxt.round);
            order.add(segs.rodata);
            va = placeSequential(segs.rodata, 4, va);
        }
        if (!segs.relrodata.sections.isEmpty()) {
            va = rnd(va, ctxt.round);
            order.add(segs.relrodata);
            va = placeSequential(segs.relrodata, 6, va);
        }

        va = rnd(va, ctxt.round);
        if (ctxt.isXcoff()) {
            // Data lives 4 GiB above text, out of reach of text addresses, so that it is position-independent.
            va += TargetSpec.XCOFF_DATA_BASE - TargetSpec.XCOFF_TEXT_BASE;
        }
        Segment data = segs.data;
        order.add(data);
        data.rwx = 6;
        data.vaddr = va;
        Section dataSect = null;
        Section noptr = null;
        Section bss = null;
        Section noptrbss = null;
        Section fuzzCounters = null;
        List<Section> ds = data.sections;
        for (int i = 0; i < ds.size(); i++) {
            Section s = ds.get(i);
            if (s.name.equals(".tbss")) {
                continue;
            }
            // Keep the gaps dodata left between sections for alignment.
            long vlen = s.length;
            if (i + 1 < ds.size() && !ds.get(i + 1).name.equals(".tbss")) {
                vlen = ds.get(i + 1).vaddr - s.vaddr;
            }
            s.vaddr = va;
            va += vlen;
            data.length = va - data.vaddr;
            switch (s.name) {
                case ".data" -> dataSect = s;
                case ".noptrdata" -> noptr = s;
                case ".bss" -> bss = s;
                case ".noptrbss" -> noptrbss = s;
                case "__sancov_cntrs" -> fuzzCounters = s;
                default -> {
                }
            }
        }
        // The file holds the data segment up to its bss.
        data.filelen = bss.vaddr - data.vaddr;

        va = rnd(va, ctxt.round);
        Segment dwarf = segs.dwarf;
        order.add(dwarf);
        dwarf.rwx = 6;
        dwarf.vaddr = va;
        List<Section> dw = dwarf.sections;
        boolean pe = ctxt.isPe();
        for (int i = 0; i < dw.size(); i++) {
            Section s = dw.get(i);
            long vlen = s.length;
            if (i + 1 < dw.size()) {
                vlen = dw.get(i + 1).vaddr - s.vaddr;
            }
            s.vaddr = va;
            va += vlen;
            if (pe) {
                va = rnd(va, TargetSpec.PE_FILE_ALIGN); // each DWARF section is a PE section of its own
            }
            dwarf.length = va - dwarf.vaddr;
        }

        Section rodata = sectOf(ctxt, "runtime.rodata");
        Section symtab = sectOf(ctxt, "runtime.symtab");
        Section pclntab = sectOf(ctxt, "runtime.pclntab");
        Section types = sectOf(ctxt, "runtime.types");

        for (int s : ctxt.datap) {
            toAddress(ldr, segs, s);
        }

        // DWARF symbols: from offsets in their sections to addresses (cf. the dwarfp loop of ld.address).
        if (ctxt.dwarf != null) {
            for (int[] syms : ctxt.dwarf.sections()) {
                for (int s : syms) {
                    int si = ldr.symSect(s);
                    if (si != 0) {
                        ldr.addToSymValue(s, segs.byIndex(si).vaddr);
                    }
                }
            }
        }

        // Further .text sections (only with very large text) get runtime.text.N markers.
        int n = 1;
        for (int i = 1; i < text.sections.size(); i++) {
            Section sect = text.sections.get(i);
            if (!sect.name.equals(".text")) {
                break;
            }
            xdefine(ctxt, "runtime.text." + n, SymKind.STEXT, sect.vaddr);
            n++;
        }

        xdefine(ctxt, "runtime.rodata", SymKind.SRODATA, rodata.vaddr);
        xdefine(ctxt, "runtime.erodata", SymKind.SRODATA, rodata.vaddr + rodata.length);
        xdefine(ctxt, "runtime.types", SymKind.SRODATA, types.vaddr);
        xdefine(ctxt, "runtime.etypes", SymKind.SRODATA, types.vaddr + types.length);

        int gcdata = ldr.lookup("runtime.gcdata", 0);
        ldr.setAttrLocal(gcdata, true);
        xdefine(ctxt, "runtime.egcdata", SymKind.SRODATA, ldr.symValue(gcdata) + ldr.symSize(gcdata));
        ldr.setSymSect(ldr.lookupOrCreateSym("runtime.egcdata", 0), ldr.symSect(gcdata));

        int gcbss = ldr.lookupOrCreateSym("runtime.gcbss", 0);
        ldr.setAttrLocal(gcbss, true);
        xdefine(ctxt, "runtime.egcbss", SymKind.SRODATA, ldr.symValue(gcbss) + ldr.symSize(gcbss));
        ldr.setSymSect(ldr.lookupOrCreateSym("runtime.egcbss", 0), ldr.symSect(gcbss));

        xdefine(ctxt, "runtime.symtab", SymKind.SRODATA, symtab.vaddr);
        xdefine(ctxt, "runtime.esymtab", SymKind.SRODATA, symtab.vaddr + symtab.length);
        xdefine(ctxt, "runtime.pclntab", SymKind.SRODATA, pclntab.vaddr);
        for (String name : List.of("runtime.pcheader", "runtime.funcnametab", "runtime.cutab", "runtime.filetab",
                "runtime.pctab", "runtime.functab")) {
            defineInternal(ctxt, name, SymKind.SRODATA);
        }
        xdefine(ctxt, "runtime.epclntab", SymKind.SRODATA, pclntab.vaddr + pclntab.length);
        xdefine(ctxt, "runtime.noptrdata", SymKind.SNOPTRDATA, noptr.vaddr);
        xdefine(ctxt, "runtime.enoptrdata", SymKind.SNOPTRDATA, noptr.vaddr + noptr.length);
        xdefine(ctxt, "runtime.bss", SymKind.SBSS, bss.vaddr);
        xdefine(ctxt, "runtime.ebss", SymKind.SBSS, bss.vaddr + bss.length);
        xdefine(ctxt, "runtime.data", SymKind.SDATA, dataSect.vaddr);
        xdefine(ctxt, "runtime.edata", SymKind.SDATA, dataSect.vaddr + dataSect.length);
        xdefine(ctxt, "runtime.noptrbss", SymKind.SNOPTRBSS, noptrbss.vaddr);
        xdefine(ctxt, "runtime.enoptrbss", SymKind.SNOPTRBSS, noptrbss.vaddr + noptrbss.length);
        xdefine(ctxt, "runtime.end", SymKind.SBSS, data.vaddr + data.length);

        if (fuzzCounters != null) {
            long start = fuzzCounters.vaddr;
            long end = start + fuzzCounters.length;
            xdefine(ctxt, "__start___sancov_cntrs", SymKind.SLIBFUZZER_8BIT_COUNTER, start);
            xdefine(ctxt, "__stop___sancov_cntrs", SymKind.SLIBFUZZER_8BIT_COUNTER, end);
            xdefine(ctxt, "internal/fuzz._counters", SymKind.SLIBFUZZER_8BIT_COUNTER, start);
            xdefine(ctxt, "internal/fuzz._ecounters", SymKind.SLIBFUZZER_8BIT_COUNTER, end);
        }
        if (ctxt.isElf() && ctxt.spec().elfOs().endSymbols()) {
            // The runtime exports its end symbols as _etext, _edata and _end: they keep their
            // names in the symbol table, and the exported names become symbols of their own.
            for (String name : List.of("etext", "edata", "end")) {
                int e = ldr.lookup("runtime." + name, 0);
                int d = xdefine(ctxt, "_" + name, ldr.symType(e), ldr.symValue(e));
                ldr.setSymSect(d, ldr.symSect(e));
            }
        }
        if (ctxt.arch.placesTOC() && ctxt.isElf()) {
            // One TOC region for every object: its pointer sits 32 KiB into the
            // GOT, or into the data segment when there is no GOT.
            long tocAddr = data.vaddr + 0x8000;
            int got = ldr.lookup(".got", 0);
            if (got != 0 && ldr.symValue(got) != 0) {
                tocAddr = ldr.symValue(got) + 0x8000;
            }
            // .TOC. exists per symbol version (ABI0, ABIInternal, and each object's static one).
            int maxVersion = Loader.SYM_VER_STATIC + ldr.nObj();
            for (int v = 0; v <= maxVersion; v++) {
                if (v >= 2 && v < Loader.SYM_VER_STATIC) {
                    continue;
                }
                int toc = ldr.lookup(".TOC.", v);
                if (toc != 0) {
                    ldr.setSymValue(toc, tocAddr);
                }
            }
        }
        ctxt.segmentOrder = order;
    }

    private static long placeSequential(Segment seg, int rwx, long va) {
        seg.rwx = rwx;
        seg.vaddr = va;
        for (Section s : seg.sections) {
            va = rnd(va, s.align);
            s.vaddr = va;
            va += s.length;
        }
        seg.length = va - seg.vaddr;
        return va;
    }

    private static Section sectOf(LinkContext ctxt, String name) {
        Loader ldr = ctxt.loader();
        return ctxt.segments.byIndex(ldr.symSect(ldr.lookupOrCreateSym(name, 0)));
    }

    /** Defines a linker marker symbol at {@code value} (cf. ld.(*Link).xdefine). */
    public static int xdefine(LinkContext ctxt, String name, int kind, long value) {
        Loader ldr = ctxt.loader();
        SymbolBuilder sb = ldr.createSymForUpdate(name, 0);
        sb.setType(kind);
        ldr.setSymValue(sb.sym(), value);
        sb.setSpecial(true);
        sb.setLocal(true);
        return sb.sym();
    }

    private static void defineInternal(LinkContext ctxt, String name, int kind) {
        ctxt.loader().createSymForUpdate(name, 0).setType(kind).setSpecial(true).setLocal(true);
    }

    /**
     * Gives the segments file offsets in address's order, each congruent to its
     * address modulo the rounding; sets the size of the file they fill.
     */
    public static void layout(LinkContext ctxt) throws LinkException {
        Segment prev = null;
        for (Segment seg : ctxt.segmentOrder) {
            if (prev == null) {
                seg.fileoff = ctxt.headr;
            } else if (ctxt.isPe()) {
                // PE sections follow each other in the file at the file alignment, whatever their addresses.
                seg.fileoff = prev.fileoff + rnd(prev.filelen, TargetSpec.PE_FILE_ALIGN);
            } else if (ctxt.isPlan9()) {
                // Plan 9's loader reads data right after text, whatever its address.
                seg.fileoff = prev.fileoff + prev.filelen;
            } else {
                seg.fileoff = rnd(prev.fileoff + prev.filelen, ctxt.round);
                if (Long.remainderUnsigned(seg.vaddr, ctxt.round) != Long.remainderUnsigned(seg.fileoff, ctxt.round)) {
                    throw new LinkException(String.format("bad segment rounding (Vaddr=%#x Fileoff=%#x round=%#x)",
                            seg.vaddr, seg.fileoff, ctxt.round));
                }
            }
            if (seg != ctxt.segments.data) {
                // address already set the data segment's file length (it stops at the bss).
                seg.filelen = seg.length;
            }
            prev = seg;
        }
        ctxt.filesize = prev.fileoff + prev.filelen;
    }
}
