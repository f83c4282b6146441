package dev.golink.loader;

import dev.golink.goobj.RelocTypes;
import dev.golink.sym.SymKind;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Fills a linker symbol: kind, size, alignment, content and relocations (cf.
 * cmd/link loader.SymbolBuilder). Obtained from {@link Loader#makeSymbolUpdater}
 * or {@link Loader#createSymForUpdate}. Numbers are written in the target's
 * byte order; the Add methods append at the current size, the Set methods
 * write at an offset and grow the symbol when needed. Writing into a symbol
 * of no kind makes it {@code SDATA}, as cmd/link does.
 */
public final class SymbolBuilder {

    private final Loader ldr;
    private final int sym;
    private final Loader.ExtSym p;

    SymbolBuilder(Loader ldr, int sym, Loader.ExtSym p) {
        this.ldr = ldr;
        this.sym = sym;
        this.p = p;
    }

    public int sym() {
        return sym;
    }

    public String name() {
        return p.name;
    }

    public int type() {
        return p.kind;
    }

    public SymbolBuilder setType(int kind) {
        p.kind = kind;
        return this;
    }

    public long size() {
        return p.size;
    }

    public SymbolBuilder setSize(long size) {
        p.size = size;
        return this;
    }

    public SymbolBuilder setAlign(int align) {
        ldr.setSymAlign(sym, align);
        return this;
    }

    public SymbolBuilder setLocal(boolean v) {
        ldr.setAttrLocal(sym, v);
        return this;
    }

    public SymbolBuilder setSpecial(boolean v) {
        ldr.setAttrSpecial(sym, v);
        return this;
    }

    public SymbolBuilder setReachable(boolean v) {
        ldr.setAttrReachable(sym, v);
        return this;
    }

    public SymbolBuilder setNotInSymbolTable(boolean v) {
        ldr.setAttrNotInSymbolTable(sym, v);
        return this;
    }

    /** The content so far (a copy-free view; changes through this builder may replace the array). */
    public ByteBuffer data() {
        return ByteBuffer.wrap(p.data, 0, p.dataLen).slice().order(ldr.byteOrder());
    }

    /** Replaces the content (the size is left as it is, as in cmd/link). */
    public SymbolBuilder setData(byte[] data) {
        p.data = data;
        p.dataLen = data.length;
        return this;
    }

    /** Makes the content at least {@code n} bytes long (zeros). */
    public SymbolBuilder grow(long n) {
        if (n > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("symbol " + p.name + " too large: " + n);
        }
        int need = (int) n;
        if (p.dataLen < need) {
            if (p.data.length < need) {
                p.data = Arrays.copyOf(p.data, Math.max(need, p.data.length + (p.data.length >> 1) + 16));
            }
            p.dataLen = need;
        }
        return this;
    }

    /** Drops all relocations. */
    public SymbolBuilder resetRelocs() {
        p.nreloc = 0;
        return this;
    }

    private void defaultKind() {
        if (p.kind == SymKind.SXXX) {
            p.kind = SymKind.SDATA;
        }
    }

    // ---- writing numbers

    private void put(int off, long v, int wid) {
        boolean le = ldr.byteOrder() == ByteOrder.LITTLE_ENDIAN;
        for (int i = 0; i < wid; i++) {
            int shift = 8 * (le ? i : wid - 1 - i);
            p.data[off + i] = (byte) (v >>> shift);
        }
    }

    /** Writes a {@code wid}-byte number at {@code off}; returns the offset after it. */
    public long setUintN(long off, long v, int wid) {
        defaultKind();
        if (p.size < off + wid) {
            p.size = off + wid;
        }
        grow(off + wid);
        put((int) off, v, wid);
        return off + wid;
    }

    public long setUint8(long off, int v) {
        return setUintN(off, v, 1);
    }

    public long setUint16(long off, int v) {
        return setUintN(off, v, 2);
    }

    public long setUint32(long off, long v) {
        return setUintN(off, v, 4);
    }

    public long setUint64(long off, long v) {
        return setUintN(off, v, 8);
    }

    /** A pointer-sized number. */
    public long setUint(long off, long v) {
        return setUintN(off, v, ldr.ptrSize());
    }

    /** Appends a {@code wid}-byte number; returns its offset. */
    public long addUintN(long v, int wid) {
        long off = p.size;
        setUintN(off, v, wid);
        return off;
    }

    public long addUint8(int v) {
        return addUintN(v, 1);
    }

    public long addUint16(int v) {
        return addUintN(v, 2);
    }

    public long addUint32(long v) {
        return addUintN(v, 4);
    }

    public long addUint64(long v) {
        return addUintN(v, 8);
    }

    public long addUint(long v) {
        return addUintN(v, ldr.ptrSize());
    }

    /** Appends bytes; returns the new size. */
    public long addBytes(byte[] b) {
        defaultKind();
        long off = p.size;
        grow(off + b.length);
        System.arraycopy(b, 0, p.data, (int) off, b.length);
        p.size = off + b.length;
        return p.size;
    }

    /** Appends a string and a NUL (cf. SymbolBuilder.Addstring); returns the string's offset. */
    public long addCString(byte[] str) {
        if (p.kind == SymKind.SXXX) {
            p.kind = SymKind.SNOPTRDATA;
        }
        long off = p.size;
        grow(off + str.length + 1);
        System.arraycopy(str, 0, p.data, (int) off, str.length);
        p.data[(int) off + str.length] = 0;
        p.size = off + str.length + 1;
        return off;
    }

    /** Writes bytes at {@code off}, growing the symbol; returns the offset after them. */
    public long setBytesAt(long off, byte[] b) {
        defaultKind();
        grow(off + b.length);
        System.arraycopy(b, 0, p.data, (int) off, b.length);
        if (p.size < off + b.length) {
            p.size = off + b.length;
        }
        return off + b.length;
    }

    public long setStringAt(long off, String s) {
        return setBytesAt(off, dev.golink.GoString.encode(s));
    }

    // ---- relocations

    /** Appends a relocation; returns its index. */
    public int addRel(int type, int off, int siz, int target, long add) {
        int n = p.nreloc;
        if (n == p.rOff.length) {
            int cap = Math.max(4, n * 2);
            p.rOff = Arrays.copyOf(p.rOff, cap);
            p.rType = Arrays.copyOf(p.rType, cap);
            p.rSym = Arrays.copyOf(p.rSym, cap);
            p.rSiz = Arrays.copyOf(p.rSiz, cap);
            p.rAdd = Arrays.copyOf(p.rAdd, cap);
        }
        p.rOff[n] = off;
        p.rType[n] = type;
        p.rSym[n] = target;
        p.rSiz[n] = (byte) siz;
        p.rAdd[n] = add;
        p.nreloc = n + 1;
        return n;
    }

    /** Points relocation {@code i} at {@code target} (cf. SymbolBuilder.SetRelocSym): a PLT entry replaces an import. */
    public void setRelocSym(int i, int target) {
        p.rSym[i] = target;
    }

    /** Sets the type of relocation {@code i} (cf. SymbolBuilder.SetRelocType). */
    public void setRelocType(int i, int type) {
        p.rType[i] = type;
    }

    /** Sets the addend of relocation {@code i} (cf. SymbolBuilder.SetRelocAdd). */
    public void setRelocAdd(int i, long add) {
        p.rAdd[i] = add;
    }

    /** Appends a reference of {@code size} bytes to {@code target}; returns the offset after it. */
    public long addSymRef(int target, long add, int type, int size) {
        defaultKind();
        long off = p.size;
        p.size += size;
        grow(p.size);
        addRel(type, (int) off, size, target, add);
        return off + size;
    }

    /** Appends a pointer to {@code target + add} (R_ADDR). */
    public long addAddrPlus(int target, long add) {
        return addSymRef(target, add, RelocTypes.R_ADDR, ldr.ptrSize());
    }

    public long addAddr(int target) {
        return addAddrPlus(target, 0);
    }

    /** Writes a pointer to {@code target + add} at {@code off} (R_ADDR); returns the offset after it. */
    public long setAddrPlus(long off, int target, long add) {
        defaultKind();
        int ps = ldr.ptrSize();
        if (off + ps > p.size) {
            p.size = off + ps;
            grow(p.size);
        }
        addRel(RelocTypes.R_ADDR, (int) off, ps, target, add);
        return off + ps;
    }

    public long setAddr(long off, int target) {
        return setAddrPlus(off, target, 0);
    }
}
