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
        String suffix = suffix(ldr, x, () -> dev.golink.GoString.decode(name), regabiWrappers);
        if (suffix == null) {
            return name;
        }
        byte[] s = suffix.getBytes(StandardCharsets.UTF_8);
        byte[] out = Arrays.copyOf(name, name.length + s.length);
        System.arraycopy(s, 0, out, name.length, s.length);
        return out;
    }

    /** As {@link #mangle(Loader, int, byte[], boolean)}: {@code name} itself when it stays as it is. */
    public static String mangle(Loader ldr, int x, String name, boolean regabiWrappers) {
        String suffix = suffix(ldr, x, () -> name, regabiWrappers);
        return suffix == null ? name : name + suffix;
    }

    /** The ".abiN" suffix symbol {@code x} gets, or null. */
    private static String suffix(Loader ldr, int x, java.util.function.Supplier<String> name, boolean regabiWrappers) {
        int ver = ldr.symVersion(x);
        if (!regabiWrappers || ldr.symType(x) != SymKind.STEXT || ver == Loader.SYM_VER_ABI_INTERNAL
                || ver >= Loader.SYM_VER_STATIC) {
            return null;
        }
        int twin = ldr.lookup(name.get(), Loader.SYM_VER_ABI_INTERNAL);
        if (twin == 0 || ldr.symType(twin) != SymKind.STEXT) {
            return null;
        }
        return ".abi" + ver;
    }
}
