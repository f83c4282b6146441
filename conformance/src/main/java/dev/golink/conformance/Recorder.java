package dev.golink.conformance;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Computes the conformance record of an executable: the same lines that
 * {@code golden/tools/recorder} (written in Go, over Go's debug/elf,
 * debug/macho, debug/pe and debug/plan9obj, with readers of its own for wasm and XCOFF) writes for cmd/link's output. Both must agree line for line on
 * the same file; {@code RecorderTest} checks that on the reference files.
 */
public final class Recorder {

    /** The record's chunk size: a hash of every 4 KiB of the file locates headers and padding too. */
    public static final int CHUNK_SIZE = 4096;

    private final byte[] data;
    private final List<String> lines = new ArrayList<>();

    private Recorder(byte[] data) {
        this.data = data;
    }

    /** The record of {@code data}; fails with {@link MalformedBinaryException} when it cannot be read. */
    public static Record record(byte[] data) throws MalformedBinaryException {
        Recorder r = new Recorder(data);
        r.line("golink-record", 1);
        r.line("file", data.length, sha256(data, 0, data.length));
        if (startsWith(data, new byte[] {0x7f, 'E', 'L', 'F'})) {
            r.elf();
        } else if (startsWith(data, new byte[] {(byte) 0xcf, (byte) 0xfa, (byte) 0xed, (byte) 0xfe})) {
            r.macho();
        } else if (startsWith(data, new byte[] {0, 'a', 's', 'm'})) {
            r.wasm();
        } else if (startsWith(data, new byte[] {'M', 'Z'})) {
            r.pe();
        } else if (startsWith(data, new byte[] {0x01, (byte) 0xf7})) {
            r.xcoff();
        } else if (isPlan9(data)) {
            r.plan9();
        } else {
            throw new MalformedBinaryException("not an ELF, Mach-O, PE, XCOFF, Plan 9 or wasm file (first bytes "
                    + HexFormat.of().formatHex(data, 0, Math.min(4, data.length)) + ")");
        }
        for (int off = 0; off < data.length; off += CHUNK_SIZE) {
            int end = Math.min(data.length, off + CHUNK_SIZE);
            r.line("chunk", off, sha256(data, off, end - off).substring(0, 16));
        }
        return new Record(r.lines);
    }

    // ---- ELF -------------------------------------------------------------

