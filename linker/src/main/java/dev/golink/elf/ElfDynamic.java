package dev.golink.elf;

import dev.golink.LinkContext;
import dev.golink.LinkException;
import dev.golink.loader.CgoDirectives;
import dev.golink.loader.Library;
import dev.golink.loader.Loader;
import dev.golink.loader.Relocs;
import dev.golink.loader.SymbolBuilder;
import dev.golink.sym.SymKind;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The dynamic-loader half of an ELF executable that imports from shared libraries (cf. the
 * parts of cmd/link's doelf, addexport, dynreloc and elfdynhash that run without -d): the
 * imports the cgo_import_dynamic directives name, the exports cgo_export_dynamic names (roots
 * of the dead-code pass), .interp, .dynsym/.dynstr, .hash, the
 * version tables, .rela(.plt)/.rel(.plt), .plt/.got/.got.plt and .dynamic with its
 * DT_NEEDED entries. The CPU's part (PLT header and entries, which relocations go through
 * the PLT or GOT) is {@link ElfDynArch}. Made only for a target whose spec names an
 * interpreter, when the program imports something or the link makes a position-independent
 * executable (android), whose R_ADDR relocations become RELATIVE entries of .rela. A program
 * that only exports (android's runtime exports main.main) to a static executable gets one
 * without the loader format (cmd/link's -d): its exports still go to .dynsym, which then is
 * plain data that dodata refuses, as cmd/link does.
 */
public final class ElfDynamic {

    static final int DT_NULL = 0;
    static final int DT_NEEDED = 1;
    static final int DT_PLTRELSZ = 2;
    static final int DT_PLTGOT = 3;
    static final int DT_HASH = 4;
    static final int DT_STRTAB = 5;
    static final int DT_SYMTAB = 6;
    static final int DT_RELA = 7;
    static final int DT_RELASZ = 8;
    static final int DT_RELAENT = 9;
    static final int DT_STRSZ = 10;
    static final int DT_SYMENT = 11;
    static final int DT_REL = 17;
    static final int DT_RELSZ = 18;
    static final int DT_RELENT = 19;
    static final int DT_PLTREL = 20;
    static final int DT_DEBUG = 21;
    static final int DT_JMPREL = 23;
    static final int DT_FLAGS_1 = 0x6ffffffb;
    /** DT_FLAGS_1's flag of a position-independent executable. */
    static final long DF_1_PIE = 0x08000000L;
    static final int DT_VERNEED = 0x6ffffffe;
    static final int DT_VERNEEDNUM = 0x6fffffff;
    static final int DT_VERSYM = 0x6ffffff0;

    final LinkContext ctxt;
    final Loader ldr;
    final ElfDynArch arch;
    final boolean elf64;
    /** ".rela" or ".rel". */
    final String relType;
    /** The interpreter .interp names. */
    final String interpreter;
    /** Whether the executable has the dynamic loader's sections (false: cmd/link's -d). */
    private boolean loaderFormat;
    /** A position-independent executable: its absolute addresses become RELATIVE relocations. */
    final boolean pie;
    /** The libraries the {@code _ _ lib} directives ask for, in directive order (cf. dynlib). */
    private final List<String> dynlib = new ArrayList<>();
    /** Libraries that have their DT_NEEDED (cf. seenlib). */
    private final Set<String> seenlib = new HashSet<>();
    /** Per import: the name in the library, the library, the symbol version. */
    final Map<Integer, String> extname = new HashMap<>();
    private final Map<Integer, String> dynimplib = new HashMap<>();
    private final Map<Integer, String> dynimpvers = new HashMap<>();
    /** Exported symbols (cgo_export_dynamic), in directive order, each once (cf. ctxt.dynexp, AttrCgoExportDynamic). */
    private final Set<Integer> dynexp = new java.util.LinkedHashSet<>();
    /** Per dynamic symbol: its index in .dynsym, by symbol (cf. SymDynid; DynidSyms is sorted so). */
    private final Map<Integer, Integer> dynid = new TreeMap<>();
    /** .dynsym's next index: the null entry is 0 (cf. Nelfsym). */
    private int nelfsym = 1;
    /** Per import: its stub's offset in .plt, its slot's offset in .got (cf. SymPlt, SymGot). */
    final Map<Integer, Long> plt = new HashMap<>();
    final Map<Integer, Long> got = new HashMap<>();

    /** The number of libraries with versioned imports (cf. elfverneed). */
    int verneed;

    int dynsym;
    int dynstr;
    int rel;
    int relPlt;
    int gotSym;
    int gotPlt;
    int pltSym;
    int hash;
    int dynamic;
    int gnuVersion;
    int gnuVersionR;

    private ElfDynamic(LinkContext ctxt, ElfDynArch arch) {
        this.ctxt = ctxt;
        this.ldr = ctxt.loader();
        this.arch = arch;
        this.elf64 = ctxt.arch.info().elf64();
        this.relType = ctxt.arch.info().elfRelType();
        this.interpreter = ctxt.spec().interpreter();
        this.pie = ctxt.pie();
    }

    /** Whether the executable has the dynamic loader's sections; false for cmd/link's -d. */
    public boolean loaderFormat() {
        return loaderFormat;
    }

    /**
     * Reads the cgo_import_dynamic directives of a target linked with the dynamic loader
     * (cf. ld.setCgoAttr): each import whose local symbol nothing defines becomes a dynamic
     * import; {@code _ _ lib} asks for the library. A -buildmode=exe link that imports nothing
     * is static (cmd/link then sets -d, cf. linksetup); null then, unless the program exports
     * something, and null when the target has no interpreter.
     */
    public static ElfDynamic loadcgo(LinkContext ctxt) throws LinkException {
        if (ctxt.spec().interpreter() == null) {
            return null;
        }
        ElfDynArch arch = ElfDynArch.forGoarch(ctxt.target().goarch());
        if (arch == null) {
            return null;
        }
        ElfDynamic d = new ElfDynamic(ctxt, arch);
        boolean havedynamic = false;
        Loader ldr = ctxt.loader();
        for (Library lib : ctxt.libraries()) {
            for (CgoDirectives.DynamicImport imp : CgoDirectives.imports(lib.cgoDirectives())) {
                if (imp.onlyLoadsLibrary()) {
                    havedynamic = true;
                    d.dynlib.add(imp.library());
                    continue;
                }
                int s = CgoDirectives.importSymbol(ldr, imp);
                if (s != 0) {
                    d.dynimplib.put(s, imp.library());
                    d.extname.put(s, imp.remote());
                    d.dynimpvers.put(s, imp.version());
                    havedynamic = true;
                }
            }
            d.exports(lib);
        }
        d.loaderFormat = havedynamic || d.pie;
        return d.loaderFormat || !d.dynexp.isEmpty() ? d : null;
    }

    /**
     * The package's cgo_export_dynamic directives: each symbol gets its external name and is
     * exported (cf. setCgoAttr); the compiler names a function's ABI in a fourth argument, else ABI0.
     */
    private void exports(Library lib) {
        for (List<String> f : lib.cgoDirectives()) {
            if (f.size() < 2 || f.size() > 4 || !f.get(0).equals("cgo_export_dynamic")) {
                continue;
            }
            int ver = f.size() > 3 && f.get(3).equals("ABIInternal") ? ctxt.abiInternalVersion() : 0;
            int s = ldr.lookupOrCreateSym(f.get(1), ver);
            if (!dynexp.contains(s)) {
                extname.put(s, f.size() > 2 ? f.get(2) : f.get(1));
                dynexp.add(s);
            }
        }
    }

    /** The exported symbols, roots of the dead-code pass (cf. deadcodePass.init). */
    public int[] dynexp() {
        return dynexp.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The names doelf adds to .shstrtab after ".shstrtab" itself. */
    List<String> sectionNames() {
        return List.of(".interp", ".hash", ".got", ".got.plt", ".dynamic", ".dynsym", ".dynstr", relType,
                relType + ".plt", ".plt", ".gnu.version", ".gnu.version_r");
    }

    private SymbolBuilder create(String name, int kind) {
        SymbolBuilder b = ldr.createSymForUpdate(name, 0);
        b.setType(kind);
        return b;
    }

    /** The dynamic linker's symbols and the first .dynamic entries (cf. the !FlagD part of doelf). */
    void doelf() {
        SymbolBuilder ds = create(".dynsym", SymKind.SELFROSECT);
        ds.setSize(ds.size() + symSize());
        dynsym = ds.sym();
        SymbolBuilder dstr = create(".dynstr", SymKind.SELFROSECT);
        if (dstr.size() == 0) {
            dstr.addCString(new byte[0]);
        }
        dynstr = dstr.sym();
        rel = create(relType, SymKind.SELFROSECT).sym();
        gotSym = create(".got", SymKind.SELFGOT).sym();
        hash = create(".hash", SymKind.SELFROSECT).sym();
        SymbolBuilder gp = create(".got.plt", SymKind.SELFSECT);
        gotPlt = gp.sym();
        SymbolBuilder p = create(".plt", SymKind.SELFRXSECT);
        pltSym = p.sym();
        relPlt = create(relType + ".plt", SymKind.SELFROSECT).sym();
        gnuVersion = create(".gnu.version", SymKind.SELFROSECT).sym();
        gnuVersionR = create(".gnu.version_r", SymKind.SELFROSECT).sym();
        SymbolBuilder dyn = create(".dynamic", SymKind.SELFSECT);
        dynamic = dyn.sym();
        arch.setupPlt(this, p, gp, dynamic);

        dynEntSym(dyn, DT_HASH, hash);
        dynEntSym(dyn, DT_SYMTAB, dynsym);
        dynEnt(dyn, DT_SYMENT, symSize());
        dynEntSym(dyn, DT_STRTAB, dynstr);
        dynEntSize(dyn, DT_STRSZ, dynstr);
        if (relType.equals(".rela")) {
            dynEntSym(dyn, DT_RELA, rel);
            dynEntSize(dyn, DT_RELASZ, rel);
            dynEnt(dyn, DT_RELAENT, 24);
        } else {
            dynEntSym(dyn, DT_REL, rel);
            dynEntSize(dyn, DT_RELSZ, rel);
            dynEnt(dyn, DT_RELENT, 8);
        }
        dynEntSym(dyn, DT_PLTGOT, gotPlt);
        dynEnt(dyn, DT_DEBUG, 0);
    }

    int symSize() {
        return elf64 ? 24 : 16;
    }

    private void dynTag(SymbolBuilder s, int tag) {
        if (elf64) {
            s.addUint64(tag);
        } else {
            s.addUint32(tag);
        }
    }

    void dynEnt(SymbolBuilder s, int tag, long val) {
        dynTag(s, tag);
        if (elf64) {
            s.addUint64(val);
        } else {
            s.addUint32(val);
        }
    }

    private void dynEntSym(SymbolBuilder s, int tag, int t) {
        dynTag(s, tag);
        s.addAddrPlus(t, 0);
    }

    private void dynEntSize(SymbolBuilder s, int tag, int t) {
        dynTag(s, tag);
        s.addSymRef(t, 0, dev.golink.goobj.RelocTypes.R_SIZE, ctxt.ptrSize());
    }

    /**
     * The libraries the program asks for, each once (cf. addexport, dedupLibrariesOpenBSD on
     * OpenBSD: lib.so.M.N and lib.so count as one, the versioned name kept; the list sorted).
     */
    public void addexport() {
        if (!loaderFormat) {
            // No doelf made them: the exports go into the plain symbols setArchSyms made.
            dynsym = ctxt.archSyms.dynsym;
            dynstr = ctxt.archSyms.dynstr;
            dynamic = ctxt.archSyms.dynamic;
        }
        for (int s : dynexp) {
            adddynsym(s);
        }
        List<String> libs = dynlib;
        if (ctxt.spec().elfOs().dedupVersionedLibraries()) {
            Map<String, String> byName = new TreeMap<>();
            for (String lib : dynlib) {
                String trimmed = trimLibVersion(lib);
                if (trimmed != null) {
                    seenlib.add(trimmed);
                    byName.put(trimmed, lib);
                } else {
                    byName.putIfAbsent(lib, lib);
                }
            }
            libs = new ArrayList<>(byName.values());
            libs.sort(null);
        }
        for (String lib : libs) {
            adddynlib(lib);
        }
    }

    /** lib.so.M.N without its version, or null for another name (cf. openbsdTrimLibVersion). */
    static String trimLibVersion(String lib) {
        String[] parts = lib.split("\\.", -1);
        if (parts.length != 4 || !parts[1].equals("so")) {
            return null;
        }
        try {
            Integer.parseInt(parts[2]);
            Integer.parseInt(parts[3]);
        } catch (NumberFormatException e) {
            return null;
        }
        return parts[0] + "." + parts[1];
    }

    private void adddynlib(String lib) {
        if (!seenlib.add(lib)) {
            return;
        }
        SymbolBuilder dstr = ldr.makeSymbolUpdater(dynstr);
        if (dstr.size() == 0) {
            dstr.addCString(new byte[0]);
        }
        dynEnt(ldr.makeSymbolUpdater(dynamic), DT_NEEDED, dstr.addCString(utf8(lib)));
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Sends every relocation to an import through the PLT or GOT (cf. dynreloc, dynrelocsym):
     * text first, then the data buckets in kind order; then the hash and version tables.
     */
    public void dynreloc(int[][] data) {
        if (!loaderFormat) {
            return;
        }
        for (int s : ctxt.textp) {
            dynrelocsym(s);
        }
        for (int[] syms : data) {
            if (syms == null) {
                continue;
            }
            for (int s : syms) {
                dynrelocsym(s);
            }
        }
        elfdynhash();
    }

    private void dynrelocsym(int s) {
        Relocs r = ldr.relocs().reset(s);
        int count = r.count();
        for (int ri = 0; ri < count; ri++) {
            r = ldr.relocs().reset(s);
            int type = r.type(ri);
            if (r.siz(ri) == 0) {
                continue; // a marker
            }
            int rs = r.sym(ri);
            if (r.weak(ri) && !ldr.attrReachable(rs)) {
                continue;
            }
            if (pie) {
                // Every relocation is the backend's to look at; those it leaves are resolved by
                // reloc alone (TLS offsets, R_ADDROFF), so false is no error here.
                arch.adddynrel(this, s, ri, type, rs, r.add(ri));
                continue;
            }
            if (rs != 0 && ldr.symType(rs) == SymKind.SDYNIMPORT) {
                if (!ldr.attrReachable(rs)) {
                    ctxt.diag().error(ldr.errorPrefix(s), "dynamic relocation to unreachable symbol " + ldr.symName(rs));
                }
                if (!arch.adddynrel(this, s, ri, type, rs, r.add(ri))) {
                    ctxt.diag().error(ldr.errorPrefix(s), "unsupported dynamic relocation for symbol "
                            + ldr.symName(rs) + " (type=" + type + " stype=" + ldr.symType(rs) + ")");
                }
            }
        }
    }

    /** Adds {@code s} to .dynsym (cf. elfadddynsym). */
    void adddynsym(int s) {
        if (dynid.containsKey(s)) {
            return;
        }
        dynid.put(s, nelfsym++);
        SymbolBuilder d = ldr.makeSymbolUpdater(dynsym);
        SymbolBuilder dstr = ldr.makeSymbolUpdater(dynstr);
        String name = extname.getOrDefault(s, ldr.symName(s));
        boolean imported = ldr.symType(s) == SymKind.SDYNIMPORT;
        boolean exported = dynexp.contains(s);
        d.addUint32(dstr.addCString(utf8(name)));
        // STB_GLOBAL; STT_FUNC for exported text, else STT_OBJECT
        int info = (1 << 4) | (exported && ldr.symType(s) == SymKind.STEXT ? 2 : 1);
        if (elf64) {
            d.addUint8(info);
            d.addUint8(0);
            d.addUint16(imported ? 0 : 1);
            if (imported) {
                d.addUint64(0);
            } else {
                d.addAddrPlus(s, 0);
            }
            d.addUint64(ldr.dataSize(s));
        } else {
            if (imported) {
                d.addUint32(0);
            } else {
                d.addAddrPlus(s, 0);
            }
            d.addUint32(ldr.dataSize(s));
            d.addUint8(info);
            d.addUint8(0);
            d.addUint16(imported ? 0 : 1);
        }
        String lib = dynimplib.getOrDefault(s, "");
        if (!exported && !lib.isEmpty() && !seenlib.contains(lib)) {
            dynEnt(ldr.makeSymbolUpdater(dynamic), DT_NEEDED, dstr.addCString(utf8(lib)));
            seenlib.add(lib);
        }
    }

    int dynid(int s) {
        return dynid.get(s);
    }

    /** A .got slot for the import, filled by the dynamic loader through {@code relocType} (cf. AddGotSym). */
    void addGotSym(int s, int relocType) {
        if (got.containsKey(s)) {
            return;
        }
        adddynsym(s);
        SymbolBuilder g = ldr.makeSymbolUpdater(gotSym);
        got.put(s, g.size());
        g.addUint(0);
        SymbolBuilder r = ldr.makeSymbolUpdater(rel);
        r.addAddrPlus(gotSym, got.get(s));
        if (elf64) {
            r.addUint64(((long) dynid(s) << 32) | relocType);
            r.addUint64(0);
        } else {
            r.addUint32(((long) dynid(s) << 8) | relocType);
        }
    }

    /** The hash table, the version tables and the last .dynamic entries (cf. elfdynhash). */
    private void elfdynhash() {
        int nsym = nelfsym;
        SymbolBuilder s = create(".hash", SymKind.SELFROSECT);
        int nbucket = 1;
        for (int i = nsym; i > 0; i >>= 1) {
            nbucket++;
        }
        boolean versioned = false;
        int[] chain = new int[nsym];
        int[] buckets = new int[nbucket];
        for (Map.Entry<Integer, Integer> e : dynid.entrySet()) {
            int sy = e.getKey();
            int id = e.getValue();
            versioned |= !dynimpvers.getOrDefault(sy, "").isEmpty();
            String name = extname.getOrDefault(sy, ldr.symName(sy));
            long hc = elfhash(utf8(name));
            int b = (int) Long.remainderUnsigned(hc, nbucket);
            chain[id] = buckets[b];
            buckets[b] = id;
        }
        if (versioned) {
            // glibc-style symbol versions (cf. addelflib, .gnu.version_r): no port golink links has them.
            throw new IllegalStateException("golink does not write versioned dynamic imports (name#version)");
        }
        s.addUint32(nbucket);
        s.addUint32(nsym);
        for (int b : buckets) {
            s.addUint32(b & 0xffffffffL);
        }
        for (int c : chain) {
            s.addUint32(c & 0xffffffffL);
        }
        // No versioned imports: .gnu.version_r stays empty; .gnu.version says "global" for each.
        SymbolBuilder gv = ldr.makeSymbolUpdater(gnuVersion);
        for (int i = 0; i < nsym; i++) {
            gv.addUint16(i == 0 ? 0 : 1);
        }
        verneed = 0;
        SymbolBuilder dyn = ldr.makeSymbolUpdater(dynamic);
        if (pie) {
            dynEnt(dyn, DT_FLAGS_1, DF_1_PIE);
        }
        SymbolBuilder rp = ldr.makeSymbolUpdater(relPlt);
        if (rp.size() > 0) {
            dynEnt(dyn, DT_PLTREL, relType.equals(".rela") ? DT_RELA : DT_REL);
            dynEntSize(dyn, DT_PLTRELSZ, relPlt);
            dynEntSym(dyn, DT_JMPREL, relPlt);
        }
        dynEnt(dyn, DT_NULL, 0);
    }

    /** The ELF hash of a name (cf. elfhash). */
    static long elfhash(byte[] name) {
        long h = 0;
        for (byte c : name) {
            h = ((h << 4) + (c & 0xff)) & 0xffffffffL;
            long g = h & 0xf0000000L;
            if (g != 0) {
                h ^= g >>> 24;
            }
            h &= 0x0fffffffL;
        }
        return h;
    }
}
