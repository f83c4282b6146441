package dev.golink.wasm;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class FuncTypeTest {

    @Test
    void lookupAppendsNewSignaturesOnly() {
        List<FuncType> types = new ArrayList<>(List.of(FuncType.GO_FUNC));
        assertEquals(1, FuncType.lookup(FuncType.HOST_IMPORT, types));
        assertEquals(0, FuncType.lookup(FuncType.of(new byte[] {FuncType.I32}, new byte[] {FuncType.I32}), types));
        assertEquals(1, FuncType.lookup(FuncType.of(new byte[] {FuncType.I32}, new byte[0]), types));
        // Same parameters as wasm_export_run's but no result: a different type.
        assertEquals(2, FuncType.lookup(FuncType.SPECIAL.get("wasm_export_run"), types));
        assertEquals(3, FuncType.lookup(FuncType.SPECIAL.get("wasm_export_getsp"), types));
        assertEquals(2, FuncType.lookup(FuncType.SPECIAL.get("runtime.wasmZero"), types));
        assertEquals(4, types.size());
    }
}
