package dev.golink.maven;

import dev.golink.outbuf.OutBuf;
import org.apache.maven.plugin.MojoExecutionException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The parts of an import configuration ({@code importcfg.link}) the Mojo needs:
 * the archives it names, to check they exist and to fingerprint them. Parsing
 * the rest is the linker's job.
 */
record ImportConfig(Path file, List<String> lines, List<Archive> archives) {

    /** One {@code packagefile importpath=file} line. */
    record Archive(String importPath, Path file, int line) {
    }

    /**
     * Reads {@code file}; relative archive paths are resolved against {@code baseDir},
     * as cmd/link resolves them against its working directory. {@code element} names
     * the POM parameter the file came from, for error messages.
     */
    static ImportConfig read(Path file, Path baseDir, String element) throws MojoExecutionException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new MojoExecutionException(element + ": cannot read " + file + ": " + OutBuf.describe(e), e);
        }
        List<Archive> archives = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (!line.startsWith("packagefile ")) {
                continue;
            }
            String spec = line.substring("packagefile ".length()).strip();
            int eq = spec.indexOf('=');
            if (eq <= 0 || eq == spec.length() - 1) {
                throw new MojoExecutionException(element + ": " + file + ":" + (i + 1)
                        + ": expected packagefile importpath=file, got \"" + line + "\"");
            }
            Archive archive = new Archive(spec.substring(0, eq), baseDir.resolve(spec.substring(eq + 1)), i + 1);
            if (!Files.isRegularFile(archive.file())) {
                throw new MojoExecutionException(element + ": " + file + ":" + archive.line() + " names "
                        + archive.file() + " for package " + archive.importPath() + ", which does not exist"
                        + " (relative paths are resolved against " + baseDir + ")");
            }
            archives.add(archive);
        }
        return new ImportConfig(file, List.copyOf(lines), List.copyOf(archives));
    }
}
