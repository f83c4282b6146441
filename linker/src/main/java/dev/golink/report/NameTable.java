package dev.golink.report;

import dev.golink.Parallel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The symbols' names as JSON strings, made once, in slices side by side, for every report to copy.
 * Nearly every name is copied straight from the bytes its object stores, which are its JSON
 * string when nothing in them needs escaping: a large program's names are tens of thousands of
 * strings, which decoding and encoding again would cost a good part of the report. They are
 * also the names' UTF-8 where nothing was escaped. The same pass compares each name with what the
 * ELF symbol table wrote for it.
 */
final class NameTable {

    /** Names per slice, the unit of work side by side; its bytes in one array, of much less than a G1 region. */
    private static final int SLICE = 2048;
    /** Its JSON string has an escape: it is not the name's UTF-8 in quotes. */
    private static final byte ESCAPED = 1;
    /** A character beyond ASCII. */
    private static final byte NON_ASCII = 2;

    private final List<SizeAttribution.SymbolRow> rows;
    /** Each name as a JSON string (quotes included), as {@link TextSink#json} writes it. */
    private final byte[][] slices;
    private final int[] start;
    private final int[] end;
    private final byte[] flags;

    private NameTable(List<SizeAttribution.SymbolRow> rows) {
        this.rows = rows;
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
            int s = t.size();
            int stored = r.ldr.storedNameLength(r.sym);
            byte f = 0;
            if (stored < 0 || !t.jsonName(r.ldr, r.sym, stored)) {
                // Rare: a name the linker made, or one to escape; its String from the loader.
                t.json(r.name());
                byte[] b = t.array();
                for (int j = s + 1; j < t.size() - 1; j++) {
                    if (b[j] < 0) {
                        f |= NON_ASCII;
                    } else if (b[j] == '\\') {
                        f |= ESCAPED;
                    }
                }
            }
            int e = t.size();
            start[i] = s;
            end[i] = e;
            flags[i] = f;
            if (r.strtabFrom >= 0) {
                symtabName(r, strtab, (f & (ESCAPED | NON_ASCII)) == 0 ? t.array() : null, s + 1, e - 1);
            }
        }
        slices[slice] = t.array();
    }

    /**
     * Sets the row's symtabName when the symbol table wrote another name: its bytes are compared
     * with the name's when the name is ASCII ({@code ascii[s, e)}, else null), else the written
     * name is decoded.
     */
    private static void symtabName(SizeAttribution.SymbolRow r, byte[] strtab, byte[] ascii, int s, int e) {
        int from = r.strtabFrom;
        int len = r.strtabLen;
        if (ascii != null && Arrays.equals(strtab, from, from + len, ascii, s, e)) {
            return;
        }
        String written = dev.golink.GoString.decode(strtab, from, len);
        if (!written.equals(r.name())) {
            r.symtabName = written;
        }
    }

    /** Appends row {@code i}'s name as a JSON string. */
    void json(TextSink b, int i) {
        b.add(slices[i / SLICE], start[i], end[i]);
    }

    /** Appends row {@code i}'s name as UTF-8. */
    void utf8(TextSink b, int i) {
        if ((flags[i] & ESCAPED) != 0) {
            b.add(rows.get(i).name()); // rare: its JSON string is not its bytes
        } else {
            b.add(slices[i / SLICE], start[i] + 1, end[i] - 1);
        }
    }
}
