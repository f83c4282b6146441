package dev.golink.xcoff;

import dev.golink.LinkContext;
import dev.golink.arch.ArchInfo;
import dev.golink.ld.AbiNames;
import dev.golink.loader.Library;
import dev.golink.loader.Loader;
import dev.golink.outbuf.OutWriter;
import dev.golink.sym.Section;
import dev.golink.sym.SymKind;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The XCOFF symbol table and its string table (cf. asmaixsym, putaixsym). Each
 * 18-byte entry is a symbol or one of its auxiliary entries. Functions are
 * grouped by package, one "file" each: a C_FILE entry naming the package, a
 * C_DWARF entry per DWARF section giving where the package's part of it starts
 * and its size, and an unnamed csect spanning the package's functions, each
 * function a label in it. Data symbols are each a csect of their own, imports
 * external references. cmd/link writes the table even with -s, which only
 * leaves it out of the file header.
 */
final class XcoffSymtab {

    private final Xcoff x;
    private final XcoffHeaders f;
    private final LinkContext ctxt;
    private final Loader ldr;
    private final ArchInfo arch;
    private final boolean regabiWrappers;
    private final XcoffDwarfSizes dwarfSizes;

    private byte[] entries = new byte[18 * 1024];
    private int count;
    private final ByteArrayOutputStream strings = new ByteArrayOutputStream(1 << 16);
    private final ByteArrayOutputStream name = new ByteArrayOutputStream(128);
    /** Sizes the table gives symbols that hold others (type.*, go.string.*, ...; cf. outerSymSize). */
    private final Map<Integer, Long> outerSize = new HashMap<>();

    // The current file (cf. currSymSrcFile).
    private String fileName = "";
    private int fileEntry = -1;
    private int csectAux = -1;
    private long csectSymNb;
    private long csectVAStart;
    private long csectVAEnd;
    /** Per DWARF section, where the next package's part starts (cf. currDwscnoff). */
    private final Map<String, Long> currDwscnoff = new HashMap<>();
    /** Each symbol's entries and name, for the size report (files, DWARF and package csects are no symbol's). */
    final dev.golink.sym.SymtabEntries recorded = new dev.golink.sym.SymtabEntries();

    XcoffSymtab(Xcoff x, XcoffHeaders f) {
        this.x = x;
        this.f = f;
        this.ctxt = x.ctxt;
        this.ldr = x.ldr;
        this.arch = ctxt.arch.info();
        this.regabiWrappers = ctxt.options().config().experiments().regabiWrappers();
        this.dwarfSizes = XcoffDwarfSizes.of(ctxt);
    }

    int symbolCount() {
        return count;
    }

    /** The string table's bytes, its length field included. */
    long stringTableSize() {
        return 4 + strings.size();
    }

    /** Adds a string; returns its offset, counted from the table's 4-byte length (cf. xcoffStringTable.add). */
    private int addString(byte[] s) {
        int off = 4 + strings.size();
        strings.write(s, 0, s.length);
        strings.write(0);
        return off;
    }

    private int addString(String s) {
        return addString(s.getBytes(StandardCharsets.UTF_8));
    }

    /** A new zeroed entry; returns its index. */
    private int entry() {
        if ((count + 1) * 18 > entries.length) {
            entries = Arrays.copyOf(entries, entries.length * 2);
        }
        return count++;
    }

    private void put(int index, int at, long v, int n) {
        int p = index * 18 + at;
        for (int i = 0; i < n; i++) {
            entries[p + i] = (byte) (v >>> (8 * (n - 1 - i)));
        }
    }

    /** A symbol entry (cf. XcoffSymEnt64). */
    private int sym(long value, int noffset, int scnum, int type, int sclass, int numaux) {
        int e = entry();
        put(e, 0, value, 8);
        put(e, 8, noffset, 4);
        put(e, 12, scnum, 2);
        put(e, 14, type, 2);
        put(e, 16, sclass, 1);
        put(e, 17, numaux, 1);
        return e;
    }

    /** A csect auxiliary entry (cf. XcoffAuxCSect64). */
    private int auxCsect(long scnlen, int smtyp, int smclas) {
        int e = entry();
        putScnlen(e, scnlen);
        put(e, 10, smtyp, 1);
        put(e, 11, smclas, 1);
        put(e, 17, XcoffConst.AUX_CSECT, 1);
        return e;
    }

