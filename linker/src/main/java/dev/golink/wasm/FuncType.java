package dev.golink.wasm;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A WebAssembly function signature: value types of the parameters and results
 * (cf. wasm.wasmFuncType). Records compare arrays by identity, so signatures
 * are matched by content in {@link #lookup}.
 */
record FuncType(byte[] params, byte[] results) {

    static final byte I32 = 0x7F;
    static final byte I64 = 0x7E;
    static final byte F32 = 0x7D;
    static final byte F64 = 0x7C;

    private static final byte[] NONE = {};

    /**
     * An ordinary Go function: its parameter is the resume point PC_B, its
     * result 1 when the stack must unwind, else 0.
     */
    static final FuncType GO_FUNC = of(new byte[] {I32}, new byte[] {I32});

    /** A host import: it takes the stack pointer. */
    static final FuncType HOST_IMPORT = of(new byte[] {I32}, NONE);

    static FuncType of(byte[] params, byte[] results) {
        return new FuncType(params, results);
    }

    /**
     * The functions whose signatures are not a Go function's: entry points
     * called by wasm_exec.js and helpers the compiler calls with native
     * arguments (cf. wasm.wasmFuncTypes).
     */
    static final Map<String, FuncType> SPECIAL = Map.ofEntries(
            Map.entry("_rt0_wasm_js", of(NONE, NONE)),
            Map.entry("wasm_export_run", of(new byte[] {I32, I32}, NONE)), // argc, argv
            Map.entry("wasm_export_resume", of(NONE, NONE)),
            Map.entry("wasm_export_getsp", of(NONE, new byte[] {I32})), // sp
            Map.entry("wasm_pc_f_loop", of(NONE, NONE)),
            Map.entry("runtime.wasmMove", of(new byte[] {I32, I32, I32}, NONE)), // dst, src, len
            Map.entry("runtime.wasmZero", of(new byte[] {I32, I32}, NONE)), // ptr, len
            Map.entry("runtime.wasmDiv", of(new byte[] {I64, I64}, new byte[] {I64})), // x, y -> x/y
            Map.entry("runtime.wasmTruncS", of(new byte[] {F64}, new byte[] {I64})), // x -> int(x)
            Map.entry("runtime.wasmTruncU", of(new byte[] {F64}, new byte[] {I64})), // x -> uint(x)
            Map.entry("runtime.gcWriteBarrier", of(new byte[] {I64, I64}, NONE)), // ptr, val
            Map.entry("cmpbody", of(new byte[] {I64, I64, I64, I64}, new byte[] {I64})), // a, alen, b, blen
            Map.entry("memeqbody", of(new byte[] {I64, I64, I64}, new byte[] {I64})), // a, b, len
            Map.entry("memcmp", of(new byte[] {I32, I32, I32}, new byte[] {I32})), // a, b, len
            Map.entry("memchr", of(new byte[] {I32, I32, I32}, new byte[] {I32}))); // s, c, len

    /** The index of {@code sig} in {@code types}, appending it when it is new (cf. wasm.lookupType). */
    static int lookup(FuncType sig, List<FuncType> types) {
        for (int i = 0; i < types.size(); i++) {
            FuncType t = types.get(i);
            if (Arrays.equals(sig.params, t.params) && Arrays.equals(sig.results, t.results)) {
                return i;
            }
        }
        types.add(sig);
        return types.size() - 1;
    }
}
