package dev.golink.dwarf;

import dev.golink.LinkContext;
import dev.golink.LinkException;
import dev.golink.goobj.GoObject;
import dev.golink.goobj.RelocTypes;
import dev.golink.loader.Loader;
import dev.golink.loader.Relocs;
import dev.golink.loader.SymbolBuilder;
import dev.golink.loader.Utf8Order;
import dev.golink.sym.SymKind;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;

/**
 * The second half of DWARF generation (cf. ld.dwarfGenerateDebugSyms), once
 * text addresses are known: per unit its line program, ranges, location
 * lists and info, then .debug_frame, and the sections in their output order.
 */
final class DebugSyms {

    private final LinkContext ctxt;
    private final Loader ldr;
    private final DwarfState state;
    private final int ptrSize;
    private final DieWriter dies;
    private final DwarfFormat format;
    /**
     * XCOFF: each package's size of each section is recorded for the symbol table (cf. addDwsectCUSize),
     * and there is no .debug_gdb_scripts (cf. writegdbscript).
     */
    private final boolean xcoff;
    private final DwarfState cuSizes;

    private DebugSyms(LinkContext ctxt, DwarfState state) {
        this.ctxt = ctxt;
        this.ldr = ctxt.loader();
        this.state = state;
        this.ptrSize = ctxt.ptrSize();
        this.xcoff = ctxt.isXcoff();
        this.format = new DwarfFormat(xcoff);
        this.cuSizes = xcoff ? state : null;
        this.dies = new DieWriter(ldr, ptrSize, format);
    }

    static void run(LinkContext ctxt, DwarfState state) throws LinkException {
        new DebugSyms(ctxt, state).generate();
    }

    private int mkSecSym(String name) {
        SymbolBuilder s = ldr.createSymForUpdate(name, 0);
        s.setType(SymKind.SDWARFSECT);
        s.setReachable(true);
        return s.sym();
    }

    private int mkAnonSym(int kind) {
        SymbolBuilder s = ldr.makeSymbolUpdater(ldr.createExtSym("", 0));
        s.setType(kind);
        s.setReachable(true);
        return s.sym();
    }

