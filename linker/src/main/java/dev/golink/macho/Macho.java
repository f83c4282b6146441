package dev.golink.macho;

import static dev.golink.sym.Segments.rnd;

import dev.golink.LinkContext;
import dev.golink.LinkException;
import dev.golink.arch.TargetSpec;
import dev.golink.loader.CgoDirectives;
import dev.golink.loader.Library;
import dev.golink.loader.Loader;
import dev.golink.loader.SymbolBuilder;
import dev.golink.outbuf.OutBuf;
import dev.golink.sym.Section;
import dev.golink.sym.Segment;
import dev.golink.sym.Segments;
import dev.golink.sym.SymKind;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Mach-O side of a darwin link (cf. cmd/link macho.go), one instance per
 * link: the libSystem imports that the runtime's cgo_import_dynamic
 * directives name, the linker symbols of the symbol table and the indirect
 * tables (domacho), and at the end the header, load commands, __LINKEDIT and
 * code signature (asmbMacho). Darwin executables are never -d: the runtime
 * always imports from libSystem. The CPU-specific parts are {@link MachoArch};
 * the symbol table is {@link MachoSymtab}, the stubs and slots
 * {@link MachoDynamic}, PIE's rebase and bind opcodes {@link MachoDyldInfo},
 * the header and load commands {@link MachoFile}.
 */
public final class Macho {

    final LinkContext ctxt;
    final Loader ldr;
    /** Libraries to load, in first-import order (cf. dylib). */
    final Set<String> dylibs = new LinkedHashSet<>();
    /** Per imported symbol: its name in the library (cf. SymExtname) and the library. */
    final Map<Integer, String> extname = new HashMap<>();
    final Map<Integer, String> dynimplib = new HashMap<>();
    /** Offsets of an import's stub in .plt and slot in .got (cf. SymPlt, SymGot). */
    final Map<Integer, Integer> plt = new HashMap<>();
    final Map<Integer, Integer> got = new HashMap<>();
    final MachoSymtab symtab;
    /** A pointer dyld must slide: at {@code off} in symbol {@code sym} (cf. machoRebaseRecord). */
    record Rebase(int sym, long off) {
    }

    /** A .got slot dyld must fill with import {@code targ} (cf. machoBindRecord). */
    record Bind(long gotOff, int targ) {
    }

    /** In the order dynreloc found them (cf. machorebase, machobind). */
    final List<Rebase> rebase = new ArrayList<>();
    final List<Bind> bind = new ArrayList<>();
    /** The CPU's part: header CPU type, entry command, PIE or not, stubs. */
    final MachoArch arch;
    final boolean pie;

    int pltSym;
    int gotSym;
    int linkeditPlt;
    int linkeditGot;
    int symstrSym;
    int symtabSym;
    int codesigSym;
    long linkoff;
    /** Header bytes left for LC_LOAD_DYLIB commands (cf. loadBudget). */
    private int loadBudget = 4096 - 2 * 1024;
    private final MachoFile file = new MachoFile();

    private Macho(LinkContext ctxt) {
        this.ctxt = ctxt;
        this.ldr = ctxt.loader();
        this.arch = MachoArch.forGoarch(ctxt.target().goarch());
        this.pie = ctxt.pie(); // rebase and bind opcodes, MH_PIE
        this.symtab = new MachoSymtab(this);
    }

    static boolean isDarwin(LinkContext ctxt) {
        return ctxt.isMacho();
    }

    /**
     * Applies the cgo_import_dynamic directives of every package (cf. ld.loadcgo):
     * each named local symbol that nobody defines becomes an import from its
     * library, and the library joins the ones to load.
     */
    public static void loadcgo(LinkContext ctxt) throws LinkException {
        if (!isDarwin(ctxt)) {
            return;
        }
        Macho m = new Macho(ctxt);
        ctxt.macho = m;
        Loader ldr = ctxt.loader();
        for (Library lib : ctxt.libraries()) {
            for (CgoDirectives.DynamicImport imp : CgoDirectives.imports(lib.cgoDirectives())) {
                if (imp.onlyLoadsLibrary()) {
                    m.adddynlib(imp.library());
                    continue;
                }
                int s = CgoDirectives.importSymbol(ldr, imp);
                if (s != 0) {
                    m.dynimplib.put(s, imp.library());
                    m.extname.put(s, imp.remote());
                    if (!imp.library().isEmpty()) {
                        m.adddynlib(imp.library());
                    }
                }
            }
        }
    }

