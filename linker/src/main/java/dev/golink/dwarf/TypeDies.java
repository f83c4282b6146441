package dev.golink.dwarf;

import static dev.golink.dwarf.Dw.*;

import dev.golink.LinkException;
import dev.golink.loader.Loader;
import dev.golink.loader.TypeDescriptors;
import dev.golink.sym.SymKind;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The type DIEs (cf. ld's dwctxt: defgotype, newtype, defptrto and the
 * synthesized map, channel, slice and string types). Types are described
 * from the runtime type descriptors the program keeps; every type DIE has a
 * symbol {@code go.info.<type name>}, the name the compiler's function DIEs
 * refer to.
 */
final class TypeDies {

    private static final int MAX_KEY_SIZE = 128;
    private static final int MAX_VAL_SIZE = 128;
    private static final int BUCKET_SIZE = 8;

    private final Loader ldr;
    private final TypeDescriptors types;
    private final int ptrSize;
    private final int regSize;
    /** Type name -> DIE symbol. */
    private final Map<String, Integer> tmap = new HashMap<>();
    /** DIE symbol -> runtime type symbol. */
    private final Map<Integer, Integer> rtmap = new HashMap<>();
    /** Runtime type symbol -> DIE symbol. */
    private final Map<Integer, Integer> tdmap = new HashMap<>();
    /** The prototypes the synthesized types copy, filled as they are defined. */
    private final Map<String, DwDie> prototypedies = new LinkedHashMap<>();
    /** The root of all type DIEs; they move into the runtime's unit at the end. */
    final DwDie dwtypes = new DwDie(0);
    private int typeRuntimeEface;
    private int typeRuntimeIface;
    int uintptrInfoSym;
    /** How many compilation units exist so far: unit DIE symbols are numbered by it. */
    int compUnitCount;
    /** Errors cmd/link reports and goes on after (Errorf): the link fails once generation ends. */
    private final dev.golink.Diagnostics diag;

    TypeDies(Loader ldr, int ptrSize, int regSize, dev.golink.Diagnostics diag) {
        this.ldr = ldr;
        this.diag = diag;
        this.types = new TypeDescriptors(ldr);
        this.ptrSize = ptrSize;
        this.regSize = regSize;
    }

    /** Creates the root and the types every program describes (the start of dwarfGenerateDebugInfo). */
    void init() throws LinkException {
        typeRuntimeEface = lookupOrDiag("type.runtime.eface");
        typeRuntimeIface = lookupOrDiag("type.runtime.iface");
        dwtypes.newattr(AT_NAME, CLS_STRING, "dwtypes".length(), "dwtypes");
        newdie(dwtypes, ABRV_NULLTYPE, "<unspecified>");
        mkBuiltinType(ABRV_BARE_PTRTYPE, "unsafe.Pointer");
        DwDie die = mkBuiltinType(ABRV_BASETYPE, "uintptr");
        die.newattr(AT_ENCODING, CLS_CONSTANT, ATE_UNSIGNED, null);
        die.newattr(AT_BYTE_SIZE, CLS_CONSTANT, ptrSize, null);
        die.newattr(AT_GO_KIND, CLS_CONSTANT, TypeDescriptors.KIND_UINTPTR, null);
        die.newattr(AT_GO_RUNTIME_TYPE, CLS_ADDRESS, 0, lookupOrDiag("type.uintptr"));
        uintptrInfoSym = mustFind("uintptr");
        for (String p : new String[] {"type.runtime.stringStructDWARF", "type.runtime.slice", "type.runtime.hmap",
                "type.runtime.bmap", "type.runtime.sudog", "type.runtime.waitq", "type.runtime.hchan"}) {
            prototypedies.put(p, null);
        }
        for (String t : new String[] {"type.runtime._type", "type.runtime.arraytype", "type.runtime.chantype",
                "type.runtime.functype", "type.runtime.maptype", "type.runtime.ptrtype", "type.runtime.slicetype",
                "type.runtime.structtype", "type.runtime.interfacetype", "type.runtime.itab",
                "type.runtime.imethod"}) {
            defgotype(lookupOrDiag(t));
        }
    }

