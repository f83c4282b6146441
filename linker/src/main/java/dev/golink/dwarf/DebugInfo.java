package dev.golink.dwarf;

import static dev.golink.dwarf.Dw.*;

import dev.golink.LinkContext;
import dev.golink.LinkException;
import dev.golink.goobj.GoObject;
import dev.golink.goobj.RelocTypes;
import dev.golink.loader.Library;
import dev.golink.loader.Loader;
import dev.golink.loader.Relocs;
import dev.golink.sym.SymKind;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The first half of DWARF generation (cf. ld.dwarfGenerateDebugInfo): one
 * unit per object with its DIE, the function, constant and variable DIEs the
 * compiler wrote, and a DIE for every type they mention.
 */
final class DebugInfo {

    /** The compiler's version string, as its units name their producer. */
    static final String COMPILER = "Go cmd/compile " + dev.golink.BuildConfig.GO_VERSION;

    private final LinkContext ctxt;
    private final Loader ldr;
    private final TypeDies types;
    private final DwarfState state;
    private final Relocs relocs;

    private DebugInfo(LinkContext ctxt, DwarfState state) {
        this.ctxt = ctxt;
        this.ldr = ctxt.loader();
        this.state = state;
        this.types = state.types;
        this.relocs = ldr.relocs();
    }

    static DwarfState run(LinkContext ctxt) throws LinkException {
        TypeDies types = new TypeDies(ctxt.loader(), ctxt.ptrSize(), ctxt.arch.info().regSize(), ctxt.diag());
        DwarfState state = new DwarfState(types);
        new DebugInfo(ctxt, state).generate();
        return state;
    }

    private void generate() throws LinkException {
        types.init();
        // The units of each library, in object order; the text of each unit in layout order.
        Map<Library, List<CompUnit>> unitsByLib = new HashMap<>();
        Map<Integer, CompUnit> units = new HashMap<>();
        for (int u = 0; u < ldr.nUnits(); u++) {
            Library lib = ldr.unitLib(u);
            if (lib != null) {
                CompUnit cu = new CompUnit(u, lib);
                unitsByLib.computeIfAbsent(lib, k -> new ArrayList<>()).add(cu);
                units.put(u, cu);
            }
        }
        for (int s : ctxt.textp) {
            CompUnit cu = units.get(ldr.symUnit(s));
            if (cu != null) {
                cu.textp.add(s);
            }
        }

        for (Library lib : ctxt.librariesPostorder) {
            int consts = ldr.lookup(CONST_INFO_PREFIX + lib.pkg(), 0);
            for (CompUnit unit : unitsByLib.getOrDefault(lib, List.of())) {
                if (consts != 0) {
                    unit.consts = consts;
                    importInfoSymbol(consts);
                    consts = 0;
                }
                state.compUnits.add(unit);
                types.compUnitCount = state.compUnits.size();
                if (unit.pkg().equals("runtime")) {
                    state.runtimeCU = unit;
                }
                int cuabrv = unit.textp.isEmpty() ? ABRV_COMPUNIT_TEXTLESS : ABRV_COMPUNIT;
                unit.dwInfo = types.newdie(new DwDie(0), cuabrv, unit.pkg());
                unit.dwInfo.link = null;
                unit.dwInfo.newattr(AT_LANGUAGE, CLS_CONSTANT, LANG_GO, null);
                unit.dwInfo.newattr(AT_COMP_DIR, CLS_STRING, 1, ".");
                String producer = COMPILER;
                int pe = ldr.lookup(CU_INFO_PREFIX + "producer." + unit.pkg(), 0);
                if (pe != 0 && ldr.dataSize(pe) > 0) {
                    producer += "; " + string(pe);
                }
                unit.dwInfo.newattr(AT_PRODUCER, CLS_STRING, utf8Len(producer), producer);
                String pkgname = "";
                int pn = ldr.lookup(CU_INFO_PREFIX + "packagename." + unit.pkg(), 0);
                if (pn != 0) {
                    pkgname = string(pn);
                }
                unit.dwInfo.newattr(AT_GO_PACKAGE_NAME, CLS_STRING, utf8Len(pkgname), pkgname);
                for (int s : unit.textp) {
                    visitFunction(s, unit);
                }
            }
        }

        // Global variables that have a DIE (cf. the loop over defined symbols in dwarfGenerateDebugInfo).
        for (int idx = 1, n = ldr.nDef(); idx < n; idx++) {
            if (!ldr.attrReachable(idx) || ldr.attrNotInSymbolTable(idx)
                    || ldr.symVersion(idx) >= Loader.SYM_VER_STATIC) {
                continue;
            }
            int t = ldr.symType(idx);
            switch (t) {
                case SymKind.SRODATA, SymKind.SDATA, SymKind.SNOPTRDATA, SymKind.STYPE, SymKind.SBSS,
                        SymKind.SNOPTRBSS, SymKind.STLSBSS -> {
                }
                default -> {
                    continue;
                }
            }
            int gt = ldr.symGoType(idx);
            if (gt == 0) {
                if (t == SymKind.SRODATA && ldr.isDict(idx)) {
                    Relocs rs = relocs.reset(idx);
                    for (int i = 0; i < rs.count(); i++) {
                        if (rs.type(i) == RelocTypes.R_USEIFACE) {
                            types.defgotype(rs.sym(i));
                        }
                    }
                }
                continue;
            }
            String sn = ldr.symName(idx);
            if (sn.isEmpty()) {
                continue;
            }
            int varDIE = ldr.lookup(INFO_PREFIX + sn, 0);
            if (varDIE != 0) {
                CompUnit unit = units.get(ldr.symUnit(idx));
                types.defgotype(gt);
                unit.varDIEs.add(varDIE);
            }
        }

        types.synthesize();
    }