    /**
     * Adds a library to load (cf. machoadddynlib). Its LC_LOAD_DYLIB must fit in
     * the header's room: the first page keeps 2 KiB for load commands; past that
     * the header grows by a page, and text moves up with it.
     */
    private void adddynlib(String lib) {
        if (!dylibs.add(lib)) {
            return;
        }
        loadBudget -= (lib.getBytes(java.nio.charset.StandardCharsets.UTF_8).length + 7) / 8 * 8 + 24;
        if (loadBudget < 0) {
            ctxt.headr += 4096;
            ctxt.textAddr += 4096;
            loadBudget += 4096;
        }
    }

    /** The Mach-O linker symbols (cf. ld.(*Link).domacho). */
    public static void domacho(LinkContext ctxt) {
        Macho m = ctxt.macho;
        Loader ldr = ctxt.loader();
        // The string table must start with " \0" (an empty name at offset 1).
        SymbolBuilder sb = ldr.createSymForUpdate(".machosymstr", 0).setType(SymKind.SMACHOSYMSTR);
        sb.addUint8(' ');
        sb.addUint8(0);
        m.symstrSym = sb.sym();
        m.symtabSym = ldr.createSymForUpdate(".machosymtab", 0).setType(SymKind.SMACHOSYMTAB).sym();
        m.pltSym = ldr.createSymForUpdate(".plt", 0).setType(SymKind.SMACHOPLT).sym(); // becomes __symbol_stub1
        m.gotSym = ldr.createSymForUpdate(".got", 0).setType(SymKind.SMACHOGOT).setAlign(4).sym(); // __nl_symbol_ptr
        m.linkeditPlt = ldr.createSymForUpdate(".linkedit.plt", 0).setType(SymKind.SMACHOINDIRECTPLT).sym();
        m.linkeditGot = ldr.createSymForUpdate(".linkedit.got", 0).setType(SymKind.SMACHOINDIRECTGOT).sym();

        // No host object brings a platform command: internal linking names macOS, and says nothing for iOS.
        if (ctxt.spec().machoPlatform() != TargetSpec.PLATFORM_MACOS) {
            return;
        }
        int version = m.arch.macosVersion();
        int[] bv = m.file.newLoad(MachoFile.LC_BUILD_VERSION, 4);
        bv[0] = TargetSpec.PLATFORM_MACOS;
        bv[1] = version;
        bv[2] = version;
    }

    /**
     * Numbers the symbol table, then gives each reference to an import its stub
     * or pointer slot (cf. machosymorder and dodataState.dynreloc): text in
     * address order, then the data buckets by kind.
     */
    public static void dynreloc(LinkContext ctxt, int[][] dataByKind) throws LinkException {
        Macho m = ctxt.macho;
        m.symtab.machosymorder();
        MachoDynamic dyn = new MachoDynamic(m);
        for (int s : ctxt.textp) {
            dyn.dynrelocsym(s);
        }
        for (int[] syms : dataByKind) {
            if (syms != null) {
                for (int s : syms) {
                    dyn.dynrelocsym(s);
                }
            }
        }
        ctxt.diag().checkpoint();
    }

    String extname(int s) {
        String e = extname.get(s);
        return e != null ? e : ldr.symName(s);
    }

    // ---------------------------------------------------------------- asmb2

    /** Writes __LINKEDIT, then the header and load commands, then the code signature (cf. asmbMacho). */
    public static void asmb2(LinkContext ctxt, OutBuf out) throws LinkException {
        ctxt.macho.asmbMacho(out);
    }

    /** A part of __LINKEDIT (a symbol of the linker's) and where it is in the file, for the size report. */
    public record LinkeditPart(int sym, long offset, long size) {
    }

    private final List<LinkeditPart> linkeditParts = new ArrayList<>();
    private long headerSize;

    /** The parts of __LINKEDIT in file order, once written. */
    public List<LinkeditPart> linkeditParts() {
        return linkeditParts;
    }

    /** The bytes of the Mach-O header and its load commands. */
    public long headerSize() {
        return headerSize;
    }

    /** The symbol table's entries, in order: each one's symbol, entry, name bytes and name as written. */
    public dev.golink.sym.SymtabEntries symtabEntries() {
        return symtab.entries;
    }

    public int symtabSym() {
        return symtabSym;
    }

    public int symstrSym() {
        return symstrSym;
    }

    private long size(int s) {
        return s == 0 ? 0 : ldr.symSize(s);
    }

