package dev.golink.elf;

import dev.golink.LinkContext;
import dev.golink.ld.AbiNames;
import dev.golink.loader.Loader;
import dev.golink.sym.Section;
import dev.golink.sym.SymKind;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The ELF symbol table and its string table (cf. ld.asmElfSym, genelfsym,
 * putelfsym): a null entry, the "go.go" file entry, then every local symbol,
 * then every global one, each pass in cmd/link's order (text markers, text in
 * address order, then data by symbol index). Built in memory: its size is
 * known only once it is written, so Asmb2 appends it after the mapped part.
 */
final class ElfSymtab {

    static final int STB_LOCAL = 0;
    static final int STB_GLOBAL = 1;
    static final int STT_NOTYPE = 0;
    static final int STT_OBJECT = 1;
    static final int STT_FUNC = 2;
    static final int STT_FILE = 4;
    static final int SHN_ABS = 0xfff1;
    static final int SHN_UNDEF = 0;

    private final LinkContext ctxt;
    private final Loader ldr;
    private final Map<Section, Elf.Shdr> sectShdr;
    private final boolean elf64;
    private final boolean big;
    private final boolean regabiWrappers;
    final ByteArrayOutputStream syms = new ByteArrayOutputStream(1 << 16);
    final ByteArrayOutputStream strs = new ByteArrayOutputStream(1 << 16);
    private final ByteArrayOutputStream name = new ByteArrayOutputStream(128);
    private final byte[] enc = new byte[8];
    int numelfsym = 1;
    /** The loader symbol of each entry (0 for the null and file entries), for -sizereport. */
    int[] entrySyms = new int[1024];
    /** Where each entry's name starts in {@link #strs}; names follow one another in entry order. */
    int[] nameOffsets = new int[1024];
    /** Each entry's st_size. */
    long[] entrySizes = new long[1024];
    private int entries;

    /** Index of the first global symbol (the .symtab header's sh_info). */
    int globalStart;

    ElfSymtab(LinkContext ctxt, Map<Section, Elf.Shdr> sectShdr) {
        this.ctxt = ctxt;
        this.ldr = ctxt.loader();
        this.sectShdr = sectShdr;
        this.elf64 = ctxt.arch.info().elf64();
        this.big = ctxt.arch.info().bigEndian();
        this.regabiWrappers = ctxt.options().config().experiments().regabiWrappers();
    }

    int entries() {
        return entries;
    }

    /** Builds both tables (cf. asmElfSym). */
    void build() {
        putsyment(0, 0, 0, info(STB_LOCAL, STT_NOTYPE), 0);
        putsyment(putstr("go.go".getBytes(StandardCharsets.UTF_8)), 0, 0, info(STB_LOCAL, STT_FILE), SHN_ABS);
        numelfsym++;
        genelfsym(STB_LOCAL);
        globalStart = numelfsym;
        genelfsym(STB_GLOBAL);
    }

    private static int info(int bind, int type) {
        return (bind << 4) | (type & 0xf);
    }

    /** Appends a NUL-terminated name; the table starts with an empty name. */
    private int putstr(byte[] s) {
        if (strs.size() == 0 && s.length != 0) {
            strs.write(0);
        }
        int off = strs.size();
        strs.write(s, 0, s.length);
        strs.write(0);
        return off;
    }

    private void putsyment(int off, long addr, long size, int info, int shndx) {
        putsyment(0, off, addr, size, info, shndx);
    }

    private void putsyment(int sym, int off, long addr, long size, int info, int shndx) {
        if (entries == entrySyms.length) {
            entrySyms = java.util.Arrays.copyOf(entrySyms, entries * 2);
            nameOffsets = java.util.Arrays.copyOf(nameOffsets, entries * 2);
            entrySizes = java.util.Arrays.copyOf(entrySizes, entries * 2);
        }
        entrySyms[entries] = sym;
        entrySizes[entries] = size;
        // The null entry's name is the table's leading NUL, written with the first real name.
        nameOffsets[entries++] = off;
        if (elf64) {
            put(off, 4);
            syms.write(info);
            syms.write(0);
            put(shndx, 2);
            put(addr, 8);
            put(size, 8);
        } else {
            put(off, 4);
            put(addr, 4);
            put(size, 4);
            syms.write(info);
            syms.write(0);
            put(shndx, 2);
        }
    }

    private void put(long v, int n) {
        for (int i = 0; i < n; i++) {
            enc[i] = (byte) (v >>> (8 * (big ? n - 1 - i : i)));
        }
        syms.write(enc, 0, n);
    }

