package dev.golink.ld;

import static dev.golink.sym.Segments.rnd;

import dev.golink.loader.GoPaths;

import dev.golink.LinkContext;
import dev.golink.goobj.RelocTypes;
import dev.golink.loader.Loader;
import dev.golink.loader.Relocs;
import dev.golink.loader.SymbolBuilder;
import dev.golink.sym.SymKind;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;

/**
 * The runtime's function table, runtime.pclntab (cf. ld.(*Link).pclntab and
 * golang.org/s/go12symtab as changed since): a carrier symbol over, in order,
 *
 * <ul>
 * <li>runtime.pcheader: magic, pc quantum, pointer size, counts, the address of
 * runtime.text and the offsets of the tables below from the header;</li>
 * <li>runtime.funcnametab: NUL-terminated names of the functions and of the
 * functions inlined into them ("[...]" for type arguments);</li>
 * <li>runtime.cutab: per compilation unit, the offset in filetab of each of its
 * files that a function uses (-1 for the others);</li>
 * <li>runtime.filetab: NUL-terminated file names, $GOROOT expanded;</li>
 * <li>runtime.pctab: the pc-value tables, each stored once, after one pad byte
 * so that no table is at offset 0;</li>
 * <li>runtime.functab: pc to func lookup pairs, the end pc, then each function's
 * _func record followed by its pcdata and funcdata offsets.</li>
 * </ul>
 *
 * Each part is rounded to the pointer size. Everything but the header's
 * offsets and the funcdata offsets (relative to go.func.*, known only once
 * data has addresses) is written here; generators fill those in at Asmb.
 * Inline trees become anonymous go.func.* symbols.
 */
public final class Pclntab {

    /** Size of runtime._func. */
    static final int FUNC_SIZE = 10 * 4;
    static final int PCDATA_INL_TREE_INDEX = 2;
    static final int FUNCDATA_INL_TREE = 3;

    private final LinkContext ctxt;
    private final Loader ldr;
    private final int ptrSize;
    private final PclnState state = new PclnState();
    private final FuncInfo fi;

    private int[] funcs;
    /** The functions' aux symbols, read once. */
    private FuncInfo.Cache fic;
    /** Unit (object index) of each function's CU index in the tables, by unit. */
    private int[] unitPclnIndex;
    private int[] compUnits;
    /** The function (its index) that brought in each unit of the tables: the unit's cutab run is its. */
    private final PclnShares.Runs cuFirstFunc = new PclnShares.Runs();
    private int ncu;
    /** Offset in funcnametab of each function named, -1 for none; indexed by symbol. */
    private int[] nameOffsets;

    private Pclntab(LinkContext ctxt) {
        this.ctxt = ctxt;
        this.ldr = ctxt.loader();
        this.ptrSize = ctxt.ptrSize();
        this.fi = new FuncInfo(ldr);
    }

    /** Text symbols that contain others (cf. ld.findContainerSyms): they get no entry of their own. */
    static BitSet findContainerSyms(LinkContext ctxt) {
        Loader ldr = ctxt.loader();
        BitSet container = new BitSet(ldr.nSym());
        for (int s : ctxt.textp) {
            int outer = ldr.outerSym(s);
            if (outer != 0) {
                container.set(outer);
            }
        }
        return container;
    }

    public static void run(LinkContext ctxt) {
        new Pclntab(ctxt).generate(findContainerSyms(ctxt));
    }

    private void generate(BitSet container) {
        makePclntab(container);

        state.carrier = ldr.lookupOrCreateSym("runtime.pclntab", 0);
        ldr.makeSymbolUpdater(state.carrier).setType(SymKind.SPCLNTAB);
        ldr.setAttrReachable(state.carrier, true);
        ctxt.carrierSymByType[SymKind.SPCLNTAB] = state.carrier;

        generatePCHeader();
        generateFuncnametab();
        int[] cuOffsets = generateFilenameTabs();
        generatePctab();
        int[] inlSyms = makeInlSyms();
        generateFunctab(inlSyms, cuOffsets);
        ctxt.pcln = state;
    }

