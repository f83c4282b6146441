package dev.golink.data;

import static dev.golink.sym.Segments.rnd;

import dev.golink.LinkContext;
import dev.golink.LinkException;
import dev.golink.arch.ArchInfo;
import dev.golink.gosort.StableSort;
import dev.golink.loader.Loader;
import dev.golink.loader.SymbolBuilder;
import dev.golink.loader.TypeDescriptors;
import dev.golink.sym.Section;
import dev.golink.sym.Segment;
import dev.golink.sym.Segments;
import dev.golink.sym.SymKind;

import java.util.ArrayList;

import java.util.Arrays;
import java.util.List;

/**
 * Assigns every reachable data symbol to an output section and an offset in it
 * (cf. cmd/link ld.(*Link).dodata): symbols are bucketed by kind, each bucket
 * sorted by size then name, and the buckets laid out in cmd/link's section
 * order. Offsets are relative to the segment until address runs.
 *
 * <p>Linux executables are static: cmd/link sets -d (no dynamic loader format)
 * when nothing is imported dynamically, so there is no .got, .dynamic or .tbss
 * there. OpenBSD's libc ports import (dev.golink.elf.ElfDynamic sends their calls
 * through the PLT in dynreloc; .tbss then exists, at address 0). darwin imports from libSystem (its stubs and pointer slots come from
 * dev.golink.macho through dynreloc), and darwin/arm64, which links as PIE,
 * puts data that relocations write in a relro segment (__DATA_CONST).
 */
public final class Dodata {

    /** The largest section cmd/link accepts (issue 9862). */
    private static final long CUTOFF = 2_000_000_000L;

    private final LinkContext ctxt;
    private final Loader ldr;
    private final ArchInfo arch;
    private final Segments segs;
    private final int[][] data = new int[SymKind.COUNT][];
    private final int[] dataMaxAlign = new int[SymKind.COUNT];
    private final byte[] groupType;
    private final int groupLen;
    private long datsize;

    private Dodata(LinkContext ctxt) {
        this.ctxt = ctxt;
        this.ldr = ctxt.loader();
        this.arch = ctxt.arch.info();
        this.segs = ctxt.segments;
        this.groupType = ctxt.symGroupType == null ? new byte[0] : ctxt.symGroupType;
        this.groupLen = groupType.length;
    }

    /** Runs dodata for the link; sets {@code ctxt.datap}. */
    public static void run(LinkContext ctxt) throws LinkException {
        Dodata d = new Dodata(ctxt);
        d.dodata();
        ctxt.symGroupType = d.groupType;
    }

    private int symType(int s) {
        if (s < groupLen && groupType[s] != 0) {
            return groupType[s];
        }
        return ldr.symType(s);
    }

    /**
     * Changes a symbol's kind as cmd/link does: an override for the symbols
     * symtab knew of, the symbol's own kind for those made after it.
     */
    private void setSymType(int s, int kind) {
        if (s < groupLen) {
            groupType[s] = (byte) kind;
        } else {
            ldr.makeSymbolUpdater(s).setType(kind);
        }
    }

    private static boolean topLevel(Loader ldr, int s) {
        if (!ldr.symNameIsEmpty(s)) {
            return true;
        }
        return switch (ldr.symType(s)) {
            case SymKind.SDWARFFCN, SymKind.SDWARFABSFCN, SymKind.SDWARFTYPE, SymKind.SDWARFCONST,
                    SymKind.SDWARFCUINFO, SymKind.SDWARFRANGE, SymKind.SDWARFLOC, SymKind.SDWARFLINES,
                    SymKind.SGOFUNC -> true;
            default -> false;
        };
    }

    /** The kind under which dodata lays out symbol {@code s}, or 0 (SXXX) for none: a loop body, see assignDsym. */
    private int dataKind(int s) {
        if (!ldr.attrReachable(s) || ldr.attrSpecial(s) || ldr.attrSubSymbol(s) || !topLevel(ldr, s)) {
            return SymKind.SXXX;
        }
        int st = symType(s);
        return st <= SymKind.STEXT || st >= SymKind.SXREF ? SymKind.SXXX : st;
    }

