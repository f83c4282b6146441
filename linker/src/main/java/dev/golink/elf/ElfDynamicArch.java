package dev.golink.elf;

import dev.golink.loader.SymbolBuilder;

/**
 * The CPU's part of a dynamic ELF executable (cf. the backends' elfsetupplt, addpltsym and
 * adddynrel): the code of the PLT, and how a relocation to an imported symbol is redirected.
 * {@link ElfDynamic} keeps the tables; a backend implements this and returns it from
 * {@link dev.golink.arch.Arch#elfDynamic()}.
 */
public interface ElfDynamicArch {

    /** The entry size of .plt (sh_entsize). */
    int pltEntrySize();

    /**
     * Writes the PLT's first entry, which jumps into the dynamic loader, and the .got.plt words
     * it uses, the first of them the address of .dynamic (cf. elfsetupplt).
     */
    void elfsetupplt(SymbolBuilder plt, SymbolBuilder gotplt, int dynamic);

    /**
     * Adds the PLT entry of an imported function whose dynamic symbol number is {@code dynid}: its
     * code, its .got.plt slot and the slot's relocation in .rela.plt (cf. addpltsym); returns the
     * entry's offset in .plt.
     */
    int addpltsym(SymbolBuilder plt, SymbolBuilder gotplt, SymbolBuilder relaplt, int dynid);

    /**
     * Redirects relocation {@code ri} of symbol {@code s}, of {@code type} to {@code targ}, which is
     * an import (or any relocation of a host object's type): returns false when the backend cannot
     * (cf. adddynrel).
     */
    boolean adddynrel(ElfDynamic d, int s, int ri, int type, int targ);
}