    private void makePclntab(BitSet container) {
        int[] textp = ctxt.textp;
        funcs = new int[textp.length];
        int n = 0;
        unitPclnIndex = new int[ldr.nUnits()];
        Arrays.fill(unitPclnIndex, -1);
        compUnits = new int[16];
        for (int s : textp) {
            if (container.get(s)) {
                continue;
            }
            funcs[n++] = s;
            if (state.firstFunc == 0) {
                state.firstFunc = s;
            }
            state.lastFunc = s;
            int cu = ldr.symUnit(s);
            if (cu != 0 && unitPclnIndex[cu] < 0) {
                unitPclnIndex[cu] = ncu;
                cuFirstFunc.add(0, n - 1);
                if (ncu == compUnits.length) {
                    compUnits = Arrays.copyOf(compUnits, ncu * 2);
                }
                compUnits[ncu++] = cu;
            }
        }
        funcs = Arrays.copyOf(funcs, n);
        fic = new FuncInfo.Cache(ldr, funcs);
        state.funcs = funcs;
        state.nfunc = n;
    }

    /** A pclntab part: a generated symbol of the carrier, its size rounded to the pointer size. */
    private SymbolBuilder addGeneratedSym(String name, long size) {
        size = rnd(size, ptrSize);
        state.size += size;
        int s = ldr.lookupOrCreateSym(name, 0);
        SymbolBuilder b = ldr.makeSymbolUpdater(s);
        b.setType(SymKind.SPCLNTAB);
        b.setSize(size);
        ldr.setAttrReachable(s, true);
        ldr.setCarrierSym(s, state.carrier);
        ldr.setAttrNotInSymbolTable(s, true);
        return b;
    }

    private void generatePCHeader() {
        int textStartOff = 8 + 2 * ptrSize;
        long size = 8 + 8L * ptrSize;
        SymbolBuilder h = addGeneratedSym("runtime.pcheader", size);
        state.pcheader = h.sym();
        // What is known now is data; the offsets of the other parts are written at Asmb.
        h.setUint32(0, 0xfffffff0L);
        h.setUint8(6, ctxt.arch.info().minLC());
        h.setUint8(7, ptrSize);
        long off = h.setUint(8, state.nfunc);
        h.setUint(off, state.nfiles); // rewritten below once nfiles is known
        h.setAddr(textStartOff, ldr.lookup("runtime.text", 0));
        int ps = ptrSize;
        PclnState st = state;
        ldr.setGenerator(state.pcheader, (s, out) -> {
            long base = ldr.symValue(s);
            int[] parts = {st.funcnametab, st.cutab, st.filetab, st.pctab, st.functab};
            int o = textStartOff + ps;
            for (int ws : parts) {
                long diff = ldr.symValue(ws) - base;
                if (diff <= 0) {
                    // Reported, not thrown: this runs in Asmb's writers (cmd/link panics here).
                    ctxt.diag().error("expected runtime.pcheader(" + Long.toHexString(base)
                            + ") to be placed before " + ldr.symName(ws) + "(" + Long.toHexString(ldr.symValue(ws)) + ")");
                    return;
                }
                if (ps == 8) {
                    out.putLong(o, diff);
                } else {
                    out.putInt(o, (int) diff);
                }
                o += ps;
            }
        });
    }

    private void generateFuncnametab() {
        nameOffsets = new int[ldr.nSym()];
        Arrays.fill(nameOffsets, -1);
        java.io.ByteArrayOutputStream tab = new java.io.ByteArrayOutputStream(1 << 16);
        // Every function, then the functions inlined into it, each named once.
        for (int i = 0; i < funcs.length; i++) {
            addName(funcs[i], tab, i);
            if (fi.load(fic, i)) {
                for (int k = 0, n = fi.numInlTree(); k < n; k++) {
                    addName(fi.inlFunc(k), tab, i);
                }
            }
        }
        SymbolBuilder b = addGeneratedSym("runtime.funcnametab", tab.size());
        state.funcnametab = b.sym();
        setContent(b, tab.toByteArray());
    }

    private final java.io.ByteArrayOutputStream nameBuf = new java.io.ByteArrayOutputStream(256);
    private static final byte[] ELLIPSIS = "[...]".getBytes(StandardCharsets.US_ASCII);

    /** Appends {@code s}'s name unless it is there; {@code owner} (a function's index) is who added it. */
    private void addName(int s, java.io.ByteArrayOutputStream tab, int owner) {
        if (nameOffsets[s] >= 0) {
            return;
        }
        nameOffsets[s] = tab.size();
        state.shares.nameOwners.add(tab.size(), owner);
        // The name's bytes as stored; a generic function's type arguments print as "[...]" (cf. nameParts).
        nameBuf.reset();
        ldr.writeSymName(s, nameBuf);
        byte[] name = nameBuf.toByteArray();
        int i = indexOf(name, (byte) '[');
        int j = name.length - 1;
        while (i >= 0 && j > i && name[j] != ']') {
            j--;
        }
        if (i < 0 || j <= i) {
            tab.writeBytes(name);
        } else {
            tab.write(name, 0, i);
            tab.writeBytes(ELLIPSIS);
            tab.write(name, j + 1, name.length - j - 1);
        }
        tab.write(0);
    }