    /** Lists symbol {@code s} among the data of kind {@code st}. */
    private void list(int s, int st, int[] counts) throws dev.golink.LogFatalException {
        data[st][counts[st]++] = s;
        if (ldr.attrOnList(s)) {
            throw new dev.golink.LogFatalException("symbol " + ldr.symName(s) + " listed multiple times");
        }
        ldr.setAttrOnList(s, true);
    }

    private void dodata() throws LinkException {
        // Bucket the data symbols by kind.
        int n = ldr.nSym();
        ldr.preparePlacement();
        int[] counts = new int[SymKind.COUNT];
        int[] kinds = new int[n];
        for (int s = 1; s < n; s++) {
            int st = dataKind(s);
            if (st != SymKind.SXXX) {
                kinds[s] = st;
                counts[st]++;
            }
        }
        for (int k = 0; k < SymKind.COUNT; k++) {
            data[k] = new int[counts[k]];
            counts[k] = 0;
        }
        for (int s = 1; s < n; s++) {
            int st = kinds[s];
            if (st != 0) {
                list(s, st, counts);
            }
        }

        // Dynamic relocations (dynreloc) exist only with the dynamic loader format: on
        // Linux none here; darwin always imports from libSystem (cf. machosymorder, dynreloc).
        if (ctxt.isMacho()) {
            dev.golink.macho.Macho.dynreloc(ctxt, data);
        } else if (ctxt.elfDynamic != null) {
            ctxt.elfDynamic.dynreloc(data);
        }
        makeRelroForSharedLib();

        // Grow the alignment table now so that the parallel sort only reads and writes within it.
        int last = n - 1;
        ldr.setSymAlign(last, ldr.symAlign(last));

        // Sort each bucket; buckets are independent (the calling thread helps: see Asmb.join).
        java.util.stream.IntStream.range(0, SymKind.COUNT).filter(k -> data[k].length > 0).parallel()
                .forEach(this::dodataSect);
        if (ctxt.isElf()) {
            relNextToPlt();
        }

        allocateDataSections();
        allocateDwarfSections();

        int num = 1;
        for (Segment seg : List.of(segs.text, segs.rodata, segs.relrodata, segs.data, segs.dwarf)) {
            for (Section sect : seg.sections) {
                sect.extnum = num++;
            }
        }
    }

    /**
     * Puts .rel(a).plt right after .rel(a), as the ELF ABI asks (cf. dodata), each aligned to a
     * register so that no gap comes between them.
     */
    private void relNextToPlt() {
        int[] syms = data[SymKind.SELFROSECT];
        int reli = -1;
        int plti = -1;
        for (int i = 0; i < syms.length; i++) {
            switch (ldr.symName(syms[i])) {
                case ".rel.plt", ".rela.plt" -> plti = i;
                case ".rel", ".rela" -> reli = i;
                default -> {
                }
            }
        }
        if (reli < 0 || plti < 0 || plti == reli + 1) {
            return;
        }
        int first = Math.min(reli, plti);
        int second = Math.max(reli, plti);
        int rel = syms[reli];
        int plt = syms[plti];
        System.arraycopy(syms, first + 1, syms, first + 2, second - first - 1);
        syms[first] = rel;
        syms[first + 1] = plt;
        int reg = ctxt.arch.info().regSize();
        ldr.setSymAlign(rel, reg);
        ldr.setSymAlign(plt, reg);
    }

