package dev.golink.goobj;

import dev.golink.LinkException;
import org.apache.commons.compress.archivers.ar.ArArchiveEntry;
import org.apache.commons.compress.archivers.ar.ArArchiveInputStream;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
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

    /** Maps {@code file} and, if it is an archive, lists its members. */
    public static GoArchive open(Path file) throws LinkException {
        ByteBuffer mapped;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size > Integer.MAX_VALUE) {
                throw new LinkException(file + ": input file larger than 2 GiB is not supported");
            }
            mapped = ch.map(FileChannel.MapMode.READ_ONLY, 0, size);
        } catch (IOException e) {
            throw new LinkException("cannot open file " + file + ": " + e.getMessage(), e);
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

    private static List<Member> listMembers(Path file, ByteBuffer bytes) throws LinkException {
        List<Member> members = new ArrayList<>();
        int limit = bytes.limit();
        int off = ARMAG.length;
        while (off < limit) {
            if (off + HEADER_SIZE > limit) {
                throw new LinkException(file + ": truncated archive: member header at offset " + off + " needs "
                        + HEADER_SIZE + " bytes, " + (limit - off) + " remain");
            }
            // One stream per header: letting the stream skip member data would
            // copy every byte of the archive through a scratch buffer.
            InputStream in = new SequenceInputStream(new ByteArrayInputStream(ARMAG),
                    new ByteBufferInputStream(bytes.slice(off, limit - off)));
            long dataOffset;
            long size;
            String streamName;
            try (ArArchiveInputStream ar = new ArArchiveInputStream(in)) {
                ArArchiveEntry e = ar.getNextEntry();
                if (e == null) {
                    break;
                }
                streamName = e.getName();
                // The stream has consumed exactly the header (after the magic we
                // put in front), so this is where the member's data starts.
                dataOffset = off + ar.getBytesRead() - ARMAG.length;
                size = e.getLength();
            } catch (IOException ex) {
                throw new LinkException(file + ": malformed archive: member header at offset " + off + ": "
                        + ex.getMessage(), ex);
            }
            if (size < 0 || dataOffset + size > limit) {
                throw new LinkException(file + ": truncated archive: member " + streamName + " at offset " + off
                        + " claims " + size + " bytes but only " + Math.max(0, limit - dataOffset) + " remain");
            }
            members.add(new Member(rawName(bytes, off), (int) dataOffset, (int) size));
            // Members are 2-byte aligned.
            off = (int) (dataOffset + size + (size & 1));
        }
        return List.copyOf(members);
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
        return new String(name, StandardCharsets.UTF_8);
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

    /** An input stream over a buffer that skips without copying. */
    private static final class ByteBufferInputStream extends InputStream {
        private final ByteBuffer b;

        ByteBufferInputStream(ByteBuffer b) {
            this.b = b;
        }

        @Override
        public int read() {
            return b.hasRemaining() ? b.get() & 0xff : -1;
        }

        @Override
        public int read(byte[] dst, int off, int len) {
            if (len == 0) {
                return 0;
            }
            if (!b.hasRemaining()) {
                return -1;
            }
            int n = Math.min(len, b.remaining());
            b.get(dst, off, n);
            return n;
        }

        @Override
        public long skip(long n) {
            int k = (int) Math.max(0, Math.min(n, b.remaining()));
            b.position(b.position() + k);
            return k;
        }

        @Override
        public int available() {
            return b.remaining();
        }
    }
}
