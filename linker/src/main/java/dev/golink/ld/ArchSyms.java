package dev.golink.ld;

import dev.golink.LinkContext;
import dev.golink.loader.Loader;

/**
 * Linker symbols that relocation needs by index (cf. ld.ArchSyms and
 * ld.(*Link).setArchSyms). Made (reachable, without content) before gentext,
 * in cmd/link's order, since the order of made symbols decides their indices.
 */
public final class ArchSyms {
    public final int got;
    public final int plt;
    public final int gotplt;
    public final int dynamic;
    public final int dynsym;
    public final int dynstr;
    public final int unreachableMethod;
    /** ELF only (0 elsewhere). */
    public final int rel;
    public final int rela;
    public final int relplt;
    public final int relaplt;

    private ArchSyms(Loader ldr, int abiInternalVer, boolean elf) {
        got = mk(ldr, ".got", 0);
        plt = mk(ldr, ".plt", 0);
        gotplt = mk(ldr, ".got.plt", 0);
        dynamic = mk(ldr, ".dynamic", 0);
        dynsym = mk(ldr, ".dynsym", 0);
        dynstr = mk(ldr, ".dynstr", 0);
        unreachableMethod = mk(ldr, "runtime.unreachableMethod", abiInternalVer);
        // ppc64's TOC symbols belong here too once that target is linked.
        rel = elf ? mk(ldr, ".rel", 0) : 0;
        rela = elf ? mk(ldr, ".rela", 0) : 0;
        relplt = elf ? mk(ldr, ".rel.plt", 0) : 0;
        relaplt = elf ? mk(ldr, ".rela.plt", 0) : 0;
    }

    private static int mk(Loader ldr, String name, int ver) {
        int s = ldr.lookupOrCreateSym(name, ver);
        ldr.setAttrReachable(s, true);
        return s;
    }

    /** cf. ld.(*Link).setArchSyms. */
    public static void setArchSyms(LinkContext ctxt) {
        ctxt.archSyms = new ArchSyms(ctxt.loader(), ctxt.abiInternalVersion(), ctxt.isElf());
        if (ctxt.isMacho()) {
            mk(ctxt.loader(), ".linkedit.got", 0);
            mk(ctxt.loader(), ".linkedit.plt", 0);
        }
    }
}
