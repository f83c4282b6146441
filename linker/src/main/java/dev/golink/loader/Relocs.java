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
    /** Set instead of {@link #r} for a linker-made (or changed) symbol. */
    private Loader.ExtSym ext;
    private int base;
    private int count;

    Relocs(Loader loader) {
        this.loader = loader;
    }

    void set(ObjReader r, int base, int count) {
        this.r = r;
        this.ext = null;
        this.base = base;
        this.count = count;
    }

    void setExt(Loader.ExtSym ext, int count) {
        this.r = null;
        this.ext = ext;
        this.base = 0;
        this.count = count;
    }

    /** Points the cursor at symbol {@code s}'s relocations; returns this. */
    public Relocs reset(int s) {
        loader.resetRelocs(this, s);
        return this;
    }

    /** The target of the first relocation at offset {@code off}, or 0 (how type descriptors point to names and types). */
    public int symAt(int off) {
        for (int j = 0, n = count(); j < n; j++) {
            if (off(j) == off) {
                return sym(j);
            }
        }
        return 0;
    }

    public int count() {
        return count;
    }

    private int rec(int j) {
        return base + j * GoObject.RELOC_SIZE;
    }

    /** The relocation type, weak flag removed. */
    public int type(int j) {
        return RelocTypes.type(ext != null ? ext.rType[j] : r.obj.relocType(rec(j)));
    }

    public boolean weak(int j) {
        return RelocTypes.isWeak(ext != null ? ext.rType[j] : r.obj.relocType(rec(j)));
    }

    /** The target's global index, 0 for none. */
    public int sym(int j) {
        if (ext != null) {
            return ext.rSym[j];
        }
        int rec = rec(j);
        int k = r.obj.relocRecordIndex(rec);
        int t = k < 0 ? 0 : r.relocTargets[k];
        if (t == 0) {
            t = loader.resolve(r, r.obj.relocSymPkg(rec), r.obj.relocSymIdx(rec));
            if (k >= 0) {
                r.relocTargets[k] = t;
            }
        }
        return t;
    }

    public long add(int j) {
        return ext != null ? ext.rAdd[j] : r.obj.relocAdd(rec(j));
    }

    /** Offset of the relocated field within the symbol. */
    public int off(int j) {
        return ext != null ? ext.rOff[j] : r.obj.relocOffField(rec(j));
    }

    public int siz(int j) {
        return ext != null ? ext.rSiz[j] & 0xff : r.obj.relocSiz(rec(j));
    }
}
