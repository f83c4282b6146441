package dev.golink.macho;

import dev.golink.outbuf.OutWriter;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The Mach-O header and load commands as cmd/link writes them (cf. macho.go's
 * MachoHdr, MachoSeg, MachoSect, MachoLoad and machowrite): segments first,
 * each with its sections, then the other load commands in the order they were
 * made. 64-bit only: golink's darwin targets are amd64 and arm64.
 */
final class MachoFile {

    static final int MH_MAGIC_64 = 0xfeedfacf;
    static final int MH_EXECUTE = 2;
    static final int MH_NOUNDEFS = 0x1;
    static final int MH_DYLDLINK = 0x4;
    static final int MH_PIE = 0x200000;

    static final int LC_SEGMENT_64 = 0x19;
    static final int LC_SYMTAB = 0x2;
    static final int LC_UNIXTHREAD = 0x5;
    static final int LC_DYSYMTAB = 0xb;
    static final int LC_LOAD_DYLIB = 0xc;
    static final int LC_LOAD_DYLINKER = 0xe;
    static final int LC_CODE_SIGNATURE = 0x1d;
    static final int LC_BUILD_VERSION = 0x32;
    static final int LC_DYLD_INFO_ONLY = 0x80000022;
    static final int LC_MAIN = 0x80000028;

    static final int S_ZEROFILL = 0x1;
    static final int S_NON_LAZY_SYMBOL_POINTERS = 0x6;
    static final int S_SYMBOL_STUBS = 0x8;
    static final int S_ATTR_PURE_INSTRUCTIONS = 0x80000000;
    static final int S_ATTR_DEBUG = 0x02000000;
    static final int S_ATTR_SOME_INSTRUCTIONS = 0x400;

    static final class Sect {
        String name;
        String segname;
        long addr;
        long size;
        int off;
        int align;
        int flag;
        int res1;
        int res2;
    }

    static final class Seg {
        final String name;
        long vaddr;
        long vsize;
        long fileoffset;
        long filesize;
        int prot1;
        int prot2;
        int flag;
        final List<Sect> sects = new ArrayList<>();

        Seg(String name) {
            this.name = name;
        }
    }

    /** A load command other than a segment: its type and its 32-bit words after the type and size. */
    record Load(int type, int[] data) {
    }

    int cpu;
    int subcpu;
    final List<Seg> segs = new ArrayList<>();
    final List<Load> loads = new ArrayList<>();

    Seg newSeg(String name) {
        Seg s = new Seg(name);
        segs.add(s);
        return s;
    }

    Sect newSect(Seg seg, String name, String segname) {
        Sect s = new Sect();
        s.name = name;
        s.segname = segname;
        seg.sects.add(s);
        return s;
    }

    int[] newLoad(int type, int ndata) {
        int[] data = new int[ndata];
        loads.add(new Load(type, data));
        return data;
    }

    /** Packs {@code s} NUL-terminated into words from {@code at} (cf. stringtouint32). */
    static void stringToWords(int[] data, int at, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < b.length; i++) {
            data[at + i / 4] |= (b[i] & 0xff) << (8 * (i % 4));
        }
    }

    /** Writes header and commands at the writer's position; returns the bytes written. */
    int write(OutWriter out, int flags) {
        long start = out.offset();
        int nsect = 0;
        for (Seg s : segs) {
            nsect += s.sects.size();
        }
        int loadsize = 18 * 4 * segs.size() + 20 * 4 * nsect;
        for (Load l : loads) {
            loadsize += 4 * (l.data.length + 2);
        }
        out.write32(MH_MAGIC_64);
        out.write32(cpu);
        out.write32(subcpu);
        out.write32(MH_EXECUTE);
        out.write32(loads.size() + segs.size());
        out.write32(loadsize);
        out.write32(flags);
        out.write32(0);
        for (Seg s : segs) {
            out.write32(LC_SEGMENT_64);
            out.write32(72 + 80 * s.sects.size());
            out.writeStringPad(s.name, 16);
            out.write64(s.vaddr);
            out.write64(s.vsize);
            out.write64(s.fileoffset);
            out.write64(s.filesize);
            out.write32(s.prot1);
            out.write32(s.prot2);
            out.write32(s.sects.size());
            out.write32(s.flag);
            for (Sect t : s.sects) {
                out.writeStringPad(t.name, 16);
                out.writeStringPad(t.segname, 16);
                out.write64(t.addr);
                out.write64(t.size);
                out.write32(t.off);
                out.write32(t.align);
                out.write32(0); // reloff: internal linking writes no relocations
                out.write32(0);
                out.write32(t.flag);
                out.write32(t.res1);
                out.write32(t.res2);
                out.write32(0);
            }
        }
        for (Load l : loads) {
            out.write32(l.type);
            out.write32(4 * (l.data.length + 2));
            for (int w : l.data) {
                out.write32(w);
            }
        }
        return (int) (out.offset() - start);
    }
}
