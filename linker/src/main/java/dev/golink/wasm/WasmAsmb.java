package dev.golink.wasm;

import dev.golink.BuildConfig;
import dev.golink.LinkContext;
import dev.golink.LinkException;
import dev.golink.data.Asmb;
import dev.golink.loader.Loader;
import dev.golink.sym.Section;

import java.util.ArrayList;
import java.util.List;

/**
 * The two output phases for js/wasm (cf. wasm.asmb and wasm.asmb2). A module's
 * layout has nothing to do with linear memory's, so nothing is mapped: asmb
 * takes the relocated bytes of the data sections, asmb2 builds the whole
 * module in memory and writes it to the output in one piece.
 */
public final class WasmAsmb {

    /** The sections that initialize linear memory, in this order, each named by a symbol in it. */
    private static final List<String> DATA_SECTION_SYMBOLS = List.of("runtime.rodata", "runtime.typelink",
            "runtime.itablink", "runtime.symtab", "runtime.pclntab", "runtime.noptrdata", "runtime.data");

    private WasmAsmb() {
    }

    /** Copies the data sections' bytes, relocated, out of the linked image. */
    public static void asmb(LinkContext ctxt) throws LinkException {
        List<DataSect> sects = new ArrayList<>();
        for (String name : DATA_SECTION_SYMBOLS) {
            Section sect = sectionOf(ctxt, name);
            sects.add(new DataSect(sect.name, sect.vaddr, Asmb.datblkBytes(ctxt, sect.vaddr, sect.length)));
        }
        ctxt.wasmDataSects = List.copyOf(sects);
    }

    /** Writes the module, recording where its parts went in {@code ctxt.wasm}. */
    public static void asmb2(LinkContext ctxt) throws LinkException {
        ctxt.outBuf.write(module(ctxt));
    }

    /** The module's bytes; sets {@code ctxt.wasm}. */
    static byte[] module(LinkContext ctxt) throws LinkException {
        Loader ldr = ctxt.loader();
        Functions fns = Functions.collect(ldr, ctxt.textp, ctxt.diag());
        Section data = sectionOf(ctxt, "runtime.data");
        ModuleWriter.Module m = new ModuleWriter.Module(data.vaddr + data.length, funcIndex(ctxt, "wasm_export_run"),
                funcIndex(ctxt, "wasm_export_resume"), funcIndex(ctxt, "wasm_export_getsp"), BuildConfig.GO_VERSION,
                !ctxt.options().stripSymbols());
        WasmWriter w = new WasmWriter(estimate(fns, ctxt.wasmDataSects));
        ctxt.wasm = new ModuleWriter(w).write(fns, ctxt.wasmDataSects, m);
        return w.toByteArray();
    }

    /** The index among the defined functions of the text symbol {@code name}. */
    private static int funcIndex(LinkContext ctxt, String name) throws LinkException {
        Loader ldr = ctxt.loader();
        int s = ldr.lookup(name, 0);
        if (s == 0) {
            throw new LinkException("js/wasm: " + name + " is not defined (the runtime exports it to wasm_exec.js)");
        }
        return (int) ((ldr.symValue(s) >> 16) - Functions.FUNC_VALUE_OFFSET);
    }

    private static Section sectionOf(LinkContext ctxt, String symbol) throws LinkException {
        Loader ldr = ctxt.loader();
        int s = ldr.lookup(symbol, 0);
        if (s == 0 || ldr.symSect(s) == 0) {
            throw new LinkException("js/wasm: no section holds " + symbol);
        }
        return ctxt.segments.byIndex(ldr.symSect(s));
    }

    /** About the module's size, so that its buffer rarely grows. */
    private static int estimate(Functions fns, List<DataSect> sects) {
        long n = 1 << 16;
        for (WasmFunc f : fns.fns) {
            n += f.code().length + f.name().length + 16;
        }
        for (DataSect d : sects) {
            n += d.data().length;
        }
        return (int) Math.min(n, Integer.MAX_VALUE - 16);
    }
}