    boolean isTypeDie(int s) {
        return rtmap.containsKey(s);
    }

    int lookupOrDiag(String n) throws LinkException {
        int s = ldr.lookup(n, 0);
        if (s == 0) {
            throw new LinkException("dwarf: missing type: " + n);
        }
        if (ldr.dataSize(s) == 0) {
            throw new LinkException("dwarf: missing type (no data): " + n);
        }
        return s;
    }

    private int mustFind(String name) {
        Integer s = tmap.get(name);
        if (s == null) {
            throw new IllegalStateException("dwarf find: cannot find " + name);
        }
        return s;
    }

    private int find(String name) {
        Integer s = tmap.get(name);
        return s == null ? 0 : s;
    }

    /** A new DIE, first among its parent's children, with its own symbol unless it is a part of one (cf. ld.newdie). */
    DwDie newdie(DwDie parent, int abbrev, String name) {
        DwDie die = new DwDie(abbrev);
        die.link = parent.child;
        parent.child = die;
        die.newattr(AT_NAME, CLS_STRING, name.length(), name);
        if (name.isEmpty()) {
            throw new IllegalStateException("nameless DWARF DIE");
        }
        int st;
        switch (abbrev) {
            case ABRV_FUNCTYPEPARAM, ABRV_DOTDOTDOT, ABRV_STRUCTFIELD, ABRV_ARRAYRANGE -> {
                return die;
            }
            case ABRV_COMPUNIT, ABRV_COMPUNIT_TEXTLESS -> {
                name = ".pkg." + name + "." + compUnitCount;
                st = SymKind.SDWARFCUINFO;
            }
            case ABRV_VARIABLE -> st = SymKind.SDWARFVAR;
            default -> st = SymKind.SDWARFTYPE;
        }
        int ds = ldr.lookupOrCreateSym(INFO_PREFIX + name, 0);
        ldr.makeSymbolUpdater(ds).setType(st);
        ldr.setAttrNotInSymbolTable(ds, true);
        ldr.setAttrReachable(ds, true);
        die.sym = ds;
        if (abbrev >= ABRV_NULLTYPE && abbrev <= ABRV_TYPEDECL) {
            tmap.put(name, ds);
        }
        return die;
    }

    private void newrefattr(DwDie die, int attr, int ref) {
        if (ref != 0) {
            die.newattr(attr, CLS_REFERENCE, 0, ref);
        }
    }

    private static void newmemberoffsetattr(DwDie die, long offs) {
        die.newattr(AT_DATA_MEMBER_LOCATION, CLS_CONSTANT, (int) offs, null);
    }

    private DwDie mkBuiltinType(int abrv, String tname) throws LinkException {
        DwDie die = newdie(dwtypes, abrv, tname);
        int gotype = lookupOrDiag("type." + tname);
        rtmap.put(die.sym, gotype);
        tdmap.put(gotype, die.sym);
        return die;
    }

    /**
     * A named type gets a typedef DIE under its name, and its definition moves
     * to an anonymous symbol; composite unnamed types have none (cf. ld.dotypedef).
     */
    private DwDie dotypedef(DwDie parent, String name, DwDie def) {
        if (name.startsWith("map[") || name.startsWith("struct {") || name.startsWith("noalg.struct {")
                || name.startsWith("chan ") || name.charAt(0) == '[' || name.charAt(0) == '*') {
            return null;
        }
        int tds = ldr.createExtSym("", 0);
        ldr.makeSymbolUpdater(tds).setType(SymKind.SDWARFTYPE);
        def.sym = tds;
        ldr.setAttrNotInSymbolTable(tds, true);
        ldr.setAttrReachable(tds, true);
        DwDie die = newdie(parent, ABRV_TYPEDECL, name);
        newrefattr(die, AT_TYPE, tds);
        return die;
    }

