package dev.golink.data;

import dev.golink.LinkContext;
import dev.golink.LinkException;
import dev.golink.loader.Generator;
import dev.golink.loader.Loader;
import dev.golink.outbuf.OutView;
import dev.golink.sym.Section;
import dev.golink.sym.Segment;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Copies every section and segment into the sized output (cf. ld.asmb and
 * writeBlocks): the symbols of a region are cut into blocks of about 1 MiB,
 * and each block is assembled in a byte array of its own (gaps padded,
 * symbols copied, their relocations applied, generated symbols filled) and
 * stored with one write through a view of just its range. Blocks are disjoint,
 * so they are written in parallel without locks.
 */
public final class Asmb {

    private static final int BLOCK_SIZE = 1 << 20;
    private static final byte[] ZERO = {0};

    private final LinkContext ctxt;
    private final Loader ldr;
    private final Views out;
    private final byte[] codePad;
    private final int unreachableMethod;
    /** The blocks writeBlocks scheduled, run by join. */
    private final List<Runnable> blocks = new ArrayList<>();

    /** Where blocks go: views of the output file, or of an array (cf. DatblkBytes). */
    private interface Views {
        OutView view(long start, long length);
    }

    private Asmb(LinkContext ctxt) {
        this(ctxt, (start, length) -> ctxt.outBuf.view(start, length));
    }

    private Asmb(LinkContext ctxt, Views out) {
        this.ctxt = ctxt;
        this.ldr = ctxt.loader();
        this.out = out;
        this.codePad = ctxt.arch.info().codePad();
        int um = ldr.lookup("runtime.unreachableMethod", Loader.SYM_VER_ABI_INTERNAL);
        this.unreachableMethod = um != 0 ? um : ldr.lookup("runtime.unreachableMethod", Loader.SYM_VER_ABI0);
    }

    /** Writes text, read-only data and data into the output's fixed part. */
    public static void run(LinkContext ctxt) throws LinkException {
        Asmb a = new Asmb(ctxt);
        a.asmb();
    }

    private void asmb() throws LinkException {
        Segment text = ctxt.segments.text;
        for (Section sect : text.sections) {
            long offset = sect.vaddr - text.vaddr + text.fileoff;
            if (sect.name.equals(".text")) {
                writeBlocks(ctxt.textp, offset, sect.vaddr, sect.length, codePad);
            } else {
                writeBlocks(ctxt.datap, offset, sect.vaddr, sect.length, null);
            }
        }
        for (Segment seg : List.of(ctxt.segments.rodata, ctxt.segments.relrodata, ctxt.segments.data)) {
            if (seg.filelen > 0) {
                writeBlocks(ctxt.datap, seg.fileoff, seg.vaddr, seg.filelen, null);
            }
        }
        // DWARF: its symbols in section order (cf. dwarfblk).
        Segment dwarf = ctxt.segments.dwarf;
        if (ctxt.dwarf != null && dwarf.filelen > 0) {
            writeBlocks(ctxt.dwarf.syms(), dwarf.fileoff, dwarf.vaddr, dwarf.filelen, null);
        }
        join();
    }

    /**
     * The relocated bytes of [addr, addr + size) of the data symbols, in a new
     * array (cf. ld.DatblkBytes): wasm builds its data segments from them.
     */
    public static byte[] datblkBytes(LinkContext ctxt, long addr, long size) throws LinkException {
        byte[] bytes = new byte[Math.toIntExact(size)];
        java.nio.ByteOrder order = ctxt.arch.info().order();
        Asmb a = new Asmb(ctxt, (start, length) -> OutView.over(bytes, order, start, start + length));
        a.writeBlocks(ctxt.datap, 0, addr, size, null);
        a.join();
        ctxt.diag().checkpoint(); // the module is built from these bytes
        return bytes;
    }

    /**
     * Writes the scheduled blocks in parallel, and returns (or throws) only once
     * every writer has ended: a failed link releases the output right after.
     */
    private void join() {
        try {
            dev.golink.Parallel.forEach(blocks, Runnable::run);
        } finally {
            // A failed write or block reaches the phase runner, which says what it was.
            blocks.clear();
        }
    }

    /**
     * Schedules the writing of [addr, addr + size) at file offset {@code fileoff}
     * from {@code syms} (in address order), in blocks.
     */
    private void writeBlocks(int[] syms, long fileoff, long addr, long size, byte[] pad) {
        int i = 0;
        while (i < syms.length && (ldr.symValue(syms[i]) < addr || ldr.attrSubSymbol(syms[i]))) {
            i++;
        }
        long lastAddr = addr + size;
        while (addr < lastAddr) {
            int first = i;
            int end = blockEnd(syms, i, addr, lastAddr);
            // The block runs to the next symbol, so blocks leave no holes.
            long length = 0;
            int next = end;
            while (next < syms.length && ldr.attrSubSymbol(syms[next])) {
                next++;
            }
            if (next < syms.length) {
                length = ldr.symValue(syms[next]) - addr;
            }
            if (length <= 0 || length > lastAddr - addr || end == first) {
                length = lastAddr - addr;
            }
            int from = first;
            int to = end;
            long blockAddr = addr;
            long blockOff = fileoff;
            long blockLen = length;
            OutView view = out.view(blockOff, blockLen);
            blocks.add(() -> writeBlock(view, syms, from, to, blockAddr, blockLen, pad));
            i = end;
            addr += length;
            fileoff += length;
        }
    }

