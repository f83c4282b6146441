package dev.golink.elf;

import static dev.golink.goobj.RelocTypes.R_ADDR;
import static dev.golink.goobj.RelocTypes.R_CALL;
import static dev.golink.goobj.RelocTypes.R_PCREL;

import dev.golink.loader.Loader;
import dev.golink.loader.SymbolBuilder;
import dev.golink.sym.SymKind;

/**
 * x86-64's PLT (cf. cmd/link amd64 elfsetupplt, addpltsym, adddynrel): a 16-byte header that
 * pushes GOT[1] and jumps through GOT[2], then per import a 16-byte stub that jumps through the
 * import's .got.plt slot, which first points back at the stub's push of its relocation index
 * and a jump to the header (lazy binding). A pointer in data to an import gets a RELATIVE
 * relocation in .rela.
 */
final class ElfDynAmd64 implements ElfDynArch {

    static final int R_X86_64_GLOB_DAT = 6;
    static final int R_X86_64_JMP_SLOT = 7;
    static final int R_X86_64_RELATIVE = 8;

    @Override
    public long pltEntsize() {
        return 16;
    }

    @Override
    public void setupPlt(ElfDynamic d, SymbolBuilder plt, SymbolBuilder got, int dynamic) {
        if (plt.size() != 0) {
            return;
        }
        plt.addUint8(0xff); // pushq got+8(IP)
        plt.addUint8(0x35);
        plt.addSymRef(got.sym(), 8, R_PCREL, 4);
        plt.addUint8(0xff); // jmpq *got+16(IP)
        plt.addUint8(0x25);
        plt.addSymRef(got.sym(), 16, R_PCREL, 4);
        plt.addUint32(0x00401f0f); // nopl 0(AX)
        // The GOT's first entries: the address of .dynamic, then two the loader fills.
        got.addAddrPlus(dynamic, 0);
        got.addUint64(0);
        got.addUint64(0);
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
                int st = ldr.symType(s);
                if (st == SymKind.STEXT) {
                    SymbolBuilder su = ldr.makeSymbolUpdater(s);
                    if (d.ctxt.spec().elfOs().pltAddresses()) {
                        // Solaris: code that takes an imported function's address gets its PLT entry's.
                        addpltsym(d, targ);
                        su.setRelocSym(ri, d.pltSym);
                        su.setRelocAdd(ri, add + d.plt.get(targ));
                        return true;
                    }
                    // Code that takes an imported function's address gets its GOT slot's.
                    d.addGotSym(targ, R_X86_64_GLOB_DAT);
                    su.setRelocSym(ri, d.gotSym);
                    su.setRelocAdd(ri, add + d.got.get(targ));
                    return true;
                }
                if (st != SymKind.SDATA && st != SymKind.SRODATA) {
                    return false;
                }
                // A pointer in data: the loader adds the load address to the addend. The
                // relocation stays, so that the file holds the link-time value too.
                int siz = ldr.relocs().reset(s).siz(ri);
                long off = ldr.relocs().reset(s).off(ri);
                SymbolBuilder rela = ldr.makeSymbolUpdater(d.rel);
                rela.addAddrPlus(s, off);
                if (siz == 8) {
                    rela.addUint64(R_X86_64_RELATIVE);
                } else {
                    d.ctxt.diag().error(ldr.errorPrefix(s), "unexpected relocation for dynamic symbol "
                            + ldr.symName(targ));
                }
                rela.addAddrPlus(targ, add);
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
        SymbolBuilder rela = ldr.makeSymbolUpdater(d.relPlt);
        if (plt.size() == 0) {
            throw new IllegalStateException("plt is not set up");
        }
        plt.addUint8(0xff); // jmpq *got+size(IP)
        plt.addUint8(0x25);
        plt.addSymRef(got.sym(), got.size(), R_PCREL, 4);
        got.addAddrPlus(plt.sym(), plt.size()); // the slot first points at the push below
        plt.addUint8(0x68); // pushq $x
        plt.addUint32((got.size() - 24 - 8) / 8);
        plt.addUint8(0xe9); // jmpq .plt
        plt.addUint32(-(plt.size() + 4) & 0xffffffffL);
        rela.addAddrPlus(got.sym(), got.size() - 8);
        rela.addUint64(((long) d.dynid(s) << 32) | R_X86_64_JMP_SLOT);
        rela.addUint64(0);
        d.plt.put(s, plt.size() - 16);
    }
}
