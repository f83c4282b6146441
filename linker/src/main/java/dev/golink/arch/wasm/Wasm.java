package dev.golink.arch.wasm;

import dev.golink.arch.Arch;
import dev.golink.arch.ArchInfo;
import dev.golink.arch.ArchInfos;

/**
 * WebAssembly (cf. cmd/link wasm). Functions do not live in linear memory: a
 * function's "address" is its index in the module, shifted into the upper
 * bits (see dev.golink.ld.TextAddress), and calls in code are resolved while
 * the module is written (dev.golink.wasm). Data in linear memory meets only
 * the generic relocations, which dev.golink.data.Relocator applies, so this
 * backend adds no behaviour of its own.
 */
public final class Wasm implements Arch {

    @Override
    public ArchInfo info() {
        return ArchInfos.WASM;
    }
}
