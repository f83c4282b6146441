package dev.golink.pe;

import static dev.golink.sym.Segments.rnd;

import dev.golink.LinkException;
import dev.golink.arch.TargetSpec;
import dev.golink.outbuf.OutWriter;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The COFF file of a PE executable (cf. cmd/link's peFile): its sections, which
 * take virtual addresses and file offsets in the order they are added, the
 * string table that holds long names, the data directory, and the writing of
 * the DOS stub, COFF header, optional header and section table.
 */
final class PeFile {

    static final int IMAGE_SCN_CNT_CODE = 0x20;
    static final int IMAGE_SCN_CNT_INITIALIZED_DATA = 0x40;
    static final int IMAGE_SCN_ALIGN_1BYTES = 0x00100000;
    static final int IMAGE_SCN_MEM_DISCARDABLE = 0x02000000;
    static final int IMAGE_SCN_MEM_EXECUTE = 0x20000000;
    static final int IMAGE_SCN_MEM_READ = 0x40000000;
    static final int IMAGE_SCN_MEM_WRITE = 0x80000000;

    static final int IMAGE_DIRECTORY_ENTRY_IMPORT = 1;
    static final int IMAGE_DIRECTORY_ENTRY_BASERELOC = 5;
    static final int IMAGE_DIRECTORY_ENTRY_IAT = 12;

    private static final int IMAGE_FILE_RELOCS_STRIPPED = 0x1;
    private static final int IMAGE_FILE_EXECUTABLE_IMAGE = 0x2;
    private static final int IMAGE_FILE_LARGE_ADDRESS_AWARE = 0x20;
    private static final int IMAGE_FILE_32BIT_MACHINE = 0x100;
    private static final int IMAGE_FILE_DEBUG_STRIPPED = 0x200;
    private static final int IMAGE_SUBSYSTEM_WINDOWS_CUI = 3;
    private static final int IMAGE_DLLCHARACTERISTICS_HIGH_ENTROPY_VA = 0x20;
    private static final int IMAGE_DLLCHARACTERISTICS_DYNAMIC_BASE = 0x40;
    private static final int IMAGE_DLLCHARACTERISTICS_NX_COMPAT = 0x100;
    private static final int IMAGE_DLLCHARACTERISTICS_TERMINAL_SERVER_AWARE = 0x8000;

    /** The oldest Windows the executable declares it runs on: 6.1, Windows 7. */
    private static final int MIN_OS_MAJOR = 6;
    private static final int MIN_OS_MINOR = 1;

    /**
     * A 16-bit program that prints "This program cannot be run in DOS mode."; its
     * word at 0x3c points at the PE signature, which follows it.
     */
    private static final byte[] DOS_STUB = dosStub();

    private static byte[] dosStub() {
        byte[] b = new byte[128];
        // "MZ", the MS-DOS header's sizes and registers, then at 0x3c the offset of the PE signature.
        int[] head = {0x4d, 0x5a, 0x90, 0, 0x03, 0, 0x04, 0, 0, 0, 0, 0, 0xff, 0xff, 0, 0, 0x8b, 0, 0, 0, 0, 0, 0, 0,
            0x40};
        for (int i = 0; i < head.length; i++) {
            b[i] = (byte) head[i];
        }
        b[0x3c] = (byte) 0x80;
        int[] code = {0x0e, 0x1f, 0xba, 0x0e, 0x00, 0xb4, 0x09, 0xcd, 0x21, 0xb8, 0x01, 0x4c, 0xcd, 0x21};
        for (int i = 0; i < code.length; i++) {
            b[0x40 + i] = (byte) code[i];
        }
        byte[] msg = "This program cannot be run in DOS mode.\r\r\n$".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(msg, 0, b, 0x4e, msg.length);
        return b;
    }

    /** One entry of the section table (cf. peSection). */
    static final class Section {
        final String name;
        String shortName;
        final int index;
        long virtualSize;
        final long virtualAddress;
        long sizeOfRawData;
        final long pointerToRawData;
        int characteristics;

        Section(String name, int index, long virtualAddress, long pointerToRawData) {
            this.name = name;
            this.shortName = name;
            this.index = index;
            this.virtualAddress = virtualAddress;
            this.pointerToRawData = pointerToRawData;
        }

        /** cmd/link's check that the section starts where the writer stands (cf. checkOffset). */
        void checkOffset(long off) throws LinkException {
            if (off != pointerToRawData) {
                throw new LinkException(String.format("%s.PointerToRawData = %#x, want %#x", name, pointerToRawData, off));
            }
        }

        /** Zeros up to the section's raw size, after {@code n} bytes of content (cf. pad). */
        void pad(OutWriter out, long n) {
            out.zeros(sizeOfRawData - n);
        }
    }

    private final boolean pe64;
    private final long peBase;
    private final long fileHeadr;
    final List<Section> sections = new ArrayList<>();
    /** The COFF string table's strings, each NUL-terminated, after its 4-byte length. */
    private final ByteArrayOutputStream strings = new ByteArrayOutputStream();
    long nextSectOffset;
    long nextFileOffset;
    final long[][] dataDirectory = new long[16][2];
    Section textSect;
    Section rdataSect;
    Section dataSect;
    long symtabOffset;
    /**
     * Per COFF symbol record, for the size report: the symbol, the record, the bytes of its name in
     * the string table (0: in the record), and the name when it is not the loader's (".abi0").
     */
    final dev.golink.sym.SymtabEntries symbols = new dev.golink.sym.SymtabEntries();

    PeFile(boolean pe64, long peBase, long fileHeadr) {
        this.pe64 = pe64;
        this.peBase = peBase;
        this.fileHeadr = fileHeadr;
        this.nextSectOffset = rnd(fileHeadr, TargetSpec.PE_SECT_ALIGN);
        this.nextFileOffset = fileHeadr;
    }

    /** Adds a section of {@code sectsize} bytes in memory and {@code filesize} in the file (cf. addSection). */
    Section addSection(String name, long sectsize, long filesize) {
        Section s = new Section(name, sections.size() + 1, nextSectOffset, nextFileOffset);
        nextSectOffset = rnd(nextSectOffset + sectsize, TargetSpec.PE_SECT_ALIGN);
        if (filesize > 0) {
            s.virtualSize = sectsize;
            s.sizeOfRawData = rnd(filesize, TargetSpec.PE_FILE_ALIGN);
            nextFileOffset += s.sizeOfRawData;
        } else {
            s.sizeOfRawData = sectsize;
        }
        sections.add(s);
        return s;
    }

    /**
     * Adds a DWARF section: its name is longer than the header's 8 bytes, so the
     * header holds "/" and the name's offset in the string table (cf. addDWARFSection).
     */
    Section addDwarfSection(String name, long size) throws LinkException {
        if (size == 0) {
            throw new LinkException("DWARF section \"" + name + "\" is empty");
        }
        int off = addString(name.getBytes(StandardCharsets.UTF_8));
        Section h = addSection(name, size, size);
        h.shortName = "/" + off;
        h.characteristics = IMAGE_SCN_ALIGN_1BYTES | IMAGE_SCN_MEM_READ | IMAGE_SCN_MEM_DISCARDABLE
                | IMAGE_SCN_CNT_INITIALIZED_DATA;
        return h;
    }

    /** Appends a string to the string table, returning its offset, which counts the 4-byte length. */
    int addString(byte[] s) {
        int off = stringTableSize();
        strings.write(s, 0, s.length);
        strings.write(0);
        return off;
    }

    int stringTableSize() {
        return strings.size() + 4;
    }

    void writeStringTable(OutWriter out) {
        out.write32(stringTableSize());
        out.write(strings.toByteArray());
    }

    /**
     * Writes the DOS stub, the PE signature, the COFF header, the optional header and the
     * section table at the start of the file (cf. pewrite).
     *
     * @param machine    the COFF machine
     * @param entry      the entry point's address
     * @param relocsStripped whether the image has no base relocations (x86 without PIE)
     * @param dynamicBase  whether the image may be moved: it has base relocations
     * @param highEntropy  whether the image takes any 64-bit address (PIE)
     */
    void writeHeaders(OutWriter out, int machine, long entry, boolean relocsStripped, boolean dynamicBase,
            boolean highEntropy) {
        out.seek(0);
        out.write(DOS_STUB);
        out.writeStringPad("PE", 4);

        // COFF file header; no time stamp, so that the same inputs give the same bytes.
        out.write16(machine);
        out.write16(sections.size());
        out.write32(0);
        out.write32(symtabOffset);
        out.write32(symbols.count());
        out.write16(pe64 ? 240 : 224);
        int characteristics = IMAGE_FILE_EXECUTABLE_IMAGE | IMAGE_FILE_DEBUG_STRIPPED;
        if (relocsStripped) {
            characteristics |= IMAGE_FILE_RELOCS_STRIPPED;
        }
        characteristics |= pe64 ? IMAGE_FILE_LARGE_ADDRESS_AWARE : IMAGE_FILE_32BIT_MACHINE;
        out.write16(characteristics);

        // Optional header, PE32+ or PE32.
        out.write16(pe64 ? 0x20b : 0x10b);
        out.write8(3); // linker version 3.0
        out.write8(0);
        out.write32(textSect.sizeOfRawData);
        out.write32(dataSect.sizeOfRawData);
        out.write32(0);
        out.write32(entry - peBase);
        out.write32(textSect.virtualAddress);
        if (pe64) {
            out.write64(peBase);
        } else {
            out.write32(dataSect.virtualAddress);
            out.write32(peBase);
        }
        out.write32(TargetSpec.PE_SECT_ALIGN);
        out.write32(TargetSpec.PE_FILE_ALIGN);
        out.write16(MIN_OS_MAJOR);
        out.write16(MIN_OS_MINOR);
        out.write16(1); // image version 1.0
        out.write16(0);
        out.write16(MIN_OS_MAJOR);
        out.write16(MIN_OS_MINOR);
        out.write32(0);
        out.write32(nextSectOffset);
        out.write32(fileHeadr);
        out.write32(0);
        out.write16(IMAGE_SUBSYSTEM_WINDOWS_CUI);
        int dll = IMAGE_DLLCHARACTERISTICS_TERMINAL_SERVER_AWARE | IMAGE_DLLCHARACTERISTICS_NX_COMPAT;
        if (dynamicBase) {
            dll |= IMAGE_DLLCHARACTERISTICS_DYNAMIC_BASE;
        }
        if (highEntropy && pe64) {
            dll |= IMAGE_DLLCHARACTERISTICS_HIGH_ENTROPY_VA;
        }
        out.write16(dll);
        // The main thread's stack: reserved, and a page committed (the runtime sizes its own).
        if (pe64) {
            out.write64(0x200000);
            out.write64(0x1000);
            out.write64(0x100000);
            out.write64(0x1000);
        } else {
            out.write32(0x100000);
            out.write32(0x1000);
            out.write32(0x100000);
            out.write32(0x1000);
        }
        out.write32(0);
        out.write32(16);
        for (long[] d : dataDirectory) {
            out.write32(d[0]);
            out.write32(d[1]);
        }

        for (Section s : sections) {
            out.writeStringPad(s.shortName, 8);
            out.write32(s.virtualSize);
            out.write32(s.virtualAddress);
            out.write32(s.sizeOfRawData);
            out.write32(s.pointerToRawData);
            out.write32(0);
            out.write32(0);
            out.write16(0);
            out.write16(0);
            out.write32(s.characteristics);
        }
    }
}
