package dev.golink.arch.wasm;

import dev.golink.arch.Arch;
import dev.golink.arch.ArchInfo;
import dev.golink.arch.TargetSpec;

import java.nio.ByteOrder;

/**
 * WebAssembly (cf. cmd/link wasm). Functions do not live in linear memory: a
 * function's "address" is its index in the module, shifted into the upper
 * bits (see dev.golink.ld.TextAddress), and calls in code are resolved while
 * the module is written (dev.golink.wasm). Data in linear memory meets only
 * the generic relocations, which dev.golink.data.Relocator applies, so this
 * backend adds no behaviour of its own.
 */
public final class Wasm implements Arch {

    /** js/wasm: a WebAssembly module; function "addresses" count from 0 (cf. wasm's archinit). */
    public static final TargetSpec JS = new TargetSpec("js", "wasm", TargetSpec.Container.WASM, 0, 0, 4096, false,
            0, c -> new Wasm(), dev.golink.arch.ElfOs.NOT_ELF);

    /** Not ELF, and no DWARF frames: those fields are unused. */
    private static final ArchInfo INFO = new ArchInfo("wasm", ByteOrder.LITTLE_ENDIAN, 8, 8, 1, 16, 1, 32,
            new byte[] {0}, 1, false, null, 0, 0, "");

    @Override
    public ArchInfo info() {
        return INFO;
    }
}
