package dev.golink.ld;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Finds a section's bytes in an ELF file (32 or 64 bit, either byte order), for comparing with cmd/link's output. */
final class ElfSections {

    private ElfSections() {
    }

    static byte[] section(byte[] file, String name) {
        ByteBuffer b = ByteBuffer.wrap(file);
        boolean is64 = file[4] == 2;
        b.order(file[5] == 2 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        long shoff = is64 ? b.getLong(0x28) : b.getInt(0x20) & 0xffffffffL;
        int shentsize = b.getShort(is64 ? 0x3a : 0x2e) & 0xffff;
        int shnum = b.getShort(is64 ? 0x3c : 0x30) & 0xffff;
        int shstrndx = b.getShort(is64 ? 0x3e : 0x32) & 0xffff;
        long strOff = offset(b, is64, shoff + (long) shstrndx * shentsize);
        for (int i = 0; i < shnum; i++) {
            long sh = shoff + (long) i * shentsize;
            int nameOff = b.getInt((int) sh);
            int end = (int) strOff + nameOff;
            while (file[end] != 0) {
                end++;
            }
            String n = new String(file, (int) strOff + nameOff, end - (int) strOff - nameOff, StandardCharsets.UTF_8);
            if (n.equals(name)) {
                long off = offset(b, is64, sh);
                long size = is64 ? b.getLong((int) sh + 0x20) : b.getInt((int) sh + 0x14) & 0xffffffffL;
                byte[] out = new byte[(int) size];
                System.arraycopy(file, (int) off, out, 0, (int) size);
                return out;
            }
        }
        return null;
    }

    /** A section's bytes in a 64-bit little-endian Mach-O file, by section name (e.g. __gopclntab). */
    static byte[] machoSection(byte[] file, String name) {
        ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        int ncmds = b.getInt(16);
        int off = 32;
        for (int c = 0; c < ncmds; c++) {
            int cmd = b.getInt(off);
            int size = b.getInt(off + 4);
            if (cmd == 0x19) { // LC_SEGMENT_64
                int nsects = b.getInt(off + 64);
                for (int k = 0; k < nsects; k++) {
                    int sec = off + 72 + 80 * k;
                    String sectname = new String(file, sec, 16, StandardCharsets.US_ASCII).replace("\0", "");
                    if (sectname.equals(name)) {
                        long sz = b.getLong(sec + 40);
                        int fo = b.getInt(sec + 48);
                        byte[] out = new byte[(int) sz];
                        System.arraycopy(file, fo, out, 0, (int) sz);
                        return out;
                    }
                }
            }
            off += size;
        }
        return null;
    }

    /**
     * The bytes of a WebAssembly module's linear memory that its data section
     * initialises (segments placed at their offsets, zeros between them).
     */
    static byte[] wasmMemory(byte[] file) {
        ByteBuffer b = ByteBuffer.wrap(file);
        int[] pos = {8};
        while (pos[0] < file.length) {
            int id = file[pos[0]++] & 0xff;
            int size = (int) uleb(file, pos);
            int end = pos[0] + size;
            if (id == 11) {
                int count = (int) uleb(file, pos);
                int[] offs = new int[count];
                int[] starts = new int[count];
                int[] lens = new int[count];
                int max = 0;
                for (int k = 0; k < count; k++) {
                    uleb(file, pos); // memory index / flags
                    pos[0]++; // i32.const
                    offs[k] = (int) sleb(file, pos);
                    pos[0]++; // end
                    lens[k] = (int) uleb(file, pos);
                    starts[k] = pos[0];
                    pos[0] += lens[k];
                    max = Math.max(max, offs[k] + lens[k]);
                }
                byte[] mem = new byte[max];
                for (int k = 0; k < count; k++) {
                    System.arraycopy(file, starts[k], mem, offs[k], lens[k]);
                }
                return mem;
            }
            pos[0] = end;
        }
        return null;
    }

    private static long uleb(byte[] b, int[] pos) {
        long x = 0;
        int shift = 0;
        while (true) {
            int c = b[pos[0]++] & 0xff;
            x |= (long) (c & 0x7f) << shift;
            shift += 7;
            if (c < 0x80) {
                return x;
            }
        }
    }

    private static long sleb(byte[] b, int[] pos) {
        long x = 0;
        int shift = 0;
        int c;
        do {
            c = b[pos[0]++] & 0xff;
            x |= (long) (c & 0x7f) << shift;
            shift += 7;
        } while (c >= 0x80);
        if (shift < 64 && (c & 0x40) != 0) {
            x |= -1L << shift;
        }
        return x;
    }

    private static long offset(ByteBuffer b, boolean is64, long sh) {
        return is64 ? b.getLong((int) sh + 0x18) : b.getInt((int) sh + 0x10) & 0xffffffffL;
    }
}
