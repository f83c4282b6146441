package dev.golink.ld;

import dev.golink.GoString;
import dev.golink.LinkContext;
import dev.golink.loader.Loader;
import dev.golink.loader.NameBytes;
import dev.golink.loader.SymbolBuilder;
import dev.golink.loader.TypeDescriptors;
import dev.golink.sym.Section;
import dev.golink.sym.SymKind;

/**
 * The runtime's view of the module (cf. ld.(*Link).symtab): the marker symbols
 * of each data range (runtime.rodata, runtime.edata, ...), the carrier symbols
 * that group type descriptors, strings, function data and GC masks (type.*,
 * go.string.*, go.func.*, runtime.gcbits.*), the group kind of each symbol for
 * dodata ({@code ctxt.symGroupType}), runtime.textsectionmap, and the content of
 * runtime.firstmoduledata (pointers to all the tables; its layout is
 * runtime.moduledata's).
 */
public final class Symtab {

    // The names that decide a symbol's group, tested on the bytes its object stores.
    private static final byte[] GO_STRING = GoString.encode("go.string.");
    private static final byte[] GCBITS = GoString.encode("runtime.gcbits.");
    private static final byte[] GCPROG = GoString.encode("type..gcprog.");
    private static final byte[] FUNC_VALUE = GoString.encode("·f");
    private static final byte[] GCARGS = GoString.encode("gcargs.");
    private static final byte[] GCLOCALS = GoString.encode("gclocals.");
    private static final byte[] GCLOCALS_DOT = GoString.encode("gclocals·");
    private static final byte[] OPENDEFER = GoString.encode(".opendefer");
    private static final byte[] ARGINFO0 = GoString.encode(".arginfo0");
    private static final byte[] ARGINFO1 = GoString.encode(".arginfo1");
    private static final byte[] ARGLIVEINFO = GoString.encode(".argliveinfo");
    private static final byte[] WRAPINFO = GoString.encode(".wrapinfo");
    private static final byte[] ARGS_STACKMAP = GoString.encode(".args_stackmap");
    private static final byte[] STKOBJ = GoString.encode(".stkobj");
    private static final byte[] TYPE = GoString.encode("type.");

    private Symtab() {
    }

