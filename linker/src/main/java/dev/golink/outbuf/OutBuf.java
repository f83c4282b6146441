package dev.golink.outbuf;

import dev.golink.LinkException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;

/**
 * The output file (cf. cmd/link ld.OutBuf). The link writes into a temporary file
 * beside the output and renames it over the output only when everything is
 * written, so a failed link leaves nothing behind.
 *
 * <p>Once layout knows the size of everything with a file offset, {@link #mmap}
 * reserves that many bytes on disk (so that a full disk is an error here, not a
 * fault later) and maps them: Asmb then copies sections and segments into
 * {@link #view views}, in parallel. What is written past that size (Asmb2: symbol
 * tables, headers, Mach-O link-edit data) goes to a growable heap tail, appended
 * on {@link #commit}. With mapping off, or where the file cannot be mapped, the
 * fixed part is a heap array instead; the bytes are the same.
 */
public final class OutBuf extends OutWriter implements AutoCloseable {

    private static final int RESERVE_BLOCK = 1 << 20;

    private final Path output;
    private final Path temp;
    private final FileChannel channel;
    private final ByteOrder order;
    private final boolean mmapAllowed;
    private Storage storage;
    private byte[] tail = new byte[0];
    private int tailLen;
    private boolean done;

    private OutBuf(Path output, Path temp, FileChannel channel, ByteOrder order, boolean mmapAllowed) {
        super(order, 0);
        this.output = output;
        this.temp = temp;
        this.channel = channel;
        this.order = order;
        this.mmapAllowed = mmapAllowed;
    }

    /**
     * Starts the output {@code output}: creates the temporary file beside it.
     *
     * @param mmapAllowed false to build the file on the heap instead of mapping it
     */
    public static OutBuf create(Path output, ByteOrder order, boolean mmapAllowed) throws LinkException {
        Path dir = output.toAbsolutePath().getParent();
        if (Files.isDirectory(output)) {
            throw new LinkException("cannot write output " + output + ": it is a directory");
        }
        Path temp = null;
        try {
            temp = Files.createTempFile(dir, "." + output.getFileName() + ".", ".golink-tmp");
            FileChannel ch = FileChannel.open(temp, StandardOpenOption.READ, StandardOpenOption.WRITE);
            return new OutBuf(output, temp, ch, order, mmapAllowed);
        } catch (IOException e) {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // the original error is the one to report
                }
            }
            throw new LinkException("cannot create output file in " + dir + ": " + describe(e), e);
        }
    }

    /**
     * Fixes the size of the part that has file offsets from layout, reserves it on
     * disk, and maps it (or allocates it on the heap).
     */
    public void mmap(long filesize) throws LinkException {
        if (storage != null) {
            throw new IllegalStateException("output already sized");
        }
        try {
            if (mmapAllowed) {
                reserve(filesize);
                try {
                    storage = new MappedStorage(channel, filesize);
                } catch (IOException | UnsupportedOperationException e) {
                    // A file system without mmap: build the bytes on the heap instead.
                    storage = new HeapStorage(channel, filesize);
                }
            } else {
                storage = new HeapStorage(channel, filesize);
            }
        } catch (IOException e) {
            throw new LinkException("cannot allocate " + filesize + " bytes for output file " + output + ": "
                    + describe(e), e);
        }
    }

    /** True when the fixed part is a file mapping (false: heap). */
    public boolean isMapped() {
        return storage instanceof MappedStorage;
    }

    /** A writer for [start, start + length) of the fixed part, for use by one thread. */
    public OutView view(long start, long length) {
        if (start < 0 || length < 0 || start + length > fixedSize()) {
            throw new IndexOutOfBoundsException("view [" + start + ", " + (start + length) + ") outside the output's "
                    + fixedSize() + " sized bytes");
        }
        return new OutView(storage, order, start, start + length);
    }

    private long fixedSize() {
        return storage == null ? 0 : storage.size();
    }

    @Override
    void store(long pos, byte[] src, int srcOff, int len) {
        long fixed = fixedSize();
        if (pos + len <= fixed) {
            storage.put(pos, src, srcOff, len);
            return;
        }
        if (pos < fixed) {
            int head = (int) (fixed - pos);
            storage.put(pos, src, srcOff, head);
            pos += head;
            srcOff += head;
            len -= head;
        }
        int at = Math.toIntExact(pos - fixed);
        if (at + len > tail.length) {
            tail = Arrays.copyOf(tail, Math.max(at + len, tail.length * 2));
        }
        System.arraycopy(src, srcOff, tail, at, len);
        tailLen = Math.max(tailLen, at + len);
    }

    /** Reads back written bytes (a code signature hashes the file it signs). */
    public void read(long pos, byte[] dst, int dstOff, int len) {
        long fixed = fixedSize();
        if (pos < fixed) {
            int n = (int) Math.min(len, fixed - pos);
            storage.get(pos, dst, dstOff, n);
            pos += n;
            dstOff += n;
            len -= n;
        }
        if (len > 0) {
            int at = Math.toIntExact(pos - fixed);
            int n = Math.max(0, Math.min(len, tailLen - at));
            System.arraycopy(tail, at, dst, dstOff, n);
            Arrays.fill(dst, dstOff + n, dstOff + len, (byte) 0);
        }
    }

    /** The file's length so far: the fixed part and the tail written past it. */
    public long length() {
        return fixedSize() + tailLen;
    }

    /**
     * Finishes the file: unmaps (or writes out) the fixed part, appends the tail,
     * gives the file mode 0755 and renames it onto the output.
     */
    public void commit() throws LinkException {
        if (done) {
            throw new IllegalStateException("output already finished");
        }
        try {
            long pos = fixedSize();
            if (storage != null) {
                storage.release();
            }
            ByteBuffer t = ByteBuffer.wrap(tail, 0, tailLen);
            while (t.hasRemaining()) {
                pos += channel.write(t, pos);
            }
            channel.close();
            try {
                Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rwxr-xr-x"));
            } catch (UnsupportedOperationException e) {
                temp.toFile().setExecutable(true, false);
            }
            try {
                Files.move(temp, output, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, output, StandardCopyOption.REPLACE_EXISTING);
            }
            done = true;
        } catch (IOException e) {
            abort();
            throw new LinkException("cannot write output file " + output + ": " + describe(e), e);
        }
    }

    /** Abandons the file: nothing is left behind. Safe to call more than once. */
    public void abort() {
        if (done) {
            return;
        }
        done = true;
        try {
            if (storage != null) {
                storage.release();
            }
        } catch (IOException ignored) {
            // best effort: the file is deleted next
        }
        try {
            channel.close();
        } catch (IOException ignored) {
            // best effort
        }
        try {
            Files.deleteIfExists(temp);
        } catch (IOException ignored) {
            // nothing more can be done
        }
    }

    /** Aborts unless {@link #commit} succeeded, so try-with-resources never leaves a partial file. */
    @Override
    public void close() {
        abort();
    }

    /**
     * Writes zeros over [0, size): Java has no fallocate, and a sparse file would
     * turn a full disk into a fault on first touch of a mapped page.
     */
    private void reserve(long size) throws IOException {
        ByteBuffer zeros = ByteBuffer.allocateDirect(RESERVE_BLOCK);
        long pos = 0;
        while (pos < size) {
            zeros.clear().limit((int) Math.min(RESERVE_BLOCK, size - pos));
            while (zeros.hasRemaining()) {
                pos += channel.write(zeros, pos);
            }
        }
    }

    private static String describe(IOException e) {
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }
}
