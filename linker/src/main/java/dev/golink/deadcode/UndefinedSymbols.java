package dev.golink.deadcode;

import dev.golink.Diagnostics;
import dev.golink.sym.SymKind;
import dev.golink.loader.Loader;
import dev.golink.loader.Relocs;

import java.util.BitSet;
import java.util.Set;

/**
 * Finds reachable symbols that nothing defines (cf. the "relocation target ...
 * not defined" check of ld.relocsym), right after deadcode so that a broken
 * input fails before any layout work. Symbols the linker itself defines later
 * are not errors: DWARF type entries ({@code go.info.} of types), the section
 * bounds and tables of the runtime's module data, and the symbols imported from
 * shared libraries by cgo directives.
 */
public final class UndefinedSymbols {

    /** Symbols cmd/link defines after deadcode (linksetup, symtab, pclntab, typelink, ...). */
    private static final Set<String> LINKER_DEFINED = Set.of(
            ".TOC.", "_GLOBAL_OFFSET_TABLE_", "_edata", "_end", "_etext", "go.buildid", "go.buildinfo",
            "go.link.abihashbytes", "runtime.bss", "runtime.cutab", "runtime.data", "runtime.ebss", "runtime.edata",
            "runtime.egcbss", "runtime.egcdata", "runtime.end", "runtime.enoptrbss", "runtime.enoptrdata",
            "runtime.epclntab", "runtime.erodata", "runtime.esymtab", "runtime.etext", "runtime.etypes",
            "runtime.filetab", "runtime.findfunctab", "runtime.funcnametab", "runtime.functab", "runtime.gcbss",
            "runtime.gcdata", "runtime.goarm", "runtime.itablink", "runtime.noptrbss", "runtime.noptrdata",
            "runtime.pcheader", "runtime.pclntab", "runtime.pctab", "runtime.rodata", "runtime.symtab",
            "runtime.text", "runtime.textsectionmap", "runtime.tlsg", "runtime.typelink", "runtime.types");

    private UndefinedSymbols() {
    }

    /**
     * Reports, in cmd/link's words, each (symbol, undefined target) pair of a
     * reachable symbol's relocations (cf. ld.(*ErrorReporter).errorUnresolved):
     * the entry point missing, a target defined only for another ABI, or not at all.
     *
     * @param dynamicImports local names of {@code cgo_import_dynamic} symbols
     * @param textUnchecked   whether the container writes code itself, so that cmd/link's check never sees
     *                        the relocations of text symbols (wasm: a call to nothing links, and traps when run)
     */
    public static void check(Loader ldr, Set<String> dynamicImports, Diagnostics diag, boolean textUnchecked) {
        BitSet undefined = new BitSet();
        for (int s = ldr.nDef(); s < ldr.nSym(); s++) {
            if (ldr.attrReachable(s) && ldr.isExternal(s) && ldr.symType(s) == SymKind.SXXX) {
                String name = ldr.symName(s);
                if (!name.startsWith("go.info.") && !LINKER_DEFINED.contains(name) && !dynamicImports.contains(name)) {
                    undefined.set(s);
                }
            }
        }
        if (undefined.isEmpty()) {
            return;
        }
        // Only now, on the error path, find who refers to each one.
        Relocs rs = ldr.relocs();
        for (int s = 1; s < ldr.nSym(); s++) {
            if (!ldr.attrReachable(s) || undefined.get(s) || textUnchecked && ldr.symType(s) == SymKind.STEXT) {
                continue;
            }
            rs.reset(s);
            BitSet reported = new BitSet();
            for (int j = 0; j < rs.count(); j++) {
                int u = rs.sym(j);
                if (u > 0 && undefined.get(u) && rs.siz(j) != 0 && !reported.get(u)) {
                    reported.set(u);
                    diag.error(ldr.errorPrefix(s), unresolved(ldr, u));
                }
            }
        }
    }

    /** What cmd/link says of undefined target {@code u}. */
    private static String unresolved(Loader ldr, int u) {
        String name = ldr.symName(u);
        if (name.equals("main.main")) {
            return "function main is undeclared in the main package";
        }
        int version = ldr.symVersion(u);
        if (version == Loader.SYM_VER_ABI0 || version == Loader.SYM_VER_ABI_INTERNAL) {
            String have = null;
            for (int v : new int[] {Loader.SYM_VER_ABI0, Loader.SYM_VER_ABI_INTERNAL}) {
                int other = ldr.lookup(name, v);
                if (other != 0 && ldr.symType(other) != SymKind.SXXX && ldr.symType(other) != SymKind.SXREF) {
                    have = abiName(v);
                }
            }
            if (have != null) {
                return "relocation target " + name + " not defined for " + abiName(version) + " (but is defined for "
                        + have + ")";
            }
        }
        return "relocation target " + name + " not defined";
    }

    private static String abiName(int version) {
        return version == Loader.SYM_VER_ABI0 ? "ABI0" : "ABIInternal";
    }
}