    private void elf() throws MalformedBinaryException {
        boolean is64 = u8(4) == 2;
        boolean big = u8(5) == 2;
        ByteBuffer b = ByteBuffer.wrap(data).order(big ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        need(is64 ? 64 : 52, "ELF header");
        int machine = Short.toUnsignedInt(b.getShort(18));
        long phoff = is64 ? b.getLong(32) : Integer.toUnsignedLong(b.getInt(28));
        long shoff = is64 ? b.getLong(40) : Integer.toUnsignedLong(b.getInt(32));
        int at = is64 ? 54 : 42;
        int phentsize = Short.toUnsignedInt(b.getShort(at));
        int phnum = Short.toUnsignedInt(b.getShort(at + 2));
        int shentsize = Short.toUnsignedInt(b.getShort(at + 4));
        int shnum = Short.toUnsignedInt(b.getShort(at + 6));
        int shstrndx = Short.toUnsignedInt(b.getShort(at + 8));
        line("format", "elf", is64 ? 64 : 32, big ? "be" : "le", machine);

        for (int i = 0; i < phnum; i++) {
            int p = checkedOffset(phoff + (long) i * phentsize, phentsize, "program header " + i);
            long type = Integer.toUnsignedLong(b.getInt(p));
            long flags, vaddr, off, filesz, memsz;
            if (is64) {
                flags = Integer.toUnsignedLong(b.getInt(p + 4));
                off = b.getLong(p + 8);
                vaddr = b.getLong(p + 16);
                filesz = b.getLong(p + 32);
                memsz = b.getLong(p + 40);
            } else {
                off = Integer.toUnsignedLong(b.getInt(p + 4));
                vaddr = Integer.toUnsignedLong(b.getInt(p + 8));
                filesz = Integer.toUnsignedLong(b.getInt(p + 16));
                memsz = Integer.toUnsignedLong(b.getInt(p + 20));
                flags = Integer.toUnsignedLong(b.getInt(p + 24));
            }
            line("segment", i, hex(type), hex(flags), hex(vaddr), off, filesz, memsz, bytesHash(off, filesz));
        }

        long[][] sh = new long[shnum][];
        for (int i = 0; i < shnum; i++) {
            int s = checkedOffset(shoff + (long) i * shentsize, shentsize, "section header " + i);
            // name, type, flags, addr, offset, size, link
            sh[i] = is64
                    ? new long[] {u32(b, s), u32(b, s + 4), b.getLong(s + 8), b.getLong(s + 16), b.getLong(s + 24),
                            b.getLong(s + 32), u32(b, s + 40)}
                    : new long[] {u32(b, s), u32(b, s + 4), u32(b, s + 8), u32(b, s + 12), u32(b, s + 16),
                            u32(b, s + 20), u32(b, s + 24)};
        }
        if (shnum > 0 && shstrndx >= shnum) {
            throw new MalformedBinaryException("section name table index " + shstrndx + " >= " + shnum + " sections");
        }
        final int sectName = 0, sectType = 1, sectFlags = 2, sectAddr = 3, sectOff = 4, sectSize = 5, sectLink = 6;
        String[] names = new String[shnum];
        for (int i = 0; i < shnum; i++) {
            long[] n = sh[shstrndx];
            names[i] = cstring(n[sectOff] + sh[i][sectName], n[sectOff] + n[sectSize]);
        }
        int symtab = -1;
        for (int i = 1; i < shnum; i++) {
            long[] s = sh[i];
            String h = s[sectType] == 8 /* SHT_NOBITS */ ? "-" : bytesHash(s[sectOff], s[sectSize]);
            line("section", i, names[i], hex(s[sectType]), hex(s[sectFlags]), hex(s[sectAddr]), s[sectOff],
                    s[sectSize], h);
            if (symtab < 0 && s[sectType] == 2 /* SHT_SYMTAB */) {
                symtab = i;
            }
        }
        if (symtab < 0) {
            return;
        }
        long[] st = sh[symtab];
        int link = (int) st[sectLink];
        if (link <= 0 || link >= shnum) {
            throw new MalformedBinaryException("symbol table's string table index " + link + " is out of range");
        }
        long strOff = sh[link][sectOff], strEnd = strOff + sh[link][sectSize];
        int entsize = is64 ? 24 : 16;
        long count = st[sectSize] / entsize;
        for (long k = 1; k < count; k++) {
            int e = checkedOffset(st[sectOff] + k * entsize, entsize, "symbol " + k);
            long name = u32(b, e);
            long value, size;
            int info, other, shndx;
            if (is64) {
                info = u8(e + 4);
                other = u8(e + 5);
                shndx = Short.toUnsignedInt(b.getShort(e + 6));
                value = b.getLong(e + 8);
                size = b.getLong(e + 16);
            } else {
                value = u32(b, e + 4);
                size = u32(b, e + 8);
                info = u8(e + 12);
                other = u8(e + 13);
                shndx = Short.toUnsignedInt(b.getShort(e + 14));
            }
            String off = "-", h = "-";
            if (shndx > 0 && shndx < shnum) {
                long[] s = sh[shndx];
                if (s[sectType] != 8 && Long.compareUnsigned(value, s[sectAddr]) >= 0 && s[sectAddr] != 0) {
                    long o = s[sectOff] + (value - s[sectAddr]);
                    off = Long.toUnsignedString(o);
                    if (size > 0) {
                        h = bytesHash(o, size);
                    }
                }
            }
            String symName = name < strEnd - strOff ? cstring(strOff + name, strEnd) : "";
            line("symbol", symName, hex(value), Long.toUnsignedString(size), off, info + "/" + other + "/" + shndx, h);
        }
    }

    // ---- Mach-O ----------------------------------------------------------

    private void macho() throws MalformedBinaryException {
        ByteBuffer b = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        need(32, "Mach-O header");
        line("format", "macho", hex(u32(b, 0)), hex(u32(b, 4)), hex(u32(b, 12)));
        int ncmds = b.getInt(16);
        int cmd = 32;
        // section: segname+name, flags, addr, offset, size
        List<Object[]> sections = new ArrayList<>();
        long symoff = -1, nsyms = 0, stroff = 0, strsize = 0;
        int segIndex = 0;
        for (int i = 0; i < ncmds; i++) {
            checkedOffset(cmd, 8, "load command " + i);
            long kind = u32(b, cmd);
            int size = b.getInt(cmd + 4);
            checkedOffset(cmd, size, "load command " + i);
            if (kind == 0x19) { // LC_SEGMENT_64
                String seg = fixedString(cmd + 8, 16);
                long vmaddr = b.getLong(cmd + 24), vmsize = b.getLong(cmd + 32);
                long fileoff = b.getLong(cmd + 40), filesize = b.getLong(cmd + 48);
                int maxprot = b.getInt(cmd + 56), initprot = b.getInt(cmd + 60);
                int nsects = b.getInt(cmd + 64);
                line("segment", segIndex++, seg, maxprot + "/" + initprot, hex(vmaddr), fileoff, filesize, vmsize,
                        bytesHash(fileoff, filesize));
                for (int s = 0; s < nsects; s++) {
                    int p = checkedOffset(cmd + 72L + 80L * s, 80, "section " + s + " of segment " + seg);
                    sections.add(new Object[] {fixedString(p + 16, 16) + "," + fixedString(p, 16), u32(b, p + 64),
                            b.getLong(p + 32), u32(b, p + 48), b.getLong(p + 40)});
                }
            } else if (kind == 0x2) { // LC_SYMTAB
                symoff = u32(b, cmd + 8);
                nsyms = u32(b, cmd + 12);
                stroff = u32(b, cmd + 16);
                strsize = u32(b, cmd + 20);
            }
            cmd += size;
        }
        for (int i = 0; i < sections.size(); i++) {
            Object[] s = sections.get(i);
            long flags = (Long) s[1], addr = (Long) s[2], off = (Long) s[3], size = (Long) s[4];
            line("section", i + 1, s[0], hex(flags), hex(addr), off, size, zerofill(flags) ? "-" : bytesHash(off, size));
        }
        if (symoff < 0) {
            return;
        }
        checkedOffset(stroff, strsize, "string table");
        checkedOffset(symoff, nsyms * 16, "symbol table");
        String[] names = new String[(int) nsyms];
        int[] type = new int[names.length], sect = new int[names.length], desc = new int[names.length];
        long[] value = new long[names.length];
        Map<Integer, long[]> bySect = new HashMap<>();
        Map<Integer, List<Long>> collect = new TreeMap<>();
        for (int i = 0; i < names.length; i++) {
            int e = (int) (symoff + 16L * i);
            long strx = u32(b, e);
            if (strx >= strsize) {
                throw new MalformedBinaryException("symbol " + i + ": name offset " + strx + " outside the string table");
            }
            String name = cstring(stroff + strx, stroff + strsize);
            // Go's debug/macho drops the '_' that cmd/link puts before Go symbol names; so do we.
            if (name.contains(".") && name.charAt(0) == '_') {
                name = name.substring(1);
            }
            names[i] = name;
            type[i] = u8(e + 4);
            sect[i] = u8(e + 5);
            desc[i] = Short.toUnsignedInt(b.getShort(e + 6));
            value[i] = b.getLong(e + 8);
            if (sect[i] > 0 && (type[i] & 0x0e) == 0x0e) {
                collect.computeIfAbsent(sect[i], k -> new ArrayList<>()).add(value[i]);
            }
        }
        collect.forEach((k, v) -> {
            long[] a = v.stream().mapToLong(Long::longValue).toArray();
            Arrays.sort(a); // unsigned order equals signed order below 2^63, which addresses are
            bySect.put(k, a);
        });
        for (int i = 0; i < names.length; i++) {
            long size = 0;
            String off = "-", h = "-";
            if (sect[i] > 0 && (type[i] & 0x0e) == 0x0e && sect[i] <= sections.size()) {
                Object[] s = sections.get(sect[i] - 1);
                long flags = (Long) s[1], addr = (Long) s[2], soff = (Long) s[3], ssize = (Long) s[4];
                long end = addr + ssize;
                long[] vals = bySect.get(sect[i]);
                int j = upperBound(vals, value[i]);
                if (j < vals.length && vals[j] < end) {
                    end = vals[j];
                }
                if (end > value[i]) {
                    size = end - value[i];
                }
                if (!zerofill(flags) && value[i] >= addr) {
                    long o = soff + (value[i] - addr);
                    off = Long.toString(o);
                    if (size > 0) {
                        h = bytesHash(o, size);
                    }
                }
            }
            line("symbol", names[i], hex(value[i]), size, off, type[i] + "/" + desc[i] + "/" + sect[i], h);
        }
    }

    private static boolean zerofill(long flags) {
        long t = flags & 0xff;
        return t == 0x1 || t == 0xc || t == 0x12;
    }

    private static int upperBound(long[] a, long v) {
        int lo = 0, hi = a.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] > v) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    // ---- PE --------------------------------------------------------------

