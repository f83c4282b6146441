package dev.golink.sym;

import java.util.ArrayList;
import java.util.List;

/**
 * The output's segments and every section made so far (cf. cmd/link's Segtext,
 * Segrodata, Segrelrodata, Segdata, Segdwarf). One per link.
 */
public final class Segments {
    public final Segment text = new Segment("text");
    public final Segment rodata = new Segment("rodata");
    public final Segment relrodata = new Segment("relrodata");
    public final Segment data = new Segment("data");
    public final Segment dwarf = new Segment("dwarf");

    /** Every section, by {@link Section#index}; index 0 is unused so that 0 means "no section". */
    private final List<Section> all = new ArrayList<>();

    private final int ptrSize;

    /** @param ptrSize the target's pointer size: every section is at least pointer-aligned */
    public Segments(int ptrSize) {
        this.ptrSize = ptrSize;
        all.add(null);
    }

    /** Appends a new section to {@code seg} (cf. ld.addsection). */
    public synchronized Section addSection(Segment seg, String name, int rwx) {
        Section s = new Section(name, seg, rwx, all.size());
        s.align = ptrSize;
        all.add(s);
        seg.sections.add(s);
        return s;
    }

    /** The section with index {@code i}, or null for 0. */
    public Section byIndex(int i) {
        return all.get(i);
    }

    /** The segments in file order. */
    public List<Segment> all() {
        return List.of(text, rodata, relrodata, data, dwarf);
    }

    /** Rounds {@code v} up to a multiple of {@code r} (cf. ld.Rnd); r <= 0 leaves it. */
    public static long rnd(long v, long r) {
        if (r <= 0) {
            return v;
        }
        v += r - 1;
        long c = v % r;
        if (c < 0) {
            c += r;
        }
        return v - c;
    }
}
