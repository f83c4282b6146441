package dev.golink.deadcode;

import dev.golink.LinkException;
import dev.golink.goobj.SymKinds;
import dev.golink.loader.Loader;
import dev.golink.loader.Relocs;

import java.util.ArrayList;
import java.util.List;
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

    private static final int MAX_REPORTED = 10;

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
     * @param dynamicImports local names of {@code cgo_import_dynamic} symbols
     * @throws LinkException naming each undefined target, the symbol that refers to it and its file
     */
    public static void check(Loader ldr, Set<String> dynamicImports) throws LinkException {
        List<Integer> undefined = new ArrayList<>();
        for (int s = ldr.nDef(); s < ldr.nSym(); s++) {
            if (ldr.attrReachable(s) && ldr.isExternal(s) && ldr.symType(s) == SymKinds.SXXX) {
                String name = ldr.symName(s);
                if (!name.startsWith("go.info.") && !LINKER_DEFINED.contains(name) && !dynamicImports.contains(name)) {
                    undefined.add(s);
                }
            }
        }
        if (undefined.isEmpty()) {
            return;
        }
        // Only now, on the error path, find who refers to each one.
        StringBuilder msg = new StringBuilder();
        Relocs rs = ldr.relocs();
        int reported = 0;
        for (int u : undefined) {
            if (reported == MAX_REPORTED) {
                msg.append("\n(and ").append(undefined.size() - reported).append(" more)");
                break;
            }
            String from = null;
            for (int s = 1; s < ldr.nDef() && from == null; s++) {
                if (!ldr.attrReachable(s)) {
                    continue;
                }
                rs.reset(s);
                for (int j = 0; j < rs.count(); j++) {
                    if (rs.sym(j) == u) {
                        from = ldr.symFile(s) + ": " + ldr.symName(s);
                        break;
                    }
                }
            }
            if (msg.length() > 0) {
                msg.append('\n');
            }
            msg.append(from == null ? "<unknown>" : from).append(": relocation target ").append(ldr.symName(u))
                    .append(" not defined");
            reported++;
        }
        throw new LinkException(msg.toString());
    }
}