    private void pe() throws MalformedBinaryException {
        ByteBuffer b = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        need(0x40, "MS-DOS header");
        long peOff = u32(b, 0x3c);
        int h = checkedOffset(peOff, 24, "PE signature and COFF header");
        if (b.getInt(h) != 0x4550) {
            throw new MalformedBinaryException("no PE signature at offset " + peOff);
        }
        int machine = Short.toUnsignedInt(b.getShort(h + 4));
        int nsect = Short.toUnsignedInt(b.getShort(h + 6));
        long symPtr = u32(b, h + 12);
        long nsyms = u32(b, h + 16);
        int optSize = Short.toUnsignedInt(b.getShort(h + 20));
        int characteristics = Short.toUnsignedInt(b.getShort(h + 22));
        int magic = optSize >= 2 ? Short.toUnsignedInt(b.getShort(checkedOffset(h + 24L, 2, "optional header"))) : 0;
        line("format", "pe", hex(machine), hex(characteristics), hex(magic));

        // The string table follows the symbols; offsets into it count its 4-byte length.
        long strOff = symPtr + 18 * nsyms;
        long strEnd = strOff;
        if (symPtr > 0 && strOff + 4 <= data.length) {
            long len = u32(b, (int) strOff);
            if (len > 4) {
                strEnd = strOff + len;
            }
        }
        int sh = h + 24 + optSize;
        long[][] sects = new long[nsect][]; // characteristics, virtual address, offset, raw size, virtual size
        for (int i = 0; i < nsect; i++) {
            int p = checkedOffset(sh + 40L * i, 40, "section header " + (i + 1));
            String name = fixedString(p, 8);
            if (name.startsWith("/")) {
                name = peString(strOff, strEnd, Long.parseLong(name.substring(1)));
            }
            long vsize = u32(b, p + 8), va = u32(b, p + 12), size = u32(b, p + 16), off = u32(b, p + 20);
            long ch = u32(b, p + 36);
            sects[i] = new long[] {ch, va, off, size, vsize};
            line("section", i + 1, name, hex(ch), hex(va), off, size, vsize, size > 0 ? bytesHash(off, size) : "-");
        }
        if (symPtr == 0 || nsyms == 0) {
            return;
        }
        checkedOffset(symPtr, 18 * nsyms, "symbol table");
        List<String> names = new ArrayList<>();
        List<long[]> syms = new ArrayList<>(); // value, section number, type, class
        Map<Integer, List<Long>> collect = new TreeMap<>();
        for (long k = 0; k < nsyms; k++) {
            int e = (int) (symPtr + 18 * k);
            String name = b.getInt(e) == 0 ? peString(strOff, strEnd, u32(b, e + 4)) : fixedString(e, 8);
            long value = u32(b, e + 8);
            int sect = b.getShort(e + 12);
            int type = Short.toUnsignedInt(b.getShort(e + 14));
            int cls = u8(e + 16);
            int aux = u8(e + 17);
            names.add(name);
            syms.add(new long[] {value, sect, type, cls});
            if (sect > 0) {
                collect.computeIfAbsent(sect, x -> new ArrayList<>()).add(value);
            }
            k += aux; // auxiliary records are not symbols
        }
        Map<Integer, long[]> bySect = new HashMap<>();
        collect.forEach((k, v) -> {
            long[] a = v.stream().mapToLong(Long::longValue).toArray();
            Arrays.sort(a);
            bySect.put(k, a);
        });
        for (int i = 0; i < syms.size(); i++) {
            long[] s = syms.get(i);
            long value = s[0];
            int sect = (int) s[1];
            long size = 0;
            String off = "-", hash = "-";
            if (sect > 0 && sect <= nsect) {
                long[] sec = sects[sect - 1];
                long end = sec[4];
                long[] vals = bySect.get(sect);
                int j = upperBound(vals, value);
                if (j < vals.length && vals[j] < end) {
                    end = vals[j];
                }
                if (end > value) {
                    size = end - value;
                }
                // Bytes past the section's raw data are zero in memory, not in the file.
                if (value < sec[3]) {
                    long o = sec[2] + value;
                    off = Long.toString(o);
                    if (size > 0 && value + size <= sec[3]) {
                        hash = bytesHash(o, size);
                    }
                }
            }
            line("symbol", names.get(i), hex(value), size, off, sect + "/" + s[2] + "/" + s[3], hash);
        }
    }

