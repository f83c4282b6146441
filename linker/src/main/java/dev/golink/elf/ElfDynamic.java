package dev.golink.elf;

import dev.golink.LinkContext;
import dev.golink.LinkException;
import dev.golink.goobj.RelocTypes;
import dev.golink.loader.CgoDirectives;
import dev.golink.loader.Library;
import dev.golink.loader.Loader;
import dev.golink.loader.Relocs;
import dev.golink.loader.SymbolBuilder;
import dev.golink.sym.SymKind;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The dynamic sections of an ELF executable that imports from shared libraries (cf. cmd/link
 * ld/elf.go, ld/go.go, ld/data.go's dynreloc), one instance per link: the cgo_import_dynamic
 * and cgo_export_dynamic directives (loadcgo), the linker symbols .dynsym, .dynstr, .hash,
 * .rela, .rela.plt, .plt, .got, .got.plt, .gnu.version, .gnu.version_r and .dynamic (doelf),
 * the exported symbols and needed libraries (addexport), the PLT entries of the imports that
 * text references and the hash table (dynreloc). The CPU's part is {@link ElfDynamicArch};
 * {@link Elf} writes the headers that describe these sections.
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
    static final int STB_GLOBAL = 1;
    static final int STT_OBJECT = 1;
    static final int STT_FUNC = 2;

    private final LinkContext ctxt;
    private final Loader ldr;
    private final ElfDynamicArch arch;
    private final boolean elf64;
    /** ".rela" or ".rel" (cf. elfRelType). */
    final String relType;
    /** An import's or export's name in the dynamic symbol table (cf. SymExtname). */
    private final Map<Integer, String> extname = new HashMap<>();
    /** The library an import comes from (cf. SymDynimplib). */
    private final Map<Integer, String> dynimplib = new HashMap<>();
    /** Exported symbols (cgo_export_dynamic), in directive order (cf. ctxt.dynexp). */
    private final List<Integer> dynexp = new ArrayList<>();
    private final Set<Integer> cgoExportDynamic = new HashSet<>();
    /** Libraries named by "cgo_import_dynamic _ _ lib", in directive order (cf. dynlib). */
    private final List<String> dynlib = new ArrayList<>();
    /** Libraries already named by a DT_NEEDED entry (cf. seenlib). */
    private final Set<String> seenlib = new HashSet<>();
    /** Dynamic symbol numbers by loader symbol, in loader order (cf. SymDynid, DynidSyms). */
    private final TreeMap<Integer, Integer> dynid = new TreeMap<>();
    /** Offsets of imports' entries in .plt (cf. SymPlt). */
    private final Map<Integer, Integer> plt = new HashMap<>();
    /** The number of dynamic symbols, the null one included (cf. Nelfsym). */
    private int nelfsym = 1;

    int dynsym;
    int dynstr;
    int hash;
    int gotplt;
    int pltSym;
    int got;
    int rel;
    int relPlt;
    int gnuVersion;
    int gnuVersionR;
    int dynamic;

    private ElfDynamic(LinkContext ctxt) {
        this.ctxt = ctxt;
        this.ldr = ctxt.loader();
        this.arch = ctxt.arch.elfDynamic();
        this.elf64 = ctxt.arch.info().elf64();
        this.relType = ctxt.arch.info().elfRelType();
    }

    /** Whether the link writes a dynamic ELF executable (cf. !*FlagD). */
    public static boolean isDynamic(LinkContext ctxt) {
        return ctxt.isElf() && ctxt.spec().elfOs().alwaysDynamic();
    }

    // ---------------------------------------------------------------- loadcgo

    /**
     * Applies the cgo directives of every package (cf. ld.setCgoAttr): an imported symbol that
     * nothing defines becomes an import from its library; "_ _ lib" only asks for the library;
     * an exported symbol gets its external name and becomes a root of the link.
     */
    public static void loadcgo(LinkContext ctxt) throws LinkException {
        ElfDynamic d = new ElfDynamic(ctxt);
        ctxt.elfDynamic = d;
        Loader ldr = ctxt.loader();
        for (Library lib : ctxt.libraries()) {
            for (List<String> f : lib.cgoDirectives()) {
                if (f.isEmpty()) {
                    continue;
                }
                if (f.get(0).equals("cgo_import_dynamic") && f.size() >= 2 && f.size() <= 4) {
                    if (f.size() > 2 && f.get(2).contains("#")) {
                        // cmd/link would write .gnu.version and .gnu.version_r entries for it.
                        throw new LinkException(lib.file() + ": package " + lib.pkg() + " imports " + f.get(2)
                                + ", a versioned symbol: golink writes no symbol versions");
                    }
                    CgoDirectives.DynamicImport imp = CgoDirectives.imports(List.of(f)).get(0);
                    if (imp.onlyLoadsLibrary()) {
                        d.dynlib.add(imp.library());
                        continue;
                    }
                    int s = CgoDirectives.importSymbol(ldr, imp);
                    if (s != 0) {
                        d.dynimplib.put(s, imp.library());
                        d.extname.put(s, imp.remote());
                    }
                } else if (f.get(0).equals("cgo_export_dynamic") && f.size() >= 2 && f.size() <= 4) {
                    // The compiler names a function's ABI in a fourth argument; else it is ABI0.
                    int ver = f.size() > 3 && f.get(3).equals("ABIInternal") ? ctxt.abiInternalVersion() : 0;
                    int s = ldr.lookupOrCreateSym(f.get(1), ver);
                    String remote = f.size() > 2 ? f.get(2) : f.get(1);
                    if (!d.cgoExportDynamic.contains(s)) {
                        d.extname.put(s, remote);
                        d.dynexp.add(s);
                        d.cgoExportDynamic.add(s);
                    }
                }
            }
        }
    }

    /** The exported symbols, which are roots of the dead-code pass (cf. deadcodePass.init). */
    public int[] dynexp() {
        return dynexp.stream().mapToInt(Integer::intValue).toArray();
    }

    /** An import's name in its library (cf. SymExtname), for the symbol table. */
    String extname(int s) {
        String e = extname.get(s);
        return e != null ? e : ldr.symName(s);
    }

    // ---------------------------------------------------------------- doelf

    /** The section names of the dynamic loader format, after .shstrtab's (cf. doelf). */
    List<String> sectionNames() {
        return List.of(".interp", ".hash", ".got", ".got.plt", ".dynamic", ".dynsym", ".dynstr", relType,
                relType + ".plt", ".plt", ".gnu.version", ".gnu.version_r");
    }

    /** Makes the dynamic linker symbols and the first .dynamic entries (cf. doelf). */
    void doelf() {
        int symSize = elf64 ? 24 : 16;
        SymbolBuilder ds = ldr.createSymForUpdate(".dynsym", 0).setType(SymKind.SELFROSECT);
        ds.setSize(ds.size() + symSize); // the null symbol
        dynsym = ds.sym();
        SymbolBuilder dstr = ldr.createSymForUpdate(".dynstr", 0).setType(SymKind.SELFROSECT);
        if (dstr.size() == 0) {
            dstr.addCString(new byte[0]);
        }
        dynstr = dstr.sym();
        rel = ldr.createSymForUpdate(relType, 0).setType(SymKind.SELFROSECT).sym();
        got = ldr.createSymForUpdate(".got", 0).setType(SymKind.SELFGOT).sym();
        hash = ldr.createSymForUpdate(".hash", 0).setType(SymKind.SELFROSECT).sym();
        gotplt = ldr.createSymForUpdate(".got.plt", 0).setType(SymKind.SELFSECT).sym();
        pltSym = ldr.createSymForUpdate(".plt", 0).setType(SymKind.SELFRXSECT).sym();
        relPlt = ldr.createSymForUpdate(relType + ".plt", 0).setType(SymKind.SELFROSECT).sym();
        gnuVersion = ldr.createSymForUpdate(".gnu.version", 0).setType(SymKind.SELFROSECT).sym();
        gnuVersionR = ldr.createSymForUpdate(".gnu.version_r", 0).setType(SymKind.SELFROSECT).sym();
        SymbolBuilder dyn = ldr.createSymForUpdate(".dynamic", 0).setType(SymKind.SELFSECT);
        dynamic = dyn.sym();

        arch.elfsetupplt(ldr.makeSymbolUpdater(pltSym), ldr.makeSymbolUpdater(gotplt), dynamic);

        dynentSym(dyn, DT_HASH, hash);
        dynentSym(dyn, DT_SYMTAB, dynsym);
        dynent(dyn, DT_SYMENT, symSize);
        dynentSym(dyn, DT_STRTAB, dynstr);
        dynentSize(dyn, DT_STRSZ, dynstr);
        if (relType.equals(".rela")) {
            dynentSym(dyn, DT_RELA, rel);
            dynentSize(dyn, DT_RELASZ, rel);
            dynent(dyn, DT_RELAENT, 24);
        } else {
            dynentSym(dyn, DT_REL, rel);
            dynentSize(dyn, DT_RELSZ, rel);
            dynent(dyn, DT_RELENT, 8);
        }
        dynentSym(dyn, DT_PLTGOT, gotplt);
        // DT_PLTREL, DT_PLTRELSZ and DT_JMPREL wait for .rela.plt's size: Solaris's loader
        // cannot take an empty one (elfdynhash adds them).
        dynent(dyn, DT_DEBUG, 0);
    }

    private void dynent(SymbolBuilder s, int tag, long val) {
        if (elf64) {
            s.addUint64(tag);
            s.addUint64(val);
        } else {
            s.addUint32(tag);
            s.addUint32(val);
        }
    }

    private void dynentSym(SymbolBuilder s, int tag, int t) {
        if (elf64) {
            s.addUint64(tag);
        } else {
            s.addUint32(tag);
        }
        s.addAddrPlus(t, 0);
    }

    private void dynentSize(SymbolBuilder s, int tag, int t) {
        if (elf64) {
            s.addUint64(tag);
        } else {
            s.addUint32(tag);
        }
        s.addSymRef(t, 0, RelocTypes.R_SIZE, ctxt.ptrSize());
    }

    // ---------------------------------------------------------------- addexport

    /** The exported symbols, then the libraries asked for by name (cf. ld.(*Link).addexport). */
    public static void addexport(LinkContext ctxt) {
        ElfDynamic d = ctxt.elfDynamic;
        for (int s : d.dynexp) {
            d.adddynsym(s);
        }
        for (String lib : d.dynlib) {
            d.adddynlib(lib);
        }
    }

    private void adddynlib(String lib) {
        if (!seenlib.add(lib)) {
            return;
        }
        SymbolBuilder dstr = ldr.makeSymbolUpdater(dynstr);
        if (dstr.size() == 0) {
            dstr.addCString(new byte[0]);
        }
        dynent(ldr.makeSymbolUpdater(dynamic), DT_NEEDED, addstring(dstr, lib));
    }

    private static long addstring(SymbolBuilder sb, String s) {
        return sb.addCString(dev.golink.GoString.encode(s));
    }

    /** Gives {@code s} the next dynamic symbol number and its .dynsym entry (cf. elfadddynsym). */
    private void adddynsym(int s) {
        if (dynid.containsKey(s)) {
            return;
        }
        dynid.put(s, nelfsym++);
        SymbolBuilder d = ldr.makeSymbolUpdater(dynsym);
        SymbolBuilder dstr = ldr.makeSymbolUpdater(dynstr);
        int st = ldr.symType(s);
        boolean cgoexp = cgoExportDynamic.contains(s);
        d.addUint32(addstring(dstr, extname(s)));
        int info = (STB_GLOBAL << 4) | (cgoexp && st == SymKind.STEXT ? STT_FUNC : STT_OBJECT);
        boolean undef = st == SymKind.SDYNIMPORT;
        if (elf64) {
            d.addUint8(info);
            d.addUint8(0);
            d.addUint16(undef ? 0 : 1);
            if (undef) {
                d.addUint64(0);
            } else {
                d.addAddrPlus(s, 0);
            }
            d.addUint64(ldr.dataSize(s));
        } else {
            if (undef) {
                d.addUint32(0);
            } else {
                d.addAddrPlus(s, 0);
            }
            d.addUint32(ldr.dataSize(s));
            d.addUint8(info);
            d.addUint8(0);
            d.addUint16(undef ? 0 : 1);
        }
        String lib = dynimplib.get(s);
        if (elf64 && !cgoexp && lib != null && !lib.isEmpty() && seenlib.add(lib)) {
            dynent(ldr.makeSymbolUpdater(dynamic), DT_NEEDED, addstring(dstr, lib));
        }
    }

    // ---------------------------------------------------------------- dynreloc

    /**
     * Gives each reference to an import its PLT entry (cf. dodataState.dynreloc): text in
     * address order, then the data buckets by kind; then the hash table and the last .dynamic
     * entries (cf. elfdynhash).
     */
    public static void dynreloc(LinkContext ctxt, int[][] dataByKind) throws LinkException {
        ElfDynamic d = ctxt.elfDynamic;
        for (int s : ctxt.textp) {
            d.dynrelocsym(s);
        }
        for (int[] syms : dataByKind) {
            if (syms != null) {
                for (int s : syms) {
                    d.dynrelocsym(s);
                }
            }
        }
        ctxt.diag().checkpoint();
        d.elfdynhash();
    }

    /** Reports an error about symbol {@code s}. */
    public void error(int s, String msg) {
        ctxt.diag().error(ldr.errorPrefix(s), msg);
    }

    private void dynrelocsym(int s) {
        Relocs r = ldr.relocs().reset(s);
        int count = r.count();
        for (int j = 0; j < count; j++) {
            // Reread: redirecting a relocation makes s a linker-made copy.
            r = ldr.relocs().reset(s);
            if (r.siz(j) == 0) {
                continue; // a marker
            }
            int rs = r.sym(j);
            if (r.weak(j) && !ldr.attrReachable(rs)) {
                continue;
            }
            int type = r.type(j);
            if ((rs != 0 && ldr.symType(rs) == SymKind.SDYNIMPORT) || type >= 256) {
                if (rs != 0 && !ldr.attrReachable(rs)) {
                    error(s, "dynamic relocation to unreachable symbol " + ldr.symName(rs));
                }
                if (!arch.adddynrel(this, s, j, type, rs)) {
                    error(s, "unsupported dynamic relocation for symbol " + ldr.symName(rs) + " (type=" + type + " ("
                            + RelocTypes.name(type) + ") stype=" + ldr.symType(rs) + " ("
                            + SymKind.string(ldr.symType(rs)) + "))");
                }
            }
        }
    }

    /** Whether {@code s} is text (cf. SymType(s) == STEXT). */
    public boolean isText(int s) {
        return ldr.symType(s) == SymKind.STEXT;
    }

    /** Whether text that takes an import's address gets its PLT entry's rather than a GOT slot's (Solaris). */
    public boolean pltForTextAddr() {
        return ctxt.spec().elfOs().pltAddresses();
    }

    /** Whether {@code s} is data or read-only data (cf. SymType(s) == SDATA || SRODATA). */
    public boolean isDataOrRodata(int s) {
        int t = ldr.symType(s);
        return t == SymKind.SDATA || t == SymKind.SRODATA;
    }

    /** The dynamic relocations that are not the PLT's (.rela or .rel). */
    public SymbolBuilder rela() {
        return ldr.makeSymbolUpdater(rel);
    }

    public String symName(int s) {
        return ldr.symName(s);
    }

    /** The offset of relocation {@code ri} in {@code s}. */
    public int relocOff(int s, int ri) {
        return ldr.relocs().reset(s).off(ri);
    }

    /** The size of relocation {@code ri} of {@code s}. */
    public int relocSiz(int s, int ri) {
        return ldr.relocs().reset(s).siz(ri);
    }

    /** The addend of relocation {@code ri} of {@code s}. */
    public long relocAdd(int s, int ri) {
        return ldr.relocs().reset(s).add(ri);
    }

    /** Points relocation {@code ri} of {@code s} at the import's PLT entry plus {@code add}, making the entry if need be. */
    public void throughPlt(int s, int ri, int targ, long add) {
        addpltsym(targ);
        SymbolBuilder su = ldr.makeSymbolUpdater(s);
        su.setRelocSym(ri, pltSym);
        su.setRelocAdd(ri, add + plt.get(targ));
    }

    private void addpltsym(int s) {
        if (plt.containsKey(s)) {
            return;
        }
        adddynsym(s);
        SymbolBuilder p = ldr.makeSymbolUpdater(pltSym);
        if (p.size() == 0) {
            throw new IllegalStateException("plt is not set up");
        }
        plt.put(s, arch.addpltsym(p, ldr.makeSymbolUpdater(gotplt), ldr.makeSymbolUpdater(relPlt), dynid.get(s)));
    }

    /** cf. elfhash: the System V ABI's hash of a dynamic symbol's name. */
    static int elfhash(byte[] name) {
        int h = 0;
        for (byte b : name) {
            h = (h << 4) + (b & 0xff);
            int g = h & 0xf0000000;
            if (g != 0) {
                h ^= g >>> 24;
            }
            h &= 0x0fffffff;
        }
        return h;
    }

    /**
     * The hash table of the dynamic symbols, the (empty, as no import names a version) version
     * tables, and the last .dynamic entries (cf. elfdynhash).
     */
    private void elfdynhash() {
        int nsym = nelfsym;
        SymbolBuilder s = ldr.createSymForUpdate(".hash", 0).setType(SymKind.SELFROSECT);
        int nbucket = 1;
        for (int i = nsym; i > 0; i >>= 1) {
            nbucket++;
        }
        int[] chain = new int[nsym];
        int[] buckets = new int[nbucket];
        for (Map.Entry<Integer, Integer> e : dynid.entrySet()) {
            int id = e.getValue();
            int hc = elfhash(dev.golink.GoString.encode(extname(e.getKey())));
            int b = Integer.remainderUnsigned(hc, nbucket);
            chain[id] = buckets[b];
            buckets[b] = id;
        }
        s.addUint32(nbucket);
        s.addUint32(nsym);
        for (int b : buckets) {
            s.addUint32(b & 0xffffffffL);
        }
        for (int c : chain) {
            s.addUint32(c & 0xffffffffL);
        }

        // No import names a version, so .gnu.version_r stays empty and every symbol is global.
        ldr.createSymForUpdate(".gnu.version_r", 0);
        SymbolBuilder versym = ldr.createSymForUpdate(".gnu.version", 0);
        for (int i = 0; i < nsym; i++) {
            versym.addUint16(i == 0 ? 0 : 1);
        }

        SymbolBuilder dyn = ldr.createSymForUpdate(".dynamic", 0);
        SymbolBuilder relplt = ldr.createSymForUpdate(relType + ".plt", 0);
        if (relplt.size() > 0) {
            dynent(dyn, DT_PLTREL, relType.equals(".rela") ? DT_RELA : DT_REL);
            dynentSize(dyn, DT_PLTRELSZ, relplt.sym());
            dynentSym(dyn, DT_JMPREL, relplt.sym());
        }
        dynent(dyn, DT_NULL, 0);
    }
}
