package dev.golink.wasm;

import dev.golink.Diagnostics;
import dev.golink.LinkException;
import dev.golink.goobj.RelocTypes;
import dev.golink.loader.Loader;
import dev.golink.loader.Relocs;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The module's functions, from the text symbols (cf. the first half of
 * wasm.asmb2): the host imports that R_WASMIMPORT relocations name, then one
 * defined function per text symbol, in text order, with its body's
 * relocations resolved. The compiler leaves no room for a relocated field in
 * the code: each becomes a signed LEB128 of its own length, inserted at the
 * relocation's offset.
 */
final class Functions {

    /**
     * What separates a function's "address" from its index among the defined
     * functions (cf. wasm.funcValueOffset): PC_F = index + 0x1000, and the
     * address is PC_F << 16 | PC_B.
     */
    static final int FUNC_VALUE_OFFSET = 0x1000;

    /** The function types, in the order they were first needed. */
    final List<FuncType> types = new ArrayList<>();
    /** Imports from the host (wasm_exec.js); "debug" first. */
    final List<WasmFunc> hostImports = new ArrayList<>();
    /** One per text symbol. */
    final List<WasmFunc> fns = new ArrayList<>();
    /** The go.buildid symbol's content, or null. */
    byte[] buildid;

    private Functions() {
    }

    /** Functions made by hand (tests of the module writer). */
    static Functions of(List<FuncType> types, List<WasmFunc> hostImports, List<WasmFunc> fns, byte[] buildid) {
        Functions f = new Functions();
        f.types.addAll(types);
        f.hostImports.addAll(hostImports);
        f.fns.addAll(fns);
        f.buildid = buildid;
        return f;
    }

    /** Collects the imports and functions of {@code textp}. */
    static Functions collect(Loader ldr, int[] textp, Diagnostics diag) throws LinkException {
        Functions f = new Functions();
        f.run(ldr, textp, diag);
        return f;
    }

    private void run(Loader ldr, int[] textp, Diagnostics diag) throws LinkException {
        types.add(FuncType.GO_FUNC);
        hostImports.add(new WasmFunc(bytes("debug"), FuncType.lookup(FuncType.HOST_IMPORT, types), new byte[0]));
        Map<Integer, Integer> hostImportMap = new HashMap<>();
        Relocs rs = ldr.relocs();
        ByteArrayOutputStream nameBuf = new ByteArrayOutputStream(64);
        for (int fn : textp) {
            rs.reset(fn);
            for (int j = 0, n = rs.count(); j < n; j++) {
                if (rs.type(j) == RelocTypes.R_WASMIMPORT) {
                    int target = rs.sym(j);
                    // Every reference gets an import of its own, the map keeping the last (as cmd/link).
                    hostImportMap.put(target, hostImports.size());
                    hostImports.add(new WasmFunc(rawName(ldr, target, nameBuf),
                            FuncType.lookup(FuncType.HOST_IMPORT, types), new byte[0]));
                }
            }
        }

        long numImports = hostImports.size();
        for (int fn : textp) {
            String name = ldr.symName(fn);
            WasmWriter body = new WasmWriter(ldr.dataSize(fn) + 16);
            if (name.equals("go.buildid")) {
                // The build ID goes to a custom section; its function only returns.
                body.writeUleb128(0); // no locals
                body.writeI32Const(0);
                body.writeByte(0x0b); // end
                buildid = bytesOf(ldr.data(fn));
            } else {
                byte[] p = bytesOf(ldr.data(fn));
                rs.reset(fn);
                int off = 0;
                for (int j = 0, n = rs.count(); j < n; j++) {
                    if (rs.siz(j) == 0) {
                        continue; // a marker, not a field
                    }
                    int at = rs.off(j);
                    body.write(p, off, at - off);
                    off = at;
                    int target = rs.sym(j);
                    switch (rs.type(j)) {
                        case RelocTypes.R_ADDR -> body.writeSleb128(ldr.symValue(target) + rs.add(j));
                        case RelocTypes.R_CALL -> body.writeSleb128(
                                numImports + (ldr.symValue(target) >> 16) - FUNC_VALUE_OFFSET);
                        case RelocTypes.R_WASMIMPORT -> body.writeSleb128(hostImportMap.getOrDefault(target, 0));
                        default -> diag.error(name, "bad reloc type " + rs.type(j));
                    }
                }
                body.write(p, off, p.length - off);
            }
            int type = 0;
            FuncType sig = FuncType.SPECIAL.get(name);
            if (sig != null) {
                type = FuncType.lookup(sig, types);
            }
            fns.add(new WasmFunc(FuncNames.sanitize(rawName(ldr, fn, nameBuf)), type, body.toByteArray()));
        }
        diag.checkpoint(); // the module is written from these bodies
    }

    private static byte[] rawName(Loader ldr, int s, ByteArrayOutputStream buf) {
        buf.reset();
        ldr.writeSymName(s, buf);
        return buf.toByteArray();
    }

    private static byte[] bytesOf(ByteBuffer b) {
        byte[] a = new byte[b.remaining()];
        b.get(b.position(), a);
        return a;
    }

    private static byte[] bytes(String s) {
        return dev.golink.GoString.encode(s);
    }
}