    /** The DIE symbol of a runtime type, defining it on first use (cf. ld.defgotype). */
    int defgotype(int gotype) {
        if (gotype == 0) {
            return mustFind("<unspecified>");
        }
        Integer ds = tdmap.get(gotype);
        if (ds != null) {
            return ds;
        }
        String sn = ldr.symName(gotype);
        if (!sn.startsWith("type.")) {
            diag.error(sn, "dwarf: type name doesn't start with \"type.\"");
            return mustFind("<unspecified>");
        }
        String name = sn.substring(5);
        int sdie = find(name);
        if (sdie != 0) {
            return sdie;
        }
        DwDie die = newtype(gotype);
        tdmap.put(gotype, die.sym);
        return die.sym;
    }

    private DwDie newtype(int gotype) {
        String sn = ldr.symName(gotype);
        String name = sn.substring(5);
        int kind = types.kind(gotype);
        long bytesize = types.size(gotype);
        DwDie die;
        DwDie typedefdie = null;
        switch (kind) {
            case TypeDescriptors.KIND_BOOL -> die = baseType(name, ATE_BOOLEAN, bytesize);
            case 2, 3, 4, 5, 6 -> die = baseType(name, ATE_SIGNED, bytesize);
            case 7, 8, 9, 10, 11, 12 -> die = baseType(name, ATE_UNSIGNED, bytesize);
            case TypeDescriptors.KIND_FLOAT32, TypeDescriptors.KIND_FLOAT64 -> die = baseType(name, ATE_FLOAT, bytesize);
            case TypeDescriptors.KIND_COMPLEX64, TypeDescriptors.KIND_COMPLEX128 -> die = baseType(name, ATE_COMPLEX_FLOAT, bytesize);
            case TypeDescriptors.KIND_ARRAY -> {
                die = newdie(dwtypes, ABRV_ARRAYTYPE, name);
                typedefdie = dotypedef(dwtypes, name, die);
                die.newattr(AT_BYTE_SIZE, CLS_CONSTANT, bytesize, null);
                int s = types.arrayElem(gotype);
                newrefattr(die, AT_TYPE, defgotype(s));
                DwDie fld = newdie(die, ABRV_ARRAYRANGE, "range");
                fld.newattr(AT_COUNT, CLS_CONSTANT, types.arrayLen(gotype), null);
                newrefattr(fld, AT_TYPE, uintptrInfoSym);
            }
            case TypeDescriptors.KIND_CHAN -> {
                die = newdie(dwtypes, ABRV_CHANTYPE, name);
                int s = types.chanElem(gotype);
                newrefattr(die, AT_GO_ELEM, defgotype(s));
                // The element's runtime type, for synthesizechantypes; replaced by the hchan pointer there.
                newrefattr(die, AT_TYPE, s);
            }
            case TypeDescriptors.KIND_FUNC -> {
                die = newdie(dwtypes, ABRV_FUNCTYPE, name);
                die.newattr(AT_BYTE_SIZE, CLS_CONSTANT, bytesize, null);
                typedefdie = dotypedef(dwtypes, name, die);
                int nin = types.funcInCount(gotype);
                for (int i = 0; i < nin; i++) {
                    int s = types.funcParamType(gotype, i);
                    DwDie fld = newdie(die, ABRV_FUNCTYPEPARAM, ldr.symName(s).substring(5));
                    newrefattr(fld, AT_TYPE, defgotype(s));
                }
                if (types.funcDotdotdot(gotype)) {
                    newdie(die, ABRV_DOTDOTDOT, "...");
                }
                int nout = types.funcOutCount(gotype);
                for (int i = 0; i < nout; i++) {
                    int s = types.funcParamType(gotype, i + nin);
                    DwDie fld = newdie(die, ABRV_FUNCTYPEPARAM, ldr.symName(s).substring(5));
                    newrefattr(fld, AT_TYPE, defptrto(defgotype(s)));
                }
            }
            case TypeDescriptors.KIND_INTERFACE -> {
                die = newdie(dwtypes, ABRV_IFACETYPE, name);
                typedefdie = dotypedef(dwtypes, name, die);
                int s = types.ifaceMethodCount(gotype) == 0 ? typeRuntimeEface : typeRuntimeIface;
                newrefattr(die, AT_TYPE, defgotype(s));
            }
            case TypeDescriptors.KIND_MAP -> {
                die = newdie(dwtypes, ABRV_MAPTYPE, name);
                newrefattr(die, AT_GO_KEY, defgotype(types.mapKey(gotype)));
                newrefattr(die, AT_GO_ELEM, defgotype(types.mapValue(gotype)));
                // The map's runtime type, for synthesizemaptypes; replaced by the hash pointer there.
                newrefattr(die, AT_TYPE, gotype);
            }
            case TypeDescriptors.KIND_PTR -> {
                die = newdie(dwtypes, ABRV_PTRTYPE, name);
                typedefdie = dotypedef(dwtypes, name, die);
                newrefattr(die, AT_TYPE, defgotype(types.ptrElem(gotype)));
            }
            case TypeDescriptors.KIND_SLICE -> {
                die = newdie(dwtypes, ABRV_SLICETYPE, name);
                typedefdie = dotypedef(dwtypes, name, die);
                die.newattr(AT_BYTE_SIZE, CLS_CONSTANT, bytesize, null);
                int elem = defgotype(types.arrayElem(gotype));
                newrefattr(die, AT_GO_ELEM, elem);
            }
            case TypeDescriptors.KIND_STRING -> {
                die = newdie(dwtypes, ABRV_STRINGTYPE, name);
                die.newattr(AT_BYTE_SIZE, CLS_CONSTANT, bytesize, null);
            }
            case TypeDescriptors.KIND_STRUCT -> {
                die = newdie(dwtypes, ABRV_STRUCTTYPE, name);
                typedefdie = dotypedef(dwtypes, name, die);
                die.newattr(AT_BYTE_SIZE, CLS_CONSTANT, bytesize, null);
                int nfields = types.structFieldCount(gotype);
                for (int i = 0; i < nfields; i++) {
                    String f = types.structFieldName(gotype, i);
                    int s = types.structFieldType(gotype, i);
                    if (f.isEmpty()) {
                        f = ldr.symName(s).substring(5);
                    }
                    DwDie fld = newdie(die, ABRV_STRUCTFIELD, f);
                    newrefattr(fld, AT_TYPE, defgotype(s));
                    newmemberoffsetattr(fld, types.structFieldOffset(gotype, i));
                    if (types.structFieldEmbedded(gotype, i)) {
                        fld.newattr(AT_GO_EMBEDDED_FIELD, CLS_FLAG, 1, null);
                    }
                }
            }
            case TypeDescriptors.KIND_UNSAFE_POINTER -> die = newdie(dwtypes, ABRV_BARE_PTRTYPE, name);
            default -> {
                diag.error(sn, "dwarf: definition of unknown kind " + kind);
                die = newdie(dwtypes, ABRV_TYPEDECL, name);
                newrefattr(die, AT_TYPE, mustFind("<unspecified>"));
            }
        }
        die.newattr(AT_GO_KIND, CLS_CONSTANT, kind, null);
        if (ldr.attrReachable(gotype)) {
            die.newattr(AT_GO_RUNTIME_TYPE, CLS_GO_TYPEREF, 0, gotype);
        }
        int ds = typedefdie != null ? typedefdie.sym : die.sym;
        if (rtmap.containsKey(gotype)) {
            throw new IllegalStateException("internal error: rtmap entry already installed");
        }
        rtmap.put(ds, gotype);
        if (prototypedies.containsKey(sn)) {
            prototypedies.put(sn, die);
        }
        return typedefdie != null ? typedefdie : die;
    }