    private void asmbMacho(OutBuf out) throws LinkException {
        Segments segs = ctxt.segments;
        long headr = ctxt.headr;
        long round = ctxt.round;
        doMachoLink(out);

        long va = ctxt.textAddr - headr;
        file.cpu = arch.cpu();
        file.subcpu = arch.subcpu();
        MachoFile.Seg ms = file.newSeg("__PAGEZERO");
        ms.vsize = va;

        Segment text = segs.text;
        long v = rnd(headr + text.length, round);
        ms = file.newSeg("__TEXT");
        ms.vaddr = va;
        ms.vsize = v;
        ms.filesize = v;
        ms.prot1 = 7;
        ms.prot2 = 5;
        for (Section sect : text.sections) {
            shbits(ms, sect, "__TEXT");
        }
        Segment relro = segs.relrodata;
        if (relro.length > 0) {
            ms = file.newSeg("__DATA_CONST");
            ms.vaddr = relro.vaddr;
            ms.vsize = relro.length;
            ms.fileoffset = relro.fileoff;
            ms.filesize = relro.filelen;
            ms.prot1 = 3;
            ms.prot2 = 3;
            ms.flag = 0x10; // SG_READ_ONLY
            for (Section sect : relro.sections) {
                shbits(ms, sect, "__DATA_CONST");
            }
        }
        Segment data = segs.data;
        ms = file.newSeg("__DATA");
        ms.vaddr = data.vaddr;
        ms.vsize = data.length;
        ms.fileoffset = data.fileoff;
        ms.filesize = data.filelen;
        ms.prot1 = 3;
        ms.prot2 = 3;
        for (Section sect : data.sections) {
            shbits(ms, sect, "__DATA");
        }
        if (!ctxt.options().stripDwarf()) {
            Segment dwarf = segs.dwarf;
            ms = file.newSeg("__DWARF");
            ms.vaddr = dwarf.vaddr;
            ms.fileoffset = dwarf.fileoff;
            ms.filesize = dwarf.filelen;
            for (Section sect : dwarf.sections) {
                shbits(ms, sect, "__DWARF");
            }
        }

        arch.entryCommand(file, entryValue(), text.vaddr - headr);

        long s1 = size(ldr.lookup(".machorebase", 0));
        long s2 = size(ldr.lookup(".machobind", 0));
        long s3 = size(symtabSym);
        long s4 = size(linkeditPlt);
        long s5 = size(linkeditGot);
        long s6 = size(symstrSym);
        long s7 = size(codesigSym);
        ms = file.newSeg("__LINKEDIT");
        ms.vaddr = rnd(data.vaddr + data.length, round);
        ms.vsize = s1 + s2 + s3 + s4 + s5 + s6 + s7;
        ms.fileoffset = linkoff;
        ms.filesize = ms.vsize;
        ms.prot1 = 1;
        ms.prot2 = 1;
        long codesigOff = linkoff + s1 + s2 + s3 + s4 + s5 + s6;

        if (pie) {
            int[] di = file.newLoad(MachoFile.LC_DYLD_INFO_ONLY, 10);
            di[0] = (int) linkoff;
            di[1] = (int) s1;
            di[2] = (int) (linkoff + s1);
            di[3] = (int) s2;
        }
        int[] st = file.newLoad(MachoFile.LC_SYMTAB, 4);
        st[0] = (int) (linkoff + s1 + s2);
        st[1] = symtab.nsortsym();
        st[2] = (int) (linkoff + s1 + s2 + s3 + s4 + s5);
        st[3] = (int) s6;

        int[] dy = file.newLoad(MachoFile.LC_DYSYMTAB, 18);
        int[] nkind = symtab.nkind;
        dy[0] = 0;
        dy[1] = nkind[MachoSymtab.KIND_LOCAL];
        dy[2] = nkind[MachoSymtab.KIND_LOCAL];
        dy[3] = nkind[MachoSymtab.KIND_EXTDEF];
        dy[4] = nkind[MachoSymtab.KIND_LOCAL] + nkind[MachoSymtab.KIND_EXTDEF];
        dy[5] = nkind[MachoSymtab.KIND_UNDEF];
        dy[12] = (int) (linkoff + s1 + s2 + s3);
        dy[13] = (int) ((s4 + s5) / 4);

        int[] dl = file.newLoad(MachoFile.LC_LOAD_DYLINKER, 6);
        dl[0] = 12;
        MachoFile.stringToWords(dl, 1, "/usr/lib/dyld");
        for (String lib : dylibs) {
            int[] l = file.newLoad(MachoFile.LC_LOAD_DYLIB, 4 + (lib.length() + 1 + 7) / 8 * 2);
            l[0] = 24;
            MachoFile.stringToWords(l, 4, lib);
        }
        if (arch.needCodeSign()) {
            int[] cs = file.newLoad(MachoFile.LC_CODE_SIGNATURE, 2);
            cs[0] = (int) codesigOff;
            cs[1] = (int) s7;
        }

        int flags = 0;
        if (nkind[MachoSymtab.KIND_UNDEF] == 0) {
            flags |= MachoFile.MH_NOUNDEFS;
        }
        if (pie) {
            flags |= MachoFile.MH_PIE | MachoFile.MH_DYLDLINK;
        }
        out.seek(0);
        int a = file.write(out, flags);
        headerSize = a;
        long off = linkoff;
        for (int s : new int[] {ldr.lookup(".machorebase", 0), ldr.lookup(".machobind", 0), symtabSym, linkeditPlt,
                linkeditGot, symstrSym, codesigSym}) {
            if (s != 0 && size(s) > 0) {
                linkeditParts.add(new LinkeditPart(s, off, size(s)));
                off += size(s);
            }
        }
        if (a > headr) {
            throw new LinkException("HEADR too small: " + a + " > " + headr);
        }

        if (arch.needCodeSign()) {
            // The signature hashes the finished file, so it comes last.
            if (out.length() != codesigOff) {
                throw new LinkException("Mach-O code signature at " + codesigOff + " but the file is " + out.length()
                        + " bytes");
            }
            byte[] sig = CodeSignature.sign(out::read, CodeSignature.IDENTIFIER, codesigOff, text.fileoff,
                    text.filelen, true);
            out.seek(codesigOff);
            out.write(sig);
        }
    }

