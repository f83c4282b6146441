package dev.golink.pe;

import static dev.golink.sym.Segments.rnd;

import dev.golink.LinkContext;
import dev.golink.LinkException;
import dev.golink.arch.TargetSpec;
import dev.golink.loader.CgoDirectives;
import dev.golink.loader.Library;
import dev.golink.loader.Loader;
import dev.golink.loader.SymbolBuilder;
import dev.golink.outbuf.OutBuf;
import dev.golink.sym.Section;
import dev.golink.sym.Segment;
import dev.golink.sym.SymKind;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The PE side of a windows link (cf. cmd/link pe.go), one instance per link:
 * the DLL imports that the runtime's cgo_import_dynamic directives name
 * (loadcgo), the table of their address slots in the data (dope), and at the
 * end the sections after the segments, the COFF symbol table and the headers
 * (asmbPe). Windows executables of pure Go code import from DLLs only: the
 * Windows loader fills the slots, which the runtime calls through. The import
 * directory is {@link PeImports}, the base relocations {@link PeBaseRelocs}, the
 * symbol table {@link PeSymtab}, the headers {@link PeFile}.
 */
public final class Pe {

    final LinkContext ctxt;
    final Loader ldr;
    /** Where the image is loaded (cf. PEBASE). */
    final long peBase;
    /** Per imported symbol: its name in the DLL (cf. SymExtname) and the DLL (cf. SymDynimplib). */
    private final Map<Integer, String> extname = new HashMap<>();
    private final Map<Integer, String> dynimplib = new HashMap<>();

    /** One imported function (cf. Imp). */
    static final class Imp {
        final int sym;
        final String name;
        /** The RVA of its hint and name in .idata. */
        long off;

        Imp(int sym, String name) {
            this.sym = sym;
            this.name = name;
        }
    }

    /** One DLL and its imports (cf. Dll), each list in cmd/link's order: the last found first. */
    static final class Dll {
        final String name;
        final List<Imp> imports = new ArrayList<>();
        long nameoff;
        long thunkoff;

        Dll(String name) {
            this.name = name;
        }
    }

    /** A part of the file the PE writer makes itself (headers, tables), for the size report. */
    public record Part(String name, long offset, long size) {
    }

    /**
     * The COFF symbol table, for the size report: its offset, its records (each one's symbol, the
     * bytes of its name in the string table, 0 when the record holds it, and the name as written when
     * it is not the loader's), and the string table's offset and size.
     */
    public record SymtabParts(long offset, dev.golink.sym.SymtabEntries entries, long strtabOffset,
            long strtabSize) {
    }

    private final List<Part> parts = new ArrayList<>();
    private SymtabParts symtabParts;

    /** The headers and tables written by {@link #asmbPe}, in file order. */
    public List<Part> parts() {
        return parts;
    }

    public SymtabParts symtabParts() {
        return symtabParts;
    }

    /** The DLLs, the last found first (cf. dr). */
    final List<Dll> dlls = new ArrayList<>();
    /** .windynamic: the slots the loader fills with the imports' addresses (the IAT). */
    int windynamic;

    private Pe(LinkContext ctxt) {
        this.ctxt = ctxt;
        this.ldr = ctxt.loader();
        TargetSpec spec = ctxt.spec();
        this.peBase = spec.textAddr() - rnd(spec.headr(), TargetSpec.PE_SECT_ALIGN);
    }

    /**
     * Applies the cgo_import_dynamic directives of every package (cf. ld.loadcgo):
     * each named local symbol that nobody defines becomes an import from its DLL.
     */
    public static void loadcgo(LinkContext ctxt) {
        Pe pe = new Pe(ctxt);
        ctxt.pe = pe;
        Loader ldr = ctxt.loader();
        for (Library lib : ctxt.libraries()) {
            for (CgoDirectives.DynamicImport imp : CgoDirectives.imports(lib.cgoDirectives())) {
                if (imp.onlyLoadsLibrary()) {
                    continue; // forces a DLL to load: internal linking imports only what is called
                }
                int s = CgoDirectives.importSymbol(ldr, imp);
                if (s != 0) {
                    pe.dynimplib.put(s, imp.library());
                    pe.extname.put(s, imp.remote());
                }
            }
        }
    }

