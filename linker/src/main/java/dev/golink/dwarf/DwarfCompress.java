package dev.golink.dwarf;

import dev.golink.LinkContext;
import dev.golink.LinkException;
import dev.golink.data.Relocator;
import dev.golink.loader.Loader;
import dev.golink.loader.SymbolBuilder;
import dev.golink.sym.Section;
import dev.golink.sym.Segment;
import dev.golink.zlib.GoZlibWriter;

import java.util.List;

/**
 * Compresses the DWARF sections after addresses are assigned (cf.
 * ld.dwarfcompress and compressSyms): each section's symbols are relocated
 * and deflated with Go's BestSpeed encoder; a section that does not shrink
 * stays as it was. The dwarf segment's addresses are then laid out again.
 * Sections are independent, so they are compressed in parallel.
 */
final class DwarfCompress {

    private DwarfCompress() {
    }

    static void run(LinkContext ctxt, DwarfState state) throws LinkException {
        CompressionHeader header = CompressionHeader.of(ctxt.isElf(), ctxt.ptrSize());
        Loader ldr = ctxt.loader();
        int um = ldr.lookup("runtime.unreachableMethod", Loader.SYM_VER_ABI_INTERNAL);
        int unreachableMethod = um != 0 ? um : ldr.lookup("runtime.unreachableMethod", Loader.SYM_VER_ABI0);
        long align = ctxt.arch.info().alignment();

        List<int[]> dwarfp = state.dwarfp;
        // Largest sections first, so that the last one to finish is a small one.
        Integer[] order = new Integer[dwarfp.size()];
        long[] sizes = new long[order.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
            for (int s : dwarfp.get(i)) {
                sizes[i] += ldr.symSize(s);
            }
        }
        java.util.Arrays.sort(order, (a, b) -> Long.compare(sizes[b], sizes[a]));
        byte[][] results = new byte[order.length][];
        dev.golink.Parallel.forEach(java.util.Arrays.asList(order), i -> {
            Relocator rel = new Relocator(ldr, ctxt.arch, ctxt.segments, unreachableMethod, ctxt.diag(), state::cuBase);
            results[i] = compressSyms(ldr, rel, dwarfp.get(i), header, align, ctxt);
        });
        List<byte[]> compressed = java.util.Arrays.asList(results);
        ctxt.diag().checkpoint(); // the sections are laid out again from what was compressed

        state.uncompressed.clear();
        state.uncompressed.addAll(dwarfp);
        Segment seg = ctxt.segments.dwarf;
        seg.sections.clear();
        for (int i = 0; i < dwarfp.size(); i++) {
            int[] syms = dwarfp.get(i);
            int s = syms[0];
            Section old = ctxt.segments.byIndex(ldr.symSect(s));
            byte[] z = compressed.get(i);
            if (z == null) {
                seg.sections.add(old);
                continue;
            }
            String name = header.sectionName(old.name);
            Section sect = ctxt.segments.addSection(seg, name, 4);
            sect.align = (int) align;
            sect.length = z.length;
            sect.compressed = true;
            int ns = ldr.createExtSym(name, 0);
            SymbolBuilder nb = ldr.makeSymbolUpdater(ns);
            nb.setData(z);
            nb.setSize(z.length);
            ldr.setSymSect(ns, sect.index);
            for (int old1 : syms) {
                ldr.setAttrReachable(old1, false);
            }
            dwarfp.set(i, new int[] {ns});
        }

        long pos = seg.vaddr;
        Section prev = null;
        // On PE, cmd/link starts each DWARF symbol at the file alignment.
        boolean pe = ctxt.isPe();
        for (int[] syms : dwarfp) {
            for (int s : syms) {
                ldr.setSymValue(s, pos);
                Section sect = ctxt.segments.byIndex(ldr.symSect(s));
                if (sect != prev) {
                    sect.vaddr = pos;
                    prev = sect;
                }
                pos += ldr.symSize(s);
                if (pe) {
                    pos = dev.golink.sym.Segments.rnd(pos, dev.golink.arch.TargetSpec.PE_FILE_ALIGN);
                }
            }
        }
        seg.length = pos - seg.vaddr;
    }

    /** Bytes of symbols relocated at a time, before going to the compressor. */
    private static final int BATCH = 1 << 20;

    /** The header and zlib stream of the relocated symbols, or null when that is no smaller. */
    private static byte[] compressSyms(Loader ldr, Relocator rel, int[] syms, CompressionHeader header, long align,
            LinkContext ctxt) {
        long total = 0;
        for (int s : syms) {
            total += ldr.symSize(s);
        }
        GoZlibWriter z = new GoZlibWriter(header.bytes(total, align, ctxt.byteOrder()), total);
        // Symbols are relocated side by side in one buffer, whose whole blocks the writer
        // compresses in place rather than copying each symbol into its window.
        byte[] buf = new byte[(int) Math.min(total, BATCH)];
        int pos = 0;
        for (int s : syms) {
            int n = ldr.dataSize(s);
            if (n > buf.length - pos) {
                z.write(buf, 0, pos);
                pos = 0;
                if (n > buf.length) {
                    buf = new byte[n];
                }
            }
            ldr.copyData(s, buf, pos);
            rel.relocsym(s, buf, pos, n);
            pos += n;
            long extra = ldr.symSize(s) - n;
            if (extra > 0) {
                z.write(buf, 0, pos);
                pos = 0;
                z.writeZeros(extra);
            }
        }
        z.write(buf, 0, pos);
        byte[] out = z.finish();
        return out.length >= total ? null : out;
    }
}
