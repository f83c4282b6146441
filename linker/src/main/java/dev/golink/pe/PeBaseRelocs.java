package dev.golink.pe;

import static dev.golink.goobj.RelocTypes.R_ADDR;

import dev.golink.LinkException;
import dev.golink.loader.Loader;
import dev.golink.loader.Relocs;
import dev.golink.outbuf.OutWriter;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * The base relocation table (cf. addPEBaseReloc): every absolute address the
 * link stored, which Windows adjusts when it loads the image elsewhere than its
 * base. One block per 4 KiB page, pages in address order, entries in the order
 * of text then data symbols.
 */
final class PeBaseRelocs {

    private static final int IMAGE_REL_BASED_HIGHLOW = 3;
    private static final int IMAGE_REL_BASED_DIR64 = 10;
    /** Types from here on are host object relocations. */
    private static final int ELF_RELOC_OFFSET = 256;
    private static final int R_DWARFFILEREF = dev.golink.goobj.RelocTypes.R_DWARFFILEREF;

    private PeBaseRelocs() {
    }

    static void write(Pe pe, PeFile f, OutWriter out) throws LinkException {
        Loader ldr = pe.ldr;
        TreeMap<Long, List<Integer>> blocks = new TreeMap<>();
        Relocs r = ldr.relocs();
        for (int[] syms : new int[][] {pe.ctxt.textp, pe.ctxt.datap}) {
            for (int s : syms) {
                r.reset(s);
                for (int i = 0, n = r.count(); i < n; i++) {
                    int type = r.type(i);
                    if (type >= ELF_RELOC_OFFSET || r.siz(i) == 0 || type == R_DWARFFILEREF || r.sym(i) == 0
                            || !ldr.attrReachable(s) || type != R_ADDR) {
                        continue;
                    }
                    long addr = ldr.symValue(s) + r.off(i) - pe.peBase;
                    int kind = switch (r.siz(i)) {
                        case 4 -> IMAGE_REL_BASED_HIGHLOW;
                        case 8 -> IMAGE_REL_BASED_DIR64;
                        default -> throw new LinkException("unsupported relocation size " + r.siz(i));
                    };
                    blocks.computeIfAbsent(addr & ~0xfffL, k -> new ArrayList<>()).add((int) (addr & 0xfff) | kind << 12);
                }
            }
        }
        long startoff = out.offset();
        for (var e : blocks.entrySet()) {
            List<Integer> entries = e.getValue();
            out.write32(e.getKey());
            out.write32(8 + 2L * entries.size());
            for (int v : entries) {
                out.write16(v);
            }
        }
        long size = out.offset() - startoff;
        PeFile.Section rsect = f.addSection(".reloc", size, size);
        rsect.characteristics = PeFile.IMAGE_SCN_CNT_INITIALIZED_DATA | PeFile.IMAGE_SCN_MEM_READ
                | PeFile.IMAGE_SCN_MEM_DISCARDABLE;
        rsect.checkOffset(startoff);
        rsect.pad(out, size);
        f.dataDirectory[PeFile.IMAGE_DIRECTORY_ENTRY_BASERELOC][0] = rsect.virtualAddress;
        f.dataDirectory[PeFile.IMAGE_DIRECTORY_ENTRY_BASERELOC][1] = rsect.virtualSize;
    }
}