    private static int indexOf(byte[] b, byte c) {
        for (int i = 0; i < b.length; i++) {
            if (b[i] == c) {
                return i;
            }
        }
        return -1;
    }

    /** Data of a generated part: its content padded with zeros to its (rounded) size. */
    private static void setContent(SymbolBuilder b, byte[] content) {
        b.setData(Arrays.copyOf(content, (int) b.size()));
    }

    private String[][] unitFiles;

    private String unitFile(int unit, int i) {
        if (unitFiles == null) {
            unitFiles = new String[ldr.nUnits()][];
        }
        String[] files = unitFiles[unit];
        if (files == null) {
            files = new String[ldr.unitFileCount(unit)];
            unitFiles[unit] = files;
        }
        String f = files[i];
        if (f == null) {
            f = ldr.unitFile(unit, i);
            files[i] = f;
        }
        return f;
    }

    private int[] generateFilenameTabs() {
        int[] cuEntries = new int[ncu];
        Map<String, Integer> fileOffsets = new HashMap<>();
        java.io.ByteArrayOutputStream filetab = new java.io.ByteArrayOutputStream(1 << 14);
        for (int f = 0; f < funcs.length; f++) {
            if (!fi.load(fic, f)) {
                continue;
            }
            int cu = ldr.symUnit(funcs[f]);
            int pi = unitPclnIndex[cu];
            for (int i = 0, nf = fi.numFile(); i < nf; i++) {
                useFile(cu, pi, fi.file(i), cuEntries, fileOffsets, filetab, f);
            }
            for (int k = 0, ni = fi.numInlTree(); k < ni; k++) {
                useFile(cu, pi, fi.inlFile(k), cuEntries, fileOffsets, filetab, f);
            }
        }
        int total = 0;
        int[] cuOffsets = new int[ncu];
        for (int i = 0; i < ncu; i++) {
            cuOffsets[i] = total;
            state.shares.cutabOwners.add(4L * total, cuFirstFunc.owner(i));
            total += cuEntries[i];
        }

        SymbolBuilder cutab = addGeneratedSym("runtime.cutab", 4L * total);
        state.cutab = cutab.sym();
        ByteBuffer cb = ByteBuffer.allocate((int) cutab.size()).order(ctxt.byteOrder());
        for (int i = 0; i < ncu; i++) {
            int cu = compUnits[i];
            for (int j = 0; j < cuEntries[i]; j++) {
                Integer off = fileOffsets.get(unitFile(cu, j));
                cb.putInt(off == null ? -1 : off); // a file no kept function uses
            }
        }
        cutab.setData(cb.array());

        state.nfiles = fileOffsets.size();
        SymbolBuilder ft = addGeneratedSym("runtime.filetab", filetab.size());
        state.filetab = ft.sym();
        setContent(ft, filetab.toByteArray());
        // The header's file count was a placeholder until now.
        ldr.makeSymbolUpdater(state.pcheader).setUint(8 + ptrSize, state.nfiles);
        return cuOffsets;
    }

    private void useFile(int cu, int pclnIndex, int i, int[] cuEntries, Map<String, Integer> fileOffsets,
            java.io.ByteArrayOutputStream filetab, int func) {
        String name = unitFile(cu, i);
        if (!fileOffsets.containsKey(name)) {
            state.shares.filetabOwners.add(filetab.size(), func);
            fileOffsets.put(name, filetab.size());
            filetab.writeBytes(dev.golink.GoString.encode(expandFile(name)));
            filetab.write(0);
        }
        if (cuEntries[pclnIndex] < i + 1) {
            cuEntries[pclnIndex] = i + 1;
        }
    }

    /** A file name as the tables show it: without the file-symbol prefix, $GOROOT expanded (cf. ld.expandFile). */
    private String expandFile(String name) {
        if (name.startsWith("gofile..")) {
            name = name.substring("gofile..".length());
        }
        return expandGoroot(name);
    }