    private void putScnlen(int e, long scnlen) {
        put(e, 0, scnlen & 0xFFFFFFFFL, 4);
        put(e, 12, scnlen >>> 32, 4);
    }

    /**
     * Writes the table for the whole program: the text markers, data and imports by symbol
     * index, then the functions in address order, by package (cf. asmaixsym).
     */
    void asmaixsym() {
        outerSizes();
        int s = ldr.lookup("runtime.text", 0);
        if (s != 0 && ldr.symType(s) == SymKind.STEXT) {
            putaixsym(s, Kind.TEXT);
        }
        var text = ctxt.segments.text.sections;
        for (int n = 1; n < text.size(); n++) {
            if (!text.get(n).name.equals(".text")) {
                break;
            }
            s = ldr.lookup("runtime.text." + n, 0);
            if (s == 0) {
                break;
            }
            if (ldr.symType(s) == SymKind.STEXT) {
                putaixsym(s, Kind.TEXT);
            }
        }
        s = ldr.lookup("runtime.etext", 0);
        if (s != 0 && ldr.symType(s) == SymKind.STEXT) {
            putaixsym(s, Kind.TEXT);
        }

        for (s = 1; s < ldr.nSym(); s++) {
            if (!inSymbolTable(s)) {
                continue;
            }
            int st = ldr.symType(s);
            if (st == SymKind.SBSS || st == SymKind.SNOPTRBSS || st == SymKind.SLIBFUZZER_8BIT_COUNTER) {
                if (ldr.attrReachable(s)) {
                    if (ldr.dataSize(s) > 0) {
                        ctxt.diag().error(ldr.errorPrefix(s), "should not be bss (size=" + ldr.dataSize(s) + " type="
                                + SymKind.string(st) + " special=" + ldr.attrSpecial(s) + ")");
                    }
                    putaixsym(s, Kind.BSS);
                }
            } else if (st >= SymKind.SELFRXSECT && st < SymKind.SXREF && st != SymKind.STLSBSS) {
                if (ldr.attrReachable(s)) {
                    putaixsym(s, Kind.DATA);
                }
            } else if (st == SymKind.SUNDEFEXT) {
                putaixsym(s, Kind.UNDEFINED);
            } else if (st == SymKind.SDYNIMPORT) {
                if (ldr.attrReachable(s)) {
                    putaixsym(s, Kind.UNDEFINED);
                }
            }
        }

        for (int t : ctxt.textp) {
            putaixsym(t, Kind.TEXT);
        }
        updatePreviousFile(true);
    }

    /** The sizes of the symbols that hold a kind of read-only data, for their csects (cf. xcoffUpdateOuterSize). */
    private void outerSizes() {
        long[] sizes = ctxt.carrierSizeByType;
        outer("type.*", sizes[SymKind.STYPE] == 0 ? 0
                : sizes[SymKind.STYPE] - ldr.symSize(ldr.lookup("runtime.types", 0)));
        outer("go.string.*", sizes[SymKind.SGOSTRING]);
        outer("go.func.*", sizes[SymKind.SGOFUNC]);
        outer("runtime.gcbits.*", sizes[SymKind.SGCBITS]);
        Section pclntab = ctxt.segments.byIndex(ldr.symSect(ldr.lookup("runtime.pclntab", 0)));
        outer("runtime.pclntab", pclntab != null ? pclntab.length : 0);
    }

    private void outer(String symName, long size) {
        if (size == 0) {
            return;
        }
        int s = ldr.lookup(symName, 0);
        if (s == 0) {
            ctxt.diag().error("", "unknown outer symbol with name " + symName);
            return;
        }
        outerSize.put(s, size);
    }

    private long size(int s) {
        Long o = outerSize.get(s);
        return o != null ? o : ldr.symSize(s);
    }

    /** cf. shouldBeInSymbolTable. */
    private boolean inSymbolTable(int s) {
        if (ldr.attrNotInSymbolTable(s)) {
            return false;
        }
        String n = ldr.symName(s);
        if (n.equals(".go.buildinfo")) {
            return true;
        }
        return !((n.isEmpty() || n.charAt(0) == '.') && !fileLocal(s) && !n.equals(".TOC."));
    }

    private boolean fileLocal(int s) {
        return ldr.symVersion(s) >= Loader.SYM_VER_STATIC;
    }

