package dev.golink.outbuf;

import dev.golink.LinkException;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * A file a link writes besides its output (a report): it is written into a temporary file in
 * its own folder, named as the output's is, and the output's {@link OutBuf#commit} renames it
 * onto its name after the output; a link that fails removes it with the output's temporary
 * file. So a failed link leaves no report, and a report is never seen half written.
 */
public final class SideFile {

    /** What the file is, for messages ("size report"). */
    private final String what;
    /** The name as the link was given it, for messages. */
    private final String name;
    /** The file it becomes: symbolic links at the name followed, as for the output. */
    private final Path target;
    private final Path temp;
    private Future<?> writer;

    private SideFile(String what, String name, Path target, Path temp) {
        this.what = what;
        this.name = name;
        this.target = target;
        this.temp = temp;
    }

    /**
     * Creates the temporary file for {@code file}, after checking that a file can take its name:
     * not a directory nor anything but a regular file, and not the output or an input of the link.
     */
    static SideFile create(Path file, String what, Path output, OutBuf.Inputs inputs) throws LinkException {
        String name = file.toString();
        Path target;
        try {
            target = OutputPath.target(file);
        } catch (IOException e) {
            throw cannot(what, name, OutBuf.describe(e), e);
        }
        String base = target.getFileName() == null ? "" : target.getFileName().toString();
        if (base.getBytes(StandardCharsets.UTF_8).length > OutputPath.NAME_MAX) {
            throw cannot(what, name, "file name too long", null);
        }
        if (target.equals(output)) {
            throw cannot(what, name, "it is the output of the link", null);
        }
        BasicFileAttributes a;
        try {
            a = Files.readAttributes(target, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            a = null; // nothing there yet
        }
        if (a != null) {
            if (a.isDirectory()) {
                throw cannot(what, name, "is a directory", null);
            }
            if (!a.isRegularFile()) {
                throw cannot(what, name, OutputPath.kind(target) + ", not a regular file: golink leaves it alone", null);
            }
            Path input = inputs.same(target, a.fileKey());
            if (input != null) {
                throw cannot(what, name, "it is an input of this link (" + input + ")", null);
            }
        }
        Path dir = target.getParent();
        if (!dir.equals(output.getParent())) {
            OutputPath.removeStale(dir); // the output's folder was swept when the output was created
        }
        try {
            return new SideFile(what, name, target, OutputPath.createTemp(dir, base));
        } catch (IOException e) {
            throw cannot(what, name, OutBuf.describe(e), e);
        }
    }

    private static LinkException cannot(String what, String name, String reason, Throwable cause) {
        return new LinkException("cannot write the " + what + " " + name + ": " + reason, cause);
    }

    /** The file it becomes. */
    Path target() {
        return target;
    }

    /**
     * Opens the temporary file for writing. It is not created again: once the link has failed
     * and removed it, a writer that comes late gets an error, which no one waits for.
     */
    public OutputStream open() throws IOException {
        return Files.newOutputStream(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
    }

    /** The error of a write that failed, in the link's words. */
    public LinkException writeFailed(IOException e) {
        return cannot(what, name, OutBuf.describe(e), e);
    }

    /**
     * The task that writes the file, which may still run when the output is committed: the
     * commit waits for it before it renames anything.
     */
    public void writtenBy(Future<?> task) {
        this.writer = task;
    }

    /** Waits until the file is written; rethrows the writer's failure. */
    void awaitWritten() throws LinkException {
        if (writer == null) {
            return;
        }
        try {
            writer.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LinkException("interrupted while the " + what + " " + name + " was written", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof LinkException l) {
                throw l;
            }
            if (cause instanceof RuntimeException r) {
                throw r; // the link's phase runner says what went wrong, without a stack trace
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new LinkException("cannot write the " + what + " " + name + ": " + cause, cause);
        }
    }

    /** Renames the written file onto its name ({@link OutputPath#replace}). */
    void moveIntoPlace() throws LinkException {
        try {
            OutputPath.replace(temp, target);
        } catch (IOException e) {
            throw cannot(what, name, OutBuf.describe(e), e);
        }
    }

    /** Removes the temporary file (best effort). */
    void delete() {
        try {
            Files.deleteIfExists(temp);
        } catch (IOException ignored) {
            // nothing more can be done
        }
    }

    /** Removes the file a failed link already put in place (best effort). */
    void deleteTarget() {
        try {
            Files.deleteIfExists(target);
        } catch (IOException ignored) {
            // nothing more can be done
        }
    }
}
