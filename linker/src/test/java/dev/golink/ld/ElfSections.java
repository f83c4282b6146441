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

    private static long offset(ByteBuffer b, boolean is64, long sh) {
        return is64 ? b.getLong((int) sh + 0x18) : b.getInt((int) sh + 0x10) & 0xffffffffL;
    }
}
