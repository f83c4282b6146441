package dev.golink.maven;

import dev.golink.BuildConfig;
import dev.golink.LinkOptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FingerprintTest {

    @TempDir
    Path tmp;

    Path output;
    LinkInputs inputs;

    @BeforeEach
    void setUp() throws Exception {
        output = tmp.resolve("out/app");
        inputs = new LinkInputs(tmp.resolve("a"));
        inputs.write("linux-amd64");
    }

    LinkOptions options(Path dir, Map<String, String> env, List<String> definitions, boolean strip) throws Exception {
        return LinkOptions.builder(output, dir.resolve("main.a"), BuildConfig.fromEnvironment(env))
                .importcfg(dir.resolve("importcfg.link")).stripSymbols(strip).definitions(definitions).build();
    }

    String fingerprint(Path dir, Map<String, String> env, List<String> definitions, boolean strip) throws Exception {
        LinkOptions o = options(dir, env, definitions, strip);
        return Fingerprint.of(o, ImportConfig.read(o.importcfg(), dir, "<importcfg>"), "linker 1");
    }

    @Test
    void dependsOnContentNotOnPaths() throws Exception {
        Path a = inputs.root.resolve("linux-amd64");
        // The same inputs elsewhere, as go build's fresh work folder gives them.
        Path b = new LinkInputs(tmp.resolve("b")).write("linux-amd64");
        Files.writeString(b.resolve("main.a"), Files.readString(a.resolve("main.a")));
        Files.writeString(b.resolve("fmt.a"), Files.readString(a.resolve("fmt.a")));
        Files.writeString(b.resolve("runtime.a"), Files.readString(a.resolve("runtime.a")));
        assertEquals(fingerprint(a, Map.of(), List.of(), false), fingerprint(b, Map.of(), List.of(), false));
    }

    @Test
    void changesWithEveryInputAndOption() throws Exception {
        Path dir = inputs.root.resolve("linux-amd64");
        String base = fingerprint(dir, Map.of(), List.of(), false);
        assertTrue(base.matches("[0-9a-f]{64}"), base);
        assertEquals(base, fingerprint(dir, Map.of(), List.of(), false));
        assertNotEquals(base, fingerprint(dir, Map.of(), List.of(), true), "-s");
        assertNotEquals(base, fingerprint(dir, Map.of(), List.of("main.v=1"), false), "-X");
        assertNotEquals(base, fingerprint(dir, Map.of("GOAMD64", "v3"), List.of(), false), "environment");

        LinkOptions o = options(dir, Map.of(), List.of(), false);
        ImportConfig cfg = ImportConfig.read(o.importcfg(), dir, "<importcfg>");
        assertNotEquals(base, Fingerprint.of(o, cfg, "linker 2"), "another linker");

        Files.writeString(dir.resolve("runtime.a"), "!<arch>\nnew runtime\n");
        String runtime = fingerprint(dir, Map.of(), List.of(), false);
        assertNotEquals(base, runtime, "an archive");

        Files.writeString(dir.resolve("main.a"), "!<arch>\nnew main\n");
        String main = fingerprint(dir, Map.of(), List.of(), false);
        assertNotEquals(runtime, main, "the main archive");

        Files.writeString(dir.resolve("importcfg.link"),
                Files.readString(dir.resolve("importcfg.link")).replace("path\\t", "path\\tx"));
        assertNotEquals(main, fingerprint(dir, Map.of(), List.of(), false), "the modinfo line");
    }

    @Test
    void theLinkerIsIdentifiedByItsCode() {
        String id = Fingerprint.linkerIdentity();
        // A jar when golink comes from the repository, its class folder in a reactor build.
        assertTrue(id.matches("jar sha256:[0-9a-f]{64}") || id.startsWith("classes "), id);
    }
}