    /** Sorts one bucket by size, then name, then index, and records its largest alignment (cf. dodataSect). */
    private void dodataSect(int kind) {
        final int[] in = data[kind];
        int[] syms = in;
        int maxAlign = 0;
        if (kind != SymKind.SPCLNTAB) {
            // The pclntab is built in its final order. Others sort by size, then
            // name (bytewise, as Go compares strings), then symbol index: sort
            // (size, position) as primitives, then each run of equal sizes by name.
            int len = syms.length;
            boolean checkSize = kind != SymKind.SELFGOT;
            long[] keys = new long[len];
            for (int i = 0; i < len; i++) {
                int s = syms[i];
                long size = ldr.symSize(s);
                checkBounds(s, size);
                long k = checkSize ? Math.max(0, Math.min(size, CUTOFF)) : 0;
                keys[i] = (k << 32) | i; // positions follow symbol index order
            }
            Arrays.sort(keys);
            int[] sorted = new int[len];
            String[] names = new String[len];
            int i = 0;
            while (i < len) {
                int j = i + 1;
                while (j < len && (keys[j] >>> 32) == (keys[i] >>> 32)) {
                    j++;
                }
                if (j - i == 1) {
                    sorted[i] = in[(int) keys[i]];
                } else {
                    int[] run = new int[j - i];
                    for (int k = i; k < j; k++) {
                        int pos = (int) keys[k];
                        run[k - i] = pos;
                        names[pos] = ldr.symName(in[pos]);
                    }
                    // Stable: equal names keep index order.
                    StableSort.sort(run, 0, run.length, (x, y) -> ldr.compareSymNames(in[x], names[x], in[y], names[y]));
                    for (int k = i; k < j; k++) {
                        sorted[k] = in[run[k - i]];
                    }
                }
                i = j;
            }
            syms = sorted;
            data[kind] = sorted;
        }
        for (int s : syms) {
            int a = symalign(s);
            if (a > maxAlign) {
                maxAlign = a;
            }
        }
        dataMaxAlign[kind] = maxAlign;
    }

    private void checkBounds(int s, long size) {
        int ds = ldr.dataSize(s);
        String problem = null;
        if (size < ds) {
            problem = "initialize bounds (" + size + " < " + ds + ")";
        } else if (size < 0) {
            problem = "negative size (" + size + " bytes)";
        } else if (size > CUTOFF) {
            problem = "symbol too large (" + size + " bytes)";
        }
        if (problem != null) {
            ctxt.diag().error(ldr.errorPrefix(s), problem);
        }
    }

    /** The symbol's alignment: asked for by the object, else the largest power of two not above its size (cf. symalign). */
    int symalign(int s) {
        return symalign(ldr, arch, s);
    }

    static int symalign(Loader ldr, ArchInfo arch, int s) {
        int min = arch.minAlign();
        int align = ldr.symAlign(s);
        if (align >= min) {
            return align;
        } else if (align != 0) {
            return min;
        }
        align = arch.maxAlign();
        long size = ldr.symSize(s);
        while (align > size && align > min) {
            align >>= 1;
        }
        ldr.setSymAlign(s, align);
        return align;
    }

    private long aligndatsize(long size, int s) {
        return rnd(size, symalign(s));
    }

    private void checkdatsize(int kind) {
        if (datsize > CUTOFF) {
            // cmd/link prints its cutoff, 2e9, as a float.
            ctxt.diag().error("too much data in section " + SymKind.string(kind) + " (over 2e+09 bytes)");
        }
    }

    // ---------------------------------------------------------------- sections

    private Section allocateDataSectionForSym(Segment seg, int s, int rwx) {
        String name = ldr.symName(s);
        if (name.equals("go.buildinfo")) {
            name = ".go.buildinfo"; // as cmd/link 1.19 names it
        }
        Section sect = segs.addSection(seg, name, rwx);
        sect.align = symalign(s);
        datsize = rnd(datsize, sect.align);
        sect.vaddr = datsize;
        return sect;
    }

    private Section allocateNamedDataSection(Segment seg, String name, int[] types, int rwx) {
        Section sect = segs.addSection(seg, name, rwx);
        if (types.length == 0) {
            sect.align = 1;
        } else if (types.length == 1) {
            sect.align = dataMaxAlign[types[0]];
        } else {
            for (int k : types) {
                sect.align = Math.max(sect.align, dataMaxAlign[k]);
            }
        }
        datsize = rnd(datsize, sect.align);
        sect.vaddr = datsize;
        return sect;
    }

