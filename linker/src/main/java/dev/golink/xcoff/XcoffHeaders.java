package dev.golink.xcoff;

import dev.golink.outbuf.OutWriter;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The file header, the auxiliary header of an executable and the section
 * headers (cf. xcoffFile's xfhdr, xahdr and sections, writeFileHeader and
 * xcoffwrite): the fields are gathered while the rest of the file is written,
 * and the headers are written last, at the start of the file.
 */
final class XcoffHeaders {

    /** One section header (cf. XcoffScnHdr64): the physical address is the virtual one. */
    static final class Section {
        final String name;
        final long vaddr;
        final long size;
        final long scnptr;
        final int flags;

        Section(String name, long vaddr, long size, long scnptr, int flags) {
            this.name = name;
            this.vaddr = vaddr;
            this.size = size;
            this.scnptr = scnptr;
            this.flags = flags;
        }
    }

    final List<Section> sections = new ArrayList<>();

    // The auxiliary header's fields (cf. XcoffAoutHdr64).
    long textStart;
    long dataStart;
    long toc;
    int snEntry;
    int snText;
    int snData;
    int snToc;
    int snLoader;
    int snBss;
    long textSize;
    long dataSize;
    long bssSize;
    long entry;

    /** Adds a section; its number is its position from 1 (cf. addSection). */
    Section addSection(String name, long addr, long size, long fileoff, int flags) {
        Section s = new Section(name, addr, size, fileoff, flags);
        sections.add(s);
        return s;
    }

    /** The number of the section named {@code name}, 0 for none (cf. sectNameToScnum). */
    int scnum(String name) {
        int n = 0;
        for (int i = 0; i < sections.size(); i++) {
            if (sections.get(i).name.equals(name)) {
                n = i + 1; // the last one of that name, as a map keeps it
            }
        }
        return n;
    }

    /**
     * Writes the file header, the auxiliary header of an internally linked executable and the
     * section headers at the writer's position (cf. writeFileHeader, xcoffwrite).
     */
    void write(OutWriter out, long symptr, int nsyms) {
        out.write16(XcoffConst.U64_TOCMAGIC);
        out.write16(sections.size());
        out.write32(0); // time stamp
        out.write64(symptr);
        out.write16(XcoffConst.AOUTHSZ_EXEC64);
        out.write16(XcoffConst.F_EXEC);
        out.write32(nsyms);

        out.write16(0x10b); // o_mmagic
        out.write16(1); // o_vstamp
        out.write32(0); // o_debugger
        out.write64(textStart);
        out.write64(dataStart);
        out.write64(toc);
        out.write16(snEntry);
        out.write16(snText);
        out.write16(snData);
        out.write16(snToc);
        out.write16(snLoader);
        out.write16(snBss);
        out.write16(XcoffConst.logBase2(dev.golink.arch.TargetSpec.XCOFF_SECT_ALIGN)); // o_algntext
        out.write16(5); // o_algndata
        out.write("1L".getBytes(StandardCharsets.US_ASCII)); // o_modtype
        out.zeros(6); // cpu flags and type, page sizes, flags
        out.write64(textSize);
        out.write64(dataSize);
        out.write64(bssSize);
        out.write64(entry);
        out.zeros(16); // o_maxstack, o_maxdata
        out.zeros(16); // .tdata and .tbss section numbers, flags, reserved

        for (Section s : sections) {
            byte[] name = s.name.getBytes(StandardCharsets.US_ASCII);
            out.write(name, 0, Math.min(8, name.length));
            out.zeros(8 - Math.min(8, name.length));
            out.write64(s.vaddr); // s_paddr
            out.write64(s.vaddr);
            out.write64(s.size);
            out.write64(s.scnptr);
            out.write64(0); // s_relptr
            out.write64(0); // s_lnnoptr
            out.write32(0); // s_nreloc
            out.write32(0); // s_nlnno
            out.write32(s.flags);
            out.write32(0); // padding to 72 bytes
        }
    }
}
