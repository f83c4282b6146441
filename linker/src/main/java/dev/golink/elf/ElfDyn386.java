package dev.golink.elf;

import static dev.golink.goobj.RelocTypes.R_ADDR;
import static dev.golink.goobj.RelocTypes.R_CALL;
import static dev.golink.goobj.RelocTypes.R_CONST;
import static dev.golink.goobj.RelocTypes.R_PCREL;

import dev.golink.loader.Loader;
import dev.golink.loader.SymbolBuilder;
import dev.golink.sym.SymKind;

/**
 * i386's PLT (cf. cmd/link x86 elfsetupplt, addpltsym, adddynrel): absolute addresses, not
 * PC-relative ones: a 16-byte header that pushes GOT[1] and jumps through GOT[2], then per
 * import a 16-byte stub that jumps through its .got.plt slot, pushes its relocation's offset
 * in .rel.plt and jumps to the header. A data word that holds an import's address gets an
 * R_386_32 relocation instead.
 */
final class ElfDyn386 implements ElfDynArch {

    static final int R_386_32 = 1;
    static final int R_386_JMP_SLOT = 7;

    @Override
    public long pltEntsize() {
        return 4;
    }

    @Override
    public void setupPlt(ElfDynamic d, SymbolBuilder plt, SymbolBuilder got, int dynamic) {
        if (plt.size() != 0) {
            return;
        }
        plt.addUint8(0xff); // pushl got+4
        plt.addUint8(0x35);
        plt.addAddrPlus(got.sym(), 4);
        plt.addUint8(0xff); // jmp *got+8
        plt.addUint8(0x25);
        plt.addAddrPlus(got.sym(), 8);
        plt.addUint32(0); // padding
        got.addAddrPlus(dynamic, 0);
        got.addUint32(0);
        got.addUint32(0);
    }

    @Override
    public boolean adddynrel(ElfDynamic d, int s, int ri, int type, int targ, long add) {
        Loader ldr = d.ldr;
        switch (type) {
            case R_CALL, R_PCREL -> {
                addpltsym(d, targ);
                SymbolBuilder su = ldr.makeSymbolUpdater(s);
                su.setRelocSym(ri, d.pltSym);
                su.setRelocAdd(ri, d.plt.get(targ));
                return true;
            }
            case R_ADDR -> {
                if (ldr.symType(s) != SymKind.SDATA) {
                    return false;
                }
                d.adddynsym(targ);
                SymbolBuilder rel = ldr.makeSymbolUpdater(d.rel);
                rel.addAddrPlus(s, ldr.relocs().reset(s).off(ri));
                rel.addUint32(((long) d.dynid(targ) << 8) | R_386_32);
                SymbolBuilder su = ldr.makeSymbolUpdater(s);
                su.setRelocType(ri, R_CONST); // the word keeps the addend; the loader adds the address
                su.setRelocSym(ri, 0);
                return true;
            }
            default -> {
                return false;
            }
        }
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
        plt.addUint8(0xff); // jmp *got+size
        plt.addUint8(0x25);
        plt.addAddrPlus(got.sym(), got.size());
        got.addAddrPlus(plt.sym(), plt.size()); // the slot first points at the push below
        plt.addUint8(0x68); // pushl $x
        plt.addUint32(rel.size());
        plt.addUint8(0xe9); // jmp .plt
        plt.addUint32(-(plt.size() + 4) & 0xffffffffL);
        rel.addAddrPlus(got.sym(), got.size() - 4);
        rel.addUint32(((long) d.dynid(s) << 8) | R_386_JMP_SLOT);
        d.plt.put(s, plt.size() - 16);
    }
}