    private boolean hidden(int s) {
        return fileLocal(s) || x.visibilityHidden(s) || ldr.attrLocal(s);
    }

    private enum Kind { TEXT, DATA, BSS, UNDEFINED }

    private byte[] nameBytes(int s) {
        name.reset();
        ldr.writeSymName(s, name);
        return name.toByteArray();
    }

    /** cf. putaixsym. */
    private void putaixsym(int s, Kind kind) {
        switch (kind) {
            case TEXT -> {
                String n = ldr.symName(s);
                if (pkg(s) != null || n.contains("-tramp") || n.startsWith("runtime.text.")) {
                    writeSymbolFunc(s);
                    return;
                }
                if (!n.equals("runtime.text") && !n.equals("runtime.etext") && !n.equals("go.buildid")) {
                    throw new IllegalStateException("putaixsym: unknown text symbol " + n);
                }
                byte[] sname = nameBytes(s);
                sym(ldr.symValue(s), addString(sname), x.scnum(f, s), XcoffConst.SYM_TYPE_FUNC,
                        XcoffConst.C_HIDEXT, 1);
                auxCsect(size(s), XcoffConst.XTY_SD | align(s, true) << 3, XcoffConst.XMC_PR);
                recorded.add(s, 2 * 18, sname.length + 1, size(s), null);
            }
            case DATA, BSS -> {
                byte[] sname = nameBytes(s);
                recorded.add(s, 2 * 18, sname.length + 1, size(s), null);
                sym(ldr.symValue(s), addString(sname), x.scnum(f, s), 0,
                        hidden(s) ? XcoffConst.C_HIDEXT : XcoffConst.C_EXT, 1);
                int ty = ldr.symType(s);
                int smclas;
                if (ty >= SymKind.STYPE && ty <= SymKind.SPCLNTAB) {
                    smclas = XcoffConst.XMC_RO;
                } else if (s == x.toc) {
                    smclas = XcoffConst.XMC_TC0;
                } else {
                    smclas = XcoffConst.XMC_RW;
                }
                int smtyp = kind == Kind.DATA ? XcoffConst.XTY_SD : XcoffConst.XTY_CM;
                auxCsect(size(s), smtyp | align(s, false) << 3, smclas);
            }
            case UNDEFINED -> {
                int ty = ldr.symType(s);
                if (ty != SymKind.SDYNIMPORT && ty != SymKind.SHOSTOBJ && ty != SymKind.SUNDEFEXT) {
                    return;
                }
                String ext = x.extname.getOrDefault(s, ldr.symName(s));
                byte[] sname = ext.getBytes(StandardCharsets.UTF_8);
                recorded.add(s, 2 * 18, sname.length + 1, 0, ext.equals(ldr.symName(s)) ? null : ext);
                sym(0, addString(sname), 0, 0, XcoffConst.C_EXT, 1);
                int smclas = ldr.symName(s).equals("__n_pthreads") ? XcoffConst.XMC_RW : XcoffConst.XMC_DS;
                auxCsect(0, XcoffConst.XTY_ER | XcoffConst.XTY_IMP, smclas);
            }
        }
    }

    /** The package a function is laid out with, or null for a linker-made one (cf. SymPkg). */
    private String pkg(int s) {
        Library lib = ldr.symTextLib(s);
        return lib == null ? null : lib.pkg();
    }

    /** The base-2 logarithm of a symbol's alignment (cf. xcoffAlign). */
    private int align(int s, boolean text) {
        int a = ldr.symAlign(s);
        if (a == 0) {
            a = text ? arch.funcAlign() : symalign(s);
        }
        return XcoffConst.logBase2(a);
    }

    /** cf. symalign, without recording the result. */
    private int symalign(int s) {
        int min = arch.minAlign();
        int a = ldr.symAlign(s);
        if (a >= min) {
            return a;
        } else if (a != 0) {
            return min;
        }
        String n = ldr.symName(s);
        if (n.startsWith("go.string.") || n.startsWith("type..namedata.")) {
            return min;
        }
        a = arch.maxAlign();
        long sz = ldr.symSize(s);
        while (a > sz && a > min) {
            a >>= 1;
        }
        return a;
    }