    /** The string at {@code off} in the COFF string table at [strOff, strEnd) (offsets count its length word). */
    private String peString(long strOff, long strEnd, long off) throws MalformedBinaryException {
        if (off < 4 || strOff + off >= strEnd) {
            throw new MalformedBinaryException("string table offset " + off + " out of range");
        }
        return cstring(strOff + off, strEnd);
    }

    // ---- XCOFF -----------------------------------------------------------

    /** A 64-bit XCOFF file (AIX): file header, section headers, symbols with the string table. */
    private void xcoff() throws MalformedBinaryException {
        ByteBuffer b = ByteBuffer.wrap(data).order(ByteOrder.BIG_ENDIAN);
        need(24, "XCOFF header");
        int nscns = Short.toUnsignedInt(b.getShort(2));
        long symptr = b.getLong(8);
        int opthdr = Short.toUnsignedInt(b.getShort(16));
        int flags = Short.toUnsignedInt(b.getShort(18));
        long nsyms = u32(b, 20);
        line("format", "xcoff", hex(Short.toUnsignedInt(b.getShort(0))), hex(flags), opthdr);
        final int stypBss = 0x80;
        long[][] sects = new long[nscns][]; // vaddr, size, scnptr, flags
        for (int i = 0; i < nscns; i++) {
            int h = checkedOffset(24L + opthdr + 72L * i, 72, "section header " + (i + 1));
            String name = fixedString(h, 8);
            long vaddr = b.getLong(h + 16), size = b.getLong(h + 24), scnptr = b.getLong(h + 32);
            long fl = u32(b, h + 64);
            sects[i] = new long[] {vaddr, size, scnptr, fl};
            String hash = (fl & stypBss) == 0 && scnptr != 0 ? bytesHash(scnptr, size) : "-";
            line("section", i + 1, name, hex(fl), hex(vaddr), Long.toUnsignedString(scnptr),
                    Long.toUnsignedString(size), hash);
        }
        if (symptr == 0 || nsyms == 0) {
            return;
        }
        long strOff = symptr + 18 * nsyms;
        long strEnd = strOff;
        if (strOff >= 0 && strOff + 4 <= data.length) {
            strEnd = strOff + u32(b, (int) strOff);
        }
        for (long i = 0; i < nsyms;) {
            int e = checkedOffset(symptr + 18 * i, 18, "symbol " + i);
            long value = b.getLong(e);
            long noff = u32(b, e + 8);
            int scnum = b.getShort(e + 12);
            int type = Short.toUnsignedInt(b.getShort(e + 14));
            int sclass = u8(e + 16);
            int numaux = u8(e + 17);
            String name = "";
            if (noff < strEnd - strOff) {
                int k = (int) (strOff + noff);
                int end = (int) Math.min(strEnd, data.length);
                while (k < end && data[k] != 0) {
                    k++;
                }
                if (k < end) {
                    name = new String(data, (int) (strOff + noff), k - (int) (strOff + noff), StandardCharsets.UTF_8);
                }
            }
            // The size: a csect's length from its csect auxiliary entry (the last one),
            // a DWARF section symbol's from its section auxiliary entry.
            long size = 0;
            if (numaux > 0 && symptr + 18 * (i + numaux) + 18 <= data.length) {
                int a = (int) (symptr + 18 * (i + numaux));
                int auxtype = u8(a + 17);
                if (auxtype == 251 && (u8(a + 10) & 7) == 1) {
                    size = u32(b, a + 12) << 32 | u32(b, a);
                } else if (auxtype == 250) {
                    size = b.getLong(a);
                }
            }
            String off = "-", hash = "-";
            if (scnum > 0 && scnum <= nscns) {
                long[] s = sects[scnum - 1];
                if ((s[3] & stypBss) == 0 && s[2] != 0 && Long.compareUnsigned(value, s[0]) >= 0) {
                    long o = s[2] + value - s[0];
                    off = Long.toUnsignedString(o);
                    if (size != 0) {
                        hash = bytesHash(o, size);
                    }
                }
            }
            line("symbol", name, hex(value), Long.toUnsignedString(size), off,
                    scnum + "/" + type + "/" + sclass + "/" + numaux, hash);
            i += 1 + numaux;
        }
    }

