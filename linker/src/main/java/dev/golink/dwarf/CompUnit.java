package dev.golink.dwarf;

import dev.golink.loader.Library;

import java.util.ArrayList;
import java.util.List;

/**
 * One compilation unit: the DWARF of one object file (cf. sym.CompilationUnit).
 * Its text symbols, in layout order, give its line program, its ranges and
 * its function DIEs.
 */
final class CompUnit {
    /** The object's index in the loader (the unit id that loader.symUnit gives). */
    final int unit;
    final Library lib;
    final List<Integer> textp = new ArrayList<>();
    /** Ranges of the unit's code, relative to its first function: start, end pairs. */
    final List<long[]> pcs = new ArrayList<>();
    final List<Integer> funcDIEs = new ArrayList<>();
    final List<Integer> absFnDIEs = new ArrayList<>();
    final List<Integer> rangeSyms = new ArrayList<>();
    final List<Integer> varDIEs = new ArrayList<>();
    /** The package's constants DIE symbol, in its first unit only; 0 for none. */
    int consts;
    DwDie dwInfo;

    CompUnit(int unit, Library lib) {
        this.unit = unit;
        this.lib = lib;
    }

    String pkg() {
        return lib.pkg();
    }
}
