package dev.golink.conformance;

import dev.golink.Target;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * linker/golink's class-data archive: the first JVM records it, later JVMs (one-link JVMs and
 * the link server) start from it, and none of this changes a byte or prints a line. For the
 * Java that runs this test, and for every other runtime installed under /usr/lib/jvm (a Java
 * 25+ one records an AOT cache instead).
 */
class LauncherTest {

    @TempDir
    Path work;

    static Stream<String> javas() throws Exception {
        List<Path> javas = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin/java")));
        Path jvms = Path.of("/usr/lib/jvm");
        if (Files.isDirectory(jvms)) {
            try (Stream<Path> s = Files.list(jvms)) {
                s.map(p -> p.resolve("bin/java")).filter(Files::isExecutable).forEach(javas::add);
            }
        }
        List<String> real = new ArrayList<>();
        for (Path j : javas) {
            String r = j.toRealPath().toString();
            if (!real.contains(r)) {
                real.add(r);
            }
        }
        return real.stream();
    }

    @ParameterizedTest
    @MethodSource("javas")
    void theArchiveIsRecordedOnceThenUsedAndChangesNothing(String java) throws Exception {
        Hello h = hello(work);
        Path dir = h.dir();
        byte[] want = h.want();
        Path runtime = h.runtime();

        // One-link JVMs: the first records, the second starts from the archive.
        run(h, java, "0");
        assertArrayEquals(want, Files.readAllBytes(dir.resolve("a.out")), "recording changed the output");
        Path archive = archive(runtime);
        FileTime made = Files.getLastModifiedTime(archive);
        run(h, java, "0");
        assertArrayEquals(want, Files.readAllBytes(dir.resolve("a.out")));
        assertEquals(made, Files.getLastModifiedTime(archive), "the archive is used, not made again");

        // The link server starts from it too.
        run(h, java, "1");
        assertArrayEquals(want, Files.readAllBytes(dir.resolve("a.out")));
        Benchmark.stopServer(runtime);
        assertEquals(made, Files.getLastModifiedTime(archive));
        try (Stream<Path> files = Files.walk(runtime)) {
            assertEquals(List.of(), files.filter(p -> p.getFileName().toString().matches("golink\\.(jsa|aot)\\..*"))
                    .toList(), "no temporary archive is left");
        }
    }

    /**
     * The link that finds no server starts one and links in a one-link JVM meanwhile; the next goes
     * to the server. A pid file left by a server that was killed, whose number the system has given
     * to another process, is not taken for a server: the launcher does not wait on that process.
     */
    @org.junit.jupiter.api.Test
    void aNewServerTakesTheNextLinkAndAStalePidIsNotAServer() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin/java").toString();
        Hello h = hello(work);
        Path dir = h.dir();
        byte[] want = h.want();
        Path runtime = h.runtime();
        Process other = new ProcessBuilder("sleep", "600").start();
        try {
            run(h, java, "1");
            assertArrayEquals(want, Files.readAllBytes(dir.resolve("a.out")));
            Path pid = serverPid(runtime);
            long server = Long.parseLong(Files.readString(pid).strip());
            run(h, java, "1");
            assertArrayEquals(want, Files.readAllBytes(dir.resolve("a.out")));
            assertEquals(server, Long.parseLong(Files.readString(pid).strip()), "the second link went to the server");

            // The server is killed, and its pid now names another process.
            ProcessHandle.of(server).ifPresent(p -> {
                p.destroyForcibly();
                p.onExit().join();
            });
            Files.writeString(pid, Long.toString(other.pid()));
            run(h, java, "1");
            assertArrayEquals(want, Files.readAllBytes(dir.resolve("a.out")));
            assertTrue(other.isAlive(), "the launcher did not wait for the other process to end");
        } finally {
            other.destroyForcibly();
            Benchmark.stopServer(runtime);
        }
    }

    /** The pid file of the server under {@code runtime}, once it has written it. */
    private static Path serverPid(Path runtime) throws Exception {
        for (int i = 0; i < 300; i++) {
            try (Stream<Path> files = Files.walk(runtime)) {
                List<Path> found = files.filter(p -> p.getFileName().toString().equals("pid")).toList();
                if (!found.isEmpty()) {
                    return found.get(0);
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the first link started no server under " + runtime);
    }

    /** The archive, once in place (a one-link JVM finishes it in the background). */
    private static Path archive(Path runtime) throws Exception {
        for (int i = 0; i < 600 && Benchmark.recording(runtime); i++) {
            Thread.sleep(100);
        }
        try (Stream<Path> files = Files.walk(runtime)) {
            List<Path> found = files.filter(p -> p.getFileName().toString().matches("golink\\.(jsa|aot)")).toList();
            assertEquals(1, found.size(), "one archive: " + found);
            assertTrue(Files.size(found.get(0)) > 0);
            return found.get(0);
        }
    }

    /** hello's linux/amd64 inputs unpacked under {@code work}, cmd/link's output, and a runtime folder. */
    private record Hello(Path repo, Path jar, Path dir, byte[] want, List<String> args, Map<String, String> env,
            Path runtime) {
    }

    private static Hello hello(Path work) throws Exception {
        Path repo = GoldenCorpus.locate().root().getParent();
        Path jar = repo.resolve("linker/target/golink.jar");
        assumeTrue(Files.isRegularFile(jar), "the linker module is packaged first");
        Target target = Target.parse("linux/amd64");
        Path dir = Files.createDirectories(work.resolve("in"));
        GoldenCorpus.locate().unpackInputs(target, dir);
        byte[] want = GoldenCorpus.locate().references(target).get("hello.default.out");
        List<String> args = Files.readAllLines(dir.resolve("hello/link.args"), StandardCharsets.UTF_8);
        return new Hello(repo, jar, dir, want, args, CaseRunner.readEnv(dir.resolve("env")),
                Files.createDirectories(work.resolve("runtime")));
    }

    private static void run(Hello h, String java, String server) throws Exception {
        Path repo = h.repo();
        Path jar = h.jar();
        Path dir = h.dir();
        List<String> args = h.args();
        Map<String, String> env = h.env();
        Path runtime = h.runtime();
        Files.deleteIfExists(dir.resolve("a.out"));
        List<String> cmd = new ArrayList<>(List.of(repo.resolve("linker/golink").toString()));
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().clear();
        pb.environment().putAll(env);
        pb.environment().put("PATH", System.getenv("PATH"));
        pb.environment().put("XDG_RUNTIME_DIR", runtime.toString());
        pb.environment().put("GOLINK_JAVA", java);
        pb.environment().put("GOLINK_JAR", jar.toString());
        pb.environment().put("GOLINK_SERVER", server);
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), output);
        assertEquals("", output, "golink printed something with " + java);
    }
}