    private DwDie baseType(String name, int encoding, long bytesize) {
        DwDie die = newdie(dwtypes, ABRV_BASETYPE, name);
        die.newattr(AT_ENCODING, CLS_CONSTANT, encoding, null);
        die.newattr(AT_BYTE_SIZE, CLS_CONSTANT, bytesize, null);
        return die;
    }

    private String nameFromDIESym(int dwtypeDIESym) {
        return ldr.symName(dwtypeDIESym).substring(INFO_PREFIX.length());
    }

    /** The DIE symbol of a pointer to a DIE's type (cf. ld.defptrto). */
    int defptrto(int dwtype) {
        String ptrname = "*" + nameFromDIESym(dwtype);
        int die = find(ptrname);
        if (die != 0) {
            return die;
        }
        DwDie pdie = newdie(dwtypes, ABRV_PTRTYPE, ptrname);
        newrefattr(pdie, AT_TYPE, dwtype);
        int gts = ldr.lookup("type." + ptrname, 0);
        if (gts != 0 && ldr.attrReachable(gts)) {
            pdie.newattr(AT_GO_RUNTIME_TYPE, CLS_GO_TYPEREF, 0, gts);
        }
        if (gts != 0) {
            rtmap.put(pdie.sym, gts);
            tdmap.put(gts, pdie.sym);
        }
        return pdie.sym;
    }

