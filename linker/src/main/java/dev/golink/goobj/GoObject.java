package dev.golink.goobj;

import dev.golink.LinkException;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A lazy reader of one Go 1.19 object file (cmd/internal/goobj), over a read-only
 * view of its bytes. Nothing is decoded up front but the header; every accessor
 * reads the fixed-size record it needs by index, as ASM's ClassReader does.
 *
 * <p>Symbol indices are local: package definitions first, then hashed64,
 * hashed and non-package definitions, then non-package references; the blocks
 * are contiguous so one index space addresses them all.
 */
public final class GoObject {

    /** The magic of the object format Go 1.18 and 1.19 write. */
    public static final String MAGIC = "\0go118ld";

    // Block numbers of the header's offset table.
    static final int BLK_AUTOLIB = 0;
    static final int BLK_PKGIDX = 1;
    static final int BLK_FILE = 2;
    static final int BLK_SYMDEF = 3;
    static final int BLK_HASHED64DEF = 4;
    static final int BLK_HASHEDDEF = 5;
    static final int BLK_NONPKGDEF = 6;
    static final int BLK_NONPKGREF = 7;
    static final int BLK_REFFLAGS = 8;
    static final int BLK_HASH64 = 9;
    static final int BLK_HASH = 10;
    static final int BLK_RELOCIDX = 11;
    static final int BLK_AUXIDX = 12;
    static final int BLK_DATAIDX = 13;
    static final int BLK_RELOC = 14;
    static final int BLK_AUX = 15;
    static final int BLK_DATA = 16;
    static final int BLK_REFNAME = 17;
    static final int BLK_END = 18;
    static final int NBLK = 19;

    public static final int HEADER_SIZE = 8 + 8 + 4 + 4 * NBLK;
    static final int STRING_REF_SIZE = 8;
    static final int IMPORTED_PKG_SIZE = STRING_REF_SIZE + 8;
    public static final int SYM_SIZE = STRING_REF_SIZE + 2 + 1 + 1 + 1 + 4 + 4;
    public static final int RELOC_SIZE = 4 + 1 + 2 + 8 + 8;
    public static final int AUX_SIZE = 1 + 8;
    static final int REFFLAGS_SIZE = 8 + 1 + 1;
    static final int HASH64_SIZE = 8;
    static final int HASH_SIZE = 16;

    // Package index values with a special meaning in a symbol reference.
    public static final int PKGIDX_INVALID = 0;
    public static final int PKGIDX_NONE = Integer.MAX_VALUE;
    public static final int PKGIDX_HASHED64 = Integer.MAX_VALUE - 1;
    public static final int PKGIDX_HASHED = Integer.MAX_VALUE - 2;
    public static final int PKGIDX_BUILTIN = Integer.MAX_VALUE - 3;
    public static final int PKGIDX_SELF = Integer.MAX_VALUE - 4;

    /** The ABI value of a file-local (static) symbol. */
    public static final int SYM_ABI_STATIC = 0xffff;

    // Object flags.
    public static final int OBJ_FLAG_SHARED = 1;
    public static final int OBJ_FLAG_FROM_ASSEMBLY = 1 << 2;
    public static final int OBJ_FLAG_UNLINKABLE = 1 << 3;

    // Symbol flags (Flag).
    public static final int SYM_FLAG_DUPOK = 1;
    public static final int SYM_FLAG_LOCAL = 1 << 1;
    public static final int SYM_FLAG_TYPELINK = 1 << 2;
    public static final int SYM_FLAG_LEAF = 1 << 3;
    public static final int SYM_FLAG_NOSPLIT = 1 << 4;
    public static final int SYM_FLAG_REFLECT_METHOD = 1 << 5;
    public static final int SYM_FLAG_GOTYPE = 1 << 6;
    // Symbol flags (Flag2).
    public static final int SYM_FLAG2_USED_IN_IFACE = 1;
    public static final int SYM_FLAG2_ITAB = 1 << 1;
    public static final int SYM_FLAG2_DICT = 1 << 2;

    // Aux symbol types.
    public static final int AUX_GOTYPE = 0;
    public static final int AUX_FUNCINFO = 1;
    public static final int AUX_FUNCDATA = 2;
    public static final int AUX_DWARFINFO = 3;
    public static final int AUX_DWARFLOC = 4;
    public static final int AUX_DWARFRANGES = 5;
    public static final int AUX_DWARFLINES = 6;
    public static final int AUX_PCSP = 7;
    public static final int AUX_PCFILE = 8;
    public static final int AUX_PCLINE = 9;
    public static final int AUX_PCINLINE = 10;
    public static final int AUX_PCDATA = 11;

