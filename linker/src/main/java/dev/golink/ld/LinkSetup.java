package dev.golink.ld;

import dev.golink.LinkContext;
import dev.golink.LinkException;
import dev.golink.loader.Library;
import dev.golink.loader.Loader;
import dev.golink.loader.SymbolBuilder;
import dev.golink.sym.SymKind;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The symbols every executable needs before anything is laid out (cf.
 * ld.(*Link).linksetup): the TLS g slot, the module data (emptied here, filled
 * by symtab), the ARM GOARM and memory-profiling switches, and the order of
 * packages and text symbols.
 */
public final class LinkSetup {

    private LinkSetup() {
    }

    public static void run(LinkContext ctxt) throws LinkException {
        Loader ldr = ctxt.loader();
        if (ctxt.isPe()) {
            dev.golink.pe.Pe.peinit(ctxt); // cf. ld.Peinit, which linksetup calls first
        }
        // The g slot for intel's TLS access (and external links elsewhere); not on android.
        if (ctxt.spec().makesTlsg()) {
            int tlsg = ldr.lookupOrCreateSym("runtime.tlsg", 0);
            SymbolBuilder tb = ldr.makeSymbolUpdater(tlsg);
            if (tb.type() == SymKind.SXXX) {
                tb.setType(SymKind.STLSBSS);
                tb.setSize(ctxt.ptrSize());
            } else if (tb.type() != SymKind.SDYNIMPORT) {
                throw new LinkException("runtime declared tlsg variable " + SymKind.class.getSimpleName() + " "
                        + tb.type());
            }
            ldr.setAttrReachable(tlsg, true);
            ctxt.tlsg = tlsg;
        }

        int moduledata = ldr.lookupOrCreateSym("runtime.firstmoduledata", 0);
        SymbolBuilder md = ldr.makeSymbolUpdater(moduledata);
        if (md.type() != SymKind.SXXX && md.type() != SymKind.SDYNIMPORT) {
            // The runtime declares it; symtab gives it its whole content.
            md.setSize(0);
            if (ctxt.arch.definesGoarm()) {
                SymbolBuilder goarm = ldr.makeSymbolUpdater(ldr.lookupOrCreateSym("runtime.goarm", 0));
                goarm.setType(SymKind.SDATA).setSize(0);
                goarm.addUint8(ctxt.options().config().goarm());
            }
            // Without runtime.MemProfile nobody reads the profile: tell the runtime not to record it.
            int memProfile = ldr.lookup("runtime.MemProfile", ctxt.abiInternalVersion());
            if (memProfile != 0 && !ldr.attrReachable(memProfile)) {
                SymbolBuilder b = ldr.makeSymbolUpdater(ldr.lookupOrCreateSym("runtime.disableMemoryProfiling", 0));
                b.setType(SymKind.SDATA).setSize(0);
                b.addUint8(1);
            }
        } else {
            moduledata = ldr.lookupOrCreateSym("local.moduledata", 0);
            md = ldr.makeSymbolUpdater(moduledata);
            ldr.setAttrLocal(moduledata, true);
        }
        // No pointers for the GC to scan: the module data is found through its own list.
        md.setType(SymKind.SNOPTRDATA);
        ldr.setAttrReachable(moduledata, true);
        ctxt.moduledata = moduledata;

        // Text follows package dependency order, runtime packages first.
        List<Library> libs = postorder(ctxt.libraries());
        ctxt.librariesPostorder = libs;
        boolean[] intlibs = new boolean[libs.size()];
        for (int i = 0; i < libs.size(); i++) {
            intlibs[i] = isRuntimeDepPkg(libs.get(i).pkg());
        }
        ctxt.textp = ldr.assignTextSymbolOrder(libs, intlibs, ctxt.textp);
    }

    /** Packages after the packages they import (cf. ld.postorder). */
    static List<Library> postorder(List<Library> libs) {
        List<Library> order = new ArrayList<>(libs.size());
        Map<Library, Boolean> mark = new HashMap<>(); // false: visiting, true: visited
        for (Library lib : libs) {
            dfs(lib, mark, order);
        }
        return order;
    }

    private static void dfs(Library lib, Map<Library, Boolean> mark, List<Library> order) {
        Boolean m = mark.get(lib);
        if (m != null) {
            if (!m) {
                throw new IllegalStateException("found import cycle while visiting " + lib.pkg());
            }
            return;
        }
        mark.put(lib, false);
        for (Library i : lib.imports()) {
            dfs(i, mark, order);
        }
        mark.put(lib, true);
        order.add(lib);
    }

    /** Packages the runtime depends on, laid out first (cf. ld.isRuntimeDepPkg). */
    static boolean isRuntimeDepPkg(String pkg) {
        return switch (pkg) {
            case "runtime", "sync/atomic", "internal/abi", "internal/bytealg", "internal/cpu" -> true;
            default -> pkg.startsWith("runtime/internal/") && !pkg.endsWith("_test");
        };
    }
}
