package dev.golink.outbuf;

import dev.golink.LinkException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * The output file (cf. cmd/link ld.OutBuf). The link writes into a temporary file
 * beside the output and renames it over the output only when everything is
 * written, so a failed link leaves nothing behind.
 *
 * <p>Once layout knows the size of everything with a file offset, {@link #mmap}
 * gives the file that length (sparse: only what is written takes blocks, time or
 * memory), checks that the disk has room for it (so that a full disk is an error
 * here, not a fault later) and maps it: Asmb then copies sections and segments into
 * {@link #view views}, in parallel. What is written past that size (Asmb2: symbol
 * tables, headers, Mach-O link-edit data) goes to a growable heap tail, appended
 * on {@link #commit}. With mapping off, or where the file cannot be mapped, the
 * fixed part is a heap array instead; the bytes are the same.
 *
 * <p>The files the link writes besides the output ({@link #sideFile}: the reports) are the
 * output's too: temporary until the commit renames them after it, removed with it otherwise.
 */
public final class OutBuf extends OutWriter implements AutoCloseable {

    private final Path output;
    /** The output as messages name it: as the link was given it. */
    private final String name;
    private final Path temp;
    private final FileChannel channel;
    private final ByteOrder order;
    private final boolean mmapAllowed;
    /** The mode the file gets: null for rwxr-xr-x. */
    private final Set<PosixFilePermission> mode;
    /** The link's inputs, which no side file may replace either. */
    private final Inputs inputs;
    private final List<SideFile> sideFiles = new ArrayList<>();
    private Storage storage;
    private byte[] tail = new byte[0];
    private int tailLen;
    private boolean done;

    private OutBuf(Path output, String name, Path temp, FileChannel channel, ByteOrder order, boolean mmapAllowed,
            Set<PosixFilePermission> mode, Collection<Path> inputs) {
        super(order, 0);
        this.inputs = new Inputs(List.copyOf(inputs));
        this.mode = mode;
        this.output = output;
        this.name = name;
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
        return create(output, output.toString(), order, mmapAllowed, List.of());
    }

    /**
     * Starts the output {@code output}, which must not be one of {@code inputs}: creates
     * the temporary file beside the file it names, after removing the temporary files that
     * links of golink's that are gone left in that folder.
     *
     * <p>Where cmd/link goes, as for the file it writes: a symbolic link at {@code output}
     * is followed (its target gets the executable; the link stays), a directory fails the
     * link. Unlike cmd/link, which opens a device or a pipe and fails once it tries to map
     * it (or writes into it, for a block device), golink leaves anything that is not a
     * regular file alone and fails at once; and an output that is an input of the link
     * fails before anything is written, where cmd/link first removes the input.
     */
    public static OutBuf create(Path output, String name, ByteOrder order, boolean mmapAllowed,
            Collection<Path> inputs) throws LinkException {
        Path target;
        try {
            target = OutputPath.target(output);
        } catch (IOException e) {
            throw new LinkException("cannot create " + name + ": open " + name + ": " + describe(e), e);
        }
        OutputPath.check(name, target, inputs);
        Path dir = target.getParent();
        OutputPath.removeStale(dir);
        Path temp = null;
        try {
            Set<PosixFilePermission> mode = null;
            if (!target.equals(output.toAbsolutePath()) && Files.isRegularFile(target)) {
                // Through a symbolic link cmd/link rewrites the file in place, so it keeps its mode.
                try {
                    mode = Files.getPosixFilePermissions(target);
                } catch (UnsupportedOperationException e) {
                    mode = null;
                }
            }
            temp = OutputPath.createTemp(dir, target.getFileName().toString());
            FileChannel ch = FileChannel.open(temp, StandardOpenOption.READ, StandardOpenOption.WRITE);
            return new OutBuf(target, name, temp, ch, order, mmapAllowed, mode, inputs);
        } catch (IOException e) {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // the original error is the one to report
                }
            }
            throw new LinkException("cannot create " + name + ": " + describe(e), e);
        }
    }

    /**
     * The error of an output named with a trailing slash ({@code given}, which names
     * {@code resolved}): open(2) takes such a name for a directory's only.
     */
    public static LinkException trailingSlash(String given, Path resolved) {
        return OutputPath.trailingSlash(given, resolved);
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
            reserve(filesize);
            if (mmapAllowed) {
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
            throw new LinkException("cannot allocate " + filesize + " bytes for output file " + name + ": "
                    + describe(e), e);
        }
    }

    /**
     * The link's error for a write into the mapped output that faulted, or null when
     * {@code e} is not that. The file is sparse (Java 17 has no fallocate), so a disk that
     * filled up after {@link #mmap} checked its free space makes the first write to a page
     * fault; the JVM raises that as an InternalError, sometimes a little after the write,
     * which is why the link's phases, and not only the writes, ask here.
     */
    public static LinkException writeFault(String phase, Throwable e) {
        if (e instanceof java.io.UncheckedIOException u && u.getCause() != null
                && String.valueOf(u.getCause().getMessage()).contains("cannot write the output file")) {
            return new LinkException(phase + ": " + u.getCause().getMessage(), e);
        }
        if (e instanceof InternalError && String.valueOf(e.getMessage()).contains("unsafe memory access")) {
            return new LinkException(phase + ": cannot write the output file (is the disk full?): " + e.getMessage(),
                    e);
        }
        return null;
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
     * The link's inputs, as a file that exists is compared with them: by the file's identity
     * (device and inode), each input's read once, when a side file's name is first taken.
     */
    static final class Inputs {
        private final List<Path> paths;
        private java.util.Map<Object, Path> byKey;

        Inputs(List<Path> paths) {
            this.paths = paths;
        }

        /** The input that is {@code file} (whose file key is {@code key}, or null when unknown), or null. */
        synchronized Path same(Path file, Object key) {
            if (key == null) {
                return OutputPath.sameFile(file, paths);
            }
            if (byKey == null) {
                byKey = new java.util.HashMap<>();
                for (Path in : paths) {
                    try {
                        Object k = in == null ? null
                                : Files.readAttributes(in, java.nio.file.attribute.BasicFileAttributes.class).fileKey();
                        if (k != null) {
                            byKey.putIfAbsent(k, in);
                        }
                    } catch (IOException e) {
                        // an input that is not there is no file here
                    }
                }
            }
            return byKey.get(key);
        }
    }

    /**
     * Starts {@code file}, a file the link writes besides the output (what is the file, for
     * messages: "size report"): its temporary file, which {@link #commit} renames onto it after
     * the output, and which a failed link removes.
     */
    public synchronized SideFile sideFile(Path file, String what) throws LinkException {
        if (done) {
            throw new IllegalStateException("output already finished");
        }
        SideFile f = SideFile.create(file, what, output, inputs);
        for (SideFile other : sideFiles) {
            if (other.target().equals(f.target())) {
                f.delete();
                throw new LinkException("cannot write the " + what + " " + file + ": another report of this link"
                        + " is written there");
            }
        }
        sideFiles.add(f);
        return f;
    }

    /**
     * Finishes the file: unmaps (or writes out) the fixed part, appends the tail,
     * gives the file mode 0755; waits until the side files are written, then renames the
     * output onto its name and the side files onto theirs.
     */
    public void commit() throws LinkException {
        if (done) {
            throw new IllegalStateException("output already finished");
        }
        try {
            finishFile();
            for (SideFile f : sideFiles) {
                f.awaitWritten();
            }
        } catch (LinkException | RuntimeException | Error e) {
            abort();
            throw e;
        }
        moveIntoPlace();
    }

    /** Writes out and closes the temporary file, with its mode. */
    private void finishFile() throws LinkException {
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
                Files.setPosixFilePermissions(temp, mode != null ? mode : PosixFilePermissions.fromString("rwxr-xr-x"));
            } catch (UnsupportedOperationException e) {
                temp.toFile().setExecutable(true, false);
            }
        } catch (IOException e) {
            throw new LinkException("cannot write output file " + name + ": " + describe(e), e);
        }
    }

    /**
     * Renames the output, then the side files. Should a side file's rename fail (something took
     * its name since it was checked), the link fails and, as cmd/link removes its output on any
     * failure, removes the output and the side files already renamed.
     */
    private void moveIntoPlace() throws LinkException {
        try {
            OutputPath.replace(temp, output);
        } catch (IOException e) {
            abort();
            throw new LinkException("cannot write output file " + name + ": " + describe(e), e);
        }
        done = true;
        for (int i = 0; i < sideFiles.size(); i++) {
            try {
                sideFiles.get(i).moveIntoPlace();
            } catch (LinkException e) {
                for (int j = 0; j < sideFiles.size(); j++) {
                    if (j < i) {
                        sideFiles.get(j).deleteTarget();
                    } else {
                        sideFiles.get(j).delete();
                    }
                }
                try {
                    Files.deleteIfExists(output);
                } catch (IOException ignored) {
                    // the report's error is the one to give
                }
                throw e;
            }
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
        synchronized (this) {
            for (SideFile f : sideFiles) {
                f.delete(); // a writer still at work writes into a removed file, or fails to open it
            }
        }
    }

    /** Aborts unless {@link #commit} succeeded, so try-with-resources never leaves a partial file. */
    @Override
    public void close() {
        abort();
    }

    /**
     * Gives the file its length without writing it: the file is sparse, so what is never
     * written (the zeros of a symbol that declares a large size with little content) costs
     * neither time nor memory. cmd/link reserves the blocks with fallocate; Java 17 cannot
     * call it, so the free space of the file system is checked instead, and a full disk is
     * an error here, before anything is mapped. (A disk that fills up while the link writes
     * is still a clear error: see MappedStorage.)
     */
    private void reserve(long size) throws IOException {
        if (size == 0) {
            return;
        }
        long free = Files.getFileStore(temp).getUsableSpace();
        if (free < size - channel.size()) {
            throw new IOException("No space left on device (" + size + " bytes needed, " + free + " free)");
        }
        ByteBuffer last = ByteBuffer.allocate(1);
        while (last.hasRemaining()) {
            channel.write(last, size - 1);
        }
    }

    /** The reason of {@code e} as Go words it (cmd/link's messages end with the system's error). */
    public static String describe(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NotDirectoryException) {
            return "not a directory";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            String r = f.getReason();
            return r.length() > 1 && Character.isLowerCase(r.charAt(1)) ? Character.toLowerCase(r.charAt(0))
                    + r.substring(1) : r;
        }
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }
}