    private void assignDsymsToSection(Section sect, int[] syms, int forceType) {
        for (int s : syms) {
            assignDsym(sect, s, forceType);
        }
        sect.length = datsize - sect.vaddr;
    }

    /**
     * Places symbol {@code s} next in {@code sect}. (Loop bodies over every symbol are methods of
     * their own here: a fresh JVM compiles a method after a few hundred calls, a loop inside one
     * call only after thousands of turns.)
     */
    private void assignDsym(Section sect, int s, int forceType) {
        datsize = aligndatsize(datsize, s);
        ldr.setSymSect(s, sect.index);
        if (forceType != SymKind.SXXX) {
            setSymType(s, forceType);
        }
        ldr.setSymValue(s, datsize - sect.vaddr);
        datsize += ldr.symSize(s);
    }

    /** Places DWARF symbol {@code s} next in {@code sect}, unaligned, as read-only data. */
    private void placeDwarfSym(Section sect, int s) {
        ldr.setSymSect(s, sect.index);
        setSymType(s, SymKind.SRODATA);
        ldr.setSymValue(s, datsize - sect.vaddr);
        datsize += ldr.symSize(s);
    }

    /**
     * One section per DWARF section in the dwarf segment, its symbols laid end
     * to end, unaligned, and made read-only data (cf. allocateDwarfSections).
     */
    private void allocateDwarfSections() {
        if (ctxt.dwarf == null) {
            return;
        }
        for (int[] syms : ctxt.dwarf.sections()) {
            int s = syms[0];
            Section sect = allocateNamedDataSection(segs.dwarf, ldr.symName(s), new int[0], 4);
            for (int sym : syms) {
                placeDwarfSym(sect, sym);
            }
            sect.length = datsize - sect.vaddr;
        }
    }

    private void assignToSection(Section sect, int kind, int forceType) {
        assignDsymsToSection(sect, data[kind], forceType);
        checkdatsize(kind);
    }

    private void allocateSingleSymSections(Segment seg, int kind, int forceType, int rwx) {
        for (int s : data[kind]) {
            Section sect = allocateDataSectionForSym(seg, s, rwx);
            ldr.setSymSect(s, sect.index);
            setSymType(s, forceType);
            ldr.setSymValue(s, datsize - sect.vaddr);
            datsize += ldr.symSize(s);
            sect.length = datsize - sect.vaddr;
        }
        checkdatsize(kind);
    }

    private Section allocateNamedSectionAndAssignSyms(Segment seg, String name, int kind, int forceType, int rwx) {
        Section sect = allocateNamedDataSection(seg, name, new int[] {kind}, rwx);
        assignDsymsToSection(sect, data[kind], forceType);
        return sect;
    }

    private void setSect(String name, Section sect) {
        ldr.setSymSect(ldr.lookupOrCreateSym(name, 0), sect.index);
    }

    /** Records the size a grouped kind takes, for its carrier's symbol table entry (cf. setCarrierSize). */
    private void setCarrierSize(int kind, long size) {
        if (ctxt.carrierSizeByType[kind] != 0) {
            throw new IllegalStateException("carrier symbol size for kind " + kind + " already set");
        }
        ctxt.carrierSizeByType[kind] = size;
    }