    /** The image base symbols some mingw code looks for (cf. ld.Peinit, from linksetup). */
    public static void peinit(LinkContext ctxt) {
        Loader ldr = ctxt.loader();
        for (String name : new String[] {"__image_base__", "_image_base__"}) {
            SymbolBuilder sb = ldr.createSymForUpdate(name, 0);
            sb.setType(SymKind.SDATA);
            ldr.setSymValue(sb.sym(), ctxt.pe.peBase);
            sb.setSpecial(true);
            sb.setLocal(true);
        }
    }

    /**
     * Groups the reachable imports by DLL and gives each a pointer slot in
     * .windynamic, a null slot ending each DLL's run (cf. ld.(*Link).dope, initdynimport).
     */
    public void dope() throws LinkException {
        int ptrSize = ctxt.ptrSize();
        for (int s = 1, n = ldr.nSym(); s < n; s++) {
            if (!ldr.attrReachable(s) || ldr.symType(s) != SymKind.SDYNIMPORT) {
                continue;
            }
            String lib = dynimplib.getOrDefault(s, "");
            Dll d = null;
            for (Dll x : dlls) {
                if (x.name.equals(lib)) {
                    d = x;
                    break;
                }
            }
            if (d == null) {
                d = new Dll(lib);
                dlls.add(0, d);
            }
            // The runtime writes "%n" after a name for the n words a stdcall function takes
            // (for external linking's decorated names); the import is the bare name.
            String ext = extname.getOrDefault(s, ldr.symName(s));
            int pct = ext.indexOf('%');
            if (pct >= 0) {
                String count = ext.substring(pct + 1);
                if (!count.matches("[+-]?[0-9]+")) {
                    ctxt.diag().error(ldr.symName(s), "failed to parse stdcall decoration: strconv.Atoi: parsing \""
                            + count + "\": invalid syntax");
                }
                ext = ext.substring(0, pct);
            }
            d.imports.add(0, new Imp(s, ext));
        }
        SymbolBuilder dynamic = ldr.createSymForUpdate(".windynamic", 0);
        dynamic.setType(SymKind.SWINDOWS);
        windynamic = dynamic.sym();
        long size = 0;
        for (Dll d : dlls) {
            for (Imp m : d.imports) {
                ldr.makeSymbolUpdater(m.sym).setType(SymKind.SWINDOWS);
                ldr.setSymValue(m.sym, size);
                size += ptrSize;
                dynamic.setSize(size);
                ldr.addInteriorSym(windynamic, m.sym);
            }
            size += ptrSize;
            dynamic.setSize(size);
        }
    }

    // ---------------------------------------------------------------- asmb2

    private static final int SECT_TEXT = PeFile.IMAGE_SCN_CNT_CODE | PeFile.IMAGE_SCN_MEM_EXECUTE
            | PeFile.IMAGE_SCN_MEM_READ;
    private static final int SECT_RDATA = PeFile.IMAGE_SCN_CNT_INITIALIZED_DATA | PeFile.IMAGE_SCN_MEM_READ;
    private static final int SECT_DATA = PeFile.IMAGE_SCN_CNT_INITIALIZED_DATA | PeFile.IMAGE_SCN_MEM_READ
            | PeFile.IMAGE_SCN_MEM_WRITE;

    /**
     * Whether the image carries base relocations, so that Windows may load it
     * anywhere (cf. needPEBaseReloc): cmd/link omits them for x86 without PIE only,
     * and ARM executables are always PIE, so PIE decides.
     */
    boolean needBaseReloc() {
        return ctxt.pie();
    }