    private long entryValue() {
        int s = ldr.lookup(ctxt.entrySymbol(), 0);
        return s == 0 ? ctxt.textAddr : ldr.symValue(s);
    }

    /** One section's Mach-O header (cf. machoshbits). */
    private void shbits(MachoFile.Seg mseg, Section sect, String segname) {
        MachoFile.Sect m = file.newSect(mseg, "__" + sect.name.substring(1).replace('.', '_'), segname);
        while ((1L << m.align) < sect.align) {
            m.align++;
        }
        m.addr = sect.vaddr;
        m.size = sect.length;
        Segment seg = sect.seg;
        if (sect.vaddr < seg.vaddr + seg.filelen) {
            m.off = (int) (seg.fileoff + sect.vaddr - seg.vaddr);
        } else {
            m.flag |= MachoFile.S_ZEROFILL;
        }
        if ((sect.rwx & 1) != 0) {
            m.flag |= MachoFile.S_ATTR_SOME_INSTRUCTIONS;
        }
        if (sect.name.equals(".text")) {
            m.flag |= MachoFile.S_ATTR_PURE_INSTRUCTIONS;
        }
        if (sect.name.equals(".plt")) {
            m.name = "__symbol_stub1";
            m.flag = MachoFile.S_ATTR_PURE_INSTRUCTIONS | MachoFile.S_ATTR_SOME_INSTRUCTIONS
                    | MachoFile.S_SYMBOL_STUBS;
            m.res2 = 6;
        }
        if (sect.name.equals(".got")) {
            m.name = "__nl_symbol_ptr";
            m.flag = MachoFile.S_NON_LAZY_SYMBOL_POINTERS;
            m.res1 = (int) (size(linkeditPlt) / 4); // where its entries start in the indirect table
        }
        if (segname.equals("__DWARF")) {
            m.flag |= MachoFile.S_ATTR_DEBUG;
        }
    }

    /** Writes __LINKEDIT past the mapped part of the file (cf. doMachoLink). */
    private void doMachoLink(OutBuf out) {
        symtab.machosymtab();
        MachoDyldInfo.machoDyldInfo(this);
        int[] parts = {ldr.lookup(".machorebase", 0), ldr.lookup(".machobind", 0), symtabSym, linkeditPlt,
                linkeditGot, symstrSym};
        long size = 0;
        for (int s : parts) {
            size += size(s);
        }
        // End on a 16-byte boundary so that Apple's codesign_allocate need not pad.
        if (size % 16 != 0) {
            long n = 16 - size % 16;
            SymbolBuilder sb = ldr.makeSymbolUpdater(symstrSym);
            sb.setSize(sb.size() + n);
            sb.grow(sb.size());
            size += n;
        }
        Segments segs = ctxt.segments;
        long round = ctxt.round;
        codesigSym = ldr.lookupOrCreateSym(".machocodesig", 0);
        if (size > 0) {
            linkoff = rnd(ctxt.headr + segs.text.length, round) + rnd(segs.relrodata.filelen, round)
                    + rnd(segs.data.filelen, round) + rnd(segs.dwarf.filelen, round);
            out.seek(linkoff);
            for (int s : parts) {
                if (s != 0) {
                    ByteBuffer b = ldr.data(s);
                    byte[] bytes = new byte[b.remaining()];
                    b.get(bytes);
                    out.write(bytes);
                    // A symbol's size may exceed its data (zero tail).
                    out.zeros(size(s) - bytes.length);
                }
            }
            if (arch.needCodeSign()) {
                long sz = CodeSignature.size(linkoff + size, CodeSignature.IDENTIFIER);
                ldr.makeSymbolUpdater(codesigSym).setSize(sz);
            }
        }
    }
}
