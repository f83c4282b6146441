package dev.golink.elf;

import static dev.golink.goobj.RelocTypes.R_ADDR;
import static dev.golink.goobj.RelocTypes.R_CALLARM;
import static dev.golink.goobj.RelocTypes.R_CONST;
import static dev.golink.goobj.RelocTypes.R_GOTPCREL;
import static dev.golink.goobj.RelocTypes.R_PCREL;
import static dev.golink.goobj.RelocTypes.R_PLT0;
import static dev.golink.goobj.RelocTypes.R_PLT1;
import static dev.golink.goobj.RelocTypes.R_PLT2;

import dev.golink.loader.Loader;
import dev.golink.loader.SymbolBuilder;
import dev.golink.sym.SymKind;

/**
 * 32-bit ARM's PLT (cf. cmd/link arm elfsetupplt, addpltsym, adddynrel): a 20-byte header
 * that loads the GOT's address PC-relatively and jumps through GOT[2], then per import three
 * instructions (R_PLT0-2: ADD, ADD, LDR PC) that reach the import's .got.plt slot, which
 * first points at the header. BL/B to an import go to its stub.
 */
final class ElfDynArm implements ElfDynArch {

    static final int R_ARM_GLOB_DAT = 21;
    static final int R_ARM_JUMP_SLOT = 22;

    @Override
    public long pltEntsize() {
        return 4;
    }

    @Override
    public void setupPlt(ElfDynamic d, SymbolBuilder plt, SymbolBuilder got, int dynamic) {
        if (plt.size() != 0) {
            return;
        }
        plt.addUint32(0xe52de004L); // str lr, [sp, #-4]!
        plt.addUint32(0xe59fe004L); // ldr lr, [pc, #4]
        plt.addUint32(0xe08fe00eL); // add lr, pc, lr
        plt.addUint32(0xe5bef008L); // ldr pc, [lr, #8]!
        plt.addSymRef(got.sym(), 4, R_PCREL, 4); // .word &GLOBAL_OFFSET_TABLE[0] - .
        got.addUint32(0); // the header's three GOT entries
        got.addUint32(0);
        got.addUint32(0);
    }

    @Override
    public boolean adddynrel(ElfDynamic d, int s, int ri, int type, int targ, long add) {
        Loader ldr = d.ldr;
        switch (type) {
            case R_CALLARM -> {
                addpltsym(d, targ);
                SymbolBuilder su = ldr.makeSymbolUpdater(s);
                su.setRelocSym(ri, d.pltSym);
                // The addend is the instruction: its offset field gets the stub's word offset.
                su.setRelocAdd(ri, braddoff((int) add, (int) (d.plt.get(targ) / 4)));
                return true;
            }
            case R_ADDR -> {
                if (ldr.symType(s) != SymKind.SDATA) {
                    return false;
                }
                d.adddynsym(targ);
                SymbolBuilder rel = ldr.makeSymbolUpdater(d.rel);
                rel.addAddrPlus(s, ldr.relocs().reset(s).off(ri));
                rel.addUint32(((long) d.dynid(targ) << 8) | R_ARM_GLOB_DAT);
                SymbolBuilder su = ldr.makeSymbolUpdater(s);
                su.setRelocType(ri, R_CONST);
                su.setRelocSym(ri, 0);
                return true;
            }
            case R_GOTPCREL -> {
                d.addGotSym(targ, R_ARM_GLOB_DAT);
                SymbolBuilder su = ldr.makeSymbolUpdater(s);
                su.setRelocType(ri, R_PCREL);
                su.setRelocSym(ri, d.gotSym);
                su.setRelocAdd(ri, add + d.got.get(targ));
                return true;
            }
            default -> {
                return false;
            }
        }
    }

    /** Branch {@code a} (its top byte) with offset field {@code a + b} (cf. arm braddoff). */
    private static long braddoff(int a, int b) {
        return (a & 0xff000000) | (0x00ffffff & (a + b));
    }

    private static void addpltsym(ElfDynamic d, int s) {
        if (d.plt.containsKey(s)) {
            return;
        }
        d.adddynsym(s);
        Loader ldr = d.ldr;
        SymbolBuilder plt = ldr.makeSymbolUpdater(d.pltSym);
        SymbolBuilder got = ldr.makeSymbolUpdater(d.gotPlt);
        SymbolBuilder rel = ldr.makeSymbolUpdater(d.relPlt);
        if (plt.size() == 0) {
            throw new IllegalStateException("plt is not set up");
        }
        long slot = got.size();
        d.got.put(s, slot); // arm records the .got.plt slot as the import's GOT entry (cf. SetGot)
        // Every slot first points at the header (FreeBSD's loader does not set it).
        got.addAddrPlus(plt.sym(), 0);
        d.plt.put(s, plt.size());
        for (int type : new int[] {R_PLT0, R_PLT1, R_PLT2}) {
            plt.addSymRef(got.sym(), slot - 8, type, 4);
        }
        rel.addAddrPlus(got.sym(), slot);
        rel.addUint32(((long) d.dynid(s) << 8) | R_ARM_JUMP_SLOT);
    }
}