    // ---- Plan 9 a.out -----------------------------------------------------

    /** The magics debug/plan9obj reads: 386, amd64 (with the 64-bit header bit) and arm. */
    private static final long[] PLAN9_MAGICS = {4 * 11 * 11 + 7, 4 * 26 * 26 + 7 | 0x8000, 4 * 20 * 20 + 7};

    private static boolean isPlan9(byte[] data) {
        if (data.length < 4) {
            return false;
        }
        long magic = u32(ByteBuffer.wrap(data), 0);
        return Arrays.stream(PLAN9_MAGICS).anyMatch(m -> m == magic);
    }

    private void plan9() throws MalformedBinaryException {
        ByteBuffer b = ByteBuffer.wrap(data); // big-endian
        need(32, "Plan 9 header");
        long magic = u32(b, 0);
        boolean wide = (magic & 0x8000) != 0;
        long hdrSize = wide ? 40 : 32;
        need((int) hdrSize, "Plan 9 header");
        // debug/plan9obj: load address and page by header kind (amd64's 2 MiB, else 4 KiB).
        long page = wide ? 0x200000 : 0x1000;
        long loadAddress = page;
        line("format", "plan9", hex(magic));
        String[] names = {"text", "data", "syms", "spsz", "pcsz"};
        long[] sizes = {u32(b, 4), u32(b, 8), u32(b, 16), u32(b, 24), u32(b, 28)};
        long bss = u32(b, 12);
        long[] offsets = new long[names.length];
        long off = hdrSize;
        for (int i = 0; i < names.length; i++) {
            offsets[i] = off;
            off = (off + sizes[i]) & 0xffffffffL; // plan9obj adds offsets in 32 bits
        }
        long textAddr = loadAddress + hdrSize;
        long textEnd = textAddr + sizes[0];
        long dataAddr = (textEnd + page - 1) & -page;
        long dataEnd = dataAddr + sizes[1];
        long bssEnd = dataEnd + bss;
        line("segment", 0, "text", 5, hex(textAddr), offsets[0], sizes[0], sizes[0], bytesHash(offsets[0], sizes[0]));
        line("segment", 1, "data", 6, hex(dataAddr), offsets[1], sizes[1], sizes[1] + bss,
                bytesHash(offsets[1], sizes[1]));
        for (int i = 0; i < names.length; i++) {
            line("section", i + 1, names[i], offsets[i], sizes[i], bytesHash(offsets[i], sizes[i]));
        }
        int symOff = checkedOffset(offsets[2], sizes[2], "symbol table");
        int symEnd = symOff + (int) sizes[2];
        int ptr = wide ? 8 : 4;
        List<String> symNames = new ArrayList<>();
        List<long[]> syms = new ArrayList<>(); // value, type letter
        for (int p = symOff; symEnd - p >= 4;) {
            if (symEnd - p < ptr) {
                throw new MalformedBinaryException("Plan 9 symbol table: unexpected end at offset " + p);
            }
            long value = wide ? b.getLong(p) : u32(b, p);
            p += ptr;
            int type = data[p] & 0x7f;
            p++;
            int e = p;
            while (e < symEnd && data[e] != 0) {
                e++;
            }
            if (type == 'z' || type == 'Z') {
                throw new MalformedBinaryException("Plan 9 symbol table: a file name entry ('" + (char) type
                        + "'), which Go never writes, at offset " + (p - 1));
            }
            if (e >= symEnd) {
                throw new MalformedBinaryException("Plan 9 symbol table: unexpected end at offset " + p);
            }
            symNames.add(new String(data, p, e - p, StandardCharsets.UTF_8));
            syms.add(new long[] {value, type});
            p = e + 1;
        }
        // A symbol extends to the next higher address in the same segment (read-only data is in text).
        long[] starts = {textAddr, dataAddr};
        long[] ends = {textEnd, bssEnd};
        long[] fileEnds = {textEnd, dataEnd};
        long[] fileOffs = {offsets[0], offsets[1]};
        List<List<Long>> collect = List.of(new ArrayList<>(), new ArrayList<>());
        for (long[] s : syms) {
            int k = plan9Segment(s[0], starts, ends);
            if (k >= 0) {
                collect.get(k).add(s[0]);
            }
        }
        long[][] bySeg = new long[2][];
        for (int k = 0; k < 2; k++) {
            bySeg[k] = collect.get(k).stream().mapToLong(Long::longValue).sorted().toArray();
        }
        for (int i = 0; i < syms.size(); i++) {
            long value = syms.get(i)[0];
            long size = 0;
            String o = "-", hash = "-";
            int k = plan9Segment(value, starts, ends);
            if (k >= 0) {
                long end = ends[k];
                int j = upperBound(bySeg[k], value);
                if (j < bySeg[k].length && Long.compareUnsigned(bySeg[k][j], end) < 0) {
                    end = bySeg[k][j];
                }
                size = end - value;
                // Past the data's file part is bss: zero in memory, absent from the file.
                if (Long.compareUnsigned(value, fileEnds[k]) < 0) {
                    long fo = fileOffs[k] + (value - starts[k]);
                    o = Long.toString(fo);
                    if (Long.compareUnsigned(value + size, fileEnds[k]) <= 0) {
                        hash = bytesHash(fo, size);
                    }
                }
            }
            line("symbol", symNames.get(i), hex(value), size, o, String.valueOf((char) syms.get(i)[1]), hash);
        }
    }

