package dev.golink.maven;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Link inputs laid out as go build hands them to its linker, per target under
 * {@code <root>/<goos>-<goarch>/}: an importcfg.link naming two archives and the
 * main archive. The archives are not real Go objects, which is enough for
 * everything the Mojo does before the linker reads them.
 */
final class LinkInputs {

    static final String IMPORTCFG = "@{goos}-@{goarch}/importcfg.link";
    static final String MAIN = "@{target}/main.a";

    final Path root;

    LinkInputs(Path root) {
        this.root = root;
    }

    /** Writes the inputs of one target ({@code goos-goarch}); returns its folder. */
    Path write(String target) throws IOException {
        Path dir = Files.createDirectories(root.resolve(target));
        Files.writeString(dir.resolve("main.a"), "!<arch>\nmain of " + target + "\n");
        Files.writeString(dir.resolve("fmt.a"), "!<arch>\nfmt of " + target + "\n");
        Files.writeString(dir.resolve("runtime.a"), "!<arch>\nruntime of " + target + "\n");
        Files.writeString(dir.resolve("importcfg.link"), String.join("\n",
                "# import config",
                "packagefile example.com/hello=" + dir.resolve("main.a"),
                "packagefile fmt=" + dir.resolve("fmt.a"),
                "packagefile runtime=" + dir.resolve("runtime.a"),
                "modinfo \"0w\\xaf\\f\\x92t\\b\\x02A\\xe1\\xc1\\a\\xe6\\xd6\\x18\\xe6path\\texample.com/hello\\n\"",
                ""), StandardCharsets.UTF_8);
        return dir;
    }

    String importcfg() {
        return root.resolve(IMPORTCFG).toString();
    }

    String mainArchive() {
        return root.resolve(MAIN).toString();
    }
}
