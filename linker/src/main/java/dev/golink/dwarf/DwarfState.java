package dev.golink.dwarf;

import java.util.ArrayList;
import java.util.List;

/**
 * What DWARF generation hands from phase to phase: the type DIEs and units
 * built by dwarfGenerateDebugInfo, then the DWARF sections (cf. ld.dwarfp),
 * each a list of symbols whose first one names the section.
 */
public final class DwarfState {
    /** The DIE trees and type maps; dropped once the section contents exist. */
    TypeDies types;
    final List<CompUnit> compUnits = new ArrayList<>();
    CompUnit runtimeCU;
    /** The sections in output order, from dwarfGenerateDebugSyms on. */
    final List<int[]> dwarfp = new ArrayList<>();
    /** The sections' symbols before compression replaced a section by one symbol, in the same order. */
    final List<int[]> uncompressed = new ArrayList<>();

    /** The .debug_frame symbol, which holds the CIE and every FDE; 0 before the frame table is made. */
    int frameSym;
    /** Per function with an FDE, in the order of the FDEs after the CIE: the function, and its FDE's bytes. */
    int[] fdeFuncs = new int[0];
    int[] fdeBytes = new int[0];

    /** The .debug_frame symbol (the CIE, then the FDEs), or 0. */
    public int frameSym() {
        return frameSym;
    }

    /** The functions that have an FDE, in the FDEs' order. */
    public int[] fdeFuncs() {
        return fdeFuncs;
    }

    /** The bytes of each FDE (with its length field), as {@link #fdeFuncs}. */
    public int[] fdeBytes() {
        return fdeBytes;
    }

    /** The package of each compilation unit's DWARF symbols by symbol index, when a size report asks for it. */
    private dev.golink.loader.Library[] unitLibOfSym = new dev.golink.loader.Library[0];

    @SafeVarargs
    final void recordUnit(dev.golink.loader.Library lib, List<Integer>... lists) {
        for (List<Integer> l : lists) {
            for (int s : l) {
                if (s >= unitLibOfSym.length) {
                    unitLibOfSym = java.util.Arrays.copyOf(unitLibOfSym, Math.max(s + 1, unitLibOfSym.length * 2));
                }
                unitLibOfSym[s] = lib;
            }
        }
    }

    /** The package whose compilation unit DWARF symbol {@code s} is part of, or null for the link's own. */
    public dev.golink.loader.Library unitLib(int s) {
        return s < unitLibOfSym.length ? unitLibOfSym[s] : null;
    }

    /**
     * Per DWARF section and package ("section.pkg"), the size of the package's part of the
     * section (cf. dwsectCUSize): XCOFF's symbol table tells where each package's part starts.
     */
    private final java.util.Map<String, Long> cuSizes = new java.util.concurrent.ConcurrentHashMap<>();

    /** cf. addDwsectCUSize. */
    void addCuSize(String section, String pkg, long size) {
        cuSizes.merge(section + "." + pkg, size, Long::sum);
    }

    /** The size of package {@code pkg}'s part of DWARF section {@code section} (cf. getDwsectCUSize). */
    public long cuSize(String section, String pkg) {
        return cuSizes.getOrDefault(section + "." + pkg, 0L);
    }

    /** Unit id -> the address of its first function, once text addresses are known (for R_ADDRCUOFF). */
    private final java.util.Map<Integer, Integer> unitFirstText = new java.util.HashMap<>();
    private dev.golink.loader.Loader ldr;

    DwarfState(TypeDies types) {
        this.types = types;
    }

    void recordUnitBases(dev.golink.loader.Loader ldr) {
        this.ldr = ldr;
        for (CompUnit u : compUnits) {
            if (!u.textp.isEmpty()) {
                unitFirstText.put(u.unit, u.textp.get(0));
            }
        }
    }

    /** The address of the first function of symbol {@code s}'s compilation unit (cf. R_ADDRCUOFF). */
    public long cuBase(int s) {
        Integer first = unitFirstText.get(ldr.symUnit(s));
        if (first == null) {
            throw new IllegalStateException("symbol " + ldr.symName(s) + " has no compilation unit with text");
        }
        return ldr.symValue(first);
    }

    /** Lets the DIE trees go once they are encoded: only the sections and the unit bases are needed later. */
    void releaseDies() {
        types = null;
        for (CompUnit u : compUnits) {
            u.dwInfo = null;
        }
    }

    /** Every DWARF symbol in output order: what Asmb writes into the DWARF segment. */
    public int[] syms() {
        int n = 0;
        for (int[] sec : dwarfp) {
            n += sec.length;
        }
        int[] out = new int[n];
        int k = 0;
        for (int[] sec : dwarfp) {
            System.arraycopy(sec, 0, out, k, sec.length);
            k += sec.length;
        }
        return out;
    }

    /**
     * The sections' symbols as generated, before compression (the same as {@link #sections} when
     * nothing was compressed): their sizes are the uncompressed ones.
     */
    public List<int[]> uncompressedSections() {
        return uncompressed.isEmpty() ? dwarfp : uncompressed;
    }

    /** The sections: each array's first symbol is the section symbol, the rest follow it. */
    public List<int[]> sections() {
        return dwarfp;
    }
}
