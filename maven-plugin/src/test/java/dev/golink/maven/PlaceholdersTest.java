package dev.golink.maven;

import dev.golink.Target;
import org.apache.maven.plugin.MojoExecutionException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PlaceholdersTest {

    private static final Target WASM = new Target("js", "wasm");

    @Test
    void replacesEveryPlaceholder() throws Exception {
        assertEquals("/p/go/js-wasm/js/wasm/importcfg.link",
                Placeholders.substitute("/p/go/@{target}/@{goos}/@{goarch}/importcfg.link", WASM, "<importcfg>"));
        assertEquals("plain/path", Placeholders.substitute("plain/path", WASM, "<importcfg>"));
        assertEquals("a@b{c}/${goos}", Placeholders.substitute("a@b{c}/${goos}", WASM, "<importcfg>"));
    }

    @Test
    void unknownOrUnclosedPlaceholdersNameTheElement() {
        MojoExecutionException e = assertThrows(MojoExecutionException.class,
                () -> Placeholders.substitute("go/@{GOOS}/x", WASM, "<importcfg>"));
        assertTrue(e.getMessage().startsWith("<importcfg>: unknown placeholder @{GOOS} in \"go/@{GOOS}/x\""),
                e.getMessage());
        e = assertThrows(MojoExecutionException.class,
                () -> Placeholders.substitute("go/@{goos/x", WASM, "<mainArchive>"));
        assertTrue(e.getMessage().startsWith("<mainArchive>: unclosed placeholder"), e.getMessage());
    }
}
