package dev.golink.outbuf;

import dev.golink.cli.Main;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The output path behaves as cmd/link's (project issue 13): each case is linked by
 * cmd/link and by golink in a folder of its own, and their exit status (success or
 * failure), their message's reason and what is left on disk are compared. Where cmd/link
 * damages something (a device or pipe it opens, an input it removes) golink fails as
 * cmd/link does but leaves it alone.
 */
class OutputPathTest {

    private static final Path GOROOT = Path.of("/usr/lib/go-1.19");
    private static final Path TOOLS = GOROOT.resolve("pkg/tool/linux_amd64");

    @TempDir
    static Path shared;
    private static byte[] mainA;
    private static String importcfg;

    @BeforeAll
    static void compile() throws Exception {
        if (!Files.isExecutable(TOOLS.resolve("compile")) || !Files.isExecutable(TOOLS.resolve("link"))) {
            return;
        }
        Files.writeString(shared.resolve("main.go"), "package main\n\nfunc main() { println(\"hi\") }\n");
        Outcome c = exec(shared, List.of(TOOLS.resolve("compile").toString(), "-o", "main.a", "-p", "main", "-pack",
                "main.go"));
        assertEquals(0, c.status, c.message);
        mainA = Files.readAllBytes(shared.resolve("main.a"));
        // An importcfg naming every package of the standard library's archives.
        StringBuilder cfg = new StringBuilder("packagefile main=main.a\n");
        Path pkg = GOROOT.resolve("pkg/linux_amd64");
        try (Stream<Path> files = Files.walk(pkg)) {
            files.filter(f -> f.toString().endsWith(".a")).sorted().forEach(f -> {
                String rel = pkg.relativize(f).toString();
                cfg.append("packagefile ").append(rel, 0, rel.length() - 2).append('=').append(f).append('\n');
            });
        }
        importcfg = cfg.toString();
    }

    private record Outcome(int status, String message) {
        boolean failed() {
            return status != 0;
        }
    }

    /** One case run by both linkers, each in a fresh folder prepared by {@code setup}. */
    private record Case(Path goDir, Outcome go, Path golinkDir, Outcome golink) {
    }

    private static Case both(Path dir, Consumer<Path> setup, String... args) throws Exception {
        assumeTrue(mainA != null, "needs Go 1.19 at " + GOROOT);
        Path goDir = Files.createDirectories(dir.resolve("go"));
        Path golinkDir = Files.createDirectories(dir.resolve("golink"));
        for (Path d : List.of(goDir, golinkDir)) {
            Files.write(d.resolve("main.a"), mainA);
            Files.writeString(d.resolve("importcfg"), importcfg);
            setup.accept(d);
        }
        List<String> cmd = new ArrayList<>(List.of(TOOLS.resolve("link").toString()));
        cmd.addAll(List.of(args));
        Outcome go = exec(goDir, cmd);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(List.of(args), env(), golinkDir, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).status();
        return new Case(goDir, go, golinkDir, new Outcome(status, err.toString(StandardCharsets.UTF_8)));
    }

    private static Map<String, String> env() {
        Map<String, String> env = new HashMap<>(Map.of("GOROOT", GOROOT.toString(), "GOOS", "linux", "GOARCH",
                "amd64"));
        return env;
    }

    private static Outcome exec(Path dir, List<String> command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().putAll(env());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Outcome(p.waitFor(), out);
    }