    /** Defines the table symbols, groups the symbols they cover and fills runtime.firstmoduledata (cf. ld.(*Link).symtab). */
    public static void run(LinkContext ctxt) {
        Loader ldr = ctxt.loader();
        int ptrSize = ctxt.ptrSize();

        // Placed by address; defined here so that they are in the symbol table.
        TextAddress.xdefine(ldr, "runtime.rodata", SymKind.SRODATA, 0);
        TextAddress.xdefine(ldr, "runtime.erodata", SymKind.SRODATA, 0);
        TextAddress.xdefine(ldr, "runtime.types", SymKind.SRODATA, 0);
        TextAddress.xdefine(ldr, "runtime.etypes", SymKind.SRODATA, 0);
        TextAddress.xdefine(ldr, "runtime.noptrdata", SymKind.SNOPTRDATA, 0);
        TextAddress.xdefine(ldr, "runtime.enoptrdata", SymKind.SNOPTRDATA, 0);
        TextAddress.xdefine(ldr, "runtime.data", SymKind.SDATA, 0);
        TextAddress.xdefine(ldr, "runtime.edata", SymKind.SDATA, 0);
        TextAddress.xdefine(ldr, "runtime.bss", SymKind.SBSS, 0);
        TextAddress.xdefine(ldr, "runtime.ebss", SymKind.SBSS, 0);
        TextAddress.xdefine(ldr, "runtime.noptrbss", SymKind.SNOPTRBSS, 0);
        TextAddress.xdefine(ldr, "runtime.enoptrbss", SymKind.SNOPTRBSS, 0);
        TextAddress.xdefine(ldr, "runtime.end", SymKind.SBSS, 0);
        TextAddress.xdefine(ldr, "runtime.epclntab", SymKind.SRODATA, 0);
        TextAddress.xdefine(ldr, "runtime.esymtab", SymKind.SRODATA, 0);

        // GC masks of data and bss (filled by dodata).
        SymbolBuilder s = ldr.createSymForUpdate("runtime.gcdata", 0);
        s.setType(SymKind.SRODATA).setSize(0);
        TextAddress.xdefine(ldr, "runtime.egcdata", SymKind.SRODATA, 0);
        s = ldr.createSymForUpdate("runtime.gcbss", 0);
        s.setType(SymKind.SRODATA).setSize(0);
        TextAddress.xdefine(ldr, "runtime.egcbss", SymKind.SRODATA, 0);

        // Carriers that mark where type descriptors, strings, function data and GC bits lie.
        s = ldr.createSymForUpdate("type.*", 0);
        s.setType(SymKind.STYPE).setSize(0).setAlign(ptrSize);
        int symtype = s.sym();
        int symtyperel = symtype;
        if (ctxt.useRelro()) {
            s = ldr.createSymForUpdate("typerel.*", 0);
            s.setType(SymKind.STYPERELRO).setSize(0).setAlign(ptrSize);
            symtyperel = s.sym();
        }
        setCarrierSym(ctxt, SymKind.STYPE, symtype);
        setCarrierSym(ctxt, SymKind.STYPERELRO, symtyperel);

        int symgostring = groupSym(ctxt, "go.string.*", SymKind.SGOSTRING);
        int symgofunc = groupSym(ctxt, "go.func.*", SymKind.SGOFUNC);
        int symgcbits = groupSym(ctxt, "runtime.gcbits.*", SymKind.SGCBITS);
        int symgofuncrel = symgofunc;
        if (ctxt.useRelro()) {
            symgofuncrel = groupSym(ctxt, "go.funcrel.*", SymKind.SGOFUNCRELRO);
        }

        SymbolBuilder symt = ldr.createSymForUpdate("runtime.symtab", 0);
        symt.setType(SymKind.SSYMTAB).setSize(0).setLocal(true);

        // Group symbols by name so that they sort together; within a group
        // dodata sorts by size, so the carriers made above come first.
        int nsym = ldr.nSym();
        byte[] group = new byte[nsym];
        Carriers carriers = new Carriers(symtype, symtyperel, symgostring, symgofunc, symgofuncrel, symgcbits,
                ctxt.useRelro(), new NameBytes());
        for (int x = 1; x < nsym; x++) {
            group(ldr, x, group, carriers);
        }
        ctxt.symGroupType = group;

        int[] tsm = textsectionmap(ctxt);
        int textsectionmapSym = tsm[0];
        int nsections = tsm[1];

        PclnState pcln = ctxt.pcln;
        SymbolBuilder md = ldr.makeSymbolUpdater(ctxt.moduledata);
        md.addAddr(pcln.pcheader);
        addSlice(md, ldr, pcln.funcnametab);
        addSlice(md, ldr, pcln.cutab);
        addSlice(md, ldr, pcln.filetab);
        addSlice(md, ldr, pcln.pctab);
        addSlice(md, ldr, pcln.functab);
        // ftab: the pc/func pairs at the start of functab, and the end pc.
        md.addAddr(pcln.functab);
        md.addUint(pcln.nfunc + 1L);
        md.addUint(pcln.nfunc + 1L);
        md.addAddr(pcln.findfunctab);
        md.addAddr(pcln.firstFunc);
        md.addAddrPlus(pcln.lastFunc, ldr.symSize(pcln.lastFunc));
        for (String marker : new String[] {"runtime.text", "runtime.etext", "runtime.noptrdata", "runtime.enoptrdata",
                "runtime.data", "runtime.edata", "runtime.bss", "runtime.ebss", "runtime.noptrbss",
                "runtime.enoptrbss", "runtime.end", "runtime.gcdata", "runtime.gcbss", "runtime.types",
                "runtime.etypes", "runtime.rodata", "go.func.*"}) {
            md.addAddr(ldr.lookup(marker, 0));
        }
        md.addAddr(textsectionmapSym);
        md.addUint(nsections);
        md.addUint(nsections);

        int typelink = ldr.lookup("runtime.typelink", 0);
        long ntypelinks = ldr.symSize(typelink) / 4;
        md.addAddr(typelink);
        md.addUint(ntypelinks);
        md.addUint(ntypelinks);
        int itablink = ldr.lookup("runtime.itablink", 0);
        long nitablinks = ldr.symSize(itablink) / ptrSize;
        md.addAddr(itablink);
        md.addUint(nitablinks);
        md.addUint(nitablinks);

        int ptab = ldr.lookup("go.plugin.tabs", 0);
        if (ptab != 0 && ldr.attrReachable(ptab)) {
            ldr.setAttrLocal(ptab, true);
            long nentries = ldr.dataSize(ptab) / 8;
            md.addAddr(ptab);
            md.addUint(nentries);
            md.addUint(nentries);
        } else {
            md.addUint(0);
            md.addUint(0);
            md.addUint(0);
        }
        // pluginpath, pkghashes: only for plugins.
        for (int i = 0; i < 5; i++) {
            md.addUint(0);
        }
        // modulename, modulehashes: only with shared libraries.
        for (int i = 0; i < 5; i++) {
            md.addUint(0);
        }
        md.addUint8(1); // hasmain: an executable

        // The rest is zero; the size is runtime.moduledata's.
        int mdType = ldr.lookup("type.runtime.moduledata", 0);
        md.setSize(new TypeDescriptors(ldr).size(mdType));
        md.grow(md.size());

        SymbolBuilder last = ldr.createSymForUpdate("runtime.lastmoduledatap", 0);
        if (last.type() != SymKind.SDYNIMPORT) {
            last.setType(SymKind.SNOPTRDATA);
            last.setSize(0);
            last.setData(new byte[0]);
            last.addAddr(md.sym());
        }
    }

    private static void addSlice(SymbolBuilder md, Loader ldr, int s) {
        md.addAddr(s);
        md.addUint(ldr.symSize(s));
        md.addUint(ldr.symSize(s));
    }

