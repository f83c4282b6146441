package dev.golink.sym;

import java.util.ArrayList;
import java.util.List;

/**
 * A loadable part of the output (cf. cmd/link sym.Segment): a run of sections
 * with one set of permissions, its addresses set by address and its file place
 * by layout.
 */
public final class Segment {
    public final String name;
    /** Unix-style permissions: 4 read, 2 write, 1 execute. */
    public int rwx;
    public long vaddr;
    /** Size in memory (bss included). */
    public long length;
    public long fileoff;
    /** Size in the file (bss excluded). */
    public long filelen;
    public final List<Section> sections = new ArrayList<>();

    public Segment(String name) {
        this.name = name;
    }

    @Override
    public String toString() {
        return name;
    }
}