    private static void sh(Path dir, String... command) {
        try {
            Outcome o = exec(dir, List.of(command));
            assumeTrue(o.status == 0, String.join(" ", command) + ": " + o.message);
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    /** Both fail, and golink's message gives cmd/link's reason. */
    private static void bothFailWith(Case c, String reason) {
        assertTrue(c.go.failed() && c.go.message.contains(reason), "cmd/link: " + c.go);
        assertTrue(c.golink.failed() && c.golink.message.contains(reason), "golink: " + c.golink);
        // The same words, the output named as given: only the command's name before them differs.
        assertEquals(c.go.message.replace(TOOLS.resolve("link") + ": ", ""), c.golink.message.replace("golink: ", ""));
    }

    private static void noTempLeft(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            assertFalse(files.anyMatch(f -> f.getFileName().toString().endsWith(OutputPath.SUFFIX)),
                    "a temporary file is left in " + dir);
        }
    }

    @Test
    void aSymbolicLinkIsFollowedAndKept(@TempDir Path dir) throws Exception {
        Case c = both(dir, d -> {
            try {
                Files.writeString(d.resolve("target"), "old");
                Files.setPosixFilePermissions(d.resolve("target"), PosixFilePermissions.fromString("rw-r-----"));
                Files.createSymbolicLink(d.resolve("sym"), Path.of("target"));
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }, "-o", "sym", "-importcfg", "importcfg", "main.a");
        assertEquals(0, c.go.status, c.go.message);
        assertEquals(0, c.golink.status, c.golink.message);
        for (Path d : List.of(c.goDir, c.golinkDir)) {
            assertTrue(Files.isSymbolicLink(d.resolve("sym")), d + ": the link stays");
            assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(d.resolve("target"))),
                    d + ": the file keeps its mode, as cmd/link rewrites it in place");
        }
        assertArrayEquals(Files.readAllBytes(c.goDir.resolve("target")), Files.readAllBytes(c.golinkDir.resolve("target")));
        noTempLeft(c.golinkDir);
    }

