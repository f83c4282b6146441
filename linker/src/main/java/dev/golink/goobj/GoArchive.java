package dev.golink.goobj;

import dev.golink.LinkException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * An input file of the link, memory-mapped read-only: a Go package archive
 * ({@code !<arch>\n}, members {@code __.PKGDEF}, {@code _go_.o} and assembly
 * objects) or a bare object file. Members are listed once; their bytes are
 * slices of the mapping, never copied onto the heap.
 */
public final class GoArchive {

    private static final byte[] ARMAG = "!<arch>\n".getBytes(StandardCharsets.ISO_8859_1);
    private static final int HEADER_SIZE = 60;

    /** One archive member: its name as cmd/link sees it (trailing blanks trimmed) and where its data lies. */
    public record Member(String name, int dataOffset, int size) {
    }

    private final Path file;
    private final ByteBuffer bytes;
    private final boolean isArchive;
    private final List<Member> members;

    private GoArchive(Path file, ByteBuffer bytes, boolean isArchive, List<Member> members) {
        this.file = file;
        this.bytes = bytes;
        this.isArchive = isArchive;
        this.members = members;
    }

    /** Maps {@code file} until the collector unmaps it (tools and tests), and lists its members. */
    public static GoArchive open(Path file) throws LinkException {
        return open(file, file, new dev.golink.FileMappings());
    }

    /**
     * Maps {@code path}, which the link names {@code file} (in messages), into {@code mappings}
     * (which unmaps it), and lists its members.
     */
    public static GoArchive open(Path path, Path file, dev.golink.FileMappings mappings) throws LinkException {
        ByteBuffer mapped;
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size > Integer.MAX_VALUE) {
                throw new LinkException(file + ": input file larger than 2 GiB is not supported");
            }
            mapped = mappings.map(ch, FileChannel.MapMode.READ_ONLY, 0, size);
        } catch (IOException e) {
            throw new LinkException("cannot open file " + file + ": " + dev.golink.GoErrors.pathError("open",
                    file.toString(), e), e);
        }
        return fromBytes(file, mapped);
    }

    /** Reads an archive already in memory ({@code name} is used in messages). */
    public static GoArchive fromBytes(Path name, ByteBuffer bytes) throws LinkException {
        if (!startsWith(bytes, ARMAG)) {
            return new GoArchive(name, bytes, false, List.of());
        }
        return new GoArchive(name, bytes, true, listMembers(name, bytes));
    }

    private static boolean startsWith(ByteBuffer b, byte[] prefix) {
        if (b.limit() < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (b.get(i) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * The members, read as cmd/link reads them (cf. ld.nextar): of the header
     * only the name and the size count; a size that is not a number is 0; a
     * header cut short by the end of the file ends the archive.
     */
    private static List<Member> listMembers(Path file, ByteBuffer bytes) throws LinkException {
        List<Member> members = new ArrayList<>();
        int limit = bytes.limit();
        long off = ARMAG.length;
        while (off + HEADER_SIZE <= limit) {
            int at = (int) off;
            String sizeField = headerField(bytes, at + 48, 10);
            long size = atolwhex(sizeField);
            long dataOffset = off + HEADER_SIZE;
            long next = HEADER_SIZE + size + (size & 1);
            if (next < 0) {
                throw new LinkException(file + ": malformed archive");
            }
            if (next == 0) {
                break;
            }
            if (dataOffset + size > limit) {
                throw new LinkException(file + ": truncated archive: member " + rawName(bytes, at) + " at offset "
                        + off + " claims " + size + " bytes but only " + Math.max(0, limit - dataOffset) + " remain");
            }
            members.add(new Member(rawName(bytes, at), (int) dataOffset, (int) size));
            off += next;
        }
        return List.copyOf(members);
    }

    /** A header field without the blanks around it (cf. ld.artrim). */
    private static String headerField(ByteBuffer bytes, int at, int len) {
        byte[] b = new byte[len];
        bytes.get(at, b);
        int start = 0;
        while (start < len && b[start] == ' ') {
            start++;
        }
        int end = len;
        while (end > start && b[end - 1] == ' ') {
            end--;
        }
        return new String(b, start, end - start, StandardCharsets.ISO_8859_1);
    }

    /** A number as Go's strconv.ParseInt with base 0 reads it; 0 if it is not one (cf. ld.atolwhex). */
    static long atolwhex(String s) {
        try {
            boolean negative = false;
            String t = s;
            if (t.startsWith("+") || t.startsWith("-")) {
                negative = t.startsWith("-");
                t = t.substring(1);
            }
            int radix = 10;
            if (t.length() > 1 && t.charAt(0) == '0') {
                char c = Character.toLowerCase(t.charAt(1));
                if (c == 'x' || c == 'b' || c == 'o') {
                    radix = c == 'x' ? 16 : c == 'b' ? 2 : 8;
                    t = t.substring(2);
                } else {
                    radix = 8;
                    t = t.substring(1);
                }
            }
            if (t.isEmpty() || !Character.isLetterOrDigit(t.charAt(0))) {
                return 0;
            }
            return Long.parseLong((negative ? "-" : "") + t, radix);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /**
     * cmd/link takes the 16-byte name field with trailing blanks removed, without
     * the GNU or BSD long-name conventions, so the name is read from the header.
     */
    private static String rawName(ByteBuffer bytes, int headerOffset) {
        int end = 16;
        while (end > 0 && bytes.get(headerOffset + end - 1) == ' ') {
            end--;
        }
        byte[] name = new byte[end];
        bytes.get(headerOffset, name);
        return dev.golink.GoString.decode(name);
    }

    public Path file() {
        return file;
    }

    /** Whether the file is an {@code ar} archive; otherwise it is one bare object. */
    public boolean isArchive() {
        return isArchive;
    }

    public List<Member> members() {
        return members;
    }

    /** The whole mapped file. */
    public ByteBuffer bytes() {
        return bytes.duplicate();
    }

    /** A read-only view of one member's data. */
    public ByteBuffer slice(Member m) {
        return bytes.slice(m.dataOffset(), m.size());
    }
}
