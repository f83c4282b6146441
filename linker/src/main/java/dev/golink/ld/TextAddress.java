package dev.golink.ld;

import static dev.golink.sym.Segments.rnd;

import dev.golink.LinkContext;
import dev.golink.LinkException;
import dev.golink.arch.Arch;
import dev.golink.loader.Loader;
import dev.golink.loader.SymbolBuilder;
import dev.golink.sym.Section;
import dev.golink.sym.Segments;
import dev.golink.sym.SymKind;

/**
 * Assigns addresses to text (cf. ld.(*Link).textaddress): makes the .text
 * section, defines runtime.text and runtime.etext around it, and lays the
 * functions of {@code ctxt.textp} out in order, each at its alignment (the
 * architecture's function alignment unless it asks for more) and at least
 * {@link #MINFUNC} bytes apart so that findfunctab can tell them apart. When
 * the text is larger than the architecture's call reach (or with
 * {@code -debugtramp=2}), a second pass lays each function out again, followed
 * by the trampolines {@link Trampolines} makes for its calls.
 */
public final class TextAddress {

    /** Minimum spacing of functions (cf. ld.MINFUNC). */
    public static final int MINFUNC = 16;

    private TextAddress() {
    }

    public static void run(LinkContext ctxt) throws LinkException {
        Loader ldr = ctxt.loader();
        Arch arch = ctxt.arch;
        int funcAlign = arch.info().funcAlign();
        Section sect = ctxt.segments.addSection(ctxt.segments.text, ".text", 05);
        sect.align = funcAlign;

        int text = xdefine(ldr, "runtime.text", SymKind.STEXT, 0);
        int etext = xdefine(ldr, "runtime.etext", SymKind.STEXT, 0);
        ldr.setSymSect(text, sect.index);

        boolean wasm = ctxt.isWasm();
        long start = rnd(ctxt.textAddr, funcAlign);
        sect.vaddr = start;
        long limit = arch.trampLimit() == 0 ? Long.MAX_VALUE : arch.trampLimit();
        if (ctxt.options().debugTramp() > 1) {
            limit = 1; // every program takes the trampoline path
        }

        int[] textp = ctxt.textp;
        long va = start;
        boolean big = false;
        for (int s : textp) {
            va = assignAddress(ldr, sect, s, va, funcAlign, wasm);
            if (va - start >= limit) {
                big = true;
                break;
            }
        }

        if (big) {
            // Start over, laying each function's trampolines right after it.
            for (int s : textp) {
                if (ldr.outerSym(s) != 0 || s == text) {
                    continue;
                }
                long oldv = ldr.symValue(s);
                for (int sub = s; sub != 0; sub = ldr.subSym(sub)) {
                    ldr.setSymValue(sub, ldr.symValue(sub) - oldv);
                }
            }
            va = start;
            // Architectures whose calls reach everywhere have no pass, as in cmd/link.
            Trampolines tramps = arch.needsTrampolines() ? new Trampolines(ctxt, arch) : null;
            int laid = 0;
            for (int s : textp) {
                va = assignAddress(ldr, sect, s, va, funcAlign, wasm);
                if (tramps != null) {
                    tramps.resolve(s);
                    for (; laid < tramps.count(); laid++) {
                        va = assignAddress(ldr, sect, tramps.get(laid), va, funcAlign, wasm);
                    }
                }
            }
            if (laid != 0) {
                ctxt.textp = merge(ldr, textp, tramps);
            }
        }

        sect.length = va - sect.vaddr;
        ldr.setSymSect(etext, sect.index);
        if (ldr.symValue(etext) == 0) {
            ldr.setSymValue(etext, va);
            ldr.setSymValue(text, sect.vaddr);
        }
    }

    /** Merges the trampolines into textp, keeping address order. */
    private static int[] merge(Loader ldr, int[] textp, Trampolines tramps) {
        int n = tramps.count();
        int[] merged = new int[textp.length + n];
        int m = 0;
        int i = 0;
        for (int s : textp) {
            while (i < n && ldr.symValue(tramps.get(i)) < ldr.symValue(s)) {
                merged[m++] = tramps.get(i++);
            }
            merged[m++] = s;
        }
        while (i < n) {
            merged[m++] = tramps.get(i++);
        }
        return merged;
    }

    /**
     * WebAssembly functions are numbered, not placed: a function's "address" is
     * its index (offset by 0x1000) in the upper bits, the resume point in the low
     * 16 (cf. wasm.assignAddress).
     */
    private static long assignWasmAddress(Loader ldr, Section sect, int s, long va) {
        ldr.setSymSect(s, sect.index);
        ldr.setSymValue(s, (WASM_FUNC_VALUE_OFFSET + va / MINFUNC) << 16);
        return va + MINFUNC;
    }

    private static final long WASM_FUNC_VALUE_OFFSET = 0x1000;

    private static long assignAddress(Loader ldr, Section sect, int s, long va, int funcAlign, boolean wasm) {
        if (wasm) {
            return assignWasmAddress(ldr, sect, s, va);
        }
        ldr.setSymSect(s, sect.index);
        if (ldr.attrSubSymbol(s)) {
            return va;
        }
        int align = ldr.symAlign(s);
        if (align == 0) {
            align = funcAlign;
        }
        va = rnd(va, align);
        if (sect.align < align) {
            sect.align = align;
        }
        long funcsize = Math.max(MINFUNC, ldr.symSize(s));
        ldr.setSymValue(s, 0);
        for (int sub = s; sub != 0; sub = ldr.subSym(sub)) {
            ldr.setSymValue(sub, ldr.symValue(sub) + va);
        }
        return va + funcsize;
    }

    /** Defines a linker marker symbol (cf. ld.(*Link).xdefine). */
    static int xdefine(Loader ldr, String name, int kind, long value) {
        SymbolBuilder b = ldr.createSymForUpdate(name, 0);
        b.setType(kind);
        b.setSpecial(true);
        b.setLocal(true);
        ldr.setSymValue(b.sym(), value);
        return b.sym();
    }
}