    private void generate() throws LinkException {
        SymbolBuilder abbrev = ldr.createSymForUpdate(".debug_abbrev", 0);
        abbrev.setType(SymKind.SDWARFSECT);
        abbrev.addBytes(Abbrevs.bytes(ctxt.target().goos()));
        int abbrevSym = abbrev.sym();
        state.dwarfp.add(new int[] {abbrevSym});

        Map<Integer, CompUnit> byUnit = new HashMap<>();
        for (CompUnit u : state.compUnits) {
            byUnit.put(u.unit, u);
        }
        calcCompUnitRanges(byUnit);
        state.recordUnitBases(ldr);
        // Go's sort.Sort, not a stable sort: units with code all start at 0, so their order is the algorithm's.
        List<CompUnit> units = state.compUnits;
        dev.golink.gosort.GoSort.sort(new dev.golink.gosort.GoSort.Data() {
            public int len() {
                return units.size();
            }

            public boolean less(int i, int j) {
                return compareByStartPC(units.get(i), units.get(j)) < 0;
            }

            public void swap(int i, int j) {
                java.util.Collections.swap(units, i, j);
            }
        });

        for (CompUnit u : state.compUnits) {
            u.dwInfo.child = DwDie.reverseTree(u.dwInfo.child);
        }
        DwDie dwtypes = state.types.dwtypes;
        dwtypes.child = DwDie.reverseTree(dwtypes.child);
        movetomodule(dwtypes);

        int frameSym = mkSecSym(".debug_frame");
        int locSym = mkSecSym(".debug_loc");
        int lineSym = mkSecSym(".debug_line");
        int rangesSym = mkSecSym(".debug_ranges");
        int infoSym = mkSecSym(".debug_info");

        int ncu = state.compUnits.size();
        int[] lineProlog = new int[ncu];
        int[] rangeProlog = new int[ncu];
        int[] infoEpilog = new int[ncu];
        for (int i = 0; i < ncu; i++) {
            lineProlog[i] = mkAnonSym(SymKind.SDWARFLINES);
            rangeProlog[i] = mkAnonSym(SymKind.SDWARFRANGE);
            infoEpilog[i] = mkAnonSym(SymKind.SDWARFFCN);
        }

        // The frame table and each unit's portions touch only their own symbols: build them in parallel
        // (cf. the goroutines of dwarfGenerateDebugSyms).
        ForkJoinTask<?> frames = ForkJoinPool.commonPool().submit(() ->
                new FrameTable(ldr, ptrSize, ctxt.arch.info().minLC(), ctxt.arch.info().bigEndian(),
                        ctxt.arch.info().dwarfRegs(), format, cuSizes, state).writeframes(frameSym, ctxt.textp));
        LineTable lines = new LineTable(ldr, ctxt.options().config().gorootFinal(), format, cuSizes);
        String[] gdbscript = new String[1];
        List<ForkJoinTask<UnitSyms>> portions = new ArrayList<>(ncu);
        for (int i = 0; i < ncu; i++) {
            CompUnit u = state.compUnits.get(i);
            int lp = lineProlog[i];
            int rp = rangeProlog[i];
            int ie = infoEpilog[i];
            portions.add(ForkJoinPool.commonPool().submit(
                    () -> unitPortion(u, abbrevSym, lp, rp, ie, lines, gdbscript)));
        }
        frames.join();
        List<Integer> lineSec = new ArrayList<>(List.of(lineSym));
        List<Integer> infoSec = new ArrayList<>(List.of(infoSym));
        List<Integer> locSec = new ArrayList<>(List.of(locSym));
        List<Integer> rangesSec = new ArrayList<>(List.of(rangesSym));
        boolean recordUnits = ctxt.options().reports().sizeReport() != null || ctxt.options().reports().map() != null;
        for (int i = 0; i < ncu; i++) {
            UnitSyms us = portions.get(i).join();
            lineSec.addAll(markReachable(us.lines));
            infoSec.addAll(markReachable(us.infos));
            locSec.addAll(markReachable(us.locs));
            rangesSec.addAll(markReachable(us.ranges));
            if (recordUnits) {
                // Only a size report asks whose unit each symbol is (the linker makes some of them).
                state.recordUnit(state.compUnits.get(i).lib, us.lines, us.infos, us.locs, us.ranges);
            }
        }
        state.dwarfp.add(toArray(lineSec));
        state.dwarfp.add(new int[] {frameSym});
        if (gdbscript[0] != null && !xcoff) {
            SymbolBuilder gs = ldr.createSymForUpdate(".debug_gdb_scripts", 0);
            gs.setType(SymKind.SDWARFSECT);
            gs.addUint8(1); // a Python script file name follows
            gs.addCString(gdbscript[0].getBytes(StandardCharsets.UTF_8));
            state.dwarfp.add(new int[] {gs.sym()});
        }
        state.dwarfp.add(toArray(infoSec));
        if (locSec.size() > 1) {
            state.dwarfp.add(toArray(locSec));
        }
        state.dwarfp.add(toArray(rangesSec));

        java.util.BitSet seen = new java.util.BitSet();
        for (int s : infoSec) {
            if (seen.get(s)) {
                throw new dev.golink.LogFatalException("symbol " + ldr.symName(s) + " listed multiple times");
            }
            seen.set(s);
        }
    }

    /** One unit's symbols in each section (cf. dwUnitSyms). */
    private record UnitSyms(List<Integer> lines, List<Integer> infos, List<Integer> locs, List<Integer> ranges) {
    }

    /** cf. dwUnitPortion. */
    private UnitSyms unitPortion(CompUnit u, int abbrevSym, int lineProlog, int rangeProlog, int infoEpilog,
            LineTable lines, String[] gdbscript) {
        List<Integer> ls = List.of();
        List<Integer> rs = List.of();
        List<Integer> locs = List.of();
        if (u.dwInfo.abbrev != Dw.ABRV_COMPUNIT_TEXTLESS) {
            ls = lines.writelines(u, lineProlog, gdbscript);
            rs = writepcranges(u, rangeProlog);
            locs = collectUnitLocs(u);
        }
        return new UnitSyms(ls, writeUnitInfo(u, abbrevSym, infoEpilog), locs, rs);
    }

    private static int[] toArray(List<Integer> l) {
        return l.stream().mapToInt(Integer::intValue).toArray();
    }

    private List<Integer> markReachable(List<Integer> syms) {
        for (int s : syms) {
            ldr.setAttrNotInSymbolTable(s, true);
            ldr.setAttrReachable(s, true);
        }
        return syms;
    }

    /** Each unit's code ranges, relative to its first function (cf. calcCompUnitRanges). */
    private void calcCompUnitRanges(Map<Integer, CompUnit> byUnit) {
        CompUnit prev = null;
        for (int s : ctxt.textp) {
            if (DebugInfo.auxSym(ldr, s, GoObject.AUX_FUNCINFO) == 0) {
                continue;
            }
            CompUnit unit = byUnit.get(ldr.symUnit(s));
            if (unit == null) {
                continue;
            }
            long sval = ldr.symValue(s);
            long u0val = ldr.symValue(unit.textp.get(0));
            if (prev != unit) {
                unit.pcs.add(new long[] {sval - u0val, 0});
                prev = unit;
            }
            unit.pcs.get(unit.pcs.size() - 1)[1] = sval - u0val + ldr.dataSize(s);
        }
    }

