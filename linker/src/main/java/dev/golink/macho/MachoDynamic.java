package dev.golink.macho;

import dev.golink.LinkException;
import dev.golink.goobj.RelocTypes;
import dev.golink.loader.Loader;
import dev.golink.loader.Relocs;
import dev.golink.loader.SymbolBuilder;
import dev.golink.sym.SymKind;

import java.util.ArrayList;
import java.util.List;

/**
 * References to imported functions (cf. dynrelocsym and the backends'
 * adddynrel, addpltsym, ld.AddGotSym for darwin). A call to an import goes to
 * a stub in .plt (__symbol_stub1) that jumps through the import's slot in .got
 * (__nl_symbol_ptr), which dyld fills; the indirect tables .linkedit.plt and
 * .linkedit.got name the import of each stub and slot by its symbol number.
 */
final class MachoDynamic {

    /** cmd/link numbers host-object (ELF, Mach-O) relocation types from here. */
    private static final int ELF_RELOC_OFFSET = 256;

    private final Macho m;
    private final Loader ldr;
    private final List<String> errors = new ArrayList<>();

    MachoDynamic(Macho m) {
        this.m = m;
        this.ldr = m.ldr;
    }

    void checkErrors() throws LinkException {
        if (!errors.isEmpty()) {
            throw new LinkException(String.join("\n", errors.subList(0, Math.min(10, errors.size()))));
        }
    }

    void dynrelocsym(int s) throws LinkException {
        Relocs r = ldr.relocs().reset(s);
        int count = r.count();
        int[] types = new int[count];
        int[] targets = new int[count];
        boolean[] skip = new boolean[count];
        for (int j = 0; j < count; j++) {
            types[j] = r.type(j);
            targets[j] = r.sym(j);
            skip[j] = r.siz(j) == 0 || (r.weak(j) && !ldr.attrReachable(targets[j]));
        }
        for (int j = 0; j < count; j++) {
            if (skip[j]) {
                continue;
            }
            int rs = targets[j];
            if (m.pie) {
                // Every relocation may need a rebase; the ones resolved at link time say no, which is fine.
                adddynrelArm64(s, j, types[j], rs);
                continue;
            }
            if (rs != 0 && ldr.symKind(rs) == SymKind.SDYNIMPORT || types[j] >= ELF_RELOC_OFFSET) {
                if (rs != 0 && !ldr.attrReachable(rs)) {
                    errors.add(ldr.symName(s) + ": dynamic relocation to unreachable symbol " + ldr.symName(rs));
                }
                if (!adddynrelAmd64(s, j, types[j], rs)) {
                    errors.add(ldr.symName(s) + ": unsupported dynamic relocation for symbol " + ldr.symName(rs)
                            + " (type=" + types[j] + " stype=" + ldr.symKind(rs) + ")");
                }
            }
        }
    }

    /** cf. amd64.adddynrel, the darwin cases. */
    private boolean adddynrelAmd64(int s, int ri, int type, int targ) {
        if (type == RelocTypes.R_CALL || type == RelocTypes.R_PCREL) {
            if (ldr.symKind(targ) != SymKind.SDYNIMPORT) {
                return true;
            }
            addpltsymAmd64(targ);
            SymbolBuilder su = ldr.makeSymbolUpdater(s);
            su.setRelocSym(ri, m.pltSym);
            su.setRelocAdd(ri, m.plt.get(targ));
            return true;
        }
        return false;
    }

    /** cf. arm64.adddynrel, the darwin PIE cases. */
    private boolean adddynrelArm64(int s, int ri, int type, int targ) {
        int targType = targ != 0 ? ldr.symKind(targ) : 0;
        if (type >= ELF_RELOC_OFFSET) {
            errors.add(ldr.symName(s) + ": unexpected relocation type " + type);
            return false;
        }
        switch (type) {
            case RelocTypes.R_CALL, RelocTypes.R_PCREL, RelocTypes.R_CALLARM64 -> {
                if (targType != SymKind.SDYNIMPORT) {
                    return true;
                }
                addpltsymArm64(targ);
                SymbolBuilder su = ldr.makeSymbolUpdater(s);
                su.setRelocSym(ri, m.pltSym);
                su.setRelocAdd(ri, m.plt.get(targ));
                return true;
            }
            case RelocTypes.R_ADDR -> {
                // The slide is unknown until dyld loads the image: it must rebase the pointer.
                m.rebase.add(new long[] {s, ldr.relocs().reset(s).off(ri)});
                return true;
            }
            case RelocTypes.R_ARM64_GOTPCREL -> {
                errors.add(ldr.symName(s) + ": R_ARM64_GOTPCREL to " + ldr.symName(targ)
                        + " is not supported by golink's darwin/arm64 linking");
                return false;
            }
            default -> {
                return false;
            }
        }
    }

    /** A 12-byte stub: adrp x16, slot@page; ldr x17, [x16, slot@pageoff]; br x17 (cf. arm64.addpltsym). */
    private void addpltsymArm64(int s) {
        if (m.plt.containsKey(s)) {
            return;
        }
        addGotSym(s);
        ldr.makeSymbolUpdater(m.linkeditPlt).addUint32(m.symtab.dynid(s));
        SymbolBuilder plt = ldr.makeSymbolUpdater(m.pltSym);
        m.plt.put(s, (int) plt.size());
        long gotOff = m.got.get(s);
        plt.addUint32(0x90000010L);
        plt.addRel(R_ARM64_GOT, (int) plt.size() - 4, 4, m.gotSym, gotOff);
        plt.addUint32(0xf9400211L);
        plt.addRel(R_ARM64_GOT, (int) plt.size() - 4, 4, m.gotSym, gotOff);
        plt.addUint32(0xd61f0220L);
    }

    private static final int R_ARM64_GOT = RelocTypes.R_ARM64_GOT;

    /** A 6-byte stub, {@code jmp *slot(%rip)} (cf. amd64.addpltsym). */
    private void addpltsymAmd64(int s) {
        if (m.plt.containsKey(s)) {
            return;
        }
        addGotSym(s);
        ldr.makeSymbolUpdater(m.linkeditPlt).addUint32(m.symtab.dynid(s));
        SymbolBuilder plt = ldr.makeSymbolUpdater(m.pltSym);
        m.plt.put(s, (int) plt.size());
        plt.addUint8(0xff);
        plt.addUint8(0x25);
        plt.addSymRef(m.gotSym, m.got.get(s), RelocTypes.R_PCREL, 4);
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
            m.bind.add(new long[] {m.got.get(s), s});
        }
    }
}
