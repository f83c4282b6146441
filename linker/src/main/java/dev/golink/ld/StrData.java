package dev.golink.ld;

import dev.golink.BuildConfig;
import dev.golink.LinkContext;
import dev.golink.LinkException;
import dev.golink.loader.GoPaths;
import dev.golink.loader.Loader;
import dev.golink.loader.SymbolBuilder;
import dev.golink.sym.SymKind;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * String variables the linker initialises (cf. ld.addstrdata1 and
 * ld.(*Link).dostrdata): runtime.defaultGOROOT, runtime.buildVersion, the
 * importcfg's runtime.modinfo, and every {@code -X importpath.name=value}.
 * Each reachable variable of type string gets a new {@code name.str} symbol
 * holding the bytes, and its own content becomes a pointer and a length.
 */
public final class StrData {

    private StrData() {
    }

    /**
     * Collects the definitions in cmd/link's order: GOROOT and version first,
     * then the command line's (the importcfg's modinfo, then each -X).
     */
    public static void collect(LinkContext ctxt) throws LinkException {
        Map<String, byte[]> strdata = ctxt.strdata;
        strdata.clear();
        BuildConfig cfg = ctxt.options().config();
        String gorootFinal = cfg.gorootFinal();
        if (!gorootFinal.equals("$GOROOT")) {
            // cmd/go sets "$GOROOT" for -trimpath: runtime.GOROOT() must then be empty.
            define(strdata, "runtime.defaultGOROOT", gorootFinal.getBytes(StandardCharsets.UTF_8));
        }
        // With the experiments that differ from the target's defaults, as cmd/link reports them.
        define(strdata, "runtime.buildVersion",
                cfg.experiments().buildVersion(BuildConfig.GO_VERSION).getBytes(StandardCharsets.UTF_8));
        if (ctxt.importcfg() != null && ctxt.importcfg().modinfo() != null) {
            define(strdata, "runtime.modinfo", ctxt.importcfg().modinfo());
        }
        for (String arg : ctxt.options().definitions()) {
            int eq = arg.indexOf('=');
            int dot = eq < 0 ? -1 : arg.lastIndexOf('.', eq);
            if (eq < 0 || dot < 0) {
                throw new LinkException("-X flag requires argument of the form importpath.name=value: " + arg);
            }
            String name = GoPaths.pathToPrefix(arg.substring(0, dot)) + arg.substring(dot, eq);
            define(strdata, name, arg.substring(eq + 1).getBytes(StandardCharsets.UTF_8));
        }
    }

    /** A later definition of the same name replaces the value but keeps the first one's place. */
    private static void define(Map<String, byte[]> strdata, String name, byte[] value) {
        strdata.put(name, value);
    }

    /** cf. ld.(*Link).dostrdata. */
    public static void run(LinkContext ctxt) throws LinkException {
        collect(ctxt);
        for (Map.Entry<String, byte[]> e : ctxt.strdata.entrySet()) {
            addstrdata(ctxt.loader(), e.getKey(), e.getValue(), ctxt.diag());
        }
    }

    /** Makes string variable {@code name}, if reachable, hold {@code value} (cf. ld.addstrdata). */
    static void addstrdata(Loader ldr, String name, byte[] value, dev.golink.Diagnostics diag) {
        int s = ldr.lookup(name, 0);
        if (s == 0) {
            return;
        }
        int goType = ldr.symGoType(s);
        if (goType == 0) {
            return;
        }
        String typeName = ldr.symName(goType);
        if (!typeName.equals("type.string")) {
            diag.error(name + ": cannot set with -X: not a var of type string (" + typeName + ")");
            return;
        }
        if (!ldr.attrReachable(s)) {
            return;
        }
        SymbolBuilder bld = ldr.makeSymbolUpdater(s);
        if (bld.type() == SymKind.SBSS) {
            bld.setType(SymKind.SDATA);
        }
        SymbolBuilder str = ldr.createSymForUpdate(name + ".str", 0);
        str.addCString(value);
        str.setType(SymKind.SRODATA);

        bld.setSize(0);
        bld.setData(new byte[0]);
        bld.resetRelocs();
        bld.addAddrPlus(str.sym(), 0);
        bld.addUint(value.length);
    }
}
