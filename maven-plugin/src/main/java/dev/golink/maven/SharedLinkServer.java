package dev.golink.maven;

import dev.golink.Linker;
import dev.golink.server.LinkDaemon;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The user's link server for the goal's builds ({@code <linkServer>}): a JVM that outlives the
 * Maven build and stays warm, so that the next build links at warm speed (cf. linker/golink,
 * whose server it is, in its own folder per plugin version and Java). It lives in a folder
 * only this user can open ({@code $XDG_RUNTIME_DIR}, else {@code $TMPDIR} or {@code /tmp},
 * then {@code golink-<uid>/}), takes links through that folder's spool, and stops by itself
 * after {@link #IDLE_SECONDS} without a link.
 */
record SharedLinkServer(Path spool, long pid) {

    /** How long the server waits for the next link before it stops. */
    static final int IDLE_SECONDS = 900;

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");

    /** The running server for this plugin and Java, started first if there is none. */
    static SharedLinkServer ensure(Map<String, String> env) throws IOException {
        Path base = Path.of(env.getOrDefault("XDG_RUNTIME_DIR", env.getOrDefault("TMPDIR", "/tmp")),
                "golink-" + new com.sun.security.auth.module.UnixSystem().getUid());
        if (!Files.isDirectory(base)) {
            Files.createDirectories(base, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        }
        if (!Files.getOwner(base).getName().equals(System.getProperty("user.name"))
                || !Files.getPosixFilePermissions(base).equals(OWNER_ONLY)) {
            throw new IOException(base + " is not a folder of this user's alone (mode 700)");
        }
        List<Path> classpath = classpath();
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path jar = classpath.get(0);
        Path dir = base.resolve("maven-" + Files.size(jar) + "-" + Files.getLastModifiedTime(jar).toMillis()
                + java.toString().replace('/', '_'));
        Files.createDirectories(dir.resolve("spool"));
        Long pid = alive(dir);
        if (pid == null) {
            start(dir, java, classpath);
            long deadline = System.nanoTime() + 30_000_000_000L;
            while ((pid = alive(dir)) == null) {
                if (System.nanoTime() > deadline) {
                    throw new IOException("the link server did not start; see " + dir.resolve("log"));
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while the link server started");
                }
            }
        }
        return new SharedLinkServer(dir.resolve("spool"), pid);
    }

    private static Long alive(Path dir) {
        try {
            long pid = Long.parseLong(Files.readString(dir.resolve("pid"), StandardCharsets.UTF_8).strip());
            return LinkDaemon.serves(pid, dir) ? pid : null;
        } catch (IOException | NumberFormatException e) {
            return null;
        }
    }

    private static void start(Path dir, Path java, List<Path> classpath) throws IOException {
        List<String> server = new ArrayList<>(List.of(java.toString(), "-XX:G1PeriodicGCInterval=30000",
                "-XX:GCTimeRatio=4", "-Xlog:disable")); // heap settings as linker/golink's server
        // As linker/golink's server: a class-data archive (Java 17-24) or AOT cache (Java 25+) halves
        // a cold server's class loading. The first server records it when it stops, under a
        // temporary name that a shell renames once the JVM has ended: a JVM that maps a
        // half-written archive crashes.
        boolean aot = Runtime.version().feature() >= 25;
        Path archive = dir.resolve(aot ? "golink.aot" : "golink.jsa");
        Path recording = null;
        boolean shell = Files.isExecutable(Path.of("/bin/bash"));
        if (Files.isRegularFile(archive) && Files.size(archive) > 0) {
            server.add((aot ? "-XX:AOTCache=" : "-XX:SharedArchiveFile=") + archive);
        } else if (shell) {
            recording = dir.resolve(archive.getFileName() + "." + ProcessHandle.current().pid());
            server.add((aot ? "-XX:AOTCacheOutput=" : "-XX:ArchiveClassesAtExit=") + recording);
        }
        server.addAll(List.of("-cp", String.join(File.pathSeparator, classpath.stream().map(Path::toString).toList()),
                LinkDaemon.class.getName(), dir.toString(), Integer.toString(IDLE_SECONDS)));
        List<String> command = new ArrayList<>();
        // Its own session where there is setsid: Ctrl-C on the build does not reach it.
        if (Files.isExecutable(Path.of("/usr/bin/setsid"))) {
            command.add("/usr/bin/setsid");
        }
        if (recording != null) {
            command.addAll(List.of("/bin/bash", "-c",
                    "\"${@:2}\"; if [ -s \"$1\" ]; then mv -f \"$1\" \"${1%.*}\"; else rm -f \"$1\"; fi",
                    "golink-server", recording.toString()));
        }
        command.addAll(server);
        new ProcessBuilder(command).directory(dir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("log").toFile()))
                .redirectErrorStream(true)
                .start();
    }

    /** The linker's jar first, then the rest of the plugin's class path (the linker's dependencies). */
    private static List<Path> classpath() throws IOException {
        List<Path> paths = new ArrayList<>();
        try {
            paths.add(Path.of(Linker.class.getProtectionDomain().getCodeSource().getLocation().toURI()));
            if (SharedLinkServer.class.getClassLoader() instanceof URLClassLoader realm) {
                // Maven's plugin realm: the plugin's own dependencies.
                for (URL url : realm.getURLs()) {
                    Path p = Path.of(url.toURI());
                    if (!paths.contains(p)) {
                        paths.add(p);
                    }
                }
            } else {
                for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
                    if (!entry.isEmpty() && !paths.contains(Path.of(entry))) {
                        paths.add(Path.of(entry));
                    }
                }
            }
        } catch (URISyntaxException | RuntimeException e) {
            throw new IOException("cannot find golink's class path: " + e.getMessage());
        }
        return paths;
    }
}