    private static int utf8Len(String s) {
        return dev.golink.GoString.encode(s).length;
    }

    private String string(int s) {
        return dev.golink.GoString.decode(ldr.dataBytes(s, 0, ldr.dataSize(s)));
    }

    /** Imports a package's constants or an abstract function DIE, defining the types it uses (cf. importInfoSymbol). */
    private void importInfoSymbol(int dsym) throws LinkException {
        ldr.setAttrReachable(dsym, true);
        ldr.setAttrNotInSymbolTable(dsym, true);
        int dst = ldr.symType(dsym);
        if (dst != SymKind.SDWARFCONST && dst != SymKind.SDWARFABSFCN) {
            throw new LinkException("error: DWARF info sym " + ldr.symName(dsym) + " with incorrect type " + dst);
        }
        List<Integer> targets = secrefTargets(dsym);
        for (int rsym : targets) {
            if (types.isTypeDie(rsym)) {
                continue;
            }
            String sn = ldr.symName(rsym);
            String tn = sn.length() >= INFO_PREFIX.length() ? sn.substring(INFO_PREFIX.length()) : "";
            types.defgotype(ldr.lookup("type." + tn, 0));
        }
    }

    private List<Integer> secrefTargets(int s) {
        Relocs rs = relocs.reset(s);
        List<Integer> out = new ArrayList<>();
        for (int i = 0, n = rs.count(); i < n; i++) {
            if (rs.type(i) == RelocTypes.R_DWARFSECREF) {
                out.add(rs.sym(i));
            }
        }
        return out;
    }

    /** Records a function's DIE and ranges in its unit and defines the types its DIE uses (cf. dwarfVisitFunction). */
    private void visitFunction(int fnSym, CompUnit unit) throws LinkException {
        int infosym = auxSym(ldr, fnSym, GoObject.AUX_DWARFINFO);
        if (infosym == 0) {
            return;
        }
        int rangesym = auxSym(ldr, fnSym, GoObject.AUX_DWARFRANGES);
        ldr.setAttrNotInSymbolTable(infosym, true);
        ldr.setAttrReachable(infosym, true);
        unit.funcDIEs.add(infosym);
        if (rangesym != 0) {
            ldr.setAttrNotInSymbolTable(rangesym, true);
            ldr.setAttrReachable(rangesym, true);
            unit.rangeSyms.add(rangesym);
        }
        Relocs rs = relocs.reset(infosym);
        int n = rs.count();
        int[] rtypes = new int[n];
        int[] rsyms = new int[n];
        for (int i = 0; i < n; i++) {
            rtypes[i] = rs.type(i);
            rsyms[i] = rs.sym(i);
        }
        for (int i = 0; i < n; i++) {
            int rsym = rsyms[i];
            if (rtypes[i] == RelocTypes.R_USETYPE) {
                types.defgotype(rsym);
                continue;
            }
            if (rtypes[i] != RelocTypes.R_DWARFSECREF) {
                continue;
            }
            int rst = ldr.symType(rsym);
            if (rst == SymKind.SDWARFABSFCN) {
                if (!ldr.attrOnList(rsym)) {
                    ldr.setAttrOnList(rsym, true);
                    unit.absFnDIEs.add(rsym);
                    importInfoSymbol(rsym);
                }
                continue;
            }
            if (rst != SymKind.SDWARFTYPE && rst != SymKind.SXXX) {
                continue;
            }
            if (types.isTypeDie(rsym)) {
                continue;
            }
            String rsn = ldr.symName(rsym);
            types.defgotype(ldr.lookup("type." + rsn.substring(INFO_PREFIX.length()), 0));
        }
    }

    /** The function's aux symbol of a kind, 0 for none (cf. GetFuncDwarfAuxSyms). */
    static int auxSym(Loader ldr, int fn, int auxType) {
        for (int j = 0, n = ldr.nAux(fn); j < n; j++) {
            if (ldr.auxType(fn, j) == auxType) {
                return ldr.auxSym(fn, j);
            }
        }
        return 0;
    }
}