    private void genelfsym(int bind) {
        putsym(ldr.lookup("runtime.text", 0), STT_FUNC, bind);
        var text = ctxt.segments.text.sections;
        for (int n = 1; n < text.size(); n++) {
            if (!text.get(n).name.equals(".text")) {
                break;
            }
            int s = ldr.lookup("runtime.text." + n, 0);
            if (s == 0) {
                break;
            }
            putsym(s, STT_FUNC, bind);
        }
        for (int s : ctxt.textp) {
            putsym(s, STT_FUNC, bind);
        }
        int etext = ldr.lookup("runtime.etext", 0);
        if (etext != 0 && ldr.symType(etext) == SymKind.STEXT) {
            putsym(etext, STT_FUNC, bind);
        }
        for (int s = 1, n = ldr.nSym(); s < n; s++) {
            if (!ldr.attrReachable(s)) {
                continue;
            }
            int st = ldr.symType(s);
            if (st >= SymKind.SELFRXSECT && st < SymKind.SXREF) {
                if (st == SymKind.STLSBSS) {
                    continue; // internal linking: TLS symbols have no ELF entry
                }
                if (!inSymbolTable(s)) {
                    continue;
                }
                putsym(s, STT_OBJECT, bind);
                continue;
            }
            if (st == SymKind.SDYNIMPORT && ctxt.elfDynamic != null) {
                putImport(s, bind);
            }
        }
    }

    /** An import: undefined, no size, named as in its library (cf. putelfsym's SHN_UNDEF case). */
    private void putImport(int x, int curbind) {
        if (ldr.attrLocal(x) ? STB_LOCAL != curbind : STB_GLOBAL != curbind) {
            return;
        }
        String ext = ctxt.elfDynamic.extname.get(x);
        byte[] sname;
        if (ext != null) {
            sname = ext.getBytes(StandardCharsets.UTF_8);
        } else {
            name.reset();
            ldr.writeSymName(x, name);
            sname = name.toByteArray();
        }
        putsyment(x, putstr(replaceMiddleDot(sname)), ldr.symValue(x), 0, info(curbind, STT_NOTYPE), SHN_UNDEF);
        numelfsym++;
    }

    private boolean inSymbolTable(int s) {
        if (ldr.attrNotInSymbolTable(s)) {
            return false;
        }
        if (ldr.symNameIsEmpty(s)) {
            return false;
        }
        name.reset();
        ldr.writeSymName(s, name);
        return name.toByteArray()[0] != '.' || ldr.symVersion(s) >= Loader.SYM_VER_STATIC;
    }

    private void putsym(int x, int type, int curbind) {
        long addr = ldr.symValue(x);
        long size = ldr.symSize(x);
        int xo = ldr.outerSym(x) != 0 ? ldr.outerSym(x) : x;
        Section xosect = ctxt.segments.byIndex(ldr.symSect(xo));
        if (xosect == null || sectShdr.get(xosect) == null) {
            throw new IllegalStateException("missing " + (xosect == null ? "" : "ELF ") + "section in putelfsym for "
                    + ldr.symName(x));
        }
        int shnum = sectShdr.get(xosect).shnum;

        name.reset();
        ldr.writeSymName(x, name);
        byte[] sname = name.toByteArray();
        int ver = ldr.symVersion(x);
        boolean local = (ver >= Loader.SYM_VER_STATIC && !contains(sname, STATIC_TMP)) || ldr.attrLocal(x);
        int bind = local ? STB_LOCAL : STB_GLOBAL;
        if (bind != curbind) {
            return;
        }
        sname = AbiNames.mangle(ldr, x, sname, regabiWrappers);
        sname = replaceMiddleDot(sname);
        putsyment(x, putstr(sname), addr, size, info(bind, type), shnum);
        numelfsym++;
    }

    private static final byte[] STATIC_TMP = ".stmp_".getBytes(StandardCharsets.UTF_8);
    private static final byte[] MIDDLE_DOT = "\u00b7".getBytes(StandardCharsets.UTF_8);

    private static boolean contains(byte[] s, byte[] sub) {
        return indexOf(s, sub, 0) >= 0;
    }

    private static int indexOf(byte[] s, byte[] sub, int from) {
        outer:
        for (int i = from; i + sub.length <= s.length; i++) {
            for (int k = 0; k < sub.length; k++) {
                if (s[i + k] != sub[k]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** cmd/link writes "·" (U+00B7, in assembly names) as ".". */
    private static byte[] replaceMiddleDot(byte[] s) {
        int i = indexOf(s, MIDDLE_DOT, 0);
        if (i < 0) {
            return s;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length);
        int from = 0;
        while (i >= 0) {
            out.write(s, from, i - from);
            out.write('.');
            from = i + MIDDLE_DOT.length;
            i = indexOf(s, MIDDLE_DOT, from);
        }
        out.write(s, from, s.length - from);
        return out.toByteArray();
    }
}