    /**
     * Where the block of {@code syms} from {@code i} on ends: its symbols are taken until the block
     * passes BLOCK_SIZE or the region ends at {@code lastAddr}. (A method of its own, not a loop in
     * writeBlocks' one call: a fresh JVM compiles a method after a few hundred calls, a loop inside
     * one call only after thousands of turns.)
     */
    private int blockEnd(int[] syms, int i, long addr, long lastAddr) {
        int end = i;
        while (end < syms.length) {
            int s = syms[end];
            if (ldr.attrSubSymbol(s)) {
                end++;
                continue;
            }
            long symEnd = ldr.symValue(s) + ldr.symSize(s);
            if (symEnd > lastAddr) {
                break;
            }
            end++;
            if (symEnd > addr + BLOCK_SIZE) {
                break;
            }
        }
        return end;
    }

    /** A worker thread's block buffer and relocator, reused from block to block of this link. */
    private final class Worker {
        byte[] buf = new byte[0];
        final Relocator rel = new Relocator(ldr, ctxt.arch, ctxt.segments, unreachableMethod, ctxt.diag(),
                ctxt.dwarf != null ? ctxt.dwarf::cuBase : null).importRefsStay(ctxt.elfDynamic != null);

        Worker() {
            if (ctxt.xcoff != null) {
                rel.useToc(ctxt.xcoff.relocToc());
            }
        }
    }

    /**
     * Workers not in use. A pool of this link's own, not a ThreadLocal: the shared
     * fork-join threads would keep a ThreadLocal's value, and through it the whole
     * link, alive after the link is over.
     */
    private final ConcurrentLinkedQueue<Worker> idleWorkers = new ConcurrentLinkedQueue<>();

    /** Assembles one block in memory and stores it (cf. writeBlock). */
    private void writeBlock(OutView view, int[] syms, int from, int to, long addr, long size, byte[] pad) {
        Worker w = idleWorkers.poll();
        if (w == null) {
            w = new Worker();
        }
        try {
            writeBlock(w, view, syms, from, to, addr, size, pad);
        } finally {
            idleWorkers.offer(w);
        }
    }

    private void writeBlock(Worker w, OutView view, int[] syms, int from, int to, long addr, long size, byte[] pad) {
        int extent = extent(syms, from, to, addr, size, pad);
        if (w.buf.length < extent) {
            w.buf = new byte[Math.max(extent, BLOCK_SIZE)];
        }
        byte[] buf = w.buf;
        fillPad(buf, 0, extent, pad == null ? ZERO : pad);
        Relocator rel = w.rel;
        long eaddr = addr + size;
        for (int k = from; k < to; k++) {
            int s = syms[k];
            if (ldr.attrSubSymbol(s)) {
                continue;
            }
            long val = ldr.symValue(s);
            if (val >= eaddr) {
                break;
            }
            if (val < addr) {
                ctxt.diag().error(String.format("%s: phase error: addr=%#x but sym=%#x", ldr.symName(s), addr, val));
                return;
            }
            int at = (int) (val - addr);
            long siz = ldr.symSize(s);
            Generator gen = ldr.generator(s);
            int len = ldr.copyData(s, buf, at);
            if (gen != null && len < siz) {
                // A generated symbol owns all its bytes: what its data leaves is zero, then the generator's.
                Arrays.fill(buf, at + len, (int) (at + siz), (byte) 0);
                len = (int) siz;
            }
            // Other symbols shorter than their size keep the padding (zeros for data, pad for text).
            rel.relocsym(s, buf, at, len);
            if (gen != null) {
                gen.generate(s, ByteBuffer.wrap(buf, at, len).slice().order(ctxt.arch.info().order()));
            }
            if (val + siz >= eaddr) {
                break;
            }
        }
        view.write(buf, 0, (int) Math.min(extent, size));
    }

    /**
     * How many bytes from the block's start are assembled and written. A block with code
     * padding is written whole. A data block is written up to the end of its last symbol's
     * content (which may run past the block; only the block is written): the rest are zeros, which the output already holds (a new file, or a new
     * array), so a symbol that declares a large size with little content costs its content,
     * not its size.
     */
    private int extent(int[] syms, int from, int to, long addr, long size, byte[] pad) {
        if (pad != null) {
            return Math.toIntExact(size);
        }
        long eaddr = addr + size;
        long end = 0;
        for (int k = from; k < to; k++) {
            int s = syms[k];
            if (ldr.attrSubSymbol(s)) {
                continue;
            }
            long val = ldr.symValue(s);
            if (val >= eaddr || val < addr) {
                break;
            }
            long siz = ldr.symSize(s);
            long n = ldr.generator(s) != null ? Math.max(siz, ldr.dataSize(s)) : ldr.dataSize(s);
            end = Math.max(end, val - addr + n);
            if (val + siz >= eaddr) {
                break;
            }
        }
        return Math.toIntExact(end);
    }

    /** Fills with the pad, a single byte on every architecture (see {@link dev.golink.arch.ArchInfo}). */
    private static void fillPad(byte[] buf, int from, int to, byte[] pad) {
        Arrays.fill(buf, from, to, pad[0]);
    }
}