    private int walksymtypedef(int symIdx) {
        Integer ts = rtmap.get(symIdx);
        if (ts != null) {
            Integer def = tdmap.get(ts);
            if (def != null) {
                return def;
            }
        }
        throw new IllegalStateException("internal error: no type entry for DIE symbol " + ldr.symName(symIdx));
    }

    private void copychildrenexcept(DwDie dst, DwDie src, DwDie except) {
        for (DwDie c = src.child; c != null; c = c.link) {
            if (c == except) {
                continue;
            }
            DwDie n = newdie(dst, c.abbrev, (String) c.getattr(AT_NAME).data);
            for (DwAttr a = c.attr; a != null; a = a.link) {
                n.newattr(a.atr, a.cls, a.value, a.data);
            }
            copychildrenexcept(n, c, null);
        }
        dst.child = DwDie.reverseList(dst.child);
    }

    private void copychildren(DwDie dst, DwDie src) {
        copychildrenexcept(dst, src, null);
    }

    private void substitutetype(DwDie structdie, String field, int dwtype) {
        DwDie child = DwDie.findChild(structdie, field);
        if (child == null) {
            throw new IllegalStateException("dwarf substitutetype: " + structdie.name()
                    + " does not have member " + field);
        }
        DwAttr a = child.getattr(AT_TYPE);
        if (a != null) {
            a.data = dwtype;
        } else {
            newrefattr(child, AT_TYPE, dwtype);
        }
    }

    private DwDie findprotodie(String name) throws LinkException {
        DwDie die = prototypedies.get(name);
        if (die == null && prototypedies.containsKey(name)) {
            defgotype(lookupOrDiag(name));
            die = prototypedies.get(name);
        }
        if (die == null) {
            throw new LinkException("internal error: DIE generation failed for " + name);
        }
        return die;
    }

    private int mkinternaltype(int abbrev, String typename, String keyname, String valname, Consumer<DwDie> f) {
        String name = valname.isEmpty() ? typename + "<" + keyname + ">"
                : typename + "<" + keyname + "," + valname + ">";
        int s = ldr.lookup(INFO_PREFIX + name, 0);
        if (s != 0 && ldr.symType(s) == SymKind.SDWARFTYPE) {
            return s;
        }
        DwDie die = newdie(dwtypes, abbrev, name);
        f.accept(die);
        return die.sym;
    }

