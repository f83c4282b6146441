package dev.golink.arch.amd64;

import dev.golink.arch.Arch;
import dev.golink.arch.ArchInfo;
import dev.golink.arch.ArchInfos;

/**
 * x86-64 (cf. cmd/link amd64). Little-endian, 8-byte pointers, variable-length
 * instructions: text gaps are filled with INT3 (0xCC) so that a stray jump
 * traps. Every relocation an internal link of Go code meets here (absolute
 * addresses, PC-relative calls and loads, offsets) is a generic one, so the
 * backend adds no relocation kinds of its own. Statically linked executables
 * start at 0x400000 plus the reserved header page.
 */
public final class Amd64 implements Arch {

    /** Offset of g from the thread pointer (cf. ctxt.Tlsoffset): ELF's -8, or darwin's fixed slot at 0x30. */
    private final long tlsOffset;

    public Amd64() {
        this(-8);
    }

    /** A backend whose R_TLS_LE resolves to {@code tlsOffset} plus the addend (0x30 on darwin). */
    public Amd64(long tlsOffset) {
        this.tlsOffset = tlsOffset;
    }

    @Override
    public ArchInfo info() {
        return ArchInfos.AMD64;
    }

    @Override
    public long tlsLE(dev.golink.arch.RelocSite site) {
        return tlsOffset + site.add;
    }
}