    /** A function: a label in its package's csect, starting a new file when the package changes (cf. writeSymbolFunc). */
    private void writeSymbolFunc(int s) {
        String n = ldr.symName(s);
        String p = pkg(s);
        if (n.contains("-tramp") || n.startsWith("runtime.text.")) {
            // in the current file
        } else if (p == null) {
            if (!fileName.isEmpty()) {
                throw new IllegalStateException("undefined global symbol found inside another file");
            }
        } else if (!fileName.equals(p)) {
            updatePreviousFile(false);
            fileName = p;
            writeSymbolNewFile(p, ldr.symValue(s), x.scnum(f, s));
        }

        byte[] plain = nameBytes(s);
        byte[] sname = AbiNames.mangle(ldr, s, plain, regabiWrappers);
        recorded.add(s, 3 * 18, sname.length + 1, ldr.symSize(s),
                sname == plain ? null : dev.golink.GoString.decode(sname));
        int e = sym(ldr.symValue(s), addString(sname), x.scnum(f, s), XcoffConst.SYM_TYPE_FUNC,
                hidden(s) ? XcoffConst.C_HIDEXT : XcoffConst.C_EXT, 2);
        long end = ldr.symValue(s) + ldr.symSize(s);
        if (csectVAEnd < end) {
            csectVAEnd = end;
        }
        int fcn = entry(); // cf. XcoffAuxFcn64
        put(fcn, 8, ldr.symSize(s), 4);
        put(fcn, 12, e + 3, 4);
        put(fcn, 17, XcoffConst.AUX_FCN, 1);
        auxCsect(csectSymNb, XcoffConst.XTY_LD | align(s, true) << 3, XcoffConst.XMC_PR);
    }

    /**
     * A new file: its C_FILE entry, a C_DWARF entry per DWARF section for the package's part
     * of it, and the csect its functions are labels of (cf. writeSymbolNewFile).
     */
    private void writeSymbolNewFile(String pkgName, long firstEntry, int extnum) {
        fileEntry = sym(0, addString(".file"), XcoffConst.N_DEBUG, 0, XcoffConst.C_FILE, 1);
        int aux = entry(); // cf. XcoffAuxFile64
        put(aux, 4, addString(pkgName), 4);
        put(aux, 14, XcoffConst.XFT_FN, 1);
        put(aux, 17, XcoffConst.AUX_FILE, 1);

        boolean first = csectAux < 0;
        for (Section sect : ctxt.segments.dwarf.sections) {
            long dwsize = sect.name.equals(".debug_abbrev") ? dwarfSizes.abbrevSize()
                    : dwarfSizes.size(sect.name, pkgName);
            if (first && sect.name.equals(".debug_frame")) {
                dwsize += 48; // the CIE, counted with the first package
            }
            String dwName = XcoffConst.dwarfName(sect.name).name();
            sym(currDwscnoff.getOrDefault(sect.name, 0L), addString(dwName), x.scnum(f, sect), 0,
                    XcoffConst.C_DWARF, 1);
            if (!sect.name.equals(".debug_abbrev")) {
                currDwscnoff.merge(sect.name, dwsize, Long::sum);
            }
            int d = entry(); // cf. XcoffAuxDWARF64
            put(d, 0, dwsize, 8);
            put(d, 17, XcoffConst.AUX_SECT, 1);
        }

        if (extnum != 1) {
            throw new IllegalStateException("XCOFF symtab: A new file was detected with its first symbol not in .text");
        }
        csectSymNb = count;
        sym(firstEntry, 0, extnum, 0, XcoffConst.C_HIDEXT, 1);
        csectAux = auxCsect(0, XcoffConst.XTY_SD | XcoffConst.logBase2(arch.funcAlign()) << 3, XcoffConst.XMC_PR);
        csectVAStart = firstEntry;
        csectVAEnd = firstEntry;
    }

    /** Closes the previous file: where the next one starts (or -1 after the last), its csect's size (cf. updatePreviousFile). */
    private void updatePreviousFile(boolean last) {
        if (fileEntry < 0) {
            return;
        }
        put(fileEntry, 0, last ? -1L : count, 8);
        putScnlen(csectAux, csectVAEnd - csectVAStart);
    }

    /** Writes the entries, then the string table with its length first (cf. xcoffStringTable.write). */
    void write(OutWriter out) {
        out.write(entries, 0, count * 18);
        out.write32(4 + strings.size());
        out.write(strings.toByteArray());
    }
}
