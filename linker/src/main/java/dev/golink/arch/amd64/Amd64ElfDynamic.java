package dev.golink.arch.amd64;

import dev.golink.elf.ElfDynamic;
import dev.golink.elf.ElfDynamicArch;
import dev.golink.goobj.RelocTypes;
import dev.golink.loader.SymbolBuilder;

/**
 * x86-64's part of a dynamic ELF executable (cf. cmd/link amd64 elfsetupplt, addpltsym,
 * adddynrel): 16-byte PLT entries that jump through .got.plt, whose slots start pointing back
 * into their entry so that the first call goes through the dynamic loader.
 */
final class Amd64ElfDynamic implements ElfDynamicArch {

    static final Amd64ElfDynamic INSTANCE = new Amd64ElfDynamic();

    /** R_X86_64_JMP_SLOT. */
    private static final int R_X86_64_JMP_SLOT = 7;
    /** R_X86_64_RELATIVE. */
    private static final int R_X86_64_RELATIVE = 8;

    private Amd64ElfDynamic() {
    }

    @Override
    public int pltEntrySize() {
        return 16;
    }

    @Override
    public void elfsetupplt(SymbolBuilder plt, SymbolBuilder gotplt, int dynamic) {
        if (plt.size() != 0) {
            return;
        }
        plt.addUint8(0xff); // pushq got+8(IP)
        plt.addUint8(0x35);
        plt.addSymRef(gotplt.sym(), 8, RelocTypes.R_PCREL, 4);
        plt.addUint8(0xff); // jmpq *got+16(IP)
        plt.addUint8(0x25);
        plt.addSymRef(gotplt.sym(), 16, RelocTypes.R_PCREL, 4);
        plt.addUint32(0x00401f0f); // nopl 0(AX)
        // .got.plt: .dynamic's address, then two words the loader fills.
        gotplt.addAddrPlus(dynamic, 0);
        gotplt.addUint64(0);
        gotplt.addUint64(0);
    }

    @Override
    public int addpltsym(SymbolBuilder plt, SymbolBuilder gotplt, SymbolBuilder relaplt, int dynid) {
        plt.addUint8(0xff); // jmpq *slot(IP)
        plt.addUint8(0x25);
        plt.addSymRef(gotplt.sym(), gotplt.size(), RelocTypes.R_PCREL, 4);
        // The slot starts at the next instruction of the entry.
        gotplt.addAddrPlus(plt.sym(), plt.size());
        plt.addUint8(0x68); // pushq $index
        plt.addUint32((gotplt.size() - 24 - 8) / 8);
        plt.addUint8(0xe9); // jmpq .plt
        plt.addUint32(-(plt.size() + 4));
        relaplt.addAddrPlus(gotplt.sym(), gotplt.size() - 8);
        relaplt.addUint64(((long) dynid << 32) | R_X86_64_JMP_SLOT);
        relaplt.addUint64(0);
        return (int) plt.size() - 16;
    }

    @Override
    public boolean adddynrel(ElfDynamic d, int s, int ri, int type, int targ) {
        switch (type) {
            case RelocTypes.R_CALL, RelocTypes.R_PCREL -> {
                // A call, or the address of an import, goes to its PLT entry.
                d.throughPlt(s, ri, targ, 0);
                return true;
            }
            case RelocTypes.R_ADDR -> {
                if (d.isText(s)) {
                    if (d.pltForTextAddr()) {
                        // Solaris: text asking for an import's address gets its PLT entry's.
                        d.throughPlt(s, ri, targ, d.relocAdd(s, ri));
                        return true;
                    }
                    return false; // elsewhere a GOT slot, which golink does not make
                }
                if (!d.isDataOrRodata(s)) {
                    return false;
                }
                // A pointer in data: the loader adds the load address to the addend. The
                // relocation stays, so that the file holds the link-time value too.
                SymbolBuilder rela = d.rela();
                rela.addAddrPlus(s, d.relocOff(s, ri));
                if (d.relocSiz(s, ri) == 8) {
                    rela.addUint64(R_X86_64_RELATIVE);
                } else {
                    d.error(s, "unexpected relocation for dynamic symbol " + d.symName(targ));
                }
                rela.addAddrPlus(targ, d.relocAdd(s, ri));
                return true;
            }
            default -> {
                return false;
            }
        }
    }
}
