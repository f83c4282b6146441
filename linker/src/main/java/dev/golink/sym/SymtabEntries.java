package dev.golink.sym;

import java.util.Arrays;

/**
 * What a container writer put in its symbol table, per symbol, for the size report: the bytes of
 * its entry (with any auxiliary entries), the bytes of its name (with the terminator or length),
 * the size the entry gives (-1 when the format has none), and the name as written when it
 * differs from the loader's. Entries the table has for no symbol (files, sections) are not here.
 */
public final class SymtabEntries {

    private int[] syms = new int[1024];
    private int[] entryBytes = new int[1024];
    private int[] nameBytes = new int[1024];
    private long[] sizes = new long[1024];
    private String[] writtenNames = new String[1024];
    private int n;

    /** Records symbol {@code sym}'s entry; {@code writtenName} is null when the loader's name was written. */
    public void add(int sym, int entry, int name, long size, String writtenName) {
        if (n == syms.length) {
            int cap = n * 2;
            syms = Arrays.copyOf(syms, cap);
            entryBytes = Arrays.copyOf(entryBytes, cap);
            nameBytes = Arrays.copyOf(nameBytes, cap);
            sizes = Arrays.copyOf(sizes, cap);
            writtenNames = Arrays.copyOf(writtenNames, cap);
        }
        syms[n] = sym;
        entryBytes[n] = entry;
        nameBytes[n] = name;
        sizes[n] = size;
        writtenNames[n++] = writtenName;
    }

    public int count() {
        return n;
    }

    public int sym(int i) {
        return syms[i];
    }

    public int entryBytes(int i) {
        return entryBytes[i];
    }

    public int nameBytes(int i) {
        return nameBytes[i];
    }

    /** The size the entry gives, or -1 when the table gives none (Plan 9). */
    public long size(int i) {
        return sizes[i];
    }

    /** The name as written, when it is not the loader's name; else null. */
    public String writtenName(int i) {
        return writtenNames[i];
    }

    /** All entries' and names' bytes. */
    public long totalBytes() {
        long t = 0;
        for (int i = 0; i < n; i++) {
            t += entryBytes[i] + nameBytes[i];
        }
        return t;
    }
}
