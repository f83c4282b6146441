package dev.golink.outbuf;

import dev.golink.LinkException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributes;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the output goes (cf. cmd/link ld.libinit's mayberemoveoutfile and OutBuf.Open):
 * the file {@code -o} names once symbolic links are followed, the checks cmd/link's open
 * makes (and those it should make), and the temporary file the link writes beside it.
 *
 * <p>A temporary file is named {@code .NAME.HOST-PID-START-RANDOM.golink-tmp}: the host
 * (a hash of its name), the process and the time it started identify the process that
 * writes it, so a later link in the same folder removes it once that process is gone
 * (killed between creating and renaming it). NAME is cut so that the whole name fits the
 * 255 bytes a file name may have: an output name of 255 bytes works, as with cmd/link.
 */
final class OutputPath {

    static final String SUFFIX = ".golink-tmp";
    /** The longest file name, in bytes, of the file systems golink writes to (NAME_MAX). */
    static final int NAME_MAX = 255;
    private static final int MAX_SYMLINKS = 40;
    static final Pattern TEMP_NAME = Pattern.compile(
            "\\..*\\.([0-9a-f]{8})-([0-9]+)-([0-9a-z]+)-[0-9a-z]+" + Pattern.quote(SUFFIX));

    private static final String HOST = hostTag();
    private static final long PID = ProcessHandle.current().pid();
    private static final String START = startTag(ProcessHandle.current());

    private OutputPath() {
    }

    /** The file {@code output} names: symbolic links at it are followed, as open(2) does. */
    static Path target(Path output) throws IOException {
        Path p = output.toAbsolutePath();
        for (int hops = 0; Files.isSymbolicLink(p); hops++) {
            if (hops == MAX_SYMLINKS) {
                throw new java.nio.file.FileSystemException(output.toString(), null, "Too many levels of symbolic links");
            }
            p = p.getParent().resolve(Files.readSymbolicLink(p));
        }
        return p;
    }

    /** Fails the link when the output cannot or must not be replaced by the executable. */
    static void check(String output, Path target, Collection<Path> inputs) throws LinkException {
        String name = target.getFileName() == null ? "" : target.getFileName().toString();
        if (name.getBytes(StandardCharsets.UTF_8).length > NAME_MAX) {
            throw openFailed(output, "file name too long");
        }
        Path dir = target.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw openFailed(output, dir != null && Files.exists(dir) ? "not a directory" : "no such file or directory");
        }
        BasicFileAttributes a;
        try {
            a = Files.readAttributes(target, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            return; // nothing there yet
        }
        if (a.isDirectory()) {
            throw openFailed(output, "is a directory");
        }
        if (!a.isRegularFile()) {
            throw new LinkException("cannot create " + output + ": " + kind(target)
                    + ", not a regular file: golink leaves it alone");
        }
        Path in = sameFile(target, inputs);
        if (in != null) {
            throw new LinkException("cannot create " + output + ": it is an input of this link ("
                    + in + "), which the output would replace");
        }
    }

    /** The one of {@code inputs} that is the file {@code target}, or null. */
    static Path sameFile(Path target, Iterable<Path> inputs) {
        for (Path in : inputs) {
            try {
                if (in != null && Files.exists(in) && Files.isSameFile(target, in)) {
                    return in;
                }
            } catch (IOException e) {
                // an input that cannot be compared is not the file
            }
        }
        return null;
    }

    /**
     * Fails an output named with a trailing slash as open(2) with O_CREAT does: whatever is
     * there, such a name is a directory's.
     */
    static LinkException trailingSlash(String given, Path resolved) {
        Path dir = resolved.toAbsolutePath().getParent();
        String reason;
        if (dir == null || Files.isDirectory(dir)) {
            reason = "is a directory";
        } else if (Files.exists(dir)) {
            reason = "not a directory";
        } else {
            reason = "no such file or directory";
        }
        return openFailed(given, reason);
    }

    /** cmd/link's words when opening its output fails: Go's PathError after the name. */
    private static LinkException openFailed(String name, String reason) {
        return new LinkException("cannot create " + name + ": open " + name + ": " + reason);
    }

    static String kind(Path p) {
        try {
            PosixFileAttributes a = Files.readAttributes(p, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (a.isOther()) {
                Object mode = Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS);
                if (mode instanceof Integer m) {
                    switch (m & 0170000) {
                        case 0020000: return "it is a character device";
                        case 0060000: return "it is a block device";
                        case 0010000: return "it is a named pipe";
                        case 0140000: return "it is a socket";
                        default: break;
                    }
                }
            }
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            // the generic word below
        }
        return "it is a special file";
    }

    /** Creates a new temporary file for the output named {@code name} in {@code dir}. */
    static Path createTemp(Path dir, String name) throws IOException {
        for (int attempt = 0; ; attempt++) {
            try {
                return Files.createFile(tempName(dir, name));
            } catch (FileAlreadyExistsException e) {
                if (attempt == 100) {
                    throw e;
                }
            }
        }
    }

    /** A new temporary name for {@code name} in {@code dir}, as {@link #createTemp} gives, without creating the file. */
    static Path tempName(Path dir, String name) {
        String tag = "." + HOST + "-" + PID + "-" + START + "-"
                + Long.toString(ThreadLocalRandom.current().nextLong() >>> 1, 36) + SUFFIX;
        return dir.resolve("." + cut(name, NAME_MAX - 1 - tag.length()) + tag);
    }

    /**
     * Renames the finished temporary file onto {@code target}. A regular file already there is
     * first renamed aside, then removed: renamed over, ext4 writes the new file out at once
     * (auto_da_alloc), which costs a link of cmd/go's 15 MB 12-27 ms, and which cmd/link, removing
     * the old output before it writes the new one, does not pay. Should the rename fail, the file
     * moved aside takes its name back; should the removal fail, a later link in the folder removes
     * it as stale once this process is gone.
     */
    static void replace(Path temp, Path target) throws IOException {
        Path old = null;
        try {
            if (Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
                Path aside = tempName(target.getParent(), target.getFileName().toString());
                Files.move(target, aside, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                old = aside;
            }
            moveOnto(temp, target);
        } catch (IOException e) {
            if (old != null) {
                try {
                    Files.move(old, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                } catch (IOException ignored) {
                    // the rename's error is the one to give; the stale sweep removes what is left
                }
            }
            throw e;
        }
        if (old != null) {
            try {
                Files.deleteIfExists(old);
            } catch (IOException ignored) {
                // removed as stale by a later link
            }
        }
    }

    /** Renames the finished temporary file onto {@code target}, atomically where the file system can. */
    private static void moveOnto(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (java.nio.file.AtomicMoveNotSupportedException e) {
            Files.move(temp, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** The longest head of {@code s} of at most {@code max} UTF-8 bytes, cut between code points. */
    static String cut(String s, int max) {
        int bytes = 0;
        int i = 0;
        while (i < s.length()) {
            int cp = s.codePointAt(i);
            int n = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
            if (bytes + n > max) {
                break;
            }
            bytes += n;
            i += Character.charCount(cp);
        }
        return s.substring(0, i);
    }

    /**
     * Removes the temporary files of golink's in {@code dir} whose process is gone: written
     * on this host by a process that no longer runs (or whose number another process has
     * since taken). Best effort: a folder that cannot be listed is left as it is.
     */
    static void removeStale(Path dir) {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, ".*" + SUFFIX)) {
            for (Path f : files) {
                if (isStale(f.getFileName().toString()) && Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) {
                    try {
                        Files.deleteIfExists(f);
                    } catch (IOException e) {
                        // another link removed it, or it is not ours to remove
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // best effort
        }
    }

    /** True when {@code name} is a temporary file of a golink process of this host that is gone. */
    static boolean isStale(String name) {
        Matcher m = TEMP_NAME.matcher(name);
        if (!m.matches() || !m.group(1).equals(HOST)) {
            return false;
        }
        long pid;
        try {
            pid = Long.parseLong(m.group(2));
        } catch (NumberFormatException e) {
            return false;
        }
        if (pid == PID) {
            return !m.group(3).equals(START); // this JVM's links (the link server runs several) are alive
        }
        Optional<ProcessHandle> p = ProcessHandle.of(pid);
        if (p.isEmpty() || !p.get().isAlive()) {
            return true;
        }
        String start = startTag(p.get());
        return !start.isEmpty() && !START.isEmpty() && !start.equals(m.group(3));
    }

    /** This host's tag in temporary names (for tests). */
    static String isStaleHostTag() {
        return HOST;
    }

    /** When the process started, in milliseconds base 36; empty when unknown. */
    private static String startTag(ProcessHandle p) {
        return p.info().startInstant().map(Instant::toEpochMilli).map(t -> Long.toString(t, 36)).orElse("");
    }

    private static String hostTag() {
        String host = "";
        try {
            host = Files.readString(Path.of("/proc/sys/kernel/hostname")).trim();
        } catch (IOException | RuntimeException e) {
            String h = System.getenv("HOSTNAME");
            host = h == null ? "" : h;
        }
        return String.format("%08x", host.hashCode());
    }
}
