package dev.golink.arch;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** The .symtab of an ELF executable: each name's value, size and file offset (names seen twice map to null). */
final class ElfSymbols {

    record Sym(String name, long value, long size, long fileOff) {
    }

    final Map<String, Sym> byName = new HashMap<>();

    ElfSymbols(byte[] file) {
        boolean e64 = file[4] == 2;
        ByteBuffer b = ByteBuffer.wrap(file).order(file[5] == 2 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        long shoff = e64 ? b.getLong(40) : b.getInt(32) & 0xffffffffL;
        int shentsize = b.getShort(e64 ? 58 : 46) & 0xffff;
        int shnum = b.getShort(e64 ? 60 : 48) & 0xffff;
        long[] addr = new long[shnum];
        long[] off = new long[shnum];
        int symtab = -1;
        for (int i = 0; i < shnum; i++) {
            int at = (int) (shoff + (long) i * shentsize);
            int type = b.getInt(at + 4);
            addr[i] = e64 ? b.getLong(at + 16) : b.getInt(at + 12) & 0xffffffffL;
            off[i] = e64 ? b.getLong(at + 24) : b.getInt(at + 16) & 0xffffffffL;
            if (type == 2) { // SHT_SYMTAB
                symtab = i;
            }
        }
        if (symtab < 0) {
            throw new IllegalArgumentException("no .symtab");
        }
        int at = (int) (shoff + (long) symtab * shentsize);
        long symOff = e64 ? b.getLong(at + 24) : b.getInt(at + 16) & 0xffffffffL;
        long symSize = e64 ? b.getLong(at + 32) : b.getInt(at + 20) & 0xffffffffL;
        int link = b.getInt(at + (e64 ? 40 : 24));
        long strOff = off[link];
        int entsize = e64 ? 24 : 16;
        for (long p = symOff + entsize; p < symOff + symSize; p += entsize) {
            int q = (int) p;
            int nameOff = b.getInt(q);
            long value = e64 ? b.getLong(q + 8) : b.getInt(q + 4) & 0xffffffffL;
            long size = e64 ? b.getLong(q + 16) : b.getInt(q + 8) & 0xffffffffL;
            int shndx = b.getShort(q + (e64 ? 6 : 14)) & 0xffff;
            int end = (int) (strOff + nameOff);
            while (file[end] != 0) {
                end++;
            }
            String name = new String(file, (int) (strOff + nameOff), end - (int) (strOff + nameOff), StandardCharsets.UTF_8);
            long fileOff = shndx > 0 && shndx < shnum ? off[shndx] + value - addr[shndx] : -1;
            Sym s = new Sym(name, value, size, fileOff);
            byName.put(name, byName.containsKey(name) ? null : s);
        }
    }
}