    private void allocateDataSections() {
        // Writable sections of one symbol each.
        for (int kind : new int[] {SymKind.SBUILDINFO, SymKind.SELFSECT, SymKind.SMACHO, SymKind.SMACHOGOT,
                SymKind.SWINDOWS}) {
            allocateSingleSymSections(segs.data, kind, SymKind.SDATA, 6);
        }
        if (data[SymKind.SELFGOT].length > 0) {
            allocateNamedSectionAndAssignSyms(segs.data, ".got", SymKind.SELFGOT, SymKind.SDATA, 6);
        }

        Section sect = allocateNamedSectionAndAssignSyms(segs.data, ".noptrdata", SymKind.SNOPTRDATA,
                SymKind.SDATA, 6);
        setSect("runtime.noptrdata", sect);
        setSect("runtime.enoptrdata", sect);

        // .init_array exists only for shared objects and plugins.

        sect = allocateNamedSectionAndAssignSyms(segs.data, ".data", SymKind.SDATA, SymKind.SDATA, 6);
        setSect("runtime.data", sect);
        setSect("runtime.edata", sect);
        long dataGcEnd = datsize - sect.vaddr;
        assignToSection(sect, SymKind.SXCOFFTOC, SymKind.SDATA);
        checkdatsize(SymKind.SDATA);
        sect.length = datsize - sect.vaddr;

        sect = allocateNamedSectionAndAssignSyms(segs.data, ".bss", SymKind.SBSS, SymKind.SXXX, 6);
        setSect("runtime.bss", sect);
        setSect("runtime.ebss", sect);
        long bssGcEnd = datsize - sect.vaddr;

        // The GC programs of .data and .bss, now that their symbols have offsets.
        emitGcProg("runtime.gcdata", data[SymKind.SDATA], dataGcEnd);
        emitGcProg("runtime.gcbss", data[SymKind.SBSS], bssGcEnd);

        sect = allocateNamedSectionAndAssignSyms(segs.data, ".noptrbss", SymKind.SNOPTRBSS, SymKind.SXXX, 6);
        setSect("runtime.noptrbss", sect);
        setSect("runtime.enoptrbss", sect);
        setSect("runtime.end", sect);

        if (data[SymKind.SLIBFUZZER_8BIT_COUNTER].length > 0) {
            sect = allocateNamedSectionAndAssignSyms(segs.data, "__sancov_cntrs", SymKind.SLIBFUZZER_8BIT_COUNTER,
                    SymKind.SXXX, 6);
            setSect("__start___sancov_cntrs", sect);
            setSect("__stop___sancov_cntrs", sect);
            setSect("internal/fuzz._counters", sect);
            setSect("internal/fuzz._ecounters", sect);
        }

        if (data[SymKind.STLSBSS].length > 0) {
            // With -d (static executables) there is no .tbss section: the
            // symbols only get their offsets in the thread's block. With the
            // dynamic loader, .tbss (at address 0) tells it the block's size.
            Section tbss = null;
            if (ctxt.elfDynamic != null && ctxt.elfDynamic.loaderFormat()) {
                tbss = segs.addSection(segs.data, ".tbss", 6);
                tbss.align = ctxt.ptrSize();
                tbss.vaddr = 0;
            }
            datsize = 0;
            for (int s : data[SymKind.STLSBSS]) {
                datsize = aligndatsize(datsize, s);
                if (tbss != null) {
                    ldr.setSymSect(s, tbss.index);
                }
                ldr.setSymValue(s, datsize);
                datsize += ldr.symSize(s);
            }
            checkdatsize(SymKind.STLSBSS);
            if (tbss != null) {
                tbss.length = datsize;
            }
        }

        // Read-only data: its own segment on ELF with internal linking and on PE, else in text (Mach-O, wasm).
        Segment segro = ctxt.isElf() || ctxt.isPe() ? segs.rodata : segs.text;
        datsize = 0;

        if (data[SymKind.STEXT].length != 0) {
            ctxt.diag().error("dodata found an STEXT symbol: " + ldr.symName(data[SymKind.STEXT][0]));
        }
        allocateSingleSymSections(segs.text, SymKind.SELFRXSECT, SymKind.SRODATA, 5);
        allocateSingleSymSections(segs.text, SymKind.SMACHOPLT, SymKind.SRODATA, 5);

        sect = allocateNamedDataSection(segro, ".rodata", SymKind.READ_ONLY, 4);
        setSect("runtime.rodata", sect);
        setSect("runtime.erodata", sect);
        if (!ctxt.useRelro()) {
            setSect("runtime.types", sect);
            setSect("runtime.etypes", sect);
        }
        for (int kind : SymKind.READ_ONLY) {
            long start = datsize;
            if (data[kind].length != 0) {
                start = aligndatsize(start, data[kind][0]);
            }
            assignToSection(sect, kind, SymKind.SRODATA);
            setCarrierSize(kind, datsize - start);
        }

        allocateSingleSymSections(segro, SymKind.SELFROSECT, SymKind.SRODATA, 4);

        // Data that only relocations write: in a segment of its own with relro
        // (on darwin a section keeps its plain name), else in the read-only one.
        int perm = 4;
        if (ctxt.useRelro()) {
            Segment segrelro = segs.relrodata;
            datsize = 0;
            int[] relroReadOnly = new int[SymKind.READ_ONLY.length];
            for (int i = 0; i < relroReadOnly.length; i++) {
                relroReadOnly[i] = SymKind.relro(SymKind.READ_ONLY[i]);
            }
            perm = 6;
            segro = segrelro;
            sect = allocateNamedDataSection(segrelro, relroName(""), relroReadOnly, perm);
            setSect("runtime.types", sect);
            setSect("runtime.etypes", sect);
            for (int i = 0; i < SymKind.READ_ONLY.length; i++) {
                if (i == 0 && SymKind.READ_ONLY[0] == SymKind.STYPE) {
                    datsize++; // so that no type reference is a zero offset
                }
                int symn = relroReadOnly[i];
                long start = datsize;
                if (data[symn].length != 0) {
                    start = aligndatsize(start, data[symn][0]);
                }
                assignToSection(sect, symn, SymKind.SRODATA);
                setCarrierSize(symn, datsize - start);
            }
            sect.length = datsize - sect.vaddr;
        }
        sect = allocateNamedDataSection(segro, relroName(".typelink"), new int[] {SymKind.STYPELINK}, perm);
        SymbolBuilder typelink = ldr.createSymForUpdate("runtime.typelink", 0);
        ldr.setSymSect(typelink.sym(), sect.index);
        typelink.setType(SymKind.SRODATA);
        datsize += typelink.size();
        checkdatsize(SymKind.STYPELINK);
        sect.length = datsize - sect.vaddr;

        sect = allocateNamedDataSection(segro, relroName(".itablink"), new int[] {SymKind.SITABLINK}, perm);
        SymbolBuilder itablink = ldr.createSymForUpdate("runtime.itablink", 0);
        ldr.setSymSect(itablink.sym(), sect.index);
        itablink.setType(SymKind.SRODATA);
        datsize += itablink.size();
        checkdatsize(SymKind.SITABLINK);
        sect.length = datsize - sect.vaddr;

        sect = allocateNamedSectionAndAssignSyms(segro, relroName(".gosymtab"), SymKind.SSYMTAB, SymKind.SRODATA, perm);
        setSect("runtime.symtab", sect);
        setSect("runtime.esymtab", sect);

        sect = allocateNamedSectionAndAssignSyms(segro, relroName(".gopclntab"), SymKind.SPCLNTAB, SymKind.SRODATA, perm);
        for (String name : List.of("runtime.pclntab", "runtime.pcheader", "runtime.funcnametab", "runtime.cutab",
                "runtime.filetab", "runtime.pctab", "runtime.functab", "runtime.epclntab")) {
            setSect(name, sect);
        }
        setCarrierSize(SymKind.SPCLNTAB, sect.length);

        if (datsize != (datsize & 0xffffffffL)) {
            ctxt.diag().error("read-only data segment too large: " + datsize);
        }

        int size = 0;
        for (int k = SymKind.SELFRXSECT; k < SymKind.SXREF; k++) {
            size += data[k].length;
        }
        int[] datap = new int[size];
        int at = 0;
        for (int k = SymKind.SELFRXSECT; k < SymKind.SXREF; k++) {
            System.arraycopy(data[k], 0, datap, at, data[k].length);
            at += data[k].length;
        }
        ctxt.datap = datap;
    }

