package dev.golink.report;

import dev.golink.Parallel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The symbols' names as UTF-8, encoded once, in slices side by side, for every report to copy:
 * a large program's names are tens of thousands of strings scattered over the heap (and decoded
 * from the objects on first use), which each report would otherwise visit and encode again. They
 * are kept as JSON strings, which are also their UTF-8 when nothing in them needed escaping.
 * The same pass compares each name with what the ELF symbol table wrote for it.
 */
final class NameTable {

    /** Names per slice, the unit of work side by side; its bytes in one array, of much less than a G1 region. */
    private static final int SLICE = 2048;
    /** Its JSON string has an escape: it is not the name's UTF-8 in quotes. */
    private static final byte ESCAPED = 1;
    /** A character beyond ASCII. */
    private static final byte NON_ASCII = 2;

    private final List<SizeAttribution.SymbolRow> rows;
    /** The names, from the loader once. */
    private final String[] names;
    /** Each name as a JSON string (quotes included), as {@link TextSink#json} writes it. */
    private final byte[][] slices;
    private final int[] start;
    private final int[] end;
    private final byte[] flags;

    private NameTable(List<SizeAttribution.SymbolRow> rows) {
        this.rows = rows;
        this.names = new String[rows.size()];
        this.slices = new byte[(rows.size() + SLICE - 1) / SLICE][];
        this.start = new int[rows.size()];
        this.end = new int[rows.size()];
        this.flags = new byte[rows.size()];
    }

    /**
     * The names of {@code rows} (row {@code i} at index {@code i}), and each row's
     * {@code symtabName} where {@code strtab} (ELF's, or null) holds a name that differs.
     */
    static NameTable of(List<SizeAttribution.SymbolRow> rows, byte[] strtab) {
        NameTable t = new NameTable(rows);
        List<Integer> slices = new ArrayList<>();
        for (int k = 0; k < t.slices.length; k++) {
            slices.add(k);
        }
        Parallel.forEach(slices, k -> t.encode(k, strtab));
        return t;
    }

    private void encode(int slice, byte[] strtab) {
        int from = slice * SLICE;
        int to = Math.min(rows.size(), from + SLICE);
        TextSink t = TextSink.oneArray(TextSink.capacityFor(to - from, 48));
        for (int i = from; i < to; i++) {
            SizeAttribution.SymbolRow r = rows.get(i);
            String name = r.name();
            names[i] = name;
            int s = t.size();
            t.json(name);
            byte[] b = t.array();
            int e = t.size();
            start[i] = s;
            end[i] = e;
            byte f = 0;
            for (int j = s + 1; j < e - 1; j++) {
                byte c = b[j];
                if (c < 0) {
                    f |= NON_ASCII;
                } else if (c == '\\') {
                    f |= ESCAPED;
                }
            }
            flags[i] = f;
            if (r.strtabFrom >= 0) {
                symtabName(r, name, strtab, (f & (ESCAPED | NON_ASCII)) == 0 ? b : null, s + 1, e - 1);
            }
        }
        slices[slice] = t.array();
    }

    /**
     * Sets the row's symtabName when the symbol table wrote another name: its bytes are compared
     * with the name's when the name is ASCII ({@code ascii[s, e)}, else null), else the written
     * name is decoded.
     */
    private static void symtabName(SizeAttribution.SymbolRow r, String name, byte[] strtab, byte[] ascii, int s,
            int e) {
        int from = r.strtabFrom;
        int len = r.strtabLen;
        if (ascii != null && Arrays.equals(strtab, from, from + len, ascii, s, e)) {
            return;
        }
        String written = dev.golink.GoString.decode(strtab, from, len);
        if (!written.equals(name)) {
            r.symtabName = written;
        }
    }

    /** Row {@code i}'s name. */
    String name(int i) {
        return names[i];
    }

    /** Appends row {@code i}'s name as a JSON string. */
    void json(TextSink b, int i) {
        b.add(slices[i / SLICE], start[i], end[i]);
    }

    /** Appends row {@code i}'s name as UTF-8. */
    void utf8(TextSink b, int i) {
        if ((flags[i] & ESCAPED) != 0) {
            b.add(names[i]); // rare: its JSON string is not its bytes
        } else {
            b.add(slices[i / SLICE], start[i] + 1, end[i] - 1);
        }
    }
}
