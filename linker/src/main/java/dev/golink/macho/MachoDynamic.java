package dev.golink.macho;

import dev.golink.loader.Loader;
import dev.golink.loader.Relocs;
import dev.golink.loader.SymbolBuilder;
import dev.golink.sym.SymKind;

/**
 * References to imported functions and, in a PIE, to anything (cf.
 * dynrelocsym, ld.AddGotSym and the backends' adddynrel and addpltsym for
 * darwin). A call to an import goes to a stub in .plt (__symbol_stub1) that
 * jumps through the import's slot in .got (__nl_symbol_ptr), which dyld fills;
 * the indirect tables .linkedit.plt and .linkedit.got name the import of each
 * stub and slot by its symbol number. The CPU's part is {@link MachoArch}.
 */
final class MachoDynamic {

    /** cmd/link numbers host-object (ELF, Mach-O) relocation types from here. */
    private static final int ELF_RELOC_OFFSET = 256;

    private final Macho m;
    private final Loader ldr;
    private final MachoArch arch;

    MachoDynamic(Macho m) {
        this.m = m;
        this.ldr = m.ldr;
        this.arch = m.arch;
    }

    void error(int s, String msg) {
        m.ctxt.diag().error(ldr.errorPrefix(s), msg);
    }

    int symKind(int s) {
        return ldr.symType(s);
    }

    String symName(int s) {
        return ldr.symName(s);
    }

    void dynrelocsym(int s) {
        // Read the relocations first: retargeting one turns s into a linker-made copy.
        Relocs r = ldr.relocs().reset(s);
        int count = r.count();
        int[] types = new int[count];
        int[] targets = new int[count];
        int[] offs = new int[count];
        boolean[] skip = new boolean[count];
        for (int j = 0; j < count; j++) {
            types[j] = r.type(j);
            targets[j] = r.sym(j);
            offs[j] = r.off(j);
            skip[j] = r.siz(j) == 0 || (r.weak(j) && !ldr.attrReachable(targets[j]));
        }
        for (int j = 0; j < count; j++) {
            if (skip[j]) {
                continue;
            }
            int rs = targets[j];
            if (types[j] >= ELF_RELOC_OFFSET) {
                error(s, "unexpected relocation type " + types[j]);
                continue;
            }
            if (m.pie) {
                // Every relocation may need a rebase; those resolved at link time say no, which is fine.
                arch.adddynrel(this, s, j, types[j], rs, offs[j]);
                continue;
            }
            if (rs != 0 && ldr.symType(rs) == SymKind.SDYNIMPORT) {
                if (!ldr.attrReachable(rs)) {
                    error(s, "dynamic relocation to unreachable symbol " + ldr.symName(rs));
                }
                if (!arch.adddynrel(this, s, j, types[j], rs, offs[j])) {
                    error(s, "unsupported dynamic relocation for symbol " + ldr.symName(rs) + " (type=" + types[j]
                            + " stype=" + ldr.symType(rs) + ")");
                }
            }
        }
    }

    /** Points call {@code ri} of {@code s} at the import's stub, making the stub first if need be. */
    void callThroughPlt(int s, int ri, int targ) {
        addpltsym(targ);
        SymbolBuilder su = ldr.makeSymbolUpdater(s);
        su.setRelocSym(ri, m.pltSym);
        su.setRelocAdd(ri, m.plt.get(targ));
    }

    /**
     * Points reference {@code ri} of {@code s}, a load of the import's address,
     * at the import's .got slot: the reference becomes relocation {@code type}
     * of {@code siz} bytes to the slot, and a second one like it follows at
     * offset {@code off2} (the two instructions of a PC-relative load; cf. the
     * R_ARM64_GOTPCREL case of arm64 adddynrel).
     */
    void loadThroughGot(int s, int ri, int targ, int type, int siz, int off2) {
        Relocs r = ldr.relocs().reset(s);
        if (r.add(ri) != 0) {
            error(s, "GOT reference to " + ldr.symName(targ) + " with non-zero addend (" + r.add(ri) + ")");
        }
        addGotSym(targ);
        long slot = m.got.get(targ);
        // Rebuild the list with the reference replaced: a builder cannot change a relocation's type.
        int n = r.count();
        int[] types = new int[n];
        int[] offs = new int[n];
        int[] sizs = new int[n];
        int[] syms = new int[n];
        long[] adds = new long[n];
        for (int j = 0; j < n; j++) {
            types[j] = r.weak(j) ? r.type(j) | dev.golink.goobj.RelocTypes.R_WEAK : r.type(j);
            offs[j] = r.off(j);
            sizs[j] = r.siz(j);
            syms[j] = r.sym(j);
            adds[j] = r.add(j);
        }
        types[ri] = type;
        sizs[ri] = siz;
        syms[ri] = m.gotSym;
        adds[ri] = slot;
        SymbolBuilder su = ldr.makeSymbolUpdater(s).resetRelocs();
        for (int j = 0; j < n; j++) {
            su.addRel(types[j], offs[j], sizs[j], syms[j], adds[j]);
        }
        su.addRel(type, off2, siz, m.gotSym, slot);
    }

    /** Records that dyld must slide the pointer at {@code off} in {@code s} (cf. MachoAddRebase). */
    void rebase(int s, int off) {
        m.rebase.add(new Macho.Rebase(s, off));
    }

    /** The import's stub (cf. addpltsym): its .got slot, its indirect entry, its code. */
    private void addpltsym(int s) {
        if (m.plt.containsKey(s)) {
            return;
        }
        addGotSym(s);
        ldr.makeSymbolUpdater(m.linkeditPlt).addUint32(m.symtab.dynid(s));
        SymbolBuilder plt = ldr.makeSymbolUpdater(m.pltSym);
        m.plt.put(s, (int) plt.size());
        arch.stub(plt, m.gotSym, m.got.get(s));
    }

    /** A pointer slot for the import, filled by dyld (cf. ld.AddGotSym). */
    private void addGotSym(int s) {
        if (m.got.containsKey(s)) {
            return;
        }
        SymbolBuilder got = ldr.makeSymbolUpdater(m.gotSym);
        m.got.put(s, (int) got.size());
        got.addUint64(0);
        ldr.makeSymbolUpdater(m.linkeditGot).addUint32(m.symtab.dynid(s));
        if (m.pie) {
            m.bind.add(new Macho.Bind(m.got.get(s), s));
        }
    }
}
