package dev.golink.report;

import dev.golink.Parallel;
import dev.golink.goobj.GoObject;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The symbols' names as JSON strings, made once, in slices side by side, for every report to copy.
 * Nearly every name is copied straight from the bytes its object stores, which are its JSON
 * string when nothing in them needs escaping: a large program's names are tens of thousands of
 * strings, which decoding and encoding again would cost a good part of the report. Most were
 * made while the link went on ({@link NamePrefetch}): this table only points at them. They are
 * also the names' UTF-8 where nothing was escaped. The same pass compares each name with what the
 * ELF symbol table wrote for it.
 */
final class NameTable {

    /** Names per slice, the unit of work side by side; its bytes in one array, of much less than a G1 region. */
    static final int SLICE = 2048;
    /** Its JSON string has an escape: it is not the name's UTF-8 in quotes. */
    private static final byte ESCAPED = 1;
    /** A character beyond ASCII. */
    private static final byte NON_ASCII = 2;

    private final List<SizeAttribution.SymbolRow> rows;
    /** The names made while the link went on, or null. */
    private final NamePrefetch made;
    /**
     * Each name as a JSON string (quotes included), as {@link TextSink#json} writes it: bytes
     * {@code [start, end)} of {@code arrays[i]}, the prefetch's array or the slice's own.
     */
    private final byte[][] arrays;
    private final int[] start;
    private final int[] end;
    private final byte[] flags;

    private NameTable(List<SizeAttribution.SymbolRow> rows, NamePrefetch made) {
        this.rows = rows;
        this.made = made;
        this.arrays = new byte[rows.size()][];
        this.start = new int[rows.size()];
        this.end = new int[rows.size()];
        this.flags = new byte[rows.size()];
    }

    /**
     * The names of {@code rows} (row {@code i} at index {@code i}), and each row's
     * {@code symtabName} where {@code strtab} (ELF's, or null) holds a name that differs.
     */
    static NameTable of(List<SizeAttribution.SymbolRow> rows, byte[] strtab, NamePrefetch made) {
        boolean ready = made != null && made.await();
        NameTable t = new NameTable(rows, ready ? made : null);
        List<Integer> slices = new ArrayList<>();
        for (int k = 0; k * SLICE < rows.size(); k++) {
            slices.add(k);
        }
        Parallel.forEach(slices, k -> t.encode(k, strtab));
        return t;
    }

    /** Finds or makes the names of slice {@code slice}: a made name is referred to where it is, not copied. */
    private void encode(int slice, byte[] strtab) {
        int from = slice * SLICE;
        int to = Math.min(rows.size(), from + SLICE);
        Own own = new Own(to - from);
        for (int i = from; i < to; i++) {
            name(i, strtab, own); // a method per name: see SizeAttribution.symbol
        }
        // The slice's own names are in the array they ended in (it grew as they were added).
        for (int k = 0; k < own.count; k++) {
            arrays[own.rows[k]] = own.text.array();
        }
    }

    /** The names a slice makes itself (not made ahead: a few), and their rows. */
    private static final class Own {
        final int[] rows;
        int count;
        TextSink text;

        Own(int n) {
            rows = new int[n];
        }
    }

    /** Finds or makes row {@code i}'s name, and compares it with its ELF symbol table's. */
    private void name(int i, byte[] strtab, Own own) {
        SizeAttribution.SymbolRow r = rows.get(i);
        int p = made == null ? -1 : made.find(r.sym);
        byte[] a;
        int f;
        if (p >= 0) {
            a = made.array(p);
            start[i] = made.start(p);
            end[i] = made.end(p);
            f = made.flags(p);
        } else {
            if (own.text == null) {
                own.text = TextSink.oneArray(1024);
            }
            TextSink t = own.text;
            own.rows[own.count++] = i;
            start[i] = t.size();
            GoObject obj = r.ldr.nameObject(r.sym);
            f = obj == null ? json(t, r.name()) : encode(t, obj, r.ldr.localIndex(r.sym));
            end[i] = t.size();
            a = t.array();
        }
        flags[i] = (byte) f;
        arrays[i] = a;
        if (r.strtabFrom >= 0) {
            symtabName(r, strtab, (f & (ESCAPED | NON_ASCII)) == 0 ? a : null, start[i] + 1, end[i] - 1);
        }
    }

    /**
     * Appends the name of symbol {@code local} of {@code obj} as a JSON string, from the bytes the
     * object stores (never decoded: a tenth of cmd/go's names have quotes to escape); returns its flags.
     */
    static byte encode(TextSink t, GoObject obj, int local) {
        int s = t.size();
        return t.jsonName(obj, local) ? 0 : flags(t, s);
    }

    /** Appends {@code name} as a JSON string; returns its flags. */
    private static byte json(TextSink t, String name) {
        int s = t.size();
        t.json(name);
        return flags(t, s);
    }

    /** The flags of the JSON string from byte {@code s} to the end of {@code t}. */
    private static byte flags(TextSink t, int s) {
        byte[] b = t.array();
        byte f = 0;
        for (int j = s + 1; j < t.size() - 1; j++) {
            if (b[j] < 0) {
                f |= NON_ASCII;
            } else if (b[j] == '\\') {
                f |= ESCAPED;
            }
        }
        return f;
    }

    /**
     * Sets the row's symtabName when the symbol table wrote another name: its bytes are compared
     * with the name's when the name is ASCII ({@code ascii[s, e)}, else null), else with its String.
     */
    private static void symtabName(SizeAttribution.SymbolRow r, byte[] strtab, byte[] ascii, int s, int e) {
        if (ascii == null || !Arrays.equals(strtab, r.strtabFrom, r.strtabFrom + r.strtabLen, ascii, s, e)) {
            SizeAttribution.compareSymtabName(r, strtab, r.strtabFrom, r.strtabLen);
        }
    }

    /** Appends row {@code i}'s name as a JSON string. */
    void json(TextSink b, int i) {
        b.add(arrays[i], start[i], end[i]);
    }

    /** Appends row {@code i}'s name as UTF-8. */
    void utf8(TextSink b, int i) {
        if ((flags[i] & ESCAPED) != 0) {
            b.add(rows.get(i).name()); // rare: its JSON string is not its bytes
        } else {
            b.add(arrays[i], start[i] + 1, end[i] - 1);
        }
    }
}
