package dev.golink.server;

import dev.golink.cli.Main;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The link server behind {@code linker/golink}: one JVM that stays warm across links (as
 * Gradle's daemon and gopls' {@code -remote=auto} do), so that {@code go build -toolexec} and
 * {@code go test} over many packages link at warm speed. The launcher starts it on demand
 * in a folder of its user's own (mode 0700) and hands it each link through that folder's
 * spool (see {@link SpoolServer}); it serves that user alone and stops after a while idle.
 *
 * <p>{@code java -cp golink.jar dev.golink.server.LinkDaemon FOLDER IDLE_SECONDS}. The folder
 * holds {@code spool/}, {@code lock} (held while it serves, so that a second daemon started
 * by a racing launcher goes away at once) and {@code pid}.
 */
public final class LinkDaemon {

    private LinkDaemon() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length != 2) {
            System.err.println("usage: LinkDaemon FOLDER IDLE_SECONDS");
            System.exit(2);
        }
        Path dir = Path.of(args[0]);
        long idle = TimeUnit.SECONDS.toNanos(Long.parseLong(args[1]));
        Path spool = Files.createDirectories(dir.resolve("spool"));
        try (FileChannel lockFile = FileChannel.open(dir.resolve("lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
             FileLock lock = tryLock(lockFile)) {
            if (lock == null) {
                return;
            }
            Path pid = dir.resolve("pid");
            // Whole or not at all: launchers read it while it appears.
            Path tmp = dir.resolve("pid.tmp");
            Files.writeString(tmp, Long.toString(ProcessHandle.current().pid()));
            Files.move(tmp, pid, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            try (SpoolServer server = SpoolServer.start(spool, LinkDaemon::link, line -> { })) {
                long collectedAfter = 0;
                while (server.idleNanos() < idle) {
                    Thread.sleep(100);
                    // Between links, give back what the last one allocated: a link's garbage is most
                    // of the heap, and a server that keeps it holds many times cmd/link's memory.
                    long served = server.served();
                    if (served != collectedAfter && server.idleNanos() > TimeUnit.MILLISECONDS.toNanos(50)) {
                        System.gc();
                        collectedAfter = served;
                    }
                }
            } finally {
                Files.deleteIfExists(pid);
            }
        }
    }

    /**
     * Whether process {@code pid} is alive and, where the system shows command lines (/proc), the
     * server of folder {@code dir}: a pid file outlives a server that was killed, and the system
     * may give its number to another process. /proc is read directly because
     * {@code ProcessHandle.Info.commandLine()} stops at 4096 characters, before the folder when the
     * class path is long (a Maven plugin's).
     */
    public static boolean serves(long pid, Path dir) {
        if (!ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            return false;
        }
        if (!Files.isReadable(Path.of("/proc", Long.toString(pid), "cmdline"))) {
            return true;
        }
        return commandLine(pid).contains(" " + LinkDaemon.class.getName() + " " + dir + " ");
    }

    /** Process {@code pid}'s whole command line from /proc, arguments joined by spaces; empty once it has ended. */
    public static String commandLine(long pid) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")),
                    java.nio.charset.StandardCharsets.UTF_8).replace('\0', ' ');
        } catch (IOException ended) {
            return "";
        }
    }

    /** The folder's lock, or null when another server (in this JVM or another) holds it. */
    private static FileLock tryLock(FileChannel file) throws IOException {
        try {
            return file.tryLock();
        } catch (OverlappingFileLockException e) {
            return null;
        }
    }

    private static int link(List<String> args, Map<String, String> env, Path cwd, PrintStream out, PrintStream err) {
        return Main.run(args, env, cwd, out, err).status();
    }
}