    /**
     * The name of a section that may hold relro data (cf. genrelrosecname): with relro on ELF,
     * .data.rel.ro and the suffix; elsewhere the suffix, or .rodata for none (darwin needs no
     * special names).
     */
    private String relroName(String suffix) {
        if (ctxt.useRelro() && ctxt.isElf()) {
            return dev.golink.elf.Elf.RELRO_PREFIX + suffix;
        }
        return suffix.isEmpty() ? ".rodata" : suffix;
    }

    /**
     * Moves read-only symbols that have relocations (and all type descriptors)
     * to their relro kinds (cf. makeRelroForSharedLib).
     */
    private void makeRelroForSharedLib() {
        if (!ctxt.useRelro()) {
            return;
        }
        for (int symnro : SymKind.READ_ONLY) {
            int symnrelro = SymKind.relro(symnro);
            List<Integer> ro = new ArrayList<>();
            List<Integer> relro = new ArrayList<>();
            for (int s : data[symnrelro]) {
                relro.add(s);
            }
            for (int s : data[symnro]) {
                boolean isRelro = ldr.relocs().reset(s).count() > 0;
                switch (symType(s)) {
                    case SymKind.STYPE, SymKind.STYPERELRO, SymKind.SGOFUNCRELRO -> isRelro = true;
                    case SymKind.SFUNCTAB -> {
                        if (ldr.symName(s).equals("runtime.etypes")) {
                            isRelro = true;
                        }
                    }
                    case SymKind.SGOFUNC -> isRelro = false; // only R_ADDROFF, resolved at link time
                    default -> {
                    }
                }
                if (isRelro) {
                    setSymType(s, symnrelro);
                    int outer = ldr.outerSym(s);
                    if (outer != 0) {
                        setSymType(outer, symnrelro);
                    }
                    relro.add(s);
                } else {
                    ro.add(s);
                }
            }
            data[symnro] = ro.stream().mapToInt(Integer::intValue).toArray();
            data[symnrelro] = relro.stream().mapToInt(Integer::intValue).toArray();
        }
    }

