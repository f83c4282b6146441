package dev.golink.ld;

import dev.golink.loader.Loader;
import dev.golink.sym.SymKind;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Symbol-table names of functions that exist in two ABIs (cf. ld.mangleABIName):
 * with ABI wrappers, an ABI0 text symbol whose name also names an ABIInternal text
 * symbol gets a ".abi0" suffix, so that a symbol table tells the two apart.
 */
public final class AbiNames {

    private AbiNames() {
    }

    /** {@code name}, the name of symbol {@code x}, as the symbol table shows it. */
    public static byte[] mangle(Loader ldr, int x, byte[] name, boolean regabiWrappers) {
        int ver = ldr.symVersion(x);
        if (!regabiWrappers || ldr.symType(x) != SymKind.STEXT || ver == Loader.SYM_VER_ABI_INTERNAL
                || ver >= Loader.SYM_VER_STATIC) {
            return name;
        }
        int twin = ldr.lookup(dev.golink.GoString.decode(name), Loader.SYM_VER_ABI_INTERNAL);
        if (twin == 0 || ldr.symType(twin) != SymKind.STEXT) {
            return name;
        }
        byte[] suffix = (".abi" + ver).getBytes(StandardCharsets.UTF_8);
        byte[] out = Arrays.copyOf(name, name.length + suffix.length);
        System.arraycopy(suffix, 0, out, name.length, suffix.length);
        return out;
    }
}
