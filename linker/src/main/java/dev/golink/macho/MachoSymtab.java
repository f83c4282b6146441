package dev.golink.macho;

import dev.golink.gosort.GoSort;
import dev.golink.ld.AbiNames;
import dev.golink.loader.Loader;
import dev.golink.loader.SymbolBuilder;
import dev.golink.sym.Section;
import dev.golink.sym.SymKind;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The Mach-O symbol table (cf. collectmachosyms, machosymorder, machosymtab):
 * local symbols, then exported, then imported ones, each group ordered by
 * name. The order is fixed in dodata, because an import's number in it goes
 * into the indirect tables; the entries are written once addresses are known.
 * Every name gets the system toolchain's "_" prefix.
 */
final class MachoSymtab {

    static final int KIND_LOCAL = 0;
    static final int KIND_EXTDEF = 1;
    static final int KIND_UNDEF = 2;

    private final Macho m;
    private final Loader ldr;
    final int[] nkind = new int[3];
    private int[] sortsym = new int[64];
    private int n;
    /** Each listed symbol's place in the table (cf. SymDynid). */
    private final java.util.Map<Integer, Integer> dynid = new java.util.HashMap<>();

    MachoSymtab(Macho m) {
        this.m = m;
        this.ldr = m.ldr;
    }

    int[] sortsymArray() {
        return sortsym;
    }

    int nsortsym() {
        return n;
    }

    int dynid(int s) {
        Integer i = dynid.get(s);
        return i == null ? -1 : i;
    }

    private int symkind(int s) {
        // Pure Go programs export nothing through cgo, so only imports stand apart.
        return ldr.symType(s) == SymKind.SDYNIMPORT ? KIND_UNDEF : KIND_LOCAL;
    }

    private void addsym(int s) {
        if (n == sortsym.length) {
            sortsym = Arrays.copyOf(sortsym, n * 2);
        }
        sortsym[n++] = s;
        nkind[symkind(s)]++;
    }

    /** cf. collectmachosyms. */
    private void collect() {
        int s = ldr.lookup("runtime.text", 0);
        if (s != 0 && ldr.symType(s) == SymKind.STEXT) {
            addsym(s);
        }
        java.util.List<Section> text = m.ctxt.segments.text.sections;
        for (int i = 1; i < text.size(); i++) {
            s = ldr.lookup("runtime.text." + i, 0);
            if (s == 0) {
                break;
            }
            addsym(s);
        }
        s = ldr.lookup("runtime.etext", 0);
        if (s != 0 && ldr.symType(s) == SymKind.STEXT) {
            addsym(s);
        }
        for (int t : m.ctxt.textp) {
            addsym(t);
        }
        boolean inode64 = m.arch.inode64() && m.ctxt.spec().machoPlatform() == dev.golink.arch.TargetSpec.PLATFORM_MACOS;
        for (s = 1; s < ldr.nSym(); s++) {
            if (!ldr.attrReachable(s)) {
                continue;
            }
            int t = ldr.symType(s);
            if (t >= SymKind.SELFRXSECT && t < SymKind.SXREF) {
                if (t == SymKind.STLSBSS) {
                    continue; // darwin has no TLS section
                }
                if (!shouldBeInSymbolTable(s)) {
                    continue;
                }
                addsym(s);
            }
            if (t == SymKind.SDYNIMPORT || t == SymKind.SHOSTOBJ || t == SymKind.SUNDEFEXT) {
                addsym(s);
            }
            // macOS/amd64 (not iOS) gives a few libSystem functions an inode64 suffix.
            if (t == SymKind.SDYNIMPORT && inode64 && "/usr/lib/libSystem.B.dylib".equals(m.dynimplib.get(s))) {
                String e = m.extname.get(s);
                if ("fdopendir".equals(e) || "readdir_r".equals(e) || "getfsstat".equals(e)) {
                    m.extname.put(s, e + "$INODE64");
                }
            }
        }
    }

    private boolean shouldBeInSymbolTable(int s) {
        if (ldr.attrNotInSymbolTable(s)) {
            return false;
        }
        String name = ldr.symName(s);
        return !name.isEmpty() && name.charAt(0) != '.';
    }

    /** Collects and orders the table and numbers its symbols (cf. machosymorder). */
    void machosymorder() {
        collect();
        final int[] syms = sortsym;
        final int[] kinds = new int[n];
        final byte[][] names = new byte[n][];
        for (int i = 0; i < n; i++) {
            kinds[i] = symkind(syms[i]);
            names[i] = dev.golink.GoString.encode(m.extname(syms[i]));
        }
        // sort.Slice: unstable, so ties (equal names) land where Go's pdqsort puts them.
        GoSort.sort(new GoSort.Data() {
            @Override
            public int len() {
                return n;
            }

            @Override
            public boolean less(int i, int j) {
                if (kinds[i] != kinds[j]) {
                    return kinds[i] < kinds[j];
                }
                return Arrays.compareUnsigned(names[i], names[j]) < 0;
            }

            @Override
            public void swap(int i, int j) {
                int t = syms[i];
                syms[i] = syms[j];
                syms[j] = t;
                t = kinds[i];
                kinds[i] = kinds[j];
                kinds[j] = t;
                byte[] b = names[i];
                names[i] = names[j];
                names[j] = b;
            }
        });
        for (int i = 0; i < n; i++) {
            dynid.put(syms[i], i);
        }
    }

    /**
     * Per entry of the symbol table, in order, for the size report: its symbol, the bytes of its
     * nlist entry and of its name in the string table ('_', the name, NUL), and the name without
     * the '_' when it is not the loader's (an import's remote name, ".abi0").
     */
    final dev.golink.sym.SymtabEntries entries = new dev.golink.sym.SymtabEntries();

    /** Writes the nlist entries and their names (cf. machosymtab). */
    void machosymtab() {
        SymbolBuilder symtab = ldr.makeSymbolUpdater(m.symtabSym);
        SymbolBuilder symstr = ldr.makeSymbolUpdater(m.symstrSym);
        for (int i = 0; i < n; i++) {
            int s = sortsym[i];
            long nameStart = symstr.size();
            symtab.addUint32(symstr.size());
            String ext = m.extname.get(s);
            String plain = ext != null ? ext : ldr.symName(s);
            // DTrace cannot handle the middle dot.
            String name = AbiNames.mangle(ldr, s, plain.replace('\u00b7', '.'),
                    m.ctxt.options().config().experiments().regabiWrappers());
            symstr.addUint8('_');
            symstr.addCString(dev.golink.GoString.encode(name));
            // An nlist entry gives no size (-1): tools infer one from the next symbol's address.
            // (replace and AbiNames.mangle return the same String when they change nothing.)
            boolean asLoader = ext == null ? name == plain : name.equals(ldr.symName(s));
            entries.add(s, 16, (int) (symstr.size() - nameStart), -1, asLoader ? null : name);
            int t = ldr.symType(s);
            if (t == SymKind.SDYNIMPORT || t == SymKind.SHOSTOBJ || t == SymKind.SUNDEFEXT) {
                symtab.addUint8(0x01); // N_EXT, undefined
                symtab.addUint8(0);
                symtab.addUint16(0);
                symtab.addUint64(0);
            } else {
                symtab.addUint8(0x0e); // N_SECT
                int o = ldr.outerSym(s);
                if (o == 0) {
                    o = s;
                }
                int si = ldr.symSect(o);
                symtab.addUint8(si == 0 ? 0 : m.ctxt.segments.byIndex(si).extnum);
                symtab.addUint16(0);
                symtab.addUint64(ldr.symValue(s));
            }
        }
    }
}