    private static int groupSym(LinkContext ctxt, String name, int kind) {
        SymbolBuilder s = ctxt.loader().createSymForUpdate(name, 0);
        s.setType(kind).setSize(0).setAlign(ctxt.ptrSize()).setLocal(true);
        setCarrierSym(ctxt, kind, s.sym());
        return s.sym();
    }

    private static void setCarrierSym(LinkContext ctxt, int kind, int s) {
        if (ctxt.carrierSymByType[kind] != 0) {
            throw new IllegalStateException("carrier symbol for type " + SymKind.class.getSimpleName() + " " + kind
                    + " already set");
        }
        ctxt.carrierSymByType[kind] = s;
    }

    /**
     * runtime.textsectionmap: per text section, its start and end relative to
     * the first and its address (cf. ld.textsectionmap). Returns the symbol and
     * the number of sections.
     */
    static int[] textsectionmap(LinkContext ctxt) {
        Loader ldr = ctxt.loader();
        SymbolBuilder t = ldr.createSymForUpdate("runtime.textsectionmap", 0);
        t.setType(SymKind.SRODATA);
        java.util.List<Section> sects = ctxt.segments.text.sections;
        int nsections = 0;
        for (Section sect : sects) {
            if (!sect.name.equals(".text")) {
                break;
            }
            nsections++;
        }
        t.grow(3L * nsections * ctxt.ptrSize());
        long off = 0;
        int n = 0;
        long textbase = sects.get(0).vaddr;
        for (Section sect : sects) {
            if (!sect.name.equals(".text")) {
                break;
            }
            long vaddr = sect.vaddr - textbase;
            off = t.setUint(off, vaddr);
            off = t.setUint(off, vaddr + sect.length);
            String name = n == 0 ? "runtime.text" : "runtime.text." + n;
            int s = ldr.lookup(name, 0);
            if (s == 0) {
                throw new IllegalStateException("Unable to find symbol " + name);
            }
            off = t.setAddr(off, s);
            n++;
        }
        return new int[] {t.sym(), n};
    }

    /** The carrier symbols of the groups, whether the relro ones are in use, and the buffer names are read into. */
    private record Carriers(int type, int typeRel, int goString, int goFunc, int goFuncRel, int gcBits,
            boolean relro, NameBytes name) {
    }

    /**
     * Symbol {@code x}'s group, and whether it is left out of the symbol table. (The body of a loop
     * over every symbol, a method: a fresh JVM compiles a method after a few hundred calls, a loop
     * inside one call only after thousands of turns.)
     */
    private static void group(Loader ldr, int x, byte[] group, Carriers c) {
        if (ldr.symVersion(x) >= Loader.SYM_VER_STATIC && !ldr.isFromAssembly(x) && ldr.symLib(x) != null) {
            ldr.setAttrNotInSymbolTable(x, true);
        }
        if (!ldr.attrReachable(x) || ldr.attrSpecial(x)) {
            return;
        }
        int t = ldr.symType(x);
        if (t != SymKind.SRODATA && t != SymKind.SGOFUNC) {
            return;
        }
        NameBytes name = ldr.symNameBytes(x, c.name());
        if (name.startsWith(GO_STRING)) {
            group[x] = SymKind.SGOSTRING;
            ldr.setAttrNotInSymbolTable(x, true);
            ldr.setCarrierSym(x, c.goString());
        } else if (name.startsWith(GCBITS) || name.startsWith(GCPROG)) {
            group[x] = SymKind.SGCBITS;
            ldr.setAttrNotInSymbolTable(x, true);
            ldr.setCarrierSym(x, c.gcBits());
        } else if (name.endsWith(FUNC_VALUE)) {
            ldr.setAttrNotInSymbolTable(x, true);
            if (c.relro()) {
                group[x] = SymKind.SGOFUNCRELRO;
                ldr.setCarrierSym(x, c.goFuncRel());
            } else {
                group[x] = SymKind.SGOFUNC;
                ldr.setCarrierSym(x, c.goFunc());
            }
        } else if (name.startsWith(GCARGS) || name.startsWith(GCLOCALS) || name.startsWith(GCLOCALS_DOT)
                || (t == SymKind.SGOFUNC && x != c.goFunc()) // inline trees, see Pclntab
                || name.endsWith(OPENDEFER) || name.endsWith(ARGINFO0) || name.endsWith(ARGINFO1)
                || name.endsWith(ARGLIVEINFO) || name.endsWith(WRAPINFO)
                || name.endsWith(ARGS_STACKMAP) || name.endsWith(STKOBJ)) {
            ldr.setAttrNotInSymbolTable(x, true);
            group[x] = SymKind.SGOFUNC;
            ldr.setCarrierSym(x, c.goFunc());
        } else if (name.startsWith(TYPE)) {
            // After the suffix checks: "type..eq.T.arginfo1" belongs to go.func.*.
            ldr.setAttrNotInSymbolTable(x, true);
            if (c.relro()) {
                group[x] = SymKind.STYPERELRO;
                ldr.setCarrierSym(x, c.typeRel());
            } else {
                group[x] = SymKind.STYPE;
                ldr.setCarrierSym(x, c.type());
            }
        }
    }
}
