package dev.golink.sym;

/**
 * An output section (cf. cmd/link sym.Section). Until address runs, {@link #vaddr}
 * is the offset within its segment; afterwards it is the virtual address.
 */
public final class Section {
    public final String name;
    public final Segment seg;
    /** Unix-style permissions: 4 read, 2 write, 1 execute. */
    public final int rwx;
    /** Index in the loader's section table, used to record a symbol's section. */
    public final int index;
    /** Number in the output file's section headers, from dodata. */
    public int extnum;
    public int align;
    public long vaddr;
    public long length;
    /** The container's section header, once Asmb2 has made it. */
    public Object elfsect;
    public boolean compressed;

    public Section(String name, Segment seg, int rwx, int index) {
        this.name = name;
        this.seg = seg;
        this.rwx = rwx;
        this.index = index;
    }

    /** Offset of the section in the output file. */
    public long fileOffset() {
        return seg.fileoff + vaddr - seg.vaddr;
    }

    @Override
    public String toString() {
        return name;
    }
}