    // ---------------------------------------------------------------- GC programs

    /** Writes the GC program for the pointer words of {@code syms} into {@code name} (cf. GCProg). */
    private void emitGcProg(String name, int[] syms, long end) {
        int ptrSize = arch.ptrSize();
        GcProgWriter w = new GcProgWriter();
        TypeDescriptors types = new TypeDescriptors(ldr);
        for (int s : syms) {
            addGcSym(w, types, s, ptrSize, name);
        }
        w.zeroUntil(end / ptrSize);
        w.end();
        SymbolBuilder sb = ldr.createSymForUpdate(name, 0);
        byte[] prog = w.bytes();
        sb.addBytes(prog);
    }

    /** Adds symbol {@code s} to the GC program {@code prog} (runtime.gcdata or gcbss), which errors name. */
    private void addGcSym(GcProgWriter w, TypeDescriptors types, int s, int ptrSize, String prog) {
        int typ = ldr.symGoType(s);
        if (typ == 0) {
            switch (ldr.symName(s)) {
                case "runtime.data", "runtime.edata", "runtime.bss", "runtime.ebss" -> {
                    return;
                }
                default -> {
                    ctxt.diag().error(prog, "missing Go type information for global symbol " + ldr.symName(s)
                            + ": size " + ldr.symSize(s));
                    return;
                }
            }
        }
        long ptrdata = types.ptrdata(typ);
        long nptr = ptrdata / ptrSize;
        long sval = ldr.symValue(s);
        boolean usegcprog = types.usesGcProg(typ);
        int gc = types.gcdata(typ);
        byte[] bits = ldr.dataBytes(gc, 0, ldr.dataSize(gc));
        if (!usegcprog) {
            for (long i = 0; i < nptr; i++) {
                if (((bits[(int) (i / 8)] >> (i % 8)) & 1) != 0) {
                    w.ptr(sval / ptrSize + i);
                }
            }
            return;
        }
        w.zeroUntil(sval / ptrSize);
        // A program is a 4-byte length, then the instructions.
        w.append(bits, 4, bits.length, nptr);
    }

}