    @Test
    void anExistingOutputIsReplacedAndItsOtherNamesKeepItsBytes(@TempDir Path dir) throws Exception {
        // cmd/link removes the old output before it writes; golink renames it aside, then removes it.
        Case c = both(dir, d -> {
            try {
                Files.writeString(d.resolve("prog"), "old");
                Files.createLink(d.resolve("keep"), d.resolve("prog"));
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }, "-o", "prog", "-importcfg", "importcfg", "main.a");
        assertEquals(0, c.go.status, c.go.message);
        assertEquals(0, c.golink.status, c.golink.message);
        for (Path d : List.of(c.goDir, c.golinkDir)) {
            assertEquals("old", Files.readString(d.resolve("keep")), d + ": a hard link keeps the old bytes");
            assertEquals(1, (int) Files.getAttribute(d.resolve("keep"), "unix:nlink"), d + ": the old name is gone");
        }
        assertArrayEquals(Files.readAllBytes(c.goDir.resolve("prog")), Files.readAllBytes(c.golinkDir.resolve("prog")));
        try (Stream<Path> go = Files.list(c.goDir); Stream<Path> golink = Files.list(c.golinkDir)) {
            assertEquals(go.map(f -> f.getFileName().toString()).sorted().toList(),
                    golink.map(f -> f.getFileName().toString()).sorted().toList(), "the same files are left");
        }
    }

    @Test
    void aDanglingSymbolicLinkCreatesItsTarget(@TempDir Path dir) throws Exception {
        Case c = both(dir, d -> {
            try {
                Files.createDirectories(d.resolve("bin"));
                Files.createSymbolicLink(d.resolve("sym"), Path.of("bin/prog"));
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }, "-o", "sym", "-importcfg", "importcfg", "main.a");
        assertEquals(0, c.go.status, c.go.message);
        assertEquals(0, c.golink.status, c.golink.message);
        for (Path d : List.of(c.goDir, c.golinkDir)) {
            assertTrue(Files.isSymbolicLink(d.resolve("sym")));
            assertTrue(Files.isExecutable(d.resolve("bin/prog")));
        }
        assertArrayEquals(Files.readAllBytes(c.goDir.resolve("bin/prog")),
                Files.readAllBytes(c.golinkDir.resolve("bin/prog")));
    }

    @Test
    void aCharacterDeviceIsLeftAlone(@TempDir Path dir) throws Exception {
        // A device of /dev/null's numbers, made in the test's folder (needs root).
        Case c = both(dir, d -> sh(d, "mknod", "null", "c", "1", "3"), "-o", "null", "-importcfg", "importcfg",
                "main.a");
        assertTrue(c.go.failed(), "cmd/link: " + c.go); // mapping output file failed: no such device
        assertTrue(c.golink.failed() && c.golink.message.contains("it is a character device"), c.golink.message);
        for (Path d : List.of(c.goDir, c.golinkDir)) {
            assertEquals(0020000, (int) Files.getAttribute(d.resolve("null"), "unix:mode", LinkOption.NOFOLLOW_LINKS)
                    & 0170000, d + ": still a character device");
        }
        noTempLeft(c.golinkDir);
    }

    @Test
    void aNamedPipeIsLeftAlone(@TempDir Path dir) throws Exception {
        Case c = both(dir, d -> sh(d, "mkfifo", "fifo"), "-o", "fifo", "-importcfg", "importcfg", "main.a");
        assertTrue(c.go.failed(), "cmd/link: " + c.go); // mapping output file failed: illegal seek
        assertTrue(c.golink.failed() && c.golink.message.contains("it is a named pipe"), c.golink.message);
        for (Path d : List.of(c.goDir, c.golinkDir)) {
            assertTrue(Files.readAttributes(d.resolve("fifo"), java.nio.file.attribute.PosixFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS).isOther(), d + ": still a pipe");
        }
    }

    @Test
    void aTrailingSlashNamesADirectory(@TempDir Path dir) throws Exception {
        Case c = both(dir.resolve("new"), d -> mkdir(d.resolve("dir")), "-o", "dir/newdir/", "-importcfg",
                "importcfg", "main.a");
        bothFailWith(c, "cannot create dir/newdir/: ");
        bothFailWith(c, "is a directory");
        assertFalse(Files.exists(c.golinkDir.resolve("dir/newdir")));
        c = both(dir.resolve("existing"), d -> mkdir(d.resolve("dir")), "-o", "dir/", "-importcfg", "importcfg",
                "main.a");
        bothFailWith(c, "is a directory");
        c = both(dir.resolve("file"), d -> { }, "-o", "main.a/", "-importcfg", "importcfg", "main.a");
        bothFailWith(c, "is a directory");
        assertArrayEquals(mainA, Files.readAllBytes(c.golinkDir.resolve("main.a")));
        c = both(dir.resolve("missing"), d -> { }, "-o", "nodir/out/", "-importcfg", "importcfg", "main.a");
        bothFailWith(c, "no such file or directory");
    }

    @Test
    void aDirectoryIsNotReplaced(@TempDir Path dir) throws Exception {
        Case c = both(dir, d -> mkdir(d.resolve("dir")), "-o", "dir", "-importcfg", "importcfg", "main.a");
        bothFailWith(c, "is a directory");
        assertTrue(Files.isDirectory(c.golinkDir.resolve("dir")));
    }

    @Test
    void aMissingFolderIsNamedWithItsReason(@TempDir Path dir) throws Exception {
        Case c = both(dir, d -> { }, "-o", "nodir/sub/out", "-importcfg", "importcfg", "main.a");
        bothFailWith(c, "no such file or directory");
        assertTrue(c.golink.message.contains("nodir/sub/out"), c.golink.message);
        c = both(dir.resolve("file"), d -> { }, "-o", "main.a/out", "-importcfg", "importcfg", "main.a");
        bothFailWith(c, "not a directory");
    }

    @Test
    void anInputIsNotReplaced(@TempDir Path dir) throws Exception {
        Case c = both(dir.resolve("main"), d -> { }, "-o", "main.a", "-importcfg", "importcfg", "main.a");
        assertTrue(c.go.failed(), c.go.message); // cmd/link removes main.a first, then fails reading it
        assertTrue(c.golink.failed() && c.golink.message.contains("it is an input of this link"), c.golink.message);
        assertArrayEquals(mainA, Files.readAllBytes(c.golinkDir.resolve("main.a")), "golink leaves the input as it was");
        c = both(dir.resolve("cfg"), d -> { }, "-o", "importcfg", "-importcfg", "importcfg", "main.a");
        // The importcfg is read before the output exists: cmd/link replaces it and succeeds, and so does golink.
        assertEquals(0, c.go.status, c.go.message);
        assertEquals(0, c.golink.status, c.golink.message);
        assertArrayEquals(Files.readAllBytes(c.goDir.resolve("importcfg")),
                Files.readAllBytes(c.golinkDir.resolve("importcfg")));
        noTempLeft(c.golinkDir);
    }

    @Test
    void namesUpTo255BytesWork(@TempDir Path dir) throws Exception {
        String name = "a".repeat(255);
        Case c = both(dir.resolve("255"), d -> { }, "-o", name, "-importcfg", "importcfg", "main.a");
        assertEquals(0, c.go.status, c.go.message);
        assertEquals(0, c.golink.status, c.golink.message);
        assertArrayEquals(Files.readAllBytes(c.goDir.resolve(name)), Files.readAllBytes(c.golinkDir.resolve(name)));
        // 85 three-byte characters: 255 bytes.
        String wide = "\u00e9\u20ac".repeat(42) + "\u20ac";
        c = both(dir.resolve("utf8"), d -> { }, "-o", wide, "-importcfg", "importcfg", "main.a");
        assertEquals(0, c.go.status, c.go.message);
        assertEquals(0, c.golink.status, c.golink.message);
        c = both(dir.resolve("256"), d -> { }, "-o", name + "a", "-importcfg", "importcfg", "main.a");
        bothFailWith(c, "file name too long");
    }

    /** A temporary file whose process is gone is removed by the next link in its folder; others are kept. */
    @Test
    void staleTemporaryFilesAreRemovedOnceTheirProcessIsGone(@TempDir Path dir) throws Exception {
        Process dead = new ProcessBuilder("true").start();
        dead.waitFor();
        Process alive = new ProcessBuilder("sleep", "60").start();
        try {
            String host = OutputPath.isStaleHostTag();
            String aliveStart = alive.info().startInstant().map(t -> Long.toString(t.toEpochMilli(), 36)).orElse("");
            assumeTrue(!aliveStart.isEmpty(), "needs process start times");
            Path gone = dir.resolve(".a.out." + host + "-" + dead.pid() + "-kq1x2y3z-abc" + OutputPath.SUFFIX);
            Path running = dir.resolve(".a.out." + host + "-" + alive.pid() + "-" + aliveStart + "-abc"
                    + OutputPath.SUFFIX);
            Path reused = dir.resolve(".a.out." + host + "-" + alive.pid() + "-1-abc" + OutputPath.SUFFIX);
            Path ownLive = OutputPath.createTemp(dir, "b.out");
            Path otherHost = dir.resolve(".a.out." + (host.equals("00000000") ? "00000001" : "00000000") + "-"
                    + dead.pid() + "-kq1x2y3z-abc" + OutputPath.SUFFIX);
            Path notOurs = dir.resolve(".a.out.123.golink-tmp");
            for (Path p : List.of(gone, running, reused, otherHost, notOurs)) {
                Files.writeString(p, "x");
            }
            try (OutBuf out = OutBuf.create(dir.resolve("a.out"), java.nio.ByteOrder.LITTLE_ENDIAN, true)) {
                assertFalse(Files.exists(gone), "the temporary file of a process that is gone is removed");
                assertFalse(Files.exists(reused), "so is one whose process number another process took since");
                assertTrue(Files.exists(running), "a running link's is kept");
                assertTrue(Files.exists(ownLive), "this JVM's links are running");
                assertTrue(Files.exists(otherHost), "another host's is kept: its processes cannot be seen");
                assertTrue(Files.exists(notOurs), "a name of another form is not golink's to remove");
            }
        } finally {
            alive.destroy();
        }
    }

    @Test
    void temporaryNamesFitInAFileName(@TempDir Path dir) throws Exception {
        for (String name : List.of("a.out", "x".repeat(255), "\u20ac".repeat(85))) {
            Path t = OutputPath.createTemp(dir, name);
            assertTrue(t.getFileName().toString().getBytes(StandardCharsets.UTF_8).length <= 255, t.toString());
            assertTrue(t.getFileName().toString().startsWith("." + name.substring(0, 1)));
            assertTrue(OutputPath.TEMP_NAME.matcher(t.getFileName().toString()).matches(), t.toString());
            assertFalse(OutputPath.isStale(t.getFileName().toString()), "this process's own");
            Files.delete(t);
        }
        assertNotEquals(OutputPath.createTemp(dir, "a"), OutputPath.createTemp(dir, "a"));
    }

    private static void mkdir(Path d) {
        try {
            Files.createDirectories(d);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
