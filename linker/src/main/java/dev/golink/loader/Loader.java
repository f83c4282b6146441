package dev.golink.loader;

import dev.golink.LinkException;
import dev.golink.goobj.Builtins;
import dev.golink.goobj.GoObject;
import dev.golink.goobj.SymKinds;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The symbol table of one link (cf. cmd/link loader.Loader): one global index
 * space over every object's symbols, assigned in cmd/link's order so that
 * everything keyed by index (deadcode's work queue, later the text order)
 * behaves the same.
 *
 * <p>Index 0 is the nil symbol. Object symbols come first, in this order:
 * every object's package definitions, then per object its hashed64, hashed
 * and non-package definitions; duplicates (dupok, content-addressed) map to
 * one index. Symbols created by the linker ("external") follow. A symbol is
 * two ints (object, local index); its properties are read from the object on
 * demand.
 */
public final class Loader {

    static final int NIL_OBJ = 0;
    static final int EXT_OBJ = 1;
    static final int GO_OBJ_START = 2;

    // The kinds of definitions, in the order they are loaded.
    private static final int PKG_DEF = 0;
    private static final int HASHED64_DEF = 1;
    private static final int HASHED_DEF = 2;
    private static final int NONPKG_DEF = 3;

    /** Symbol version of ABI0 symbols; ABIInternal is 1 with ABI wrappers. */
    public static final int SYM_VER_ABI0 = 0;
    public static final int SYM_VER_ABI_INTERNAL = 1;
    /** Versions from here on are file-local (static). */
    public static final int SYM_VER_STATIC = 10;

    private record NameVer(String name, int ver) {
    }

    private record Hash128(long lo, long hi) {
    }

    /** A symbol the linker made (cf. loader.extSymPayload). */
    private static final class ExtSym {
        final String name;
        final int ver;
        int kind;
        long size;

        ExtSym(String name, int ver) {
            this.name = name;
            this.ver = ver;
        }
    }

    private final boolean regabiWrappers;
    private final List<ObjReader> objs = new ArrayList<>();
    private final Map<String, Integer> objByPkg = new HashMap<>();

    // Global index -> (object, local index).
    private int[] symObj = new int[1];
    private int[] symLocal = new int[1];
    private int nsym = 1;
    private int extStart;

    /** Named symbols of ABI0 (version 0) and ABIInternal (version 1). */
    private final StringIntMap[] symsByName = {new StringIntMap(1 << 16), new StringIntMap(1 << 15)};
    private final Map<NameVer, Integer> extStaticSyms = new HashMap<>();
    private final int[] builtinSyms = new int[Builtins.count()];
    private final List<ExtSym> payloads = new ArrayList<>();

    private final BitSet attrReachable = new BitSet();
    private final BitSet attrLocal = new BitSet();
    private final BitSet attrUsedInIface = new BitSet();
    /** log2(alignment)+1, 0 for none. */
    private byte[] align = new byte[1];

    private final List<String> errors = new ArrayList<>();

    /**
     * @param regabiWrappers whether the target has ABI wrappers (amd64, arm64,
     *                       ppc64): ABIInternal is then a version of its own
     */
    public Loader(boolean regabiWrappers) {
        this.regabiWrappers = regabiWrappers;
        objs.add(null); // the nil object
        objs.add(null); // the external symbols' pseudo-object
    }

    // ---------------------------------------------------------------- loading

    /**
     * Registers an object of {@code lib} (cf. loader.Preload); its symbols get
     * indices in {@link #loadSyms}. Returns the object's fingerprint.
     */
    public long preload(Library lib, GoObject obj, String where, int localSymVersion) throws LinkException {
        if (obj.unlinkable()) {
            throw new LinkException(where + ": unlinkable object (from package " + lib.pkg
                    + ") - compiler requires -p flag");
        }
        for (int i = 0; i < obj.nAutolib(); i++) {
            lib.autolib.add(obj.autolibPkg(i));
            lib.autolibFingerprints.add(obj.autolibFingerprint(i));
        }
        ObjReader r = new ObjReader(obj, lib, where, localSymVersion, objs.size());
        objByPkg.putIfAbsent(GoPaths.pathToPrefix(lib.pkg), r.objIdx);
        objs.add(r);
        return obj.fingerprint();
    }

    /**
     * Gives every object symbol its global index, deduplicates, and resolves
     * non-package references (cf. loader.LoadSyms).
     */
    public void loadSyms() throws LinkException {
        int estimate = 1;
        for (int o = GO_OBJ_START; o < objs.size(); o++) {
            ObjReader r = objs.get(o);
            estimate += r.ndef + r.nhasheddef / 2 + r.nhashed64def / 2 + r.nnonpkgdef;
        }
        symObj = new int[estimate];
        symLocal = new int[estimate];
        align = new byte[estimate];
        nsym = 1;
        Map<Long, Integer> hashed64Syms = new HashMap<>();
        Map<Hash128, Integer> hashedSyms = new HashMap<>();
        for (int o = GO_OBJ_START; o < objs.size(); o++) {
            ObjReader r = objs.get(o);
            try {
                preloadSyms(r, PKG_DEF, hashed64Syms, hashedSyms);
            } catch (IndexOutOfBoundsException e) {
                throw corrupt(r, e);
            }
        }
        for (int o = GO_OBJ_START; o < objs.size(); o++) {
            ObjReader r = objs.get(o);
            try {
                preloadSyms(r, HASHED64_DEF, hashed64Syms, hashedSyms);
                preloadSyms(r, HASHED_DEF, hashed64Syms, hashedSyms);
                preloadSyms(r, NONPKG_DEF, hashed64Syms, hashedSyms);
            } catch (IndexOutOfBoundsException e) {
                throw corrupt(r, e);
            }
        }
        for (int o = GO_OBJ_START; o < objs.size(); o++) {
            ObjReader r = objs.get(o);
            try {
                loadObjRefs(r);
            } catch (IndexOutOfBoundsException e) {
                throw corrupt(r, e);
            }
        }
    }

    /** A record of the object points outside it: the object is damaged. */
    private static LinkException corrupt(ObjReader r, IndexOutOfBoundsException e) {
        return new LinkException(r.where + ": corrupt object: a symbol record refers outside the object ("
                + e.getMessage() + ")", e);
    }

    private void preloadSyms(ObjReader r, int kind, Map<Long, Integer> hashed64Syms, Map<Hash128, Integer> hashedSyms)
            throws LinkException {
        GoObject o = r.obj;
        int start;
        int end;
        switch (kind) {
            case PKG_DEF -> {
                start = 0;
                end = r.ndef;
            }
            case HASHED64_DEF -> {
                start = r.ndef;
                end = r.ndef + r.nhashed64def;
            }
            case HASHED_DEF -> {
                start = r.ndef + r.nhashed64def;
                end = r.ndef + r.nhashed64def + r.nhasheddef;
            }
            default -> {
                start = r.ndef + r.nhashed64def + r.nhasheddef;
                end = r.nAlldef();
            }
        }
        boolean loadingRuntimePkg = r.lib.pkg.equals("runtime");
        boolean hashed = kind == HASHED64_DEF || kind == HASHED_DEF;
        for (int i = start; i < end; i++) {
            String name = "";
            int v = 0;
            if (!hashed) {
                name = o.symName(i);
                v = abiToVer(o.symAbi(i), r);
            }
            int gi = addSym(name, v, r, i, kind, hashed64Syms, hashedSyms);
            r.syms[i] = gi;
            int flag = o.symFlag(i);
            if ((flag & GoObject.SYM_FLAG_LOCAL) != 0) {
                attrLocal.set(gi);
            }
            if ((o.symFlag2(i) & GoObject.SYM_FLAG2_USED_IN_IFACE) != 0) {
                attrUsedInIface.set(gi);
            }
            if (name.startsWith("runtime.") || (loadingRuntimePkg && name.startsWith("type."))) {
                int bi = Builtins.index(name, o.symAbi(i), regabiWrappers);
                if (bi != -1) {
                    builtinSyms[bi] = gi;
                }
            }
            int a = o.symAlign(i);
            if (a != 0 && a > symAlign(gi)) {
                setSymAlign(gi, a);
            }
        }
    }

    private int addSym(String name, int ver, ObjReader r, int li, int kind, Map<Long, Integer> hashed64Syms,
            Map<Hash128, Integer> hashedSyms) throws LinkException {
        int i = nsym;
        boolean hashed = kind == HASHED64_DEF || kind == HASHED_DEF;
        if (name.isEmpty() && !hashed) {
            addToGlobal(r, li);
            return i; // an unnamed aux symbol
        }
        if (ver == r.version) {
            addToGlobal(r, li);
            return i; // file-local: nobody can refer to it by name
        }
        if (kind == PKG_DEF) {
            symsByName[ver].put(name, i);
            addToGlobal(r, li);
            return i;
        }
        if (hashed) {
            // Content-addressed: one symbol per content hash; the larger one wins
            // the index (the first one on a tie).
            long siz = r.obj.symSiz(li);
            Integer existing;
            Long h64 = null;
            Hash128 h = null;
            if (kind == HASHED64_DEF) {
                h64 = r.obj.hash64(li - r.ndef);
                existing = hashed64Syms.get(h64);
            } else {
                int hi = li - r.ndef - r.nhashed64def;
                h = new Hash128(r.obj.hashWord(hi, 0), r.obj.hashWord(hi, 1));
                existing = hashedSyms.get(h);
            }
            if (existing != null) {
                if (siz > symSize(existing)) {
                    symObj[existing] = r.objIdx;
                    symLocal[existing] = li;
                }
                return existing;
            }
            if (kind == HASHED64_DEF) {
                hashed64Syms.put(h64, i);
            } else {
                hashedSyms.put(h, i);
            }
            addToGlobal(r, li);
            return i;
        }

        int oldi = symsByName[ver].get(name);
        if (oldi == 0) {
            symsByName[ver].put(name, i);
            addToGlobal(r, li);
            return i;
        }
        if (r.obj.symDupok(li)) {
            // Of dupok definitions the first of the largest size wins.
            if (symSize(oldi) < r.obj.symSiz(li)) {
                symObj[oldi] = r.objIdx;
                symLocal[oldi] = li;
            }
            return oldi;
        }
        ObjReader oldr = objs.get(symObj[oldi]);
        int oldli = symLocal[oldi];
        if (oldr.obj.symDupok(oldli)) {
            return oldi;
        }
        // Two strong definitions: allowed only when one is a data symbol with no
        // content (a declaration, e.g. from assembly) and the other gives content.
        int oldtyp = oldr.obj.symType(oldli);
        if (r.obj.dataSize(li) != 0) {
            if (!(SymKinds.isData(oldtyp) && oldr.obj.dataSize(oldli) == 0)) {
                throw duplicate(name, r, oldr);
            }
            symObj[oldi] = r.objIdx;
            symLocal[oldi] = li;
        } else if (!SymKinds.isData(oldtyp)) {
            throw duplicate(name, r, oldr);
        }
        return oldi;
    }

    private static LinkException duplicate(String name, ObjReader r, ObjReader oldr) {
        return new LinkException("duplicated definition of symbol " + name + ", from " + r.lib.pkg + " (" + r.where
                + ") and " + oldr.lib.pkg + " (" + oldr.where + ")");
    }

    private void addToGlobal(ObjReader r, int li) {
        ensureCapacity(nsym + 1);
        symObj[nsym] = r.objIdx;
        symLocal[nsym] = li;
        nsym++;
    }

    private void ensureCapacity(int n) {
        if (n > symObj.length) {
            int cap = Math.max(n, symObj.length + (symObj.length >> 1) + 16);
            symObj = Arrays.copyOf(symObj, cap);
            symLocal = Arrays.copyOf(symLocal, cap);
        }
        if (n > align.length) {
            align = Arrays.copyOf(align, symObj.length);
        }
    }

    private int abiToVer(int abi, ObjReader r) throws LinkException {
        if (abi == GoObject.SYM_ABI_STATIC) {
            return r.version;
        }
        if (abi == 0) {
            return SYM_VER_ABI0;
        }
        if (abi == 1) {
            return regabiWrappers ? SYM_VER_ABI_INTERNAL : SYM_VER_ABI0;
        }
        throw new LinkException(r.where + ": invalid symbol ABI: " + abi);
    }

    private void loadObjRefs(ObjReader r) throws LinkException {
        GoObject o = r.obj;
        int ndef = r.nAlldef();
        for (int i = 0, n = o.nNonpkgref(); i < n; i++) {
            int li = ndef + i;
            String name = o.symName(li);
            int v = abiToVer(o.symAbi(li), r);
            int gi = lookupOrCreateSym(name, v);
            r.syms[li] = gi;
            if ((o.symFlag(li) & GoObject.SYM_FLAG_LOCAL) != 0) {
                attrLocal.set(gi);
            }
            if ((o.symFlag2(li) & GoObject.SYM_FLAG2_USED_IN_IFACE) != 0) {
                attrUsedInIface.set(gi);
            }
        }
        int npkg = o.nPkg();
        r.pkg = new int[npkg];
        for (int i = 1; i < npkg; i++) { // package index 0 is a dummy
            String pkg = o.pkg(i);
            Integer objidx = objByPkg.get(pkg);
            if (objidx == null) {
                throw new LinkException(r.where + ": reference to nonexistent package " + pkg);
            }
            r.pkg[i] = objidx;
        }
        for (int i = 0, n = o.nRefFlags(); i < n; i++) {
            int gi = resolve(r, o.refFlagsPkg(i), o.refFlagsSym(i));
            if ((o.refFlagsFlag2(i) & GoObject.SYM_FLAG2_USED_IN_IFACE) != 0) {
                attrUsedInIface.set(gi);
            }
        }
    }

    // ---------------------------------------------------------------- lookup

    /** The symbol {@code name} of version {@code ver}, or 0. */
    public int lookup(String name, int ver) {
        if (ver >= SYM_VER_STATIC || ver < 0) {
            Integer i = extStaticSyms.get(new NameVer(name, ver));
            return i == null ? 0 : i;
        }
        return symsByName[ver].get(name);
    }

    /** Looks a symbol up, creating an external (linker-made) one if there is none. */
    public int lookupOrCreateSym(String name, int ver) {
        int i = lookup(name, ver);
        if (i != 0) {
            return i;
        }
        i = newExtSym(name, ver);
        if (ver >= SYM_VER_STATIC || ver < 0) {
            extStaticSyms.put(new NameVer(name, ver), i);
        } else {
            symsByName[ver].put(name, i);
        }
        return i;
    }

    private int newExtSym(String name, int ver) {
        int i = nsym;
        if (extStart == 0) {
            extStart = i;
        }
        ensureCapacity(nsym + 1);
        symObj[nsym] = EXT_OBJ;
        symLocal[nsym] = payloads.size();
        nsym++;
        payloads.add(new ExtSym(name, ver));
        return i;
    }

    /** Resolves a symbol reference of object {@code r} to a global index (0 for none). */
    int resolve(ObjReader r, int pkgIdx, int symIdx) {
        switch (pkgIdx) {
            case GoObject.PKGIDX_INVALID:
                if (symIdx != 0) {
                    errors.add(r.where + ": bad symbol reference (package 0, symbol " + symIdx + ")");
                }
                return 0;
            case GoObject.PKGIDX_HASHED64:
                return r.syms[symIdx + r.ndef];
            case GoObject.PKGIDX_HASHED:
                return r.syms[symIdx + r.ndef + r.nhashed64def];
            case GoObject.PKGIDX_NONE:
                return r.syms[symIdx + r.ndef + r.nhashed64def + r.nhasheddef];
            case GoObject.PKGIDX_BUILTIN: {
                int bi = builtinSyms[symIdx];
                if (bi == 0) {
                    errors.add(r.where + ": reference to undefined builtin \"" + Builtins.name(symIdx)
                            + "\" from package \"" + r.lib.pkg + "\"");
                }
                return bi;
            }
            case GoObject.PKGIDX_SELF:
                return r.syms[symIdx];
            default:
                return objs.get(r.pkg[pkgIdx]).syms[symIdx];
        }
    }

    // ---------------------------------------------------------------- symbols

    /** Number of symbols, the nil symbol included. */
    public int nSym() {
        return nsym;
    }

    /** Number of object-defined symbols (index of the first external one). */
    public int nDef() {
        return extStart == 0 ? nsym : extStart;
    }

    public boolean isExternal(int s) {
        return symObj[s] == EXT_OBJ;
    }

    private ObjReader reader(int s) {
        return objs.get(symObj[s]);
    }

    public String symName(int s) {
        if (symObj[s] == EXT_OBJ) {
            return payloads.get(symLocal[s]).name;
        }
        ObjReader r = reader(s);
        return r == null ? "?" : r.obj.symName(symLocal[s]);
    }

    /** Appends the symbol's name bytes exactly as the object stores them. */
    public void writeSymName(int s, ByteArrayOutputStream out) {
        if (symObj[s] == EXT_OBJ) {
            out.writeBytes(payloads.get(symLocal[s]).name.getBytes(StandardCharsets.UTF_8));
            return;
        }
        ObjReader r = reader(s);
        if (r == null) {
            out.write('?');
        } else {
            r.obj.writeSymName(symLocal[s], out);
        }
    }

    /** Whether the name is empty (unnamed aux and content-addressed symbols without a name). */
    public boolean symNameIsEmpty(int s) {
        if (symObj[s] == EXT_OBJ) {
            return payloads.get(symLocal[s]).name.isEmpty();
        }
        ObjReader r = reader(s);
        return r != null && r.obj.symNameLen(symLocal[s]) == 0;
    }

    public int symVersion(int s) {
        if (symObj[s] == EXT_OBJ) {
            return payloads.get(symLocal[s]).ver;
        }
        ObjReader r = reader(s);
        int abi = r.obj.symAbi(symLocal[s]);
        if (abi == GoObject.SYM_ABI_STATIC) {
            return r.version;
        }
        return abi == 1 && regabiWrappers ? SYM_VER_ABI_INTERNAL : SYM_VER_ABI0;
    }

    /** The symbol's kind ({@link SymKinds}); external symbols not yet defined are {@code SXXX}. */
    public int symType(int s) {
        if (symObj[s] == EXT_OBJ) {
            return payloads.get(symLocal[s]).kind;
        }
        return reader(s).obj.symType(symLocal[s]);
    }

    public long symSize(int s) {
        if (symObj[s] == EXT_OBJ) {
            return payloads.get(symLocal[s]).size;
        }
        return reader(s).obj.symSiz(symLocal[s]);
    }

    /** The symbol's object flags ({@code GoObject.SYM_FLAG_*}); 0 for external symbols. */
    public int symAttr(int s) {
        if (symObj[s] == EXT_OBJ) {
            return 0;
        }
        return reader(s).obj.symFlag(symLocal[s]);
    }

    private int symFlag2(int s) {
        if (symObj[s] == EXT_OBJ) {
            return 0;
        }
        return reader(s).obj.symFlag2(symLocal[s]);
    }

    public boolean isDupok(int s) {
        return (symAttr(s) & GoObject.SYM_FLAG_DUPOK) != 0;
    }

    public boolean isReflectMethod(int s) {
        return (symAttr(s) & GoObject.SYM_FLAG_REFLECT_METHOD) != 0;
    }

    public boolean isGoType(int s) {
        return (symAttr(s) & GoObject.SYM_FLAG_GOTYPE) != 0;
    }

    public boolean isTypelink(int s) {
        return (symAttr(s) & GoObject.SYM_FLAG_TYPELINK) != 0;
    }

    public boolean isNoSplit(int s) {
        return (symAttr(s) & GoObject.SYM_FLAG_NOSPLIT) != 0;
    }

    public boolean isItab(int s) {
        return (symFlag2(s) & GoObject.SYM_FLAG2_ITAB) != 0;
    }

    public boolean isDict(int s) {
        return (symFlag2(s) & GoObject.SYM_FLAG2_DICT) != 0;
    }

    public boolean isFromAssembly(int s) {
        return symObj[s] != EXT_OBJ && reader(s).obj.fromAssembly();
    }

    /** The alignment the objects ask for (the largest), or 0. */
    public int symAlign(int s) {
        if (s >= align.length || align[s] == 0) {
            return 0;
        }
        return 1 << (align[s] - 1);
    }

    public void setSymAlign(int s, int a) {
        if (a < 0 || (a & (a - 1)) != 0) {
            throw new IllegalArgumentException("bad alignment value " + a);
        }
        if (s >= align.length) {
            align = Arrays.copyOf(align, Math.max(s + 1, symObj.length));
        }
        align[s] = (byte) (32 - Integer.numberOfLeadingZeros(a));
    }

    /** The package (import path) a symbol was loaded from, or null for linker-made symbols. */
    public Library symLib(int s) {
        return symObj[s] == EXT_OBJ ? null : reader(s).lib;
    }

    /** File and member a symbol comes from, for messages. */
    public String symFile(int s) {
        return symObj[s] == EXT_OBJ ? "<linker>" : reader(s).where;
    }

    /** The symbol's content, as a view (big-endian until the caller says otherwise); empty when it has none. */
    public ByteBuffer data(int s) {
        if (symObj[s] == EXT_OBJ) {
            return ByteBuffer.allocate(0);
        }
        return reader(s).obj.data(symLocal[s]);
    }

    public int dataSize(int s) {
        if (symObj[s] == EXT_OBJ) {
            return 0;
        }
        return reader(s).obj.dataSize(symLocal[s]);
    }

    // ---------------------------------------------------------------- attributes

    public boolean attrReachable(int s) {
        return attrReachable.get(s);
    }

    public void setAttrReachable(int s, boolean v) {
        attrReachable.set(s, v);
    }

    public boolean attrLocal(int s) {
        return attrLocal.get(s);
    }

    public boolean attrUsedInIface(int s) {
        return attrUsedInIface.get(s);
    }

    public void setAttrUsedInIface(int s, boolean v) {
        attrUsedInIface.set(s, v);
    }

    /** Number of reachable symbols. */
    public int nReachableSym() {
        return attrReachable.cardinality();
    }

    // ---------------------------------------------------------------- relocations and aux symbols

    /** A reusable cursor over one symbol's relocations. */
    public Relocs relocs() {
        return new Relocs(this);
    }

    /** Sets {@code rs} to symbol {@code s}'s relocations. */
    void resetRelocs(Relocs rs, int s) {
        if (symObj[s] == EXT_OBJ || symObj[s] == NIL_OBJ) {
            rs.set(null, 0, 0);
            return;
        }
        ObjReader r = reader(s);
        int li = symLocal[s];
        int n = r.obj.nReloc(li);
        rs.set(r, n == 0 ? 0 : r.obj.relocOff(li, 0), n);
    }

    public int nAux(int s) {
        if (symObj[s] == EXT_OBJ) {
            return 0;
        }
        return reader(s).obj.nAux(symLocal[s]);
    }

    public int auxType(int s, int j) {
        ObjReader r = reader(s);
        return r.obj.auxType(r.obj.auxOff(symLocal[s], j));
    }

    public int auxSym(int s, int j) {
        ObjReader r = reader(s);
        int rec = r.obj.auxOff(symLocal[s], j);
        return resolve(r, r.obj.auxSymPkg(rec), r.obj.auxSymIdx(rec));
    }

    /** Errors found while resolving references (collected, checked at phase boundaries). */
    public List<String> errors() {
        return errors;
    }

    /** Number of loaded Go objects. */
    public int nObj() {
        return objs.size() - GO_OBJ_START;
    }
}
