package dev.golink.macho;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The ad-hoc code signature cmd/link puts at the end of a darwin/arm64
 * executable's __LINKEDIT (cf. cmd/internal/codesign): a SuperBlob holding one
 * CodeDirectory, which names the binary and lists the SHA-256 of every 4 KiB page
 * of the file before the signature. macOS on Apple silicon runs nothing unsigned.
 */
public final class CodeSignature {

    /** cmd/link always signs with this identifier, whatever the output is called. */
    public static final String IDENTIFIER = "a.out";

    private static final int PAGE_SIZE_BITS = 12;
    private static final int PAGE_SIZE = 1 << PAGE_SIZE_BITS;
    private static final int HASH_SIZE = 32;
    private static final int SUPER_BLOB_SIZE = 3 * 4;
    private static final int BLOB_SIZE = 2 * 4;
    private static final int CODE_DIRECTORY_SIZE = 13 * 4 + 4 + 4 * 8;
    private static final int CSMAGIC_EMBEDDED_SIGNATURE = 0xfade0cc0;
    private static final int CSMAGIC_CODEDIRECTORY = 0xfade0c02;
    private static final int CSSLOT_CODEDIRECTORY = 0;
    private static final int CS_HASHTYPE_SHA256 = 2;
    private static final int CS_EXECSEG_MAIN_BINARY = 0x1;
    /** CodeDirectory version 0x20400: has the exec segment fields. */
    private static final int VERSION = 0x20400;
    /** adhoc | linker-signed. */
    private static final int FLAGS = 0x20002;

    /** Reads already written bytes of the output (the pages to hash). */
    @FunctionalInterface
    public interface Source {
        void read(long pos, byte[] dst, int dstOff, int len);
    }

    private CodeSignature() {
    }

    /** The signature's size for {@code codeSize} signed bytes. */
    public static long size(long codeSize, String id) {
        long pages = (codeSize + PAGE_SIZE - 1) / PAGE_SIZE;
        long hashOff = CODE_DIRECTORY_SIZE + id.length() + 1;
        return SUPER_BLOB_SIZE + BLOB_SIZE + hashOff + pages * HASH_SIZE;
    }

    /**
     * The signature of bytes [0, codeSize) of {@code data}.
     *
     * @param textOff  file offset of the __TEXT segment
     * @param textSize file size of the __TEXT segment
     * @param isMain   an executable (not a shared library)
     */
    public static byte[] sign(Source data, String id, long codeSize, long textOff, long textSize, boolean isMain) {
        long pages = (codeSize + PAGE_SIZE - 1) / PAGE_SIZE;
        int idOff = CODE_DIRECTORY_SIZE;
        int hashOff = idOff + id.length() + 1;
        int size = Math.toIntExact(size(codeSize, id));
        ByteBuffer out = ByteBuffer.allocate(size); // big-endian, as the format is

        out.putInt(CSMAGIC_EMBEDDED_SIGNATURE).putInt(size).putInt(1);
        out.putInt(CSSLOT_CODEDIRECTORY).putInt(SUPER_BLOB_SIZE + BLOB_SIZE);

        out.putInt(CSMAGIC_CODEDIRECTORY);
        out.putInt(size - (SUPER_BLOB_SIZE + BLOB_SIZE));
        out.putInt(VERSION);
        out.putInt(FLAGS);
        out.putInt(hashOff);
        out.putInt(idOff);
        out.putInt(0); // special slots
        out.putInt((int) pages);
        out.putInt((int) codeSize);
        out.put((byte) HASH_SIZE).put((byte) CS_HASHTYPE_SHA256).put((byte) 0).put((byte) PAGE_SIZE_BITS);
        out.putInt(0); // pad
        out.putInt(0); // scatter offset
        out.putInt(0); // team offset
        out.putInt(0); // pad
        out.putLong(0); // 64-bit code limit: unused below 4 GiB
        out.putLong(textOff);
        out.putLong(textSize);
        out.putLong(isMain ? CS_EXECSEG_MAIN_BINARY : 0);
        out.put(id.getBytes(StandardCharsets.UTF_8)).put((byte) 0);

        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
        byte[] page = new byte[PAGE_SIZE];
        for (long p = 0; p < codeSize; p += PAGE_SIZE) {
            int n = (int) Math.min(PAGE_SIZE, codeSize - p);
            data.read(p, page, 0, n);
            sha.update(page, 0, n);
            out.put(sha.digest());
        }
        return out.array();
    }
}