    /** Replaces a leading $GOROOT by GOROOT_FINAL (cf. ld.expandGoroot). */
    private String expandGoroot(String s) {
        int n = "$GOROOT".length();
        if (s.length() >= n + 1 && s.startsWith("$GOROOT") && (s.charAt(n) == '/' || s.charAt(n) == '\\')) {
            String fin = ctxt.options().config().gorootFinal();
            if (!fin.isEmpty()) {
                // filepath.ToSlash on the Linux host cmd/link runs on: a backslash stays a byte of the name.
                return GoPaths.join(fin, s.substring(n));
            }
        }
        return s;
    }

    private void generatePctab() {
        // Offset 0 means "no table" to the runtime: one pad byte keeps real tables off it.
        long[] size = {1};
        BitSet seen = new BitSet(ldr.nSym());
        int[][] order = {new int[1024]};
        int[] norder = {0};
        int[] pcOwner = {0};
        java.util.function.IntConsumer save = pcSym -> {
            if (pcSym == 0) {
                // An aux record of another type stands where the table's should be (cmd/link dies on it).
                int fn = funcs[pcOwner[0]];
                dev.golink.loader.Library lib = ldr.symLib(fn);
                throw new dev.golink.MalformedInputException("package " + (lib == null ? "?" : lib.pkg()),
                        "function " + ldr.symName(fn) + " lacks one of its pc-value tables",
                        "pcsp, pcfile and pcline aux symbols (and pcinline with an inlining tree)");
            }
            if (seen.get(pcSym)) {
                return;
            }
            seen.set(pcSym);
            long datSize = ldr.symSize(pcSym);
            if (datSize < 0 || size[0] + datSize > Integer.MAX_VALUE - 8) {
                dev.golink.loader.Library lib = ldr.symLib(pcSym);
                throw new dev.golink.MalformedInputException("package " + (lib == null ? "?" : lib.pkg()),
                        "a pc-value table of " + datSize + " bytes", "tables of a size that fits in runtime.pctab (2 GiB)");
            }
            ldr.setSymValue(pcSym, datSize != 0 ? size[0] : 0);
            if (datSize != 0) {
                state.shares.pctabOwners.add(size[0], pcOwner[0]);
            }
            size[0] += datSize;
            if (norder[0] == order[0].length) {
                order[0] = Arrays.copyOf(order[0], norder[0] * 2);
            }
            order[0][norder[0]++] = pcSym;
        };
        for (int f = 0; f < funcs.length; f++) {
            if (!fi.load(fic, f)) {
                continue;
            }
            pcOwner[0] = f;
            save.accept(fi.pcsp);
            save.accept(fi.pcfile);
            save.accept(fi.pcline);
            for (int j = 0; j < fi.npcdata; j++) {
                save.accept(fi.pcdata[j]);
            }
            if (fi.numInlTree() > 0) {
                save.accept(fi.pcinline);
            }
        }
        SymbolBuilder b = addGeneratedSym("runtime.pctab", size[0]);
        state.pctab = b.sym();
        byte[] data = new byte[(int) b.size()];
        for (int i = 0; i < norder[0]; i++) {
            int ps = order[0][i];
            ldr.copyData(ps, data, (int) ldr.symValue(ps));
        }
        b.setData(data);
    }

    private int[] makeInlSyms() {
        int[] inlSyms = new int[funcs.length];
        for (int i = 0; i < funcs.length; i++) {
            if (fi.load(fic, i) && fi.numInlTree() > 0) {
                inlSyms[i] = genInlTreeSym();
            }
        }
        return inlSyms;
    }

    /** The inline tree of the function {@link #fi} reads, as an anonymous go.func.* symbol. */
    private int genInlTreeSym() {
        int its = ldr.createExtSym("", 0);
        SymbolBuilder b = ldr.makeSymbolUpdater(its);
        // SGOFUNC tells symtab to group it with the other function data.
        b.setType(SymKind.SGOFUNC);
        ldr.setAttrReachable(its, true);
        ldr.setSymAlign(its, 4);
        for (int i = 0, n = fi.numInlTree(); i < n; i++) {
            int call = fi.inlFunc(i);
            int nameoff = nameOffsets[call];
            if (nameoff < 0) {
                throw new IllegalStateException("couldn't find function name offset of " + ldr.symName(call));
            }
            b.setUint16(i * 20L, fi.inlParent(i));
            b.setUint8(i * 20L + 2, funcID(call));
            b.setUint32(i * 20L + 4, fi.inlFile(i) & 0xffffffffL);
            b.setUint32(i * 20L + 8, fi.inlLine(i) & 0xffffffffL);
            b.setUint32(i * 20L + 12, nameoff);
            b.setUint32(i * 20L + 16, fi.inlParentPC(i) & 0xffffffffL);
        }
        return its;
    }