    /** The segment (0 text, 1 data) whose memory holds {@code v}, or -1. */
    private static int plan9Segment(long v, long[] starts, long[] ends) {
        for (int k = 0; k < starts.length; k++) {
            if (Long.compareUnsigned(v, starts[k]) >= 0 && Long.compareUnsigned(v, ends[k]) < 0) {
                return k;
            }
        }
        return -1;
    }

    // ---- wasm ------------------------------------------------------------

    private static final String[] WASM_SECTIONS = {"custom", "type", "import", "function", "table", "memory",
        "global", "export", "start", "element", "code", "data", "datacount"};

    private int pos;

    private void wasm() throws MalformedBinaryException {
        need(8, "wasm header");
        line("format", "wasm", ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN).getInt(4));
        pos = 8;
        List<long[]> bodies = new ArrayList<>();
        Map<Long, String> names = new HashMap<>();
        long imported = 0;
        for (int index = 1; pos < data.length; index++) {
            int id = u8(pos++);
            long size = uleb();
            int start = pos;
            long end = start + size;
            if (end > data.length) {
                throw new MalformedBinaryException("wasm section " + id + " at offset " + start + " runs past the end");
            }
            String name = id < WASM_SECTIONS.length ? WASM_SECTIONS[id] : "id" + id;
            if (id == 0) {
                String n = wasmName();
                name = "custom:" + n;
                if (n.equals("name")) {
                    while (pos < end) {
                        int sub = u8(pos++);
                        long subSize = uleb();
                        long subEnd = pos + subSize;
                        if (sub == 1) {
                            long count = uleb();
                            for (long i = 0; i < count; i++) {
                                long idx = uleb();
                                names.put(idx, wasmName());
                            }
                        }
                        pos = (int) subEnd;
                    }
                }
            } else if (id == 2) {
                long count = uleb();
                for (long i = 0; i < count; i++) {
                    wasmName();
                    wasmName();
                    int kind = u8(pos++);
                    if (kind != 0) {
                        break; // only imported functions are counted, and Go imports nothing else
                    }
                    imported++;
                    uleb();
                }
            } else if (id == 10) {
                long count = uleb();
                for (long i = 0; i < count; i++) {
                    long n = uleb();
                    bodies.add(new long[] {pos, n});
                    pos += (int) n;
                }
            }
            line("section", index, name, hex(id), start, size, sha256(data, start, (int) size));
            pos = (int) end;
        }
        for (int i = 0; i < bodies.size(); i++) {
            long idx = imported + i;
            long[] body = bodies.get(i);
            line("symbol", names.getOrDefault(idx, ""), hex(idx), body[1], body[0], "func",
                    sha256(data, (int) body[0], (int) body[1]));
        }
    }

    private long uleb() throws MalformedBinaryException {
        long v = 0;
        int shift = 0;
        int start = pos;
        while (pos < data.length && shift < 64) {
            int b = data[pos++] & 0xff;
            v |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return v;
            }
            shift += 7;
        }
        throw new MalformedBinaryException("bad LEB128 at offset " + start);
    }

    private String wasmName() throws MalformedBinaryException {
        long n = uleb();
        if (pos + n > data.length) {
            throw new MalformedBinaryException("name past end at offset " + pos);
        }
        String s = new String(data, pos, (int) n, StandardCharsets.UTF_8);
        pos += (int) n;
        return s;
    }

    // ---- helpers ---------------------------------------------------------

    private void line(Object... fields) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                b.append('\t');
            }
            b.append(fields[i]);
        }
        lines.add(b.toString());
    }

    private int u8(int off) throws MalformedBinaryException {
        if (off < 0 || off >= data.length) {
            throw new MalformedBinaryException("offset " + off + " is past the end of the file (" + data.length + " bytes)");
        }
        return data[off] & 0xff;
    }

    private static long u32(ByteBuffer b, int off) {
        return Integer.toUnsignedLong(b.getInt(off));
    }

    private void need(int n, String what) throws MalformedBinaryException {
        if (data.length < n) {
            throw new MalformedBinaryException("file too short for the " + what + ": " + data.length + " bytes");
        }
    }

    private int checkedOffset(long off, long n, String what) throws MalformedBinaryException {
        if (off < 0 || n < 0 || off > data.length || n > data.length - off) {
            throw new MalformedBinaryException(what + " at offset " + off + " (" + n + " bytes) lies outside the file ("
                    + data.length + " bytes)");
        }
        return (int) off;
    }

    private String cstring(long off, long end) {
        if (off < 0 || off >= data.length) {
            return "";
        }
        int e = (int) Math.min(end, data.length);
        int i = (int) off;
        while (i < e && data[i] != 0) {
            i++;
        }
        return new String(data, (int) off, i - (int) off, StandardCharsets.UTF_8);
    }

    private String fixedString(int off, int n) {
        int i = 0;
        while (i < n && data[off + i] != 0) {
            i++;
        }
        return new String(data, off, i, StandardCharsets.UTF_8);
    }

    private String bytesHash(long off, long n) {
        if (off < 0 || n < 0 || off > data.length || n > data.length - off) {
            return "out-of-file";
        }
        return sha256(data, (int) off, (int) n);
    }

    private static String hex(long v) {
        return "0x" + Long.toHexString(v);
    }

    private static boolean startsWith(byte[] data, byte[] prefix) {
        return data.length >= prefix.length && Arrays.equals(data, 0, prefix.length, prefix, 0, prefix.length);
    }

    static String sha256(byte[] data, int off, int len) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(data, off, len);
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }
}