    private final ByteBuffer b;
    /** The file and member, for messages. */
    private final String where;
    private final int[] offsets = new int[NBLK];
    private final long fingerprint;
    private final int flags;
    private final int ndef;
    private final int nhashed64def;
    private final int nhasheddef;
    private final int nnonpkgdef;
    private final int nnonpkgref;

    private GoObject(ByteBuffer b, String where) throws LinkException {
        this.where = where;
        this.b = b.order(ByteOrder.LITTLE_ENDIAN);
        int len = b.limit();
        if (len < MAGIC.length() || !hasMagic(b)) {
            String found = len < MAGIC.length() ? "end of data after " + len + " bytes" : quote(b, 0, MAGIC.length());
            throw new LinkException(where + ": corrupt object header: expected magic \"\\x00go118ld\", found " + found);
        }
        if (len < HEADER_SIZE) {
            throw new LinkException(where + ": truncated object header: " + len + " bytes, expected at least " + HEADER_SIZE);
        }
        fingerprint = b.getLong(8);
        flags = b.getInt(16);
        int prev = HEADER_SIZE;
        for (int i = 0; i < NBLK; i++) {
            int off = b.getInt(20 + 4 * i);
            if (off < prev || off > len) {
                throw new LinkException(where + ": corrupt object header: block " + i + " offset " + Integer.toUnsignedString(off)
                        + " outside " + prev + ".." + len + (off > len ? " (truncated object?)" : ""));
            }
            offsets[i] = off;
            prev = off;
        }
        ndef = (offsets[BLK_SYMDEF + 1] - offsets[BLK_SYMDEF]) / SYM_SIZE;
        nhashed64def = (offsets[BLK_HASHED64DEF + 1] - offsets[BLK_HASHED64DEF]) / SYM_SIZE;
        nhasheddef = (offsets[BLK_HASHEDDEF + 1] - offsets[BLK_HASHEDDEF]) / SYM_SIZE;
        nnonpkgdef = (offsets[BLK_NONPKGDEF + 1] - offsets[BLK_NONPKGDEF]) / SYM_SIZE;
        nnonpkgref = (offsets[BLK_NONPKGREF + 1] - offsets[BLK_NONPKGREF]) / SYM_SIZE;
    }

    /**
     * Reads the header of the object in {@code bytes} (exactly the object, starting
     * at its magic). {@code where} names the file and member for messages.
     */
    public static GoObject read(ByteBuffer bytes, String where) throws LinkException {
        return new GoObject(bytes.slice(), where);
    }