    /** funcID+1 of each inlined function seen so far, 0 for not yet looked up. */
    private int[] funcIDs;

    /** The funcID of an inlined function, 0 when it has no FuncInfo (read once per function). */
    private int funcID(int s) {
        if (funcIDs == null) {
            funcIDs = new int[ldr.nSym()];
        }
        if (s < funcIDs.length && funcIDs[s] != 0) {
            return funcIDs[s] - 1;
        }
        int fis = ldr.funcInfoSym(s);
        int id = fis == 0 ? 0 : ldr.dataByte(fis, 8);
        if (s < funcIDs.length) {
            funcIDs[s] = id + 1;
        }
        return id;
    }

    private int numPCData(FuncInfo f) {
        if (!f.valid()) {
            return 0;
        }
        int n = f.npcdata;
        if (f.numInlTree() > 0 && n < PCDATA_INL_TREE_INDEX + 1) {
            n = PCDATA_INL_TREE_INDEX + 1;
        }
        return n;
    }

    private int numFuncData(FuncInfo f) {
        if (!f.valid()) {
            return 0;
        }
        int n = f.nfuncdata;
        if (f.numInlTree() > 0 && n < FUNCDATA_INL_TREE + 1) {
            n = FUNCDATA_INL_TREE + 1;
        }
        return n;
    }

    private void generateFunctab(int[] inlSyms, int[] cuOffsets) {
        int nfunc = funcs.length;
        int[] startLocations = new int[nfunc];
        long size = nfunc * 2L * 4 + 4;
        for (int i = 0; i < nfunc; i++) {
            size = rnd(size, ptrSize);
            startLocations[i] = (int) size;
            size += FUNC_SIZE;
            if (fi.load(fic, i)) {
                size += numPCData(fi) * 4L;
                size += numFuncData(fi) * 4L;
            }
        }
        state.shares.functabStart = startLocations;
        SymbolBuilder b = addGeneratedSym("runtime.functab", size);
        state.functab = b.sym();
        ByteBuffer t = ByteBuffer.allocate((int) b.size()).order(ctxt.byteOrder());

        long textStart = ldr.symValue(ldr.lookup("runtime.text", 0));
        // pc -> func pairs, then the end of the last function.
        for (int i = 0; i < nfunc; i++) {
            t.putInt(i * 8, (int) pcOff(funcs[i], textStart));
            t.putInt(i * 8 + 4, startLocations[i]);
        }
        int last = funcs[nfunc - 1];
        t.putInt(nfunc * 8, (int) (pcOff(last, textStart) + ldr.symSize(last)));

        int deferReturn = ldr.lookup("runtime.deferreturn", ctxt.abiInternalVersion());
        Relocs rs = ldr.relocs();
        // Where each function's funcdata offsets go, for the generator.
        int[] fdStart = new int[nfunc];
        int[][] fdSyms = new int[nfunc][];
        FuncRecords rec = new FuncRecords(t, startLocations, textStart, rs, deferReturn, fdStart, fdSyms, inlSyms,
                cuOffsets);
        for (int i = 0; i < nfunc; i++) {
            funcRecord(rec, i);
        }
        b.setData(t.array());
        state.shares.funcdata = fdSyms;

        // Funcdata are offsets from go.func.*, which has an address only after dodata.
        ldr.setGenerator(state.functab, (s, out) -> {
            int gofunc = ldr.lookup("go.func.*", 0);
            long base = ldr.symValue(gofunc);
            for (int i = 0; i < fdSyms.length; i++) {
                if (fdSyms[i] != null) {
                    funcdataOffsets(out, i, fdSyms[i], fdStart[i], gofunc, base);
                }
            }
        });
    }

    /** What generateFunctab's loop writes of function {@code i}, and where. */
    private record FuncRecords(ByteBuffer t, int[] startLocations, long textStart, Relocs rs, int deferReturn,
            int[] fdStart, int[][] fdSyms, int[] inlSyms, int[] cuOffsets) {
    }