    private static int compareByStartPC(CompUnit a, CompUnit b) {
        boolean ea = a.textp.isEmpty();
        boolean eb = b.textp.isEmpty();
        if (ea && eb) {
            return Utf8Order.compare(a.pkg(), b.pkg());
        }
        if (ea != eb) {
            return ea ? 1 : -1;
        }
        return Long.compare(a.pcs.get(0)[0], b.pcs.get(0)[0]);
    }

    /** Appends the type DIEs to the runtime unit's children (cf. ld.movetomodule). */
    private void movetomodule(DwDie parent) {
        DwDie die = state.runtimeCU.dwInfo.child;
        if (die == null) {
            state.runtimeCU.dwInfo.child = parent.child;
            return;
        }
        while (die.link != null) {
            die = die.link;
        }
        die.link = parent.child;
    }

    private List<Integer> writepcranges(CompUnit unit, int rangeProlog) {
        List<Integer> syms = new ArrayList<>(unit.rangeSyms.size() + 1);
        syms.add(rangeProlog);
        SymbolBuilder rsu = ldr.makeSymbolUpdater(rangeProlog);
        unit.dwInfo.newattr(Dw.AT_RANGES, Dw.CLS_PTR, rsu.size(), rangeProlog);
        unit.dwInfo.newattr(Dw.AT_LOW_PC, Dw.CLS_ADDRESS, 0, unit.textp.get(0));
        for (long[] r : unit.pcs) {
            rsu.addUintN(r[0], ptrSize);
            rsu.addUintN(r[1], ptrSize);
        }
        rsu.addUintN(0, ptrSize);
        rsu.addUintN(0, ptrSize);
        syms.addAll(unit.rangeSyms);
        if (cuSizes != null) {
            long rsize = rsu.size();
            for (int r : unit.rangeSyms) {
                rsize += ldr.symSize(r);
            }
            cuSizes.addCuSize(".debug_ranges", unit.pkg(), rsize);
        }
        return syms;
    }

    private List<Integer> collectUnitLocs(CompUnit u) {
        List<Integer> syms = new ArrayList<>();
        Relocs rs = ldr.relocs();
        for (int fn : u.funcDIEs) {
            rs.reset(fn);
            for (int i = 0, n = rs.count(); i < n; i++) {
                if (rs.type(i) != RelocTypes.R_DWARFSECREF) {
                    continue;
                }
                int rsym = rs.sym(i);
                if (ldr.symType(rsym) == SymKind.SDWARFLOC) {
                    syms.add(rsym);
                    break;
                }
            }
        }
        return syms;
    }

    /**
     * The unit's .debug_info contribution: header, unit DIE, the compiler's
     * DIEs, then the linker's (cf. writeUnitInfo).
     */
    private List<Integer> writeUnitInfo(CompUnit u, int abbrevsym, int infoEpilog) {
        if (u.textp.isEmpty() && u.dwInfo.child == null && u.varDIEs.isEmpty()) {
            return List.of();
        }
        DwDie compunit = u.dwInfo;
        int s = compunit.sym;
        SymbolBuilder su = ldr.makeSymbolUpdater(s);
        format.addUnitLength(su, 0); // unit_length, set below
        su.addUint16(4); // DWARF version
        format.addSectionOffset(su, abbrevsym, 0);
        su.addUint8(ptrSize); // address_size
        DieWriter.uleb(su, compunit.abbrev);
        dies.putAttrs(su, compunit.abbrev, compunit.attr);

        List<Integer> cu = new ArrayList<>(u.absFnDIEs.size() + u.funcDIEs.size() + 2);
        cu.add(s);
        cu.addAll(u.absFnDIEs);
        cu.addAll(u.funcDIEs);
        if (u.consts != 0) {
            cu.add(u.consts);
        }
        cu.addAll(u.varDIEs);
        for (DwDie die = compunit.child; die != null; die = die.link) {
            dies.putdie(cu, die);
        }
        ldr.makeSymbolUpdater(infoEpilog).addUint8(0); // closes the unit DIE
        cu.add(infoEpilog);
        long cusize = 0;
        for (int c : cu) {
            cusize += ldr.dataSize(c);
        }
        if (cuSizes != null) {
            // Keyed by the unit symbol's name less "go.info.pkg.", which keeps the unit's number: as in
            // cmd/link, no package finds its size under it.
            String name = ldr.symName(s);
            String prefix = "go.info.pkg.";
            cuSizes.addCuSize(".debug_info", name.startsWith(prefix) ? name.substring(prefix.length()) : name, cusize);
        }
        format.setUnitLength(su, 0, cusize - format.lengthFieldSize());
        return cu;
    }
}