    /** Completes the string, slice, map and channel DIEs from the runtime's own structures. */
    void synthesize() throws LinkException {
        synthesizestringtypes(dwtypes.child);
        synthesizeslicetypes(dwtypes.child);
        synthesizemaptypes(dwtypes.child);
        synthesizechantypes(dwtypes.child);
    }

    private void synthesizestringtypes(DwDie die) throws LinkException {
        DwDie prototype = DwDie.walkTypedef(findprotodie("type.runtime.stringStructDWARF"));
        for (; die != null; die = die.link) {
            if (die.abbrev == ABRV_STRINGTYPE) {
                copychildren(die, prototype);
            }
        }
    }

    private void synthesizeslicetypes(DwDie die) throws LinkException {
        DwDie prototype = DwDie.walkTypedef(findprotodie("type.runtime.slice"));
        for (; die != null; die = die.link) {
            if (die.abbrev != ABRV_SLICETYPE) {
                continue;
            }
            copychildren(die, prototype);
            int elem = (Integer) die.getattr(AT_GO_ELEM).data;
            substitutetype(die, "array", defptrto(elem));
        }
    }

    private void synthesizemaptypes(DwDie die) throws LinkException {
        DwDie hash = DwDie.walkTypedef(findprotodie("type.runtime.hmap"));
        DwDie bucket = DwDie.walkTypedef(findprotodie("type.runtime.bmap"));
        for (; die != null; die = die.link) {
            if (die.abbrev != ABRV_MAPTYPE) {
                continue;
            }
            int gotype = (Integer) die.getattr(AT_TYPE).data;
            int keytype0 = types.mapKey(gotype);
            int valtype0 = types.mapValue(gotype);
            long ks = types.size(keytype0);
            long vs = types.size(valtype0);
            int keytype = walksymtypedef(defgotype(keytype0));
            int valtype = walksymtypedef(defgotype(valtype0));
            boolean indirectKey = false;
            boolean indirectVal = false;
            if (ks > MAX_KEY_SIZE) {
                ks = ptrSize;
                indirectKey = true;
            }
            if (vs > MAX_VAL_SIZE) {
                vs = ptrSize;
                indirectVal = true;
            }
            final long keysize = ks;
            final long valsize = vs;
            final boolean ik = indirectKey;
            final boolean iv = indirectVal;
            String keyname = nameFromDIESym(keytype);
            int dwhks = mkinternaltype(ABRV_ARRAYTYPE, "[]key", keyname, "", dwhk -> {
                dwhk.newattr(AT_BYTE_SIZE, CLS_CONSTANT, BUCKET_SIZE * keysize, null);
                newrefattr(dwhk, AT_TYPE, ik ? defptrto(keytype) : keytype);
                DwDie fld = newdie(dwhk, ABRV_ARRAYRANGE, "size");
                fld.newattr(AT_COUNT, CLS_CONSTANT, BUCKET_SIZE, null);
                newrefattr(fld, AT_TYPE, uintptrInfoSym);
            });
            String valname = nameFromDIESym(valtype);
            int dwhvs = mkinternaltype(ABRV_ARRAYTYPE, "[]val", valname, "", dwhv -> {
                dwhv.newattr(AT_BYTE_SIZE, CLS_CONSTANT, BUCKET_SIZE * valsize, null);
                newrefattr(dwhv, AT_TYPE, iv ? defptrto(valtype) : valtype);
                DwDie fld = newdie(dwhv, ABRV_ARRAYRANGE, "size");
                fld.newattr(AT_COUNT, CLS_CONSTANT, BUCKET_SIZE, null);
                newrefattr(fld, AT_TYPE, uintptrInfoSym);
            });
            int dwhbs = mkinternaltype(ABRV_STRUCTTYPE, "bucket", keyname, valname, dwhb -> {
                copychildrenexcept(dwhb, bucket, DwDie.findChild(bucket, "data"));
                DwDie fld = newdie(dwhb, ABRV_STRUCTFIELD, "keys");
                newrefattr(fld, AT_TYPE, dwhks);
                newmemberoffsetattr(fld, BUCKET_SIZE);
                fld = newdie(dwhb, ABRV_STRUCTFIELD, "values");
                newrefattr(fld, AT_TYPE, dwhvs);
                newmemberoffsetattr(fld, BUCKET_SIZE + BUCKET_SIZE * (int) keysize);
                fld = newdie(dwhb, ABRV_STRUCTFIELD, "overflow");
                newrefattr(fld, AT_TYPE, defptrto(dwhb.sym));
                newmemberoffsetattr(fld, BUCKET_SIZE + BUCKET_SIZE * ((int) keysize + (int) valsize));
                if (regSize > ptrSize) {
                    fld = newdie(dwhb, ABRV_STRUCTFIELD, "pad");
                    newrefattr(fld, AT_TYPE, uintptrInfoSym);
                    newmemberoffsetattr(fld, BUCKET_SIZE + BUCKET_SIZE * ((int) keysize + (int) valsize) + ptrSize);
                }
                dwhb.newattr(AT_BYTE_SIZE, CLS_CONSTANT,
                        BUCKET_SIZE + BUCKET_SIZE * keysize + BUCKET_SIZE * valsize + regSize, null);
            });
            int dwhs = mkinternaltype(ABRV_STRUCTTYPE, "hash", keyname, valname, dwh -> {
                copychildren(dwh, hash);
                substitutetype(dwh, "buckets", defptrto(dwhbs));
                substitutetype(dwh, "oldbuckets", defptrto(dwhbs));
                dwh.newattr(AT_BYTE_SIZE, CLS_CONSTANT, hash.getattr(AT_BYTE_SIZE).value, null);
            });
            newrefattr(die, AT_TYPE, defptrto(dwhs));
        }
    }