    /**
     * Function {@code i}'s _func record, its pcdata offsets and where its funcdata offsets go. (A
     * loop body over every function, a method: a fresh JVM compiles a method after a few hundred
     * calls, a loop inside one call only after thousands of turns.)
     */
    private void funcRecord(FuncRecords r, int i) {
        ByteBuffer t = r.t();
        int s = funcs[i];
        boolean valid = fi.load(fic, i);
        int off = r.startLocations()[i];
        t.putInt(off, (int) pcOff(s, r.textStart()));
        t.putInt(off + 4, nameOffsets[s]);
        t.putInt(off + 8, valid ? fi.args() : 0);
        t.putInt(off + 12, computeDeferReturn(r.rs(), r.deferReturn(), s));
        if (valid) {
            t.putInt(off + 16, (int) ldr.symValue(fi.pcsp));
            t.putInt(off + 20, (int) ldr.symValue(fi.pcfile));
            t.putInt(off + 24, (int) ldr.symValue(fi.pcline));
        }
        int npcdata = numPCData(fi);
        t.putInt(off + 28, npcdata);
        int cu = ldr.symUnit(s);
        t.putInt(off + 32, cu != 0 && unitPclnIndex[cu] >= 0 ? r.cuOffsets()[unitPclnIndex[cu]] : -1);
        t.put(off + 36, (byte) (valid ? fi.funcID() : 0));
        t.put(off + 37, (byte) (valid ? fi.funcFlag() : 0));
        int nfd = numFuncData(fi);
        t.put(off + 39, (byte) nfd);
        int pd = off + FUNC_SIZE;
        if (valid) {
            for (int j = 0; j < fi.npcdata; j++) {
                t.putInt(pd + j * 4, (int) ldr.symValue(fi.pcdata[j]));
            }
            if (fi.numInlTree() > 0) {
                t.putInt(pd + PCDATA_INL_TREE_INDEX * 4, (int) ldr.symValue(fi.pcinline));
            }
        }
        r.fdStart()[i] = pd + npcdata * 4;
        if (nfd > 0) {
            int[] fd = new int[nfd]; // slots past the object's funcdata stay "none"
            System.arraycopy(fi.funcdata, 0, fd, 0, fi.nfuncdata);
            if (fi.numInlTree() > 0) {
                fd[FUNCDATA_INL_TREE] = r.inlSyms()[i];
            }
            r.fdSyms()[i] = fd;
            for (int j = 0; j < nfd; j++) {
                if (fd[j] == 0) {
                    t.putInt(r.fdStart()[i] + 4 * j, -1); // no value
                }
            }
        }
    }

    /** Function {@code i}'s funcdata offsets from go.func.* ({@code base}), from {@code at} in {@code out}. */
    private void funcdataOffsets(ByteBuffer out, int i, int[] fd, int at, int gofunc, long base) {
        for (int j = 0; j < fd.length; j++) {
            if (fd[j] == 0) {
                continue;
            }
            if (ldr.outerSym(fd[j]) != gofunc) {
                // Reported, not thrown: this runs in Asmb's writers, whose failures end the link
                // after its phase (cmd/link panics here).
                ctxt.diag().error("bad carrier sym for symbol " + ldr.symName(fd[j])
                        + " (funcdata " + ldr.symName(funcs[i]) + "#" + j + "), want go.func.* got "
                        + ldr.symName(ldr.outerSym(fd[j])));
                continue;
            }
            out.putInt(at + 4 * j, (int) (ldr.symValue(fd[j]) - base));
        }
    }

    private long pcOff(int s, long textStart) {
        long off = ldr.symValue(s) - textStart;
        if (off < 0) {
            throw new IllegalStateException("expected func " + ldr.symName(s) + " to be placed at or after textStart");
        }
        return off;
    }

    /** The offset of the call to runtime.deferreturn in {@code s} (the call instruction), 0 for none. */
    private int computeDeferReturn(Relocs rs, int deferReturn, int s) {
        boolean wasm = ctxt.isWasm();
        int lastWasmAddr = 0;
        rs.reset(s);
        for (int j = 0, n = rs.count(); j < n; j++) {
            if (wasm && rs.type(j) == RelocTypes.R_ADDR) {
                // wasm marks the resume point before the call with an R_ADDR whose addend is its "PC".
                lastWasmAddr = (int) rs.add(j);
            }
            if (RelocTypes.isDirectCall(rs.type(j)) && callsDeferReturn(rs.sym(j), deferReturn)) {
                if (wasm) {
                    return lastWasmAddr - 1;
                }
                return ctxt.arch.deferreturnCallOffset(rs.off(j));
            }
        }
        return 0;
    }

    /** Whether a call to {@code target} calls runtime.deferreturn, directly or through a trampoline. */
    private boolean callsDeferReturn(int target, int deferReturn) {
        return (target == deferReturn && deferReturn != 0) || ctxt.deferReturnTramps.get(target);
    }
}
