package dev.golink.loader;

import dev.golink.GoQuote;
import dev.golink.LinkException;
import dev.golink.LogFatalException;
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
import java.util.Objects;

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

    /**
     * A symbol the linker made, or an object symbol the linker changed (cf.
     * loader.extSymPayload): kind, size, content and relocations live here.
     */
    static final class ExtSym {
        final String name;
        final int ver;
        /** Linker kind ({@link dev.golink.sym.SymKind}). */
        int kind;
        long size;
        byte[] data = NO_DATA;
        int dataLen;
        // Relocations, one entry per field array.
        int nreloc;
        int[] rOff = NO_INTS;
        int[] rType = NO_INTS;
        int[] rSym = NO_INTS;
        byte[] rSiz = NO_DATA;
        long[] rAdd = NO_LONGS;
        /** For a cloned object symbol: its object (aux symbols, package, file) and local index; else 0. */
        int originObj;
        int originLocal;

        ExtSym(String name, int ver) {
            this.name = name;
            this.ver = ver;
        }
    }

    private static final byte[] NO_DATA = new byte[0];
    private static final int[] NO_INTS = new int[0];
    private static final long[] NO_LONGS = new long[0];

    private final boolean regabiWrappers;
    private final List<ObjReader> objs = new ArrayList<>();
    private final Map<String, Integer> objByPkg = new HashMap<>();

    // Global index -> (object, local index).
    private int[] symObj = new int[1];
    private int[] symLocal = new int[1];
    /**
     * An object symbol's size (uint32) as its object gives it: phases read sizes again and
     * again, and from this array rather than from each object's symbol record, far apart in
     * the mapped files.
     */
    private int[] objSize = new int[1];
    private int nsym = 1;
    private int extStart;

    /** Named symbols of ABI0 (version 0) and ABIInternal (version 1). */
    private final NameTable[] symsByName = {new NameTable(1 << 16), new NameTable(1 << 15)};
    private final Map<NameVer, Integer> extStaticSyms = new HashMap<>();
    private final int[] builtinSyms = new int[Builtins.count()];
    private final List<ExtSym> payloads = new ArrayList<>();

    private final BitSet attrReachable = new BitSet();
    private final BitSet attrLocal = new BitSet();
    private final BitSet attrUsedInIface = new BitSet();
    /** log2(alignment)+1, 0 for none. */
    private byte[] align = new byte[1];

    private final dev.golink.Diagnostics diag;
    private final dev.golink.FileMappings inputs = new dev.golink.FileMappings();

    /**
     * @param regabiWrappers whether the build has ABI wrappers (the regabiwrappers
     *                       experiment): ABIInternal is then a version of its own
     * @param diag           where bad references are reported
     */
    /** Where the link's errors go. */
    public dev.golink.Diagnostics diag() {
        return diag;
    }

    /** The input files' mappings: the objects' bytes live until the link has ended. */
    public dev.golink.FileMappings inputs() {
        return inputs;
    }

    public Loader(boolean regabiWrappers, dev.golink.Diagnostics diag) {
        this.regabiWrappers = regabiWrappers;
        this.diag = diag;
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
            // cmd/link's log.Fatalf names its own "link: " in the message.
            throw new LogFatalException("link: unlinkable object (from package " + lib.pkg
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
        objSize = new int[estimate];
        align = new byte[estimate];
        nsym = 1;
        int nhashed64 = 0;
        int nhashed = 0;
        for (int o = GO_OBJ_START; o < objs.size(); o++) {
            nhashed64 += objs.get(o).nhashed64def;
            nhashed += objs.get(o).nhasheddef;
        }
        // Sized for about half of the content-hashed definitions being distinct.
        HashIntMap hashed64Syms = new HashIntMap(nhashed64 / 2);
        HashIntMap hashedSyms = new HashIntMap(nhashed / 2);
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

    private void preloadSyms(ObjReader r, int kind, HashIntMap hashed64Syms, HashIntMap hashedSyms)
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
            preloadSym(r, o, i, kind, hashed, loadingRuntimePkg, hashed64Syms, hashedSyms);
        }
    }

    /** Symbol {@code i} of the object (preloadSyms' loop body, a method: see Deadcode.visit). */
    private void preloadSym(ObjReader r, GoObject o, int i, int kind, boolean hashed, boolean loadingRuntimePkg,
            HashIntMap hashed64Syms, HashIntMap hashedSyms) throws LinkException {
        int nameOff = hashed ? 0 : o.symNameOff(i); // checked before the ABI, as cmd/link reads them
        int v = hashed ? 0 : abiToVer(o.symAbi(i), r);
        int gi = addSym(nameOff, v, r, i, kind, hashed64Syms, hashedSyms);
        r.syms[i] = gi;
        int flag = o.symFlag(i);
        if ((flag & GoObject.SYM_FLAG_LOCAL) != 0) {
            attrLocal.set(gi);
        }
        if ((o.symFlag2(i) & GoObject.SYM_FLAG2_USED_IN_IFACE) != 0) {
            attrUsedInIface.set(gi);
        }
        if (!hashed && (o.symNameStartsWith(i, "runtime.") || (loadingRuntimePkg && o.symNameStartsWith(i, "type.")))) {
            int bi = Builtins.index(o.symName(i), o.symAbi(i), regabiWrappers);
            if (bi != -1) {
                builtinSyms[bi] = gi;
            }
        }
        int a = o.symAlign(i);
        if (a != 0 && a > symAlign(gi)) {
            if ((a & (a - 1)) != 0) {
                throw new dev.golink.MalformedInputException(r.where, "symbol " + (hashed || o.symNameLen(i) == 0 ? "#" + i : o.symName(i))
                        + " has alignment " + a, "a power of two");
            }
            setSymAlign(gi, a);
        }
    }

    private int addSym(int nameOff, int ver, ObjReader r, int li, int kind, HashIntMap hashed64Syms,
            HashIntMap hashedSyms) throws LinkException {
        int i = nsym;
        boolean hashed = kind == HASHED64_DEF || kind == HASHED_DEF;
        int nameLen = hashed ? 0 : r.obj.symNameLen(li);
        if (nameLen == 0 && !hashed) {
            addToGlobal(r, li);
            return i; // an unnamed aux symbol
        }
        if (ver == r.version) {
            addToGlobal(r, li);
            return i; // file-local: nobody can refer to it by name
        }
        ByteBuffer data = r.obj.data();
        int nameHash = hashed ? 0 : NameTable.hash(data, nameOff, nameLen);
        if (kind == PKG_DEF) {
            symsByName[ver].put(data, nameOff, nameLen, nameHash, i);
            addToGlobal(r, li);
            return i;
        }
        if (hashed) {
            // Content-addressed: one symbol per content hash; the larger one wins
            // the index (the first one on a tie).
            long siz = r.obj.symSiz(li);
            HashIntMap map;
            long lo;
            long hi;
            if (kind == HASHED64_DEF) {
                map = hashed64Syms;
                lo = r.obj.hash64(li - r.ndef);
                hi = 0;
            } else {
                int hx = li - r.ndef - r.nhashed64def;
                map = hashedSyms;
                lo = r.obj.hashWord(hx, 0);
                hi = r.obj.hashWord(hx, 1);
            }
            int existing = map.get(lo, hi);
            if (existing != 0) {
                if (siz > symSize(existing)) {
                    setDefinition(existing, r, li);
                }
                return existing;
            }
            map.putNew(lo, hi, i);
            addToGlobal(r, li);
            return i;
        }

        int oldi = symsByName[ver].get(data, nameOff, nameLen, nameHash);
        if (oldi == 0) {
            symsByName[ver].put(data, nameOff, nameLen, nameHash, i);
            addToGlobal(r, li);
            return i;
        }
        if (r.obj.symDupok(li)) {
            // Of dupok definitions the first of the largest size wins.
            if (symSize(oldi) < r.obj.symSiz(li)) {
                setDefinition(oldi, r, li);
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
                throw duplicate(r.obj.symName(li), r, oldr);
            }
            setDefinition(oldi, r, li);
        } else if (!SymKinds.isData(oldtyp)) {
            throw duplicate(r.obj.symName(li), r, oldr);
        }
        return oldi;
    }

    /** Two strong definitions of one symbol, in cmd/link's words (cf. loader.(*Loader).addSym, a log.Fatalf). */
    private static LinkException duplicate(String name, ObjReader r, ObjReader oldr) {
        return new LogFatalException("duplicated definition of symbol " + name + ", from " + r.lib.pkg + " and "
                + oldr.lib.pkg);
    }

    private void addToGlobal(ObjReader r, int li) {
        ensureCapacity(nsym + 1);
        setDefinition(nsym, r, li);
        nsym++;
    }

    /** Symbol {@code s} is object {@code r}'s local symbol {@code li}. */
    private void setDefinition(int s, ObjReader r, int li) {
        symObj[s] = r.objIdx;
        symLocal[s] = li;
        objSize[s] = (int) r.obj.symSiz(li);
    }

    private void ensureCapacity(int n) {
        if (n > symObj.length) {
            int cap = Math.max(n, symObj.length + (symObj.length >> 1) + 16);
            symObj = Arrays.copyOf(symObj, cap);
            symLocal = Arrays.copyOf(symLocal, cap);
            objSize = Arrays.copyOf(objSize, cap);
        }
        if (n > align.length) {
            align = Arrays.copyOf(align, symObj.length);
        }
    }

    private int abiToVer(int abi, ObjReader r) throws LinkException {
        if (abi == GoObject.SYM_ABI_STATIC) {
            return r.version;
        }
        // The object's 16 bits hold an obj.ABI, which is 8 bits: cmd/link looks at the low byte only.
        if ((abi & 0xff) == 0) {
            return SYM_VER_ABI0;
        }
        if ((abi & 0xff) == 1) {
            return regabiWrappers ? SYM_VER_ABI_INTERNAL : SYM_VER_ABI0;
        }
        throw new LogFatalException("invalid symbol ABI: " + abi);
    }

    private void loadObjRefs(ObjReader r) throws LinkException {
        GoObject o = r.obj;
        int ndef = r.nAlldef();
        for (int i = 0, n = o.nNonpkgref(); i < n; i++) {
            int li = ndef + i;
            int nameOff = o.symNameOff(li); // checked before the ABI, as cmd/link reads them
            int v = abiToVer(o.symAbi(li), r);
            int gi = lookupOrCreateRef(r, li, nameOff, v);
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
                throw new LogFatalException(r.lib.pkg + ": reference to nonexistent package " + pkg);
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

    /** The symbol object {@code r}'s non-package reference {@code li} names, made external if nobody defines it. */
    private int lookupOrCreateRef(ObjReader r, int li, int off, int ver) {
        if (ver >= SYM_VER_STATIC || ver < 0) {
            return lookupOrCreateSym(r.obj.symName(li), ver);
        }
        GoObject o = r.obj;
        int len = o.symNameLen(li);
        int h = NameTable.hash(o.data(), off, len);
        int i = symsByName[ver].get(o.data(), off, len, h);
        if (i == 0) {
            i = newExtSym(o.symName(li), ver);
            symsByName[ver].put(o.data(), off, len, h, i);
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
                    diag.error(r.where + ": bad symbol reference (package 0, symbol " + symIdx + ")");
                }
                return 0;
            case GoObject.PKGIDX_HASHED64:
                return r.syms[checkRef(r, pkgIdx, symIdx, r.ndef, r.nhashed64def)];
            case GoObject.PKGIDX_HASHED:
                return r.syms[checkRef(r, pkgIdx, symIdx, r.ndef + r.nhashed64def, r.nhasheddef)];
            case GoObject.PKGIDX_NONE:
                return r.syms[checkRef(r, pkgIdx, symIdx, r.ndef + r.nhashed64def + r.nhasheddef,
                        r.syms.length - (r.ndef + r.nhashed64def + r.nhasheddef))];
            case GoObject.PKGIDX_BUILTIN: {
                if (symIdx < 0 || symIdx >= builtinSyms.length) {
                    throw badRef(r, pkgIdx, symIdx, "a builtin symbol's index below " + builtinSyms.length);
                }
                int bi = builtinSyms[symIdx];
                if (bi == 0) {
                    // cmd/link stops at the first (cf. loader.(*Loader).reportMissingBuiltin).
                    throw new LogFatalException.Unchecked("reference to undefined builtin " + GoQuote.quote(
                            Builtins.name(symIdx)) + " from package " + GoQuote.quote(r.lib.pkg));
                }
                return bi;
            }
            case GoObject.PKGIDX_SELF:
                return r.syms[checkRef(r, pkgIdx, symIdx, 0, r.ndef)];
            default: {
                if (pkgIdx < 0 || pkgIdx >= r.pkg.length) {
                    throw badRef(r, pkgIdx, symIdx, "a package index below " + r.pkg.length);
                }
                ObjReader target = objs.get(r.pkg[pkgIdx]);
                if (symIdx < 0 || symIdx >= target.syms.length) {
                    throw badRef(r, pkgIdx, symIdx, "a symbol index below " + target.syms.length + " (the symbols of "
                            + target.where + ")");
                }
                return target.syms[symIdx];
            }
        }
    }

    /** The linker kind of object kind {@code k} of symbol {@code li} of {@code r}. */
    private static int objKind(ObjReader r, int k, int li) {
        if (!dev.golink.sym.SymKind.isObjKind(k)) {
            throw new dev.golink.MalformedInputException(r.where, "symbol #" + li + " has kind " + k,
                    "a kind of Go 1.19 objects (below " + dev.golink.sym.SymKind.nObjKinds() + ")");
        }
        return dev.golink.sym.SymKind.fromObj(k);
    }

    /** The index in {@code r.syms} of reference {@code symIdx} into the part [base, base + n). */
    private static int checkRef(ObjReader r, int pkgIdx, int symIdx, int base, int n) {
        if (symIdx < 0 || symIdx >= n) {
            throw badRef(r, pkgIdx, symIdx, "a symbol index below " + n);
        }
        return base + symIdx;
    }

    private static dev.golink.MalformedInputException badRef(ObjReader r, int pkgIdx, int symIdx, String expected) {
        return new dev.golink.MalformedInputException(r.where, "symbol reference (package " + pkgIdx + ", symbol "
                + Integer.toUnsignedString(symIdx) + ")", expected);
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
        if (r == null) {
            return "?";
        }
        // Decoded on first use: most loaded symbols are never named (dead, or only looked up by bytes).
        String name = r.names[symLocal[s]];
        if (name == null) {
            name = r.obj.symName(symLocal[s]);
            r.names[symLocal[s]] = name;
        }
        return name;
    }

    /**
     * Compares symbols {@code a} and {@code b} by name as Go compares strings, bytewise as the
     * objects store them; {@code x} and {@code y} are their {@link #symName}s, which callers that
     * sort keep. Equal characters are equal bytes, and UTF-8 keeps the order of code points, so
     * the first differing characters decide, unless one of them is a surrogate (half of a code
     * point above U+FFFF, or a byte that is not UTF-8): then the stored bytes decide. One pass,
     * because sorting calls this n log n times.
     */
    public int compareSymNames(int a, String x, int b, String y) {
        int n = Math.min(x.length(), y.length());
        for (int i = 0; i < n; i++) {
            char c = x.charAt(i);
            char d = y.charAt(i);
            if (c != d) {
                if (Character.isSurrogate(c) || Character.isSurrogate(d)) {
                    ByteArrayOutputStream bx = new ByteArrayOutputStream();
                    ByteArrayOutputStream by = new ByteArrayOutputStream();
                    writeSymName(a, bx);
                    writeSymName(b, by);
                    return Arrays.compareUnsigned(bx.toByteArray(), by.toByteArray());
                }
                return c - d;
            }
        }
        return x.length() - y.length();
    }

    /**
     * The object that stores the symbol's name bytes, or null for a symbol no object holds; the
     * name is its symbol {@link #localIndex} there. Objects are read-only: another thread may read
     * the name from it while the link goes on.
     */
    public GoObject nameObject(int s) {
        if (symObj[s] == EXT_OBJ) {
            return null;
        }
        ObjReader r = reader(s);
        return r == null ? null : r.obj;
    }

    /** The symbol's index in its object ({@link #nameObject}). */
    public int localIndex(int s) {
        return symLocal[s];
    }

    /** Puts the symbol's name bytes, as the object stores them, into {@code into}, and returns it. */
    public NameBytes symNameBytes(int s, NameBytes into) {
        if (symObj[s] == EXT_OBJ) {
            byte[] name = dev.golink.GoString.encode(payloads.get(symLocal[s]).name);
            System.arraycopy(name, 0, into.room(name.length), 0, name.length);
            return into;
        }
        ObjReader r = reader(s);
        if (r == null) {
            into.room(1)[0] = '?';
            return into;
        }
        int local = symLocal[s];
        r.obj.symNameOff(local); // checks that the name lies inside the object before room is made for it
        r.obj.copySymName(local, into.room(r.obj.symNameLen(local)), 0);
        return into;
    }

    /** Appends the symbol's name bytes exactly as the object stores them. */
    public void writeSymName(int s, ByteArrayOutputStream out) {
        if (symObj[s] == EXT_OBJ) {
            out.writeBytes(dev.golink.GoString.encode(payloads.get(symLocal[s]).name));
            return;
        }
        ObjReader r = reader(s);
        if (r == null) {
            out.write('?');
        } else {
            r.obj.writeSymName(symLocal[s], out);
        }
    }

    /** What cmd/link's errors about symbol {@code s} start with: its name, or "sym N" when it has none. */
    public String errorPrefix(int s) {
        String name = s == 0 ? "" : symName(s);
        return name.isEmpty() ? "sym " + s : name;
    }

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
        // A content-hashed symbol's ABI is first read here, as cmd/link's SymVersion reads it.
        if ((abi & 0xff) > 1) {
            throw new LogFatalException.Unchecked("invalid symbol ABI: " + abi);
        }
        return (abi & 0xff) == 1 && regabiWrappers ? SYM_VER_ABI_INTERNAL : SYM_VER_ABI0;
    }

    /**
     * The symbol's linker kind ({@link dev.golink.sym.SymKind}, translated from
     * the object's kind); external symbols not yet defined are {@code SXXX}.
     */
    public int symType(int s) {
        if (symObj[s] == EXT_OBJ) {
            return payloads.get(symLocal[s]).kind;
        }
        ObjReader r = reader(s);
        return objKind(r, r.obj.symType(symLocal[s]), symLocal[s]);
    }

    public long symSize(int s) {
        if (symObj[s] == EXT_OBJ) {
            return payloads.get(symLocal[s]).size;
        }
        return objSize[s] & 0xffffffffL;
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
        ObjReader r = originReader(s);
        return r == null ? null : r.lib;
    }

    /**
     * The package a function is laid out with (cf. SymPkg after AssignTextSymbolOrder), which the
     * trampoline pass goes by: a dupok function belongs to the first package in layout order that
     * lists it, not to the object the loader kept; null for a linker-made symbol.
     */
    public Library symTextLib(int s) {
        Library lib = textLibs.get(s);
        return lib != null ? lib : symLib(s);
    }

    /** File and member a symbol comes from, for messages. */
    public String symFile(int s) {
        ObjReader r = originReader(s);
        return r == null ? "<linker>" : r.where;
    }

    /** The object a symbol comes from (for a changed object symbol, its original object), or null. */
    private ObjReader originReader(int s) {
        if (symObj[s] == EXT_OBJ) {
            ExtSym p = payloads.get(symLocal[s]);
            return p.originObj == 0 ? null : objs.get(p.originObj);
        }
        return objs.get(symObj[s]);
    }

    /** The bytes of a runtime name symbol's name: after its flags byte, a uvarint length, then the bytes. */
    public byte[] runtimeName(int nameSym) {
        int pos = 1;
        long len = 0;
        for (int shift = 0;; shift += 7) {
            int b = dataByte(nameSym, pos++);
            len |= (long) (b & 0x7f) << shift;
            if (b < 0x80) {
                break;
            }
        }
        return dataBytes(nameSym, pos, (int) len);
    }

    /** The symbol's content, as a view (big-endian until the caller says otherwise); empty when it has none. */
    public ByteBuffer data(int s) {
        if (symObj[s] == EXT_OBJ) {
            ExtSym p = payloads.get(symLocal[s]);
            return ByteBuffer.wrap(p.data, 0, p.dataLen).slice();
        }
        return reader(s).obj.data(symLocal[s]);
    }

    // Reads of a few bytes of content, without a view per read.

    /** The byte at {@code off} of the symbol's content. */
    public int dataByte(int s, int off) {
        if (symObj[s] == EXT_OBJ) {
            ExtSym p = payloads.get(symLocal[s]);
            return p.data[Objects.checkIndex(off, p.dataLen)] & 0xff;
        }
        return reader(s).obj.dataByte(symLocal[s], off);
    }

    /** The unsigned integer of {@code size} bytes at {@code off} of the symbol's content, in the target's byte order. */
    public long dataUint(int s, int off, int size) {
        long v = 0;
        boolean little = byteOrder == java.nio.ByteOrder.LITTLE_ENDIAN;
        for (int k = 0; k < size; k++) {
            v = v << 8 | dataByte(s, off + (little ? size - 1 - k : k));
        }
        return v;
    }

    /** {@code len} bytes from {@code off} of the symbol's content. */
    public byte[] dataBytes(int s, int off, int len) {
        byte[] b = new byte[len];
        if (symObj[s] == EXT_OBJ) {
            ExtSym p = payloads.get(symLocal[s]);
            System.arraycopy(p.data, Objects.checkFromIndexSize(off, len, p.dataLen), b, 0, len);
        } else {
            reader(s).obj.copyData(symLocal[s], off, b, 0, len);
        }
        return b;
    }

    /**
     * Copies the symbol's content to {@code dst} at {@code off} and returns its length: for the hot
     * paths that copy every symbol, where a view per symbol was a large share of all allocation.
     */
    public int copyData(int s, byte[] dst, int off) {
        if (symObj[s] == EXT_OBJ) {
            ExtSym p = payloads.get(symLocal[s]);
            System.arraycopy(p.data, 0, dst, off, p.dataLen);
            return p.dataLen;
        }
        GoObject o = reader(s).obj;
        int n = o.dataSize(symLocal[s]);
        o.copyData(symLocal[s], 0, dst, off, n);
        return n;
    }

    public int dataSize(int s) {
        if (symObj[s] == EXT_OBJ) {
            return payloads.get(symLocal[s]).dataLen;
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

    /** A copy of which symbols are reachable now, for a thread of its own to read. */
    public java.util.BitSet reachableSet() {
        return (java.util.BitSet) attrReachable.clone();
    }

    /** Number of reachable symbols. */
    public int nReachableSym() {
        return attrReachable.cardinality();
    }

    // ---------------------------------------------------------------- placement (dodata, address)

    /** Section index (dev.golink.sym.Segments) of each symbol, 0 for none. */
    private int[] placeSect = new int[0];
    /** Value: offset in its section after dodata, virtual address after address. */
    private long[] placeValue = new long[0];
    /** Container of a sub-symbol or carrier of a grouped symbol, 0 for none. */
    private int[] placeOuter = new int[0];
    /** Next sub-symbol of a container, 0 at the end. */
    private int[] placeSub = new int[0];
    private final BitSet attrOnList = new BitSet();
    private final BitSet attrSpecial = new BitSet();

    private void ensurePlacement(int s) {
        if (s >= placeSect.length) {
            // Room for the symbols the link makes after the first placement (it places one, then makes
            // more): sized to just the loaded ones, the tables were made twice in every link.
            int cap = Math.max(s + 1,
                    Math.max(nsym + (nsym >> 1) + 16, placeSect.length + (placeSect.length >> 1) + 16));
            placeSect = Arrays.copyOf(placeSect, cap);
            placeValue = Arrays.copyOf(placeValue, cap);
            placeOuter = Arrays.copyOf(placeOuter, cap);
            placeSub = Arrays.copyOf(placeSub, cap);
        }
    }

    /** Grows the placement tables to cover every symbol, so that parallel phases only read them. */
    public void preparePlacement() {
        ensurePlacement(nsym);
    }

    /** The index of the symbol's section (dev.golink.sym.Section#index), 0 for none. */
    public int symSect(int s) {
        return s < placeSect.length ? placeSect[s] : 0;
    }

    public void setSymSect(int s, int sectIndex) {
        ensurePlacement(s);
        placeSect[s] = sectIndex;
    }

    public long symValue(int s) {
        return s < placeValue.length ? placeValue[s] : 0;
    }

    public void setSymValue(int s, long v) {
        ensurePlacement(s);
        placeValue[s] = v;
    }

    public void addToSymValue(int s, long delta) {
        ensurePlacement(s);
        placeValue[s] += delta;
    }

    /** The container (or carrier) of {@code s}, 0 for none (cf. loader.OuterSym). */
    public int outerSym(int s) {
        return s < placeOuter.length ? placeOuter[s] : 0;
    }

    /** The first sub-symbol of {@code s}, or the next one after sub-symbol {@code s}, 0 for none. */
    public int subSym(int s) {
        return s < placeSub.length ? placeSub[s] : 0;
    }

    /**
     * Groups {@code s} under carrier {@code c} (cf. loader.SetCarrierSym): the
     * carrier has no content of its own and stands for the group in the symbol table.
     */
    public void setCarrierSym(int s, int c) {
        if (s == 0 || c == 0) {
            throw new IllegalArgumentException("invalid carrier " + c + " for symbol " + s);
        }
        if (outerSym(c) != 0) {
            throw new IllegalArgumentException("carrier " + symName(c) + " is itself contained");
        }
        ensurePlacement(Math.max(s, c));
        placeOuter[s] = c;
    }

    /** Adds {@code sub} to container {@code outer}'s list (cf. loader.AddInteriorSym). */
    public void addInteriorSym(int outer, int sub) {
        ensurePlacement(Math.max(outer, sub));
        placeOuter[sub] = outer;
        placeSub[sub] = placeSub[outer];
        placeSub[outer] = sub;
    }

    /** Whether {@code s} is laid out inside a container, not by itself (cf. loader.AttrSubSymbol). */
    public boolean attrSubSymbol(int s) {
        int o = outerSym(s);
        return o != 0 && subSym(o) != 0;
    }

    public boolean attrOnList(int s) {
        return attrOnList.get(s);
    }

    public void setAttrOnList(int s, boolean v) {
        attrOnList.set(s, v);
    }

    /** A linker-defined marker (runtime.text, runtime.edata, ...), placed by the phases, not by dodata. */
    public boolean attrSpecial(int s) {
        return attrSpecial.get(s);
    }

    public void setAttrSpecial(int s, boolean v) {
        attrSpecial.set(s, v);
    }

    /** The symbol's Go type (its aux "gotype" symbol), 0 for none. */
    public int symGoType(int s) {
        for (int j = 0, n = nAux(s); j < n; j++) {
            if (auxType(s, j) == GoObject.AUX_GOTYPE) {
                return auxSym(s, j);
            }
        }
        return 0;
    }

    // ---------------------------------------------------------------- relocations and aux symbols

    /** A reusable cursor over one symbol's relocations. */
    public Relocs relocs() {
        return new Relocs(this);
    }

    /** Sets {@code rs} to symbol {@code s}'s relocations. */
    void resetRelocs(Relocs rs, int s) {
        if (symObj[s] == EXT_OBJ) {
            ExtSym p = payloads.get(symLocal[s]);
            rs.setExt(p, p.nreloc);
            return;
        }
        if (symObj[s] == NIL_OBJ) {
            rs.set(null, 0, 0);
            return;
        }
        ObjReader r = reader(s);
        int li = symLocal[s];
        int n = r.obj.nReloc(li);
        int off = r.obj.relocOff(li, 0);
        // Go takes the address of the first record even when there is none: it must be in the object.
        if (off < 0 || off >= r.obj.size() || n < 0) {
            throw new dev.golink.MalformedInputException(r.where, "symbol #" + li + "'s " + n + " relocations at offset "
                    + Integer.toUnsignedString(off), "a count of 0 or more from an offset below the object's "
                    + r.obj.size() + " bytes");
        }
        rs.set(r, n == 0 ? 0 : off, n);
    }

    // A changed object symbol keeps the aux symbols of its original (cf. loader.cloneToExternal).

    private int auxLocal(int s) {
        return symObj[s] == EXT_OBJ ? payloads.get(symLocal[s]).originLocal : symLocal[s];
    }

    public int nAux(int s) {
        ObjReader r = originReader(s);
        if (r == null) {
            return 0;
        }
        int n = r.obj.nAux(auxLocal(s));
        // Go counts in uint32: a count below zero is a huge one, read until it falls outside the object.
        if (n < 0) {
            throw new dev.golink.MalformedInputException(r.where, "symbol #" + auxLocal(s) + " has " + n
                    + " aux symbols", "a count of 0 or more");
        }
        return n;
    }

    public int auxType(int s, int j) {
        ObjReader r = originReader(s);
        return r.obj.auxType(r.obj.auxOff(auxLocal(s), j));
    }

    public int auxSym(int s, int j) {
        ObjReader r = originReader(s);
        int rec = r.obj.auxOff(auxLocal(s), j);
        return resolve(r, r.obj.auxSymPkg(rec), r.obj.auxSymIdx(rec));
    }

    // ---------------------------------------------------------------- making and filling symbols

    private int ptrSize = 8;
    private java.nio.ByteOrder byteOrder = java.nio.ByteOrder.LITTLE_ENDIAN;
    private final BitSet attrNotInSymbolTable = new BitSet();
    private final Map<Integer, Generator> generators = new HashMap<>();

    /** Sets the target's pointer size and byte order, which symbol builders write with. */
    public void setArch(int ptrSize, java.nio.ByteOrder order) {
        this.ptrSize = ptrSize;
        this.byteOrder = order;
    }

    public int ptrSize() {
        return ptrSize;
    }

    public java.nio.ByteOrder byteOrder() {
        return byteOrder;
    }

    ExtSym payload(int s) {
        if (symObj[s] != EXT_OBJ) {
            throw new IllegalStateException("symbol " + symName(s) + " is not a linker symbol");
        }
        return payloads.get(symLocal[s]);
    }

    /**
     * A new linker symbol that no name lookup finds (cf. loader.CreateExtSym);
     * with an empty name it is anonymous, like generated inline trees.
     */
    public int createExtSym(String name, int ver) {
        return newExtSym(name, ver);
    }

    /**
     * A builder that changes symbol {@code s} (cf. loader.MakeSymbolUpdater). An
     * object symbol is first copied into a linker symbol with the same index, so
     * that its content and relocations can change.
     */
    public SymbolBuilder makeSymbolUpdater(int s) {
        if (s == 0) {
            throw new IllegalArgumentException("updater for the nil symbol");
        }
        if (symObj[s] != EXT_OBJ) {
            cloneToExternal(s);
        }
        return new SymbolBuilder(this, s, payloads.get(symLocal[s]));
    }

    /** Looks up or creates {@code name}, marks it reachable and returns a builder (cf. loader.CreateSymForUpdate). */
    public SymbolBuilder createSymForUpdate(String name, int ver) {
        int s = lookupOrCreateSym(name, ver);
        setAttrReachable(s, true);
        return makeSymbolUpdater(s);
    }

    private void cloneToExternal(int s) {
        ObjReader r = reader(s);
        int li = symLocal[s];
        ExtSym p = new ExtSym(r.obj.symName(li), symVersion(s));
        p.kind = objKind(r, r.obj.symType(li), li);
        p.size = r.obj.symSiz(li);
        p.originObj = symObj[s];
        p.originLocal = li;
        if (li < r.nAlldef()) {
            Relocs rs = relocs().reset(s);
            int n = rs.count();
            p.nreloc = n;
            p.rOff = new int[n];
            p.rType = new int[n];
            p.rSym = new int[n];
            p.rSiz = new byte[n];
            p.rAdd = new long[n];
            for (int j = 0; j < n; j++) {
                p.rOff[j] = rs.off(j);
                p.rType[j] = r.obj.relocType(r.obj.relocOff(li, j));
                p.rSym[j] = rs.sym(j);
                p.rSiz[j] = (byte) rs.siz(j);
                p.rAdd[j] = rs.add(j);
            }
            ByteBuffer d = r.obj.data(li);
            p.data = new byte[d.remaining()];
            d.get(0, p.data);
            p.dataLen = p.data.length;
        }
        symObj[s] = EXT_OBJ;
        symLocal[s] = payloads.size();
        payloads.add(p);
    }

    /** Keeps the symbol out of the output's symbol table (cf. loader.AttrNotInSymbolTable). */
    public boolean attrNotInSymbolTable(int s) {
        return attrNotInSymbolTable.get(s);
    }

    public void setAttrNotInSymbolTable(int s, boolean v) {
        attrNotInSymbolTable.set(s, v);
    }

    public void setAttrLocal(int s, boolean v) {
        attrLocal.set(s, v);
    }

    /**
     * Makes {@code s} a generated symbol (cf. ld.createGeneratorSymbol): its
     * content is written by {@code g} when the output is assembled, once
     * addresses are known.
     */
    public void setGenerator(int s, Generator g) {
        generators.put(s, g);
    }

    /** The generator of {@code s}, or null when its content is its data. */
    public Generator generator(int s) {
        if (symObj[s] != EXT_OBJ) {
            return null; // only linker symbols have generators; spares boxing s on every lookup
        }
        return generators.get(s);
    }

    /** The compilation unit of {@code s}: the index of the object it comes from, 0 for none. */
    public int symUnit(int s) {
        if (symObj[s] == EXT_OBJ) {
            return payloads.get(symLocal[s]).originObj;
        }
        return symObj[s];
    }

    /** Number of unit ids (0 and 1 are never units). */
    public int nUnits() {
        return objs.size();
    }

    /** The library a compilation unit (an object) belongs to; null for units 0 and 1, which are not objects. */
    public Library unitLib(int unit) {
        return unit < GO_OBJ_START ? null : objs.get(unit).lib;
    }

    /** The compilation units (objects) of a package, in load order (cf. sym.Library.Units). */
    public int[] unitsOf(Library lib) {
        IntList u = new IntList();
        for (int o = GO_OBJ_START; o < objs.size(); o++) {
            if (objs.get(o).lib == lib) {
                u.add(o);
            }
        }
        return Arrays.copyOf(u.a, u.size);
    }

    /** The file table of a compilation unit (its object's file list). */
    public int unitFileCount(int unit) {
        return objs.get(unit).obj.nFile();
    }

    public String unitFile(int unit, int i) {
        return objs.get(unit).obj.file(i);
    }

    /** Resolves a reference (package index, symbol index) made in the object of {@code s}, e.g. from its FuncInfo. */
    public int resolveRef(int s, int pkgIdx, int symIdx) {
        return resolve(originReader(s), pkgIdx, symIdx);
    }

    /** Dupok functions laid out with another package than their object's, by {@link #assignTextSymbolOrder}. */
    private final Map<Integer, Library> textLibs = new HashMap<>();

    /**
     * The reachable text symbols in layout order (cf. loader.AssignTextSymbolOrder):
     * {@code extsyms} first (the reachable ones), then per package in
     * {@code libs} order, the runtime's packages ({@code intlibs}) before the
     * others, each package's own text symbols in object order followed by the
     * dupok ones it was first to reference.
     */
    public int[] assignTextSymbolOrder(List<Library> libs, boolean[] intlibs, int[] extsyms) {
        Map<Library, IntList> textp = new HashMap<>();
        Map<Library, IntList> dup = new HashMap<>();
        for (Library lib : libs) {
            textp.put(lib, new IntList());
            dup.put(lib, new IntList());
        }
        IntList out = new IntList();
        for (int s : extsyms) {
            if (attrReachable.get(s)) {
                out.add(s);
            }
        }
        for (int o = GO_OBJ_START; o < objs.size(); o++) {
            ObjReader r = objs.get(o);
            IntList libText = textp.computeIfAbsent(r.lib, k -> new IntList());
            IntList libDup = dup.computeIfAbsent(r.lib, k -> new IntList());
            for (int i = 0, n = r.nAlldef(); i < n; i++) {
                int gi = r.syms[i];
                if (!attrReachable.get(gi)) {
                    continue;
                }
                if (r.obj.symType(i) != SymKinds.STEXT) {
                    continue;
                }
                if (symObj[gi] != o || symLocal[gi] != i || r.obj.symDupok(i)) {
                    // Defined elsewhere or dupok: the package still lists it, so
                    // that packages are laid out in dependency order.
                    libDup.add(gi);
                    continue;
                }
                libText.add(gi);
            }
        }
        BitSet assigned = new BitSet(nsym);
        textLibs.clear();
        for (boolean doInternal : new boolean[] {true, false}) {
            for (int li = 0; li < libs.size(); li++) {
                if (intlibs[li] != doInternal) {
                    continue;
                }
                Library lib = libs.get(li);
                for (IntList list : List.of(textp.get(lib), dup.get(lib))) {
                    for (int k = 0; k < list.size; k++) {
                        int s = list.a[k];
                        if (!assigned.get(s)) {
                            out.add(s);
                            assigned.set(s);
                            if (list == dup.get(lib) && symLib(s) != lib) {
                                textLibs.put(s, lib);
                            }
                        }
                    }
                }
            }
        }
        return Arrays.copyOf(out.a, out.size);
    }

    /** A growable int array. */
    private static final class IntList {
        int[] a = new int[16];
        int size;

        void add(int v) {
            if (size == a.length) {
                a = Arrays.copyOf(a, size * 2);
            }
            a[size++] = v;
        }
    }

    /** The symbol's FuncInfo aux symbol, 0 for none. */
    public int funcInfoSym(int s) {
        ObjReader r = originReader(s);
        if (r == null) {
            return 0;
        }
        int li = auxLocal(s);
        for (int j = 0, n = r.obj.nAux(li); j < n; j++) {
            int rec = r.obj.auxOff(li, j);
            if (r.obj.auxType(rec) == GoObject.AUX_FUNCINFO) {
                return resolve(r, r.obj.auxSymPkg(rec), r.obj.auxSymIdx(rec));
            }
        }
        return 0;
    }

    /** Number of loaded Go objects. */
    public int nObj() {
        return objs.size() - GO_OBJ_START;
    }
}
