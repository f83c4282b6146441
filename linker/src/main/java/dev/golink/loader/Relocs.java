package dev.golink.loader;

import dev.golink.goobj.GoObject;
import dev.golink.goobj.RelocTypes;

/**
 * A reusable cursor over the relocations of one symbol (cf. loader.Relocs):
 * {@link #reset} points it at a symbol without allocating, and the accessors
 * read the j-th relocation record from the object.
 */
public final class Relocs {

    private final Loader loader;
    private ObjReader r;
    private int base;
    private int count;

    Relocs(Loader loader) {
        this.loader = loader;
    }

    void set(ObjReader r, int base, int count) {
        this.r = r;
        this.base = base;
        this.count = count;
    }

    /** Points the cursor at symbol {@code s}'s relocations; returns this. */
    public Relocs reset(int s) {
        loader.resetRelocs(this, s);
        return this;
    }

    public int count() {
        return count;
    }

    private int rec(int j) {
        return base + j * GoObject.RELOC_SIZE;
    }

    /** The relocation type, weak flag removed. */
    public int type(int j) {
        return RelocTypes.type(r.obj.relocType(rec(j)));
    }

    public boolean weak(int j) {
        return RelocTypes.isWeak(r.obj.relocType(rec(j)));
    }

    /** The target's global index, 0 for none. */
    public int sym(int j) {
        int rec = rec(j);
        return loader.resolve(r, r.obj.relocSymPkg(rec), r.obj.relocSymIdx(rec));
    }

    public long add(int j) {
        return r.obj.relocAdd(rec(j));
    }

    /** Offset of the relocated field within the symbol. */
    public int off(int j) {
        return r.obj.relocOffField(rec(j));
    }

    public int siz(int j) {
        return r.obj.relocSiz(rec(j));
    }
}