    /**
     * Adds the sections for the segments, writes the import directory, base
     * relocations, symbol and string tables past them, then the headers (cf. asmbPe).
     */
    public void asmbPe(OutBuf out) throws LinkException {
        PeFile f = new PeFile(ctxt.ptrSize() == 8, peBase, ctxt.headr);
        var segs = ctxt.segments;
        f.textSect = f.addSection(".text", segs.text.length, segs.text.length);
        f.textSect.characteristics = SECT_TEXT;
        checkSegment(f.textSect, segs.text);
        f.rdataSect = f.addSection(".rdata", segs.rodata.length, segs.rodata.length);
        f.rdataSect.characteristics = SECT_RDATA;
        checkSegment(f.rdataSect, segs.rodata);
        f.dataSect = f.addSection(".data", segs.data.length, segs.data.filelen);
        f.dataSect.characteristics = SECT_DATA;
        checkSegment(f.dataSect, segs.data);

        if (!ctxt.options().stripSymbols() && !ctxt.options().stripDwarf()) {
            Segment dwarf = segs.dwarf;
            for (Section sect : dwarf.sections) {
                PeFile.Section h = f.addDwarfSection(sect.name, sect.length);
                long fileoff = sect.vaddr - dwarf.vaddr + dwarf.fileoff;
                if (h.pointerToRawData != fileoff) {
                    throw new LinkException(String.format("%s.PointerToRawData = %#x, want %#x", sect.name,
                            h.pointerToRawData, fileoff));
                }
            }
        }

        out.seek(f.nextFileOffset);
        new PeImports(this, f).write(out);
        part(f, ".idata", "import directory (.idata)");
        if (needBaseReloc()) {
            PeBaseRelocs.write(this, f, out);
            part(f, ".reloc", "base relocations (.reloc)");
        }

        // The COFF symbol table, then the string table, in a section of their own.
        f.symtabOffset = out.offset();
        if (!ctxt.options().stripSymbols()) {
            new PeSymtab(this, f).write(out);
        }
        long size = f.stringTableSize() + 18L * f.symbols.count();
        PeFile.Section h = f.addSection(".symtab", size, size);
        h.characteristics = PeFile.IMAGE_SCN_MEM_READ | PeFile.IMAGE_SCN_MEM_DISCARDABLE;
        h.checkOffset(f.symtabOffset);
        f.writeStringTable(out);
        h.pad(out, size);
        symtabParts = new SymtabParts(f.symtabOffset, f.symbols, f.symtabOffset + 18L * f.symbols.count(),
                f.stringTableSize());

        f.writeHeaders(out, ctxt.spec().coffMachine(), entryValue(), !needBaseReloc(), needBaseReloc(), ctxt.pie());
        parts.add(0, new Part("PE headers (DOS stub, COFF and optional headers, section table)", 0, out.offset()));
    }

    /** Records the contents of the section just added, without its padding. */
    private void part(PeFile f, String section, String name) {
        PeFile.Section s = f.sections.get(f.sections.size() - 1);
        if (s.name.equals(section)) {
            parts.add(new Part(name, s.pointerToRawData, s.virtualSize));
        }
    }

    private void checkSegment(PeFile.Section sect, Segment seg) throws LinkException {
        if (seg.vaddr - peBase != sect.virtualAddress) {
            throw new LinkException(String.format("%s.VirtualAddress = %#x, want %#x", sect.name, sect.virtualAddress,
                    seg.vaddr - peBase));
        }
        if (seg.fileoff != sect.pointerToRawData) {
            throw new LinkException(String.format("%s.PointerToRawData = %#x, want %#x", sect.name,
                    sect.pointerToRawData, seg.fileoff));
        }
    }

    private long entryValue() {
        int s = ldr.lookup(ctxt.entrySymbol(), 0);
        return s == 0 ? ctxt.textAddr : ldr.symValue(s);
    }
}
