package dev.golink.data;

import dev.golink.LinkContext;
import dev.golink.LinkException;
import dev.golink.loader.Loader;
import dev.golink.sym.Section;
import dev.golink.sym.Segment;

import java.util.List;

/**
 * Before anything is written: every symbol's bytes must end where its size
 * says, as cmd/link checks while it copies them (cf. ld.writeBlock's "phase
 * error: addr=... value+size=..."). A symbol whose data is longer than its
 * size (a damaged object) would run into the next one; cmd/link stops at the
 * first such symbol of a region, and so does this check.
 */
public final class PhaseCheck {

    private PhaseCheck() {
    }

    public static void run(LinkContext ctxt) throws LinkException {
        if (ctxt.isWasm()) {
            return; // wasm lays out its text as functions, not as blocks of an address range
        }
        Loader ldr = ctxt.loader();
        Segment text = ctxt.segments.text;
        for (Section sect : text.sections) {
            check(ctxt, ldr, sect.name.equals(".text") ? ctxt.textp : ctxt.datap, sect.vaddr, sect.length);
        }
        for (Segment seg : List.of(ctxt.segments.rodata, ctxt.segments.relrodata, ctxt.segments.data)) {
            if (seg.filelen > 0) {
                check(ctxt, ldr, ctxt.datap, seg.vaddr, seg.filelen);
            }
        }
    }

    private static void check(LinkContext ctxt, Loader ldr, int[] syms, long addr, long size) throws LinkException {
        long eaddr = addr + size;
        for (int s : syms) {
            if (ldr.attrSubSymbol(s)) {
                continue;
            }
            long val = ldr.symValue(s);
            if (val >= eaddr) {
                break;
            }
            if (val < addr) {
                continue; // before this region, or overlapping: Asmb reports it
            }
            addr = check(ctxt, ldr, s, val);
            if (val + ldr.symSize(s) >= eaddr) {
                break;
            }
        }
    }

    /**
     * Checks symbol {@code s} at {@code val}; returns where it ends. (The loop's body, a method:
     * in a fresh JVM a method is compiled after a few hundred calls, a loop in one call only
     * after thousands of turns.)
     */
    private static long check(LinkContext ctxt, Loader ldr, int s, long val) throws LinkException {
        long siz = ldr.symSize(s);
        long end = Math.max(val + ldr.dataSize(s), val + siz);
        if (end != val + siz) {
            ctxt.diag().error(ldr.errorPrefix(s),
                    String.format("phase error: addr=%#x value+size=%#x", end, val + siz));
            ctxt.diag().checkpoint();
        }
        return end;
    }
}
