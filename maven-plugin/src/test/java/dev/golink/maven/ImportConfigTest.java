package dev.golink.maven;

import org.apache.maven.plugin.MojoExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ImportConfigTest {

    @TempDir
    Path dir;

    @Test
    void listsArchivesResolvingRelativePathsAgainstTheWorkingDirectory() throws Exception {
        Files.createDirectories(dir.resolve("pkg"));
        Files.writeString(dir.resolve("pkg/1.a"), "x");
        Files.writeString(dir.resolve("pkg/2.a"), "y");
        Path cfg = Files.createDirectories(dir.resolve("hello")).resolve("importcfg.link");
        Files.writeString(cfg, "packagefile golink.dev/corpus/hello=pkg/1.a\n\n  packagefile fmt=" + dir.resolve("pkg/2.a")
                + "\nmodinfo \"x\"\n");
        ImportConfig config = ImportConfig.read(cfg, dir, "<importcfg>");
        assertEquals(List.of(new ImportConfig.Archive("golink.dev/corpus/hello", dir.resolve("pkg/1.a"), 1),
                new ImportConfig.Archive("fmt", dir.resolve("pkg/2.a"), 3)), config.archives());
        assertEquals(4, config.lines().size());
    }

    @Test
    void errorsNameTheElementAndTheLine() throws Exception {
        Path cfg = dir.resolve("importcfg.link");
        Files.writeString(cfg, "# comment\npackagefile fmt\n");
        MojoExecutionException e = assertThrows(MojoExecutionException.class,
                () -> ImportConfig.read(cfg, dir, "<goPackage>"));
        assertTrue(e.getMessage().startsWith("<goPackage>: " + cfg + ":2: expected packagefile importpath=file"),
                e.getMessage());

        e = assertThrows(MojoExecutionException.class,
                () -> ImportConfig.read(dir.resolve("none"), dir, "<importcfg>"));
        assertTrue(e.getMessage().startsWith("<importcfg>: cannot read " + dir.resolve("none")), e.getMessage());

        Files.writeString(cfg, "packagefile fmt=pkg/fmt.a\n");
        e = assertThrows(MojoExecutionException.class, () -> ImportConfig.read(cfg, dir, "<importcfg>"));
        assertTrue(e.getMessage().equals("<importcfg>: " + cfg + ":1 names " + dir.resolve("pkg/fmt.a")
                + " for package fmt, which does not exist (relative paths are resolved against " + dir + ")"),
                e.getMessage());
    }
}
