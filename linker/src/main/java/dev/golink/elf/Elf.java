package dev.golink.elf;

import static dev.golink.sym.Segments.rnd;

import dev.golink.LinkContext;
import dev.golink.LinkException;
import dev.golink.arch.ArchInfo;
import dev.golink.loader.Loader;
import dev.golink.loader.SymbolBuilder;
import dev.golink.outbuf.OutWriter;
import dev.golink.sym.Section;
import dev.golink.sym.Segment;
import dev.golink.sym.SymKind;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The ELF container (cf. cmd/link ld/elf.go) for statically linked executables,
 * and for dynamic ones whose sections {@link ElfDynamic} makes (Solaris, illumos):
 * {@link #doelf} makes the section-name table before dodata; {@link #asmb2}
 * writes the file header, program headers, section headers, the interpreter's
 * path and the Go build-id note into the reserved first page once everything else
 * is in place. It knows the CPU only through {@link ArchInfo}, the system through
 * the target's {@link dev.golink.arch.ElfOs}.
 */
public final class Elf {

    static final int PT_LOAD = 1;
    static final int PT_DYNAMIC = 2;
    static final int PT_INTERP = 3;
    static final int PT_TLS = 7;
    static final int PT_SUNWSTACK = 0x6ffffffb;
    static final int PT_NOTE = 4;
    static final int PT_PHDR = 6;
    static final int PT_GNU_STACK = 0x6474e551;
    static final int PT_PAX_FLAGS = 0x65041580;
    static final int PT_MIPS_ABIFLAGS = 0x70000003;
    static final int SHT_MIPS_ABIFLAGS = 0x7000002a;
    static final int SHT_GNU_ATTRIBUTES = 0x6ffffff5;
    static final int PF_X = 1;
    static final int PF_W = 2;
    static final int PF_R = 4;
    static final int SHT_PROGBITS = 1;
    static final int SHT_SYMTAB = 2;
    static final int SHT_STRTAB = 3;
    static final int SHT_NOTE = 7;
    static final int SHT_NOBITS = 8;
    static final int SHT_RELA = 4;
    static final int SHT_HASH = 5;
    static final int SHT_DYNAMIC = 6;
    static final int SHT_REL = 9;
    static final int SHT_DYNSYM = 11;
    static final long SHF_TLS = 0x400;
    static final long SHF_WRITE = 1;
    static final long SHF_ALLOC = 2;
    static final long SHF_EXECINSTR = 4;
    static final long SHF_COMPRESSED = 0x800;
    static final int ET_EXEC = 2;
    static final int NOTE_GOBUILDID_TAG = 4;
    static final byte[] NOTE_GO_NAME = {'G', 'o', 0, 0};

    /** A program header. */
    static final class Phdr {
        int type;
        int flags;
        long off;
        long vaddr;
        long paddr;
        long filesz;
        long memsz;
        long align;
    }

    /** A section header; {@link #shnum} is its index. */
    static final class Shdr {
        final int name;
        final int shnum;
        int type;
        long flags;
        long addr;
        long off;
        long size;
        int link;
        int info;
        long addralign;
        long entsize;

        Shdr(int name, int shnum) {
            this.name = name;
            this.shnum = shnum;
        }
    }

    /** A run of the file that the ELF writer itself fills: a header, a note (for -sizereport). */
    public record Part(String name, long offset, long size) {
    }

    /**
     * The symbol table as written (for -sizereport): entry {@code i} is for loader symbol
     * {@code entrySyms[i]} (0 for the null and file entries); its name is
     * [{@code nameOffsets[i]}, {@code nameOffsets[i + 1]}) of {@code strtab}, the last one to its end.
     */
    public record SymtabParts(long offset, int entrySize, int entries, int[] entrySyms, long strtabOffset,
            int[] nameOffsets, byte[] strtab) {
    }

    private final List<Part> parts = new ArrayList<>();
    private SymtabParts symtabParts;

    /** The runs of the file the ELF writer filled in Asmb2, in file order. */
    public List<Part> parts() {
        return parts;
    }

    /** The symbol table as written, or null with -s. */
    public SymtabParts symtabParts() {
        return symtabParts;
    }

    private final LinkContext ctxt;
    private final ArchInfo arch;
    /** The dynamic sections, or null for a static executable (cf. *FlagD). */
    private final ElfDynamic dyn;
    private final boolean elf64;
    /** Section names and their offsets in .shstrtab, in the order added. */
    private final Map<String, Integer> names = new LinkedHashMap<>();
    private final List<Phdr> phdrs = new ArrayList<>();
    private final List<Shdr> shdrs = new ArrayList<>();
    private final Map<Section, Shdr> sectShdr = new java.util.IdentityHashMap<>();
    private final int ehsize;
    private final int phentsize;
    private final int shentsize;

    private Elf(LinkContext ctxt) {
        this.ctxt = ctxt;
        this.arch = ctxt.arch.info();
        this.dyn = ctxt.elfDynamic;
        this.elf64 = arch.elf64();
        this.ehsize = elf64 ? 64 : 52;
        this.phentsize = elf64 ? 56 : 32;
        this.shentsize = elf64 ? 64 : 40;
    }

    /**
     * Makes the ELF-specific linker symbols (cf. ld.(*Link).doelf): .shstrtab
     * with every section name the file may use, and for a dynamic executable
     * the dynamic sections' symbols ({@link ElfDynamic}).
     */
    public static Elf doelf(LinkContext ctxt) throws LinkException {
        if (ctxt.elfDynamic == null) {
            requireStatic(ctxt);
        }
        Elf e = new Elf(ctxt);
        Loader ldr = ctxt.loader();
        SymbolBuilder shstrtab = ldr.createSymForUpdate(".shstrtab", 0);
        shstrtab.setType(SymKind.SELFROSECT);
        boolean stripSymbols = ctxt.options().stripSymbols();
        List<String> list = new ArrayList<>(List.of("", ".text", ".noptrdata", ".data", ".bss", ".noptrbss",
                "__sancov_cntrs", ".go.buildinfo"));
        boolean mips = e.isMips();
        if (mips) {
            list.add(".MIPS.abiflags");
            list.add(".gnu.attributes");
        }
        // With -d (no dynamic loader format, the case for static executables) there is no .tbss.
        if (e.dyn != null) {
            list.add(".tbss");
        }
        if (!ctxt.options().buildId().isEmpty()) {
            list.add(".note.go.buildid");
        }
        list.addAll(List.of(".elfdata", ".rodata", ".typelink", ".itablink", ".gosymtab", ".gopclntab"));
        if (!stripSymbols) {
            list.add(".symtab");
            list.add(".strtab");
            // The DWARF section names, plain and compressed (cf. dwarfaddshstrings).
            if (!ctxt.options().stripDwarf()) {
                for (String sec : List.of("abbrev", "frame", "info", "loc", "line", "gdb_scripts", "ranges")) {
                    list.add(".debug_" + sec);
                    list.add(".zdebug_" + sec);
                }
            }
        }
        list.add(".shstrtab");
        if (e.dyn != null) {
            list.addAll(e.dyn.sectionNames());
        }
        for (String name : list) {
            long off = shstrtab.addCString(dev.golink.GoString.encode(name));
            e.names.putIfAbsent(name, (int) off);
        }
        if (e.dyn != null) {
            e.dyn.doelf();
        }
        if (mips) {
            // GNU attributes: the floating-point ABI, so that the dynamic loader can check it.
            SymbolBuilder attrs = ldr.createSymForUpdate(".gnu.attributes", 0);
            attrs.setType(SymKind.SELFROSECT);
            attrs.setReachable(true);
            attrs.addUint8('A'); // format version
            attrs.addUint32(15); // length of the "gnu" subsection, itself included
            attrs.addBytes(new byte[] {'g', 'n', 'u', 0});
            attrs.addUint8(1); // tag: the whole file
            attrs.addUint32(7); // length of the file attributes, tag included
            attrs.addUint8(4); // Tag_GNU_MIPS_ABI_FP
            attrs.addUint8(e.mipsFpAbi());
        }
        return e;
    }

    /**
     * golink writes static executables only, which is what cmd/link writes when
     * no package imports a symbol from a shared library (it then sets -d). A
     * cgo_import_dynamic directive would make cmd/link write a dynamic
     * executable: refuse rather than write a different file.
     */
    private static void requireStatic(LinkContext ctxt) throws LinkException {
        for (dev.golink.loader.Library lib : ctxt.libraries()) {
            for (List<String> d : lib.cgoDirectives()) {
                if (d.size() >= 2 && d.size() <= 4 && d.get(0).equals("cgo_import_dynamic")) {
                    throw new LinkException(lib.file() + ": package " + lib.pkg()
                            + " imports symbols from shared libraries (cgo_import_dynamic " + d.get(1)
                            + "): golink links static executables only; build with CGO_ENABLED=0");
                }
            }
        }
    }

    /** 32-bit MIPS (cf. ctxt.IsMIPS): its ELF files carry ABI flags and GNU attributes. */
    private boolean isMips() {
        return mipsFpAbi() != 0;
    }

    private int mipsFpAbi() {
        return ctxt.arch.elfMipsFpAbi();
    }

    // ---------------------------------------------------------------- headers

    private Phdr newPhdr() {
        Phdr p = new Phdr();
        phdrs.add(p);
        return p;
    }

    /** The header of the section called {@code name}, made on first use (cf. elfshname). */
    private Shdr shname(String name) throws LinkException {
        Integer off = names.get(name);
        if (off == null) {
            throw new LinkException("cannot find elf name " + name);
        }
        for (Shdr sh : shdrs) {
            if (sh.name == off) {
                return sh;
            }
        }
        return newShdr(off);
    }

    private Shdr newShdr(int nameOff) {
        Shdr sh = new Shdr(nameOff, shdrs.size());
        shdrs.add(sh);
        return sh;
    }

    private Shdr shalloc(Section sect) throws LinkException {
        Shdr sh = shname(sect.name);
        sectShdr.put(sect, sh);
        return sh;
    }

    /** Section headers of the sections Asmb wrote, in segment order (cf. Asmbelfsetup). */
    private void setup() throws LinkException {
        shname(""); // the null section header comes first
        for (Segment seg : ctxt.segments.all()) {
            for (Section sect : seg.sections) {
                if (sect.name.equals(".text")) {
                    // Several .text sections share one name: each gets its own header.
                    sectShdr.computeIfAbsent(sect, x -> newShdr(names.get(".text")));
                } else {
                    shalloc(sect);
                }
            }
        }
    }

    private void shbits(Section sect) throws LinkException {
        Shdr sh = sect.name.equals(".text") ? sectShdr.get(sect) : shalloc(sect);
        if (sh.type > 0) {
            return;
        }
        Segment seg = sect.seg;
        sh.type = sect.vaddr < seg.vaddr + seg.filelen ? SHT_PROGBITS : SHT_NOBITS;
        sh.flags = SHF_ALLOC;
        if ((sect.rwx & 1) != 0) {
            sh.flags |= SHF_EXECINSTR;
        }
        if ((sect.rwx & 2) != 0) {
            sh.flags |= SHF_WRITE;
        }
        boolean tbss = sect.name.equals(".tbss");
        if (tbss) {
            sh.flags |= SHF_TLS;
            sh.type = SHT_NOBITS;
        }
        sh.addr = sect.vaddr;
        if (sect.name.startsWith(".debug") || sect.name.startsWith(".zdebug")) {
            sh.flags = 0;
            sh.addr = 0;
            if (sect.compressed) {
                sh.flags |= SHF_COMPRESSED;
            }
        }
        sh.addralign = sect.align;
        sh.size = sect.length;
        if (!tbss) {
            sh.off = seg.fileoff + sect.vaddr - seg.vaddr;
        }
    }

    /** Sets a header's address, offset and size from a symbol laid out in a segment (cf. shsym). */
    private void shsym(Shdr sh, int s) throws LinkException {
        Loader ldr = ctxt.loader();
        long addr = ldr.symValue(s);
        if ((sh.flags & SHF_ALLOC) != 0) {
            sh.addr = addr;
        }
        sh.off = datoff(s, addr);
        sh.size = ldr.symSize(s);
    }

    private long datoff(int s, long addr) throws LinkException {
        Segment data = ctxt.segments.data;
        Segment text = ctxt.segments.text;
        if (Long.compareUnsigned(addr, data.vaddr) >= 0) {
            return addr - data.vaddr + data.fileoff;
        }
        if (Long.compareUnsigned(addr, text.vaddr) >= 0) {
            return addr - text.vaddr + text.fileoff;
        }
        throw new LinkException(ctxt.loader().symName(s) + ": invalid datoff " + Long.toHexString(addr));
    }

    private Phdr phload(Segment seg) {
        Phdr ph = newPhdr();
        ph.type = PT_LOAD;
        if ((seg.rwx & 4) != 0) {
            ph.flags |= PF_R;
        }
        if ((seg.rwx & 2) != 0) {
            ph.flags |= PF_W;
        }
        if ((seg.rwx & 1) != 0) {
            ph.flags |= PF_X;
        }
        ph.vaddr = seg.vaddr;
        ph.paddr = seg.vaddr;
        ph.memsz = seg.length;
        ph.off = seg.fileoff;
        ph.filesz = seg.filelen;
        ph.align = ctxt.round;
        return ph;
    }

    private static void phsh(Phdr ph, Shdr sh) {
        ph.vaddr = sh.addr;
        ph.paddr = ph.vaddr;
        ph.off = sh.off;
        ph.filesz = sh.size;
        ph.memsz = sh.size;
        ph.align = sh.addralign;
    }

    /** Places a note just below {@code resoff} in the reserved page; returns the bytes it takes (cf. elfnote). */
    private static long note(Shdr sh, long startva, long resoff, long sz) {
        long n = 3 * 4 + sz + resoff % 4;
        sh.type = SHT_NOTE;
        sh.flags = SHF_ALLOC;
        sh.addralign = 4;
        sh.addr = startva + resoff - n;
        sh.off = resoff - n;
        sh.size = n - resoff % 4;
        return n;
    }

    // ---------------------------------------------------------------- Asmb2

    /**
     * Writes the headers (cf. asmbElf). Runs after Asmb; moves the text
     * segment's start down to the program headers, as cmd/link does.
     */
    public void asmb2(OutWriter out) throws LinkException {
        boolean stripSymbols = ctxt.options().stripSymbols();
        setup();
        ElfSymtab symtab = null;
        byte[] strtab = null;
        long symo = 0;
        if (!stripSymbols) {
            Segment dwarf = ctxt.segments.dwarf;
            symo = rnd(dwarf.fileoff + dwarf.filelen, arch.ptrSize());
            symtab = new ElfSymtab(ctxt, sectShdr);
            try {
                symtab.build();
            } catch (IllegalStateException e) {
                throw new LinkException(e.getMessage(), e);
            }
            out.seek(symo);
            out.write(symtab.syms.toByteArray());
            strtab = symtab.strs.toByteArray();
            out.write(strtab);
        }
        Loader ldr = ctxt.loader();
        Segment text = ctxt.segments.text;
        long elfreserve = dev.golink.arch.TargetSpec.Container.ELF.headr(); // cf. ld.ELFRESERVE
        int numtext = 0;
        for (Section s : text.sections) {
            if (s.name.equals(".text")) {
                numtext++;
            }
        }
        if (numtext > 4) {
            elfreserve += elfreserve + numtext * 64L * 2;
        }
        long startva = ctxt.textAddr - ctxt.headr;
        long resoff = elfreserve;

        Phdr pph = newPhdr();
        pph.type = PT_PHDR;
        pph.flags = PF_R;
        pph.off = ehsize;
        pph.vaddr = ctxt.textAddr - ctxt.headr + pph.off;
        pph.paddr = pph.vaddr;
        pph.align = ctxt.round;

        // The program headers must be in a loaded segment: extend text down to them.
        long o = text.vaddr - pph.vaddr;
        text.vaddr -= o;
        text.length += o;
        o = text.fileoff - pph.off;
        text.fileoff -= o;
        text.filelen += o;

        Shdr interp = null;
        byte[] interpBytes = ctxt.spec().elfOs().interpreter().getBytes(StandardCharsets.UTF_8);
        if (dyn != null) {
            // The dynamic loader's path, at the top of the reserved page (cf. elfinterp).
            interp = shname(".interp");
            interp.type = SHT_PROGBITS;
            interp.flags = SHF_ALLOC;
            interp.addralign = 1;
            long n = interpBytes.length + 1;
            interp.addr = startva + resoff - n;
            interp.off = resoff - n;
            interp.size = n;
            resoff -= n;
            Phdr ph = newPhdr();
            ph.type = PT_INTERP;
            ph.flags = PF_R;
            phsh(ph, interp);
        }

        Phdr pnote = null;
        String buildId = ctxt.options().buildId();
        byte[] buildIdBytes = buildId.getBytes(StandardCharsets.UTF_8);
        Shdr buildIdSh = null;
        if (!buildId.isEmpty()) {
            buildIdSh = shname(".note.go.buildid");
            resoff -= note(buildIdSh, startva, resoff, NOTE_GO_NAME.length + rnd(buildIdBytes.length, 4));
            pnote = newPhdr();
            pnote.type = PT_NOTE;
            pnote.flags = PF_R;
            phsh(pnote, buildIdSh);
        }

        phload(text);
        if (!ctxt.segments.rodata.sections.isEmpty()) {
            phload(ctxt.segments.rodata);
        }
        if (!ctxt.segments.relrodata.sections.isEmpty()) {
            throw new LinkException("relro segment is not supported for executables");
        }
        phload(ctxt.segments.data);

        if (dyn != null) {
            dynamicHeaders();
        }

        switch (ctxt.spec().elfOs().stack()) {
            case GNU_STACK_AND_PAX -> {
                // Linux: a non-executable stack, and PaX flags that disable mprotect, randexec and emutramp.
                Phdr stack = newPhdr();
                stack.type = PT_GNU_STACK;
                stack.flags = PF_W + PF_R;
                stack.align = arch.regSize();
                Phdr pax = newPhdr();
                pax.type = PT_PAX_FLAGS;
                pax.flags = 0x2a00;
                pax.align = arch.regSize();
            }
            case SUNW_STACK -> {
                Phdr stack = newPhdr();
                stack.type = PT_SUNWSTACK;
                stack.flags = PF_W + PF_R;
            }
            case NONE -> {
            }
        }

        Shdr sh = shname(".shstrtab");
        sh.type = SHT_STRTAB;
        sh.addralign = 1;
        shsym(sh, ldr.lookup(".shstrtab", 0));
        int shstrndx = sh.shnum;
        Shdr abiflags = null;
        if (isMips()) {
            abiflags = shname(".MIPS.abiflags");
            abiflags.type = SHT_MIPS_ABIFLAGS;
            abiflags.flags = SHF_ALLOC;
            abiflags.addralign = 8;
            // 24 bytes just below the notes in the reserved page.
            abiflags.addr = startva + resoff - 24;
            abiflags.off = resoff - 24;
            abiflags.size = 24;
            resoff -= 24;
            Phdr ph = newPhdr();
            ph.type = PT_MIPS_ABIFLAGS;
            ph.flags = PF_R;
            phsh(ph, abiflags);
            Shdr attrs = shname(".gnu.attributes");
            attrs.type = SHT_GNU_ATTRIBUTES;
            attrs.addralign = 1;
            shsym(attrs, ldr.lookup(".gnu.attributes", 0));
        }
        if (!stripSymbols) {
            shname(".symtab");
            shname(".strtab");
        }

        for (Segment seg : ctxt.segments.all()) {
            for (Section sect : seg.sections) {
                shbits(sect);
            }
        }

        if (symtab != null) {
            Shdr st = shname(".symtab");
            st.type = SHT_SYMTAB;
            st.off = symo;
            st.size = symtab.syms.size();
            st.addralign = arch.regSize();
            st.entsize = 8 + 2L * arch.regSize();
            st.link = shname(".strtab").shnum;
            st.info = symtab.globalStart;
            Shdr str = shname(".strtab");
            str.type = SHT_STRTAB;
            str.off = symo + symtab.syms.size();
            str.size = symtab.strs.size();
            str.addralign = 1;
        }

        long entry = entryValue();
        pph.filesz = (long) phdrs.size() * phentsize;
        pph.memsz = pph.filesz;

        if (symtab != null) {
            symtabParts = new SymtabParts(symo, 8 + 2 * arch.regSize(), symtab.entries(), symtab.entrySyms, symo
                    + symtab.syms.size(), symtab.nameOffsets, strtab);
        }
        parts.add(new Part("ELF header", 0, ehsize));
        parts.add(new Part("program headers", ehsize, (long) phdrs.size() * phentsize));
        parts.add(new Part("section headers", ehsize + (long) phdrs.size() * phentsize,
                (long) shdrs.size() * shentsize));
        if (abiflags != null) {
            parts.add(new Part(".MIPS.abiflags", abiflags.off, abiflags.size));
        }
        if (interp != null) {
            parts.add(new Part(".interp", interp.off, interp.size));
        }
        if (buildIdSh != null) {
            parts.add(new Part(".note.go.buildid", buildIdSh.off, buildIdSh.size));
        }
        out.seek(0);
        long a = 0;
        a += writeEhdr(out, entry, shstrndx);
        for (Phdr ph : phdrs) {
            a += writePhdr(out, ph);
        }
        for (Shdr s : shdrs) {
            a += writeShdr(out, s);
        }
        if (interp != null) {
            out.seek(interp.off);
            out.write(interpBytes);
            out.write8(0);
            a += interp.size;
        }
        if (abiflags != null) {
            out.seek(abiflags.off);
            out.write16(0); // version
            out.write8(32); // ISA level: MIPS32
            out.write8(1); // ISA revision
            out.write8(1); // GPR size: 32 bits
            out.write8(1); // CPR1 size: 32 bits
            out.write8(0); // CPR2 size
            out.write8(mipsFpAbi());
            out.write32(0); // ISA extensions
            out.write32(0); // ASEs
            out.write32(0); // flags1
            out.write32(0); // flags2
            a += abiflags.size;
        }
        if (buildIdSh != null) {
            out.seek(buildIdSh.off);
            out.write32(NOTE_GO_NAME.length);
            out.write32(buildIdBytes.length);
            out.write32(NOTE_GOBUILDID_TAG);
            out.write(NOTE_GO_NAME);
            out.write(buildIdBytes);
            out.zeros(rnd(buildIdBytes.length, 4) - buildIdBytes.length);
            a += buildIdSh.size;
        }
        if (a > elfreserve || a > ctxt.headr) {
            throw new LinkException("ELFRESERVE too small: " + a + " > " + elfreserve + " with " + numtext
                    + " text sections");
        }
    }

    /**
     * The headers of the dynamic sections, PT_DYNAMIC, and PT_TLS for the thread-local block
     * (cf. the !*FlagD part of asmbElf).
     */
    private void dynamicHeaders() throws LinkException {
        int regSize = arch.regSize();
        Shdr sh = shname(".dynsym");
        sh.type = SHT_DYNSYM;
        sh.flags = SHF_ALLOC;
        sh.entsize = elf64 ? 24 : 16;
        sh.addralign = regSize;
        sh.link = shname(".dynstr").shnum;
        // The index of the first non-local symbol, counted over .dynsym and its sub-symbols: it has
        // none, and is not local itself, so 1.
        sh.info = 1;
        shsym(sh, dyn.dynsym);

        sh = shname(".dynstr");
        sh.type = SHT_STRTAB;
        sh.flags = SHF_ALLOC;
        sh.addralign = 1;
        shsym(sh, dyn.dynstr);

        // .gnu.version and .gnu.version_r get headers of their own only when an import names a
        // version (cf. elfverneed); golink's never do, so they are plain sections.
        boolean rela = dyn.relType.equals(".rela");
        sh = shname(dyn.relType + ".plt");
        sh.type = rela ? SHT_RELA : SHT_REL;
        sh.flags = SHF_ALLOC;
        sh.entsize = rela ? 24 : 8;
        sh.addralign = rela ? regSize : 4;
        sh.link = shname(".dynsym").shnum;
        if (rela) {
            sh.info = shname(".plt").shnum;
        }
        shsym(sh, dyn.relPlt);

        sh = shname(dyn.relType);
        sh.type = rela ? SHT_RELA : SHT_REL;
        sh.flags = SHF_ALLOC;
        sh.entsize = rela ? 24 : 8;
        sh.addralign = rela ? 8 : 4;
        sh.link = shname(".dynsym").shnum;
        shsym(sh, dyn.rel);

        sh = shname(".plt");
        sh.type = SHT_PROGBITS;
        sh.flags = SHF_ALLOC + SHF_EXECINSTR;
        sh.entsize = ctxt.arch.elfDynamic().pltEntrySize();
        sh.addralign = sh.entsize;
        shsym(sh, dyn.pltSym);

        sh = shname(".got");
        sh.type = SHT_PROGBITS;
        sh.flags = SHF_ALLOC + SHF_WRITE;
        sh.entsize = regSize;
        sh.addralign = regSize;
        shsym(sh, dyn.got);

        sh = shname(".got.plt");
        sh.type = SHT_PROGBITS;
        sh.flags = SHF_ALLOC + SHF_WRITE;
        sh.entsize = regSize;
        sh.addralign = regSize;
        shsym(sh, dyn.gotplt);

        sh = shname(".hash");
        sh.type = SHT_HASH;
        sh.flags = SHF_ALLOC;
        sh.entsize = 4;
        sh.addralign = regSize;
        sh.link = shname(".dynsym").shnum;
        shsym(sh, dyn.hash);

        sh = shname(".dynamic");
        sh.type = SHT_DYNAMIC;
        sh.flags = SHF_ALLOC + SHF_WRITE;
        sh.entsize = 2L * regSize;
        sh.addralign = regSize;
        sh.link = shname(".dynstr").shnum;
        shsym(sh, dyn.dynamic);
        Phdr ph = newPhdr();
        ph.type = PT_DYNAMIC;
        ph.flags = PF_R + PF_W;
        phsh(ph, sh);

        long tlssize = 0;
        for (Section sect : ctxt.segments.data.sections) {
            if (sect.name.equals(".tbss")) {
                tlssize = sect.length;
            }
        }
        if (tlssize != 0) {
            Phdr tls = newPhdr();
            tls.type = PT_TLS;
            tls.flags = PF_R;
            tls.memsz = tlssize;
            tls.align = regSize;
        }
    }

    private long entryValue() {
        Loader ldr = ctxt.loader();
        int s = ldr.lookup(ctxt.entrySymbol(), 0);
        if (s == 0 || ldr.symType(s) == 0) {
            return ctxt.textAddr;
        }
        return ldr.symValue(s);
    }

    private int writeEhdr(OutWriter out, long entry, int shstrndx) {
        out.write(new byte[] {0x7f, 'E', 'L', 'F', (byte) (elf64 ? 2 : 1), (byte) (arch.bigEndian() ? 2 : 1), 1,
                (byte) ctxt.spec().elfOs().osabi(), 0, 0, 0, 0, 0, 0, 0, 0});
        out.write16(ET_EXEC);
        out.write16(arch.elfMachine());
        out.write32(1);
        long phoff = ehsize;
        long shoff = ehsize + (long) phdrs.size() * phentsize;
        if (elf64) {
            out.write64(entry);
            out.write64(phoff);
            out.write64(shoff);
        } else {
            out.write32(entry);
            out.write32(phoff);
            out.write32(shoff);
        }
        out.write32(arch.elfFlags());
        out.write16(ehsize);
        out.write16(phentsize);
        out.write16(phdrs.size());
        out.write16(shentsize);
        out.write16(shdrs.size());
        out.write16(shstrndx);
        return ehsize;
    }

    private int writePhdr(OutWriter out, Phdr e) {
        if (e.type == PT_LOAD) {
            // Start the mapping at a page boundary.
            long frag = e.vaddr & (e.align - 1);
            e.off -= frag;
            e.vaddr -= frag;
            e.paddr -= frag;
            e.filesz += frag;
            e.memsz += frag;
        }
        out.write32(e.type);
        if (elf64) {
            out.write32(e.flags); // ELF64 moved the flags next to the type, for alignment
        }
        writeWord(out, e.off);
        writeWord(out, e.vaddr);
        writeWord(out, e.paddr);
        writeWord(out, e.filesz);
        writeWord(out, e.memsz);
        if (!elf64) {
            out.write32(e.flags);
        }
        writeWord(out, e.align);
        return phentsize;
    }

    private int writeShdr(OutWriter out, Shdr e) {
        out.write32(e.name);
        out.write32(e.type);
        writeWord(out, e.flags);
        writeWord(out, e.addr);
        writeWord(out, e.off);
        writeWord(out, e.size);
        out.write32(e.link);
        out.write32(e.info);
        writeWord(out, e.addralign);
        writeWord(out, e.entsize);
        return shentsize;
    }

    /** An address, offset or size field: 8 bytes in ELF64, 4 in ELF32. */
    private void writeWord(OutWriter out, long v) {
        if (elf64) {
            out.write64(v);
        } else {
            out.write32(v);
        }
    }
}