    private static boolean hasMagic(ByteBuffer b) {
        for (int i = 0; i < MAGIC.length(); i++) {
            if (b.get(i) != (byte) MAGIC.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    static String quote(ByteBuffer b, int off, int n) {
        StringBuilder sb = new StringBuilder("\"");
        for (int i = off; i < off + n && i < b.limit(); i++) {
            int c = b.get(i) & 0xff;
            if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') {
                sb.append((char) c);
            } else {
                sb.append(String.format("\\x%02x", c));
            }
        }
        return sb.append('"').toString();
    }

    // ---- header ----

    public long fingerprint() {
        return fingerprint;
    }

    public int flags() {
        return flags;
    }

    public boolean fromAssembly() {
        return (flags & OBJ_FLAG_FROM_ASSEMBLY) != 0;
    }

    public boolean unlinkable() {
        return (flags & OBJ_FLAG_UNLINKABLE) != 0;
    }

    /** The object's size, for slicing the next member. */
    public int size() {
        return b.limit();
    }

    // ---- strings ----

    public String string(int off, int len) {
        return dev.golink.GoString.decode(bytes(off, len));
    }

    /** The {@code len} bytes at {@code off}, copied at once. */
    private byte[] bytes(int off, int len) {
        checkString(off, len);
        byte[] s = new byte[len];
        b.get(off, s);
        return s;
    }

    private void checkString(int off, int len) {
        if (len < 0 || off < 0 || off > b.limit() - len) {
            // Callers that know the object's file name it (Loader's corrupt, the phase runner).
            throw new IndexOutOfBoundsException("a string at offset " + Integer.toUnsignedString(off) + " of length "
                    + Integer.toUnsignedString(len) + " is outside the object's " + b.limit() + " bytes");
        }
    }

    /**
     * The object's bytes (little-endian), for readers that take a symbol's name where it lies
     * ({@link #symNameOff}); they read at absolute offsets and change nothing.
     */
    public ByteBuffer data() {
        return b;
    }

    private String stringRef(int off) {
        return string(b.getInt(off + 4), b.getInt(off));
    }

    // ---- autolib, package index, files ----

    public int nAutolib() {
        return (offsets[BLK_AUTOLIB + 1] - offsets[BLK_AUTOLIB]) / IMPORTED_PKG_SIZE;
    }

    public String autolibPkg(int i) {
        return stringRef(offsets[BLK_AUTOLIB] + i * IMPORTED_PKG_SIZE);
    }

    public long autolibFingerprint(int i) {
        return b.getLong(offsets[BLK_AUTOLIB] + i * IMPORTED_PKG_SIZE + STRING_REF_SIZE);
    }

    public int nPkg() {
        return (offsets[BLK_PKGIDX + 1] - offsets[BLK_PKGIDX]) / STRING_REF_SIZE;
    }

    public String pkg(int i) {
        return stringRef(offsets[BLK_PKGIDX] + i * STRING_REF_SIZE);
    }

    public int nFile() {
        return (offsets[BLK_FILE + 1] - offsets[BLK_FILE]) / STRING_REF_SIZE;
    }

    public String file(int i) {
        return stringRef(offsets[BLK_FILE] + i * STRING_REF_SIZE);
    }

    // ---- symbols ----

    public int nSym() {
        return ndef;
    }

    public int nHashed64def() {
        return nhashed64def;
    }

    public int nHasheddef() {
        return nhasheddef;
    }

    public int nNonpkgdef() {
        return nnonpkgdef;
    }

    public int nNonpkgref() {
        return nnonpkgref;
    }

    /** All definitions: package, hashed64, hashed and non-package. */
    public int nAlldef() {
        return ndef + nhashed64def + nhasheddef + nnonpkgdef;
    }

    private int symOff(int i) {
        return offsets[BLK_SYMDEF] + i * SYM_SIZE;
    }

    public int symNameLen(int i) {
        return b.getInt(symOff(i));
    }

    /** Where symbol {@code i}'s name ({@link #symNameLen} bytes) lies in {@link #data}, checked to be inside it. */
    public int symNameOff(int i) {
        int off = symOff(i);
        int nameOff = b.getInt(off + 4);
        checkString(nameOff, b.getInt(off));
        return nameOff;
    }

    /** Whether symbol {@code i}'s name starts with {@code prefix} (ASCII). */
    public boolean symNameStartsWith(int i, String prefix) {
        int off = symOff(i);
        int len = b.getInt(off);
        if (len < prefix.length()) {
            return false;
        }
        int nameOff = b.getInt(off + 4);
        checkString(nameOff, len);
        for (int k = 0; k < prefix.length(); k++) {
            if (b.get(nameOff + k) != prefix.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    public String symName(int i) {
        int off = symOff(i);
        // An empty name's offset is still checked, as Go's slicing checks it.
        return string(b.getInt(off + 4), b.getInt(off));
    }

    /** Copies the name's bytes as stored ({@link #symNameLen} of them) to {@code dst} at {@code at}. */
    public void copySymName(int i, byte[] dst, int at) {
        int off = symOff(i);
        int len = b.getInt(off);
        int nameOff = b.getInt(off + 4);
        checkString(nameOff, len);
        b.get(nameOff, dst, at, len);
    }

    /** Appends the name's bytes as stored (UTF-8), for output that must be byte-exact. */
    public void writeSymName(int i, ByteArrayOutputStream out) {
        int off = symOff(i);
        out.writeBytes(bytes(b.getInt(off + 4), b.getInt(off)));
    }

    public int symAbi(int i) {
        return b.getShort(symOff(i) + 8) & 0xffff;
    }

    /** The symbol kind, an objabi.SymKind value (see {@link SymKinds}). */
    public int symType(int i) {
        return b.get(symOff(i) + 10) & 0xff;
    }

    public int symFlag(int i) {
        return b.get(symOff(i) + 11) & 0xff;
    }

    public int symFlag2(int i) {
        return b.get(symOff(i) + 12) & 0xff;
    }

    /** The size as stored (an unsigned 32-bit value). */
    public long symSiz(int i) {
        return b.getInt(symOff(i) + 13) & 0xffffffffL;
    }

    public int symAlign(int i) {
        return b.getInt(symOff(i) + 17);
    }

    public boolean symDupok(int i) {
        return (symFlag(i) & SYM_FLAG_DUPOK) != 0;
    }

    // ---- hashes (indices relative to their block) ----

    public long hash64(int i) {
        return b.getLong(offsets[BLK_HASH64] + i * HASH64_SIZE);
    }

    /** The first or second 8 bytes of a 16-byte content hash. */
    public long hashWord(int i, int word) {
        return b.getLong(offsets[BLK_HASH] + i * HASH_SIZE + 8 * word);
    }

    // ---- ref flags ----

    public int nRefFlags() {
        return (offsets[BLK_REFFLAGS + 1] - offsets[BLK_REFFLAGS]) / REFFLAGS_SIZE;
    }

    public int refFlagsPkg(int i) {
        return b.getInt(offsets[BLK_REFFLAGS] + i * REFFLAGS_SIZE);
    }

    public int refFlagsSym(int i) {
        return b.getInt(offsets[BLK_REFFLAGS] + i * REFFLAGS_SIZE + 4);
    }

    public int refFlagsFlag2(int i) {
        return b.get(offsets[BLK_REFFLAGS] + i * REFFLAGS_SIZE + 9) & 0xff;
    }

    // ---- relocations: relocOff gives the absolute offset of a record ----

    public int nReloc(int i) {
        int idx = offsets[BLK_RELOCIDX] + i * 4;
        return b.getInt(idx + 4) - b.getInt(idx);
    }

    public int relocOff(int i, int j) {
        int idx = offsets[BLK_RELOCIDX] + i * 4;
        return offsets[BLK_RELOC] + (b.getInt(idx) + j) * RELOC_SIZE;
    }

    /** The number of relocation records in the object, all symbols' together. */
    public int nRelocRecords() {
        return (offsets[BLK_RELOC + 1] - offsets[BLK_RELOC]) / RELOC_SIZE;
    }

    /** The record number of the relocation record at {@code rec} ({@link #relocOff}), or -1 if it is outside the block. */
    public int relocRecordIndex(int rec) {
        int k = (rec - offsets[BLK_RELOC]) / RELOC_SIZE;
        return rec >= offsets[BLK_RELOC] && k < nRelocRecords() ? k : -1;
    }

    public int relocOffField(int rec) {
        return b.getInt(rec);
    }

    public int relocSiz(int rec) {
        return b.get(rec + 4) & 0xff;
    }

    /** The relocation type as stored, weak bit included. */
    public int relocType(int rec) {
        return b.getShort(rec + 5) & 0xffff;
    }

    public long relocAdd(int rec) {
        return b.getLong(rec + 7);
    }

    public int relocSymPkg(int rec) {
        return b.getInt(rec + 15);
    }

    public int relocSymIdx(int rec) {
        return b.getInt(rec + 19);
    }

    // ---- aux symbols ----

    public int nAux(int i) {
        int idx = offsets[BLK_AUXIDX] + i * 4;
        return b.getInt(idx + 4) - b.getInt(idx);
    }

    public int auxOff(int i, int j) {
        int idx = offsets[BLK_AUXIDX] + i * 4;
        return offsets[BLK_AUX] + (b.getInt(idx) + j) * AUX_SIZE;
    }

    public int auxType(int rec) {
        return b.get(rec) & 0xff;
    }

    public int auxSymPkg(int rec) {
        return b.getInt(rec + 1);
    }

    public int auxSymIdx(int rec) {
        return b.getInt(rec + 5);
    }

    // ---- data ----

    /** Absolute offset of symbol {@code i}'s content. */
    public int dataOff(int i) {
        return offsets[BLK_DATA] + b.getInt(offsets[BLK_DATAIDX] + i * 4);
    }

    public int dataSize(int i) {
        int idx = offsets[BLK_DATAIDX] + i * 4;
        return b.getInt(idx + 4) - b.getInt(idx);
    }

    /** A view of symbol {@code i}'s content (byte order left to the caller). */
    public ByteBuffer data(int i) {
        return b.slice(dataOff(i), dataSize(i));
    }

    /** Copies {@code len} bytes of symbol {@code i}'s content from {@code from} to {@code dst} at {@code dstOff}. */
    public void copyData(int i, int from, byte[] dst, int dstOff, int len) {
        int size = dataSize(i);
        int off = dataOff(i);
        if (size < 0 || off < 0 || off > b.limit() - size) {
            throw new dev.golink.MalformedInputException(where, "symbol #" + i + "'s content of " + size
                    + " bytes at offset " + Integer.toUnsignedString(off), "content inside the object's " + b.limit()
                    + " bytes");
        }
        b.get(off + Objects.checkFromIndexSize(from, len, size), dst, dstOff, len);
    }

    /** The byte at {@code off} of symbol {@code i}'s content. */
    public int dataByte(int i, int off) {
        return b.get(dataOff(i) + Objects.checkIndex(off, dataSize(i))) & 0xff;
    }

    public byte byteAt(int off) {
        return b.get(off);
    }

    // ---- ref names (for tools) ----

    public int nRefName() {
        return (offsets[BLK_REFNAME + 1] - offsets[BLK_REFNAME]) / (8 + STRING_REF_SIZE);
    }
}