    private void synthesizechantypes(DwDie die) throws LinkException {
        DwDie sudog = DwDie.walkTypedef(findprotodie("type.runtime.sudog"));
        DwDie waitq = DwDie.walkTypedef(findprotodie("type.runtime.waitq"));
        DwDie hchan = DwDie.walkTypedef(findprotodie("type.runtime.hchan"));
        long sudogsize = (int) sudog.getattr(AT_BYTE_SIZE).value;
        for (; die != null; die = die.link) {
            if (die.abbrev != ABRV_CHANTYPE) {
                continue;
            }
            int elemgotype = (Integer) die.getattr(AT_TYPE).data;
            String tname = ldr.symName(elemgotype);
            String elemname = tname.substring(5);
            int elemtype = walksymtypedef(defgotype(lookupOrDiag(tname)));
            int dwss = mkinternaltype(ABRV_STRUCTTYPE, "sudog", elemname, "", dws -> {
                copychildren(dws, sudog);
                substitutetype(dws, "elem", defptrto(elemtype));
                dws.newattr(AT_BYTE_SIZE, CLS_CONSTANT, sudogsize, null);
            });
            int dwws = mkinternaltype(ABRV_STRUCTTYPE, "waitq", elemname, "", dww -> {
                copychildren(dww, waitq);
                substitutetype(dww, "first", defptrto(dwss));
                substitutetype(dww, "last", defptrto(dwss));
                dww.newattr(AT_BYTE_SIZE, CLS_CONSTANT, waitq.getattr(AT_BYTE_SIZE).value, null);
            });
            int dwhs = mkinternaltype(ABRV_STRUCTTYPE, "hchan", elemname, "", dwh -> {
                copychildren(dwh, hchan);
                substitutetype(dwh, "recvq", dwws);
                substitutetype(dwh, "sendq", dwws);
                dwh.newattr(AT_BYTE_SIZE, CLS_CONSTANT, hchan.getattr(AT_BYTE_SIZE).value, null);
            });
            newrefattr(die, AT_TYPE, defptrto(dwhs));
        }
    }
}
