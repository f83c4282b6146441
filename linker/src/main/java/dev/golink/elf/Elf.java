package dev.golink.elf;

import static dev.golink.sym.Segments.rnd;

import dev.golink.LinkContext;
import dev.golink.LinkException;
import dev.golink.arch.ArchInfo;
import dev.golink.arch.ElfOs;
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
 * The ELF container (cf. cmd/link ld/elf.go): {@link #doelf} makes the section-name
 * table before dodata; {@link #asmb2} writes the file header, program headers,
 * section headers and the notes (and .interp) into the reserved first page once
 * everything else is in place. Executables are static unless the target calls libc
 * (the BSD and Solaris libc ports) or the link makes a position-independent executable
 * (android: ET_DYN, its relro data in a PT_GNU_RELRO segment), whose dynamic-loader sections
 * are {@link ElfDynamic}'s. It knows the CPU
 * only through {@link ArchInfo} (and, for the PLT, ElfDynArch); the OS through the
 * spec's {@link ElfOs}.
 */
public final class Elf {

    static final int PT_LOAD = 1;
    static final int PT_NOTE = 4;
    static final int PT_PHDR = 6;
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
    static final long SHF_WRITE = 1;
    static final long SHF_ALLOC = 2;
    static final long SHF_EXECINSTR = 4;
    static final long SHF_COMPRESSED = 0x800;
    static final long SHF_TLS = 0x400;
    static final int PT_INTERP = 3;
    static final int PT_DYNAMIC = 2;
    static final int PT_TLS = 7;
    static final int SHT_RELA = 4;
    static final int SHT_HASH = 5;
    static final int SHT_DYNAMIC = 6;
    static final int SHT_REL = 9;
    static final int SHT_DYNSYM = 11;
    static final int ET_EXEC = 2;
    static final int ET_DYN = 3;
    static final int PT_GNU_RELRO = 0x6474e552;
    /** The prefix of sections of read-only data that relocations write (cf. genrelrosecname). */
    public static final String RELRO_PREFIX = ".data.rel.ro";
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
     * [{@code nameOffsets[i]}, {@code nameOffsets[i + 1]}) of {@code strtab}, the last one to its end;
     * {@code sizes[i]} is its st_size (0 for an import, whatever the loader's size).
     */
    public record SymtabParts(long offset, int entrySize, int entries, int[] entrySyms, long[] sizes,
            long strtabOffset, int[] nameOffsets, byte[] strtab) {
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
        this.elf64 = arch.elf64();
        this.ehsize = elf64 ? 64 : 52;
        this.phentsize = elf64 ? 56 : 32;
        this.shentsize = elf64 ? 64 : 40;
    }

    /**
     * Makes the ELF-specific linker symbols (cf. ld.(*Link).doelf): .shstrtab
     * with every section name the file may use. Static executables only: no
     * dynamic sections.
     */
    public static Elf doelf(LinkContext ctxt) throws LinkException {
        ElfDynamic dyn = dynamicLoader(ctxt);
        if (dyn == null) {
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
        if (dyn != null) {
            list.add(".tbss");
        }
        ElfOs os = ctxt.spec().elfOs();
        if (os.ident() != null) {
            list.add(os.ident().section());
        }
        if (!ctxt.buildId().isEmpty()) {
            list.add(".note.go.buildid");
        }
        list.add(".elfdata");
        list.add(".rodata");
        // Read-only data that relocations write is .data.rel.ro* (the loader protects it after relocating).
        String relro = ctxt.useRelro() ? RELRO_PREFIX : "";
        if (ctxt.useRelro()) {
            list.add(RELRO_PREFIX);
        }
        for (String name : List.of(".typelink", ".itablink", ".gosymtab", ".gopclntab")) {
            list.add(relro + name);
        }
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
        if (dyn != null) {
            list.addAll(dyn.sectionNames());
        }
        for (String name : list) {
            long off = shstrtab.addCString(dev.golink.GoString.encode(name));
            e.names.putIfAbsent(name, (int) off);
        }
        if (dyn != null) {
            dyn.doelf();
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

    /** The dynamic-loader half, or null for a static executable (cmd/link's -d). */
    private static ElfDynamic dynamicLoader(LinkContext ctxt) {
        ElfDynamic d = ctxt.elfDynamic;
        return d != null && d.loaderFormat() ? d : null;
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
        covers(ph, seg);
        return ph;
    }

    /** Makes {@code ph} describe the whole segment, in memory and in the file, page-aligned. */
    private void covers(Phdr ph, Segment seg) {
        ph.vaddr = seg.vaddr;
        ph.paddr = seg.vaddr;
        ph.memsz = seg.length;
        ph.off = seg.fileoff;
        ph.filesz = seg.filelen;
        ph.align = ctxt.round;
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

        ElfDynamic dyn = dynamicLoader(ctxt);
        Shdr interpSh = null;
        byte[] interp = null;
        if (dyn != null) {
            interpSh = shname(".interp");
            interpSh.type = SHT_PROGBITS;
            interpSh.flags = SHF_ALLOC;
            interpSh.addralign = 1;
            interp = dyn.interpreter.getBytes(StandardCharsets.UTF_8);
            long n = interp.length + 1;
            interpSh.addr = startva + resoff - n;
            interpSh.off = resoff - n;
            interpSh.size = n;
            resoff -= n;
            Phdr ph = newPhdr();
            ph.type = PT_INTERP;
            ph.flags = PF_R;
            phsh(ph, interpSh);
        }

        ElfOs os = ctxt.spec().elfOs();
        Shdr identSh = null;
        if (os.ident() != null) {
            // NetBSD and OpenBSD want the ident note in a segment of its own.
            identSh = shname(os.ident().section());
            resoff -= note(identSh, startva, resoff, os.ident().payloadSize());
            Phdr pnotei = newPhdr();
            pnotei.type = PT_NOTE;
            pnotei.flags = PF_R;
            phsh(pnotei, identSh);
        }

        Phdr pnote = null;
        String buildId = ctxt.buildId();
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
        Segment relro = ctxt.segments.relrodata;
        if (!relro.sections.isEmpty()) {
            phload(relro);
            // The loader makes it read-only once it has relocated it (cf. elfphrelro).
            Phdr ph = newPhdr();
            ph.type = PT_GNU_RELRO;
            covers(ph, relro);
        }
        phload(ctxt.segments.data);
        if (dyn != null) {
            dynamicHeaders(dyn);
        }

        // What the OS wants to know of the stack (Linux: not executable, and PaX flags that
        // disable mprotect, randexec and emutramp).
        for (ElfOs.StackPhdr sp : os.stackPhdrs()) {
            Phdr ph = newPhdr();
            ph.type = sp.type();
            ph.flags = sp.flags();
            ph.align = sp.registerAlign() ? arch.regSize() : 0;
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
            symtabParts = new SymtabParts(symo, 8 + 2 * arch.regSize(), symtab.entries(), symtab.entrySyms,
                    symtab.entrySizes, symo + symtab.syms.size(), symtab.nameOffsets, strtab);
        }
        parts.add(new Part("ELF header", 0, ehsize));
        parts.add(new Part("program headers", ehsize, (long) phdrs.size() * phentsize));
        parts.add(new Part("section headers", ehsize + (long) phdrs.size() * phentsize,
                (long) shdrs.size() * shentsize));
        if (abiflags != null) {
            parts.add(new Part(".MIPS.abiflags", abiflags.off, abiflags.size));
        }
        // In file order: the notes and .interp were placed downwards from the end of the reserve.
        if (buildIdSh != null) {
            parts.add(new Part(".note.go.buildid", buildIdSh.off, buildIdSh.size));
        }
        if (identSh != null) {
            parts.add(new Part(os.ident().section(), identSh.off, identSh.size));
        }
        if (interpSh != null) {
            parts.add(new Part(".interp", interpSh.off, interpSh.size));
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
        if (interpSh != null) {
            out.seek(interpSh.off);
            out.write(interp);
            out.write8(0);
            a += interpSh.size;
        }
        if (identSh != null) {
            ElfOs.IdentNote n = os.ident();
            out.seek(identSh.off);
            out.write32(n.namesz());
            out.write32(4);
            out.write32(n.tag());
            out.write(n.name());
            out.write32(n.version());
            a += identSh.size;
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

    /** The dynamic loader's sections and their program headers (cf. asmbElf's !FlagD part). */
    private void dynamicHeaders(ElfDynamic dyn) throws LinkException {
        Loader ldr = ctxt.loader();
        int reg = arch.regSize();
        Shdr sh = shname(".dynsym");
        sh.type = SHT_DYNSYM;
        sh.flags = SHF_ALLOC;
        sh.entsize = dyn.symSize();
        sh.addralign = reg;
        sh.link = shname(".dynstr").shnum;
        // The number of local symbols: the null entry.
        sh.info = 1;
        shsym(sh, dyn.dynsym);
        sh = shname(".dynstr");
        sh.type = SHT_STRTAB;
        sh.flags = SHF_ALLOC;
        sh.addralign = 1;
        shsym(sh, dyn.dynstr);
        if (dyn.verneed != 0) {
            throw new LinkException("golink does not write versioned dynamic imports");
        }
        boolean rela = dyn.relType.equals(".rela");
        sh = shname(dyn.relType + ".plt");
        sh.type = rela ? SHT_RELA : SHT_REL;
        sh.flags = SHF_ALLOC;
        sh.entsize = rela ? 24 : 8;
        sh.addralign = rela ? reg : 4;
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
        sh.entsize = dyn.arch.pltEntsize();
        sh.addralign = sh.entsize;
        shsym(sh, dyn.pltSym);
        sh = shname(".got");
        sh.type = SHT_PROGBITS;
        sh.flags = SHF_ALLOC + SHF_WRITE;
        sh.entsize = reg;
        sh.addralign = reg;
        shsym(sh, dyn.gotSym);
        sh = shname(".got.plt");
        sh.type = SHT_PROGBITS;
        sh.flags = SHF_ALLOC + SHF_WRITE;
        sh.entsize = reg;
        sh.addralign = reg;
        shsym(sh, dyn.gotPlt);
        sh = shname(".hash");
        sh.type = SHT_HASH;
        sh.flags = SHF_ALLOC;
        sh.entsize = 4;
        sh.addralign = reg;
        sh.link = shname(".dynsym").shnum;
        shsym(sh, dyn.hash);
        sh = shname(".dynamic");
        sh.type = SHT_DYNAMIC;
        sh.flags = SHF_ALLOC + SHF_WRITE;
        sh.entsize = 2L * reg;
        sh.addralign = reg;
        sh.link = shname(".dynstr").shnum;
        shsym(sh, dyn.dynamic);
        Phdr ph = newPhdr();
        ph.type = PT_DYNAMIC;
        ph.flags = PF_R + PF_W;
        phsh(ph, sh);
        // The thread-local block: only its size.
        long tlssize = 0;
        for (Section sect : ctxt.segments.data.sections) {
            if (sect.name.equals(".tbss")) {
                tlssize = sect.length;
            }
        }
        if (tlssize != 0) {
            ph = newPhdr();
            ph.type = PT_TLS;
            ph.flags = PF_R;
            ph.memsz = tlssize;
            ph.align = reg;
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
                (byte) ctxt.spec().elfOs().osabi(),
                0, 0, 0, 0, 0, 0, 0, 0});
        out.write16(ctxt.pie() ? ET_DYN : ET_EXEC);
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
