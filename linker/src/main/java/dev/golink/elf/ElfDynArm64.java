package dev.golink.elf;

import static dev.golink.goobj.RelocTypes.R_ADDR;
import static dev.golink.goobj.RelocTypes.R_ARM64_GOT;
import static dev.golink.goobj.RelocTypes.R_ARM64_PCREL;
import static dev.golink.goobj.RelocTypes.R_CALL;
import static dev.golink.goobj.RelocTypes.R_CALLARM64;
import static dev.golink.goobj.RelocTypes.R_PCREL;

import dev.golink.loader.Loader;
import dev.golink.loader.SymbolBuilder;
import dev.golink.sym.SymKind;

/**
 * arm64's PLT (cf. cmd/link arm64 elfsetupplt, addpltsym, adddynrel): a 32-byte header that
 * saves x16/x30 and jumps through .got.plt[2], then per import a 16-byte stub (ADRP, LDR, ADD,
 * BR) that jumps through the import's .got.plt slot, which first points at the header. In a
 * position-independent executable (android) every absolute address in data becomes an
 * R_AARCH64_RELATIVE entry of .rela.
 */
final class ElfDynArm64 implements ElfDynArch {

    static final int R_AARCH64_GLOB_DAT = 1025;
    static final int R_AARCH64_RELATIVE = 1027;
    static final int R_AARCH64_JUMP_SLOT = 1026;

    @Override
    public long pltEntsize() {
        return 4;
    }

    /** An instruction whose immediate relocation {@code type} fills from {@code target + add}. */
    private static void insn(SymbolBuilder plt, int target, long add, int type, long opcode) {
        plt.addSymRef(target, add, type, 4);
        plt.setUint32(plt.size() - 4, opcode);
    }

    @Override
    public void setupPlt(ElfDynamic d, SymbolBuilder plt, SymbolBuilder gotplt, int dynamic) {
        if (plt.size() != 0) {
            return;
        }
        plt.addUint32(0xa9bf7bf0L); // stp x16, x30, [sp, #-16]!
        insn(plt, gotplt.sym(), 16, R_ARM64_GOT, 0x90000010L); // adrp x16, &got.plt[2]
        insn(plt, gotplt.sym(), 16, R_ARM64_GOT, 0xf9400211L); // ldr x17, [x16, <imm>]
        insn(plt, gotplt.sym(), 16, R_ARM64_PCREL, 0x91000210L); // add x16, x16, <imm>
        plt.addUint32(0xd61f0220L); // br x17
        plt.addUint32(0xd503201fL); // nop, three times: room
        plt.addUint32(0xd503201fL);
        plt.addUint32(0xd503201fL);
        if (gotplt.size() != 0) {
            throw new IllegalStateException("got.plt is not empty at the very beginning");
        }
        gotplt.addAddrPlus(dynamic, 0);
        gotplt.addUint64(0);
        gotplt.addUint64(0);
    }

    @Override
    public boolean adddynrel(ElfDynamic d, int s, int ri, int type, int targ, long add) {
        Loader ldr = d.ldr;
        boolean imported = targ != 0 && ldr.symType(targ) == SymKind.SDYNIMPORT;
        switch (type) {
            case R_CALL, R_PCREL, R_CALLARM64 -> {
                if (!imported) {
                    return true; // a call within the executable: reloc resolves it
                }
                if (add != 0) {
                    d.ctxt.diag().error(ldr.errorPrefix(s), "PLT call with non-zero addend (" + add + ")");
                }
                addpltsym(d, targ);
                SymbolBuilder su = ldr.makeSymbolUpdater(s);
                su.setRelocSym(ri, d.pltSym);
                su.setRelocAdd(ri, d.plt.get(targ));
                return true;
            }
            case R_ADDR -> {
                if (ldr.symType(s) == SymKind.STEXT) {
                    // Code that takes a symbol's address reads it from a GOT slot the loader fills.
                    d.addGotSym(targ, R_AARCH64_GLOB_DAT);
                    SymbolBuilder su = ldr.makeSymbolUpdater(s);
                    su.setRelocSym(ri, d.gotSym);
                    su.setRelocAdd(ri, add + d.got.get(targ));
                    return true;
                }
                if (d.pie) {
                    // The dynamic sections' own addresses are link-time values: no relocation of theirs.
                    switch (ldr.symName(s)) {
                        case ".dynsym", ".rela", ".rela.plt", ".got.plt", ".dynamic" -> {
                            return false;
                        }
                        default -> {
                        }
                    }
                } else if (ldr.symType(s) != SymKind.SDATA && ldr.symType(s) != SymKind.SRODATA) {
                    return false;
                }
                relative(d, s, ri, targ, add);
                return true;
            }
            default -> {
                return false;
            }
        }
    }

    /**
     * A RELATIVE entry in .rela: the loader adds the load bias to the link-time address of
     * {@code targ + add} and stores it at the relocated word. Both addresses are R_ADDR
     * relocations of .rela itself, resolved once addresses are known; the word keeps its
     * link-time value too (so that tools read the file as it is, cf. go version).
     */
    private static void relative(ElfDynamic d, int s, int ri, int targ, long add) {
        Loader ldr = d.ldr;
        dev.golink.loader.Relocs r = ldr.relocs().reset(s);
        long off = r.off(ri);
        int siz = r.siz(ri);
        SymbolBuilder rela = ldr.makeSymbolUpdater(d.rel);
        rela.addAddrPlus(s, off);
        if (siz == 8) {
            rela.addUint64(R_AARCH64_RELATIVE);
        } else {
            d.ctxt.diag().error(ldr.errorPrefix(s), "unexpected relocation for dynamic symbol " + ldr.symName(targ));
        }
        rela.addAddrPlus(targ, add);
    }

    private static void addpltsym(ElfDynamic d, int s) {
        if (d.plt.containsKey(s)) {
            return;
        }
        d.adddynsym(s);
        Loader ldr = d.ldr;
        SymbolBuilder plt = ldr.makeSymbolUpdater(d.pltSym);
        SymbolBuilder gotplt = ldr.makeSymbolUpdater(d.gotPlt);
        SymbolBuilder rela = ldr.makeSymbolUpdater(d.relPlt);
        if (plt.size() == 0) {
            throw new IllegalStateException("plt is not set up");
        }
        long slot = gotplt.size();
        insn(plt, gotplt.sym(), slot, R_ARM64_GOT, 0x90000010L); // adrp x16, &got.plt[n]
        insn(plt, gotplt.sym(), slot, R_ARM64_GOT, 0xf9400211L); // ldr x17, [x16, <offset>]
        insn(plt, gotplt.sym(), slot, R_ARM64_PCREL, 0x91000210L); // add x16, x16, <offset>
        plt.addUint32(0xd61f0220L); // br x17
        gotplt.addAddrPlus(plt.sym(), 0); // the slot first points at the header
        rela.addAddrPlus(gotplt.sym(), gotplt.size() - 8);
        rela.addUint64(((long) d.dynid(s) << 32) | R_AARCH64_JUMP_SLOT);
        rela.addUint64(0);
        d.plt.put(s, plt.size() - 16);
    }
}
