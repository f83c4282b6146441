package dev.golink.maven;

import org.apache.maven.plugin.MojoExecutionException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LdFlagsTest {

    @Test
    void nothingToAddLeavesGoflagsAlone() throws Exception {
        assertEquals(List.of(), LdFlags.arguments("-ldflags=-w -trimpath", false, false, List.of()));
    }

    @Test
    void flagsInTheOrderStripStripDwarfVariables() throws Exception {
        assertEquals(List.of("-ldflags=-s -w -X main.a=1 -X 'main.b=two words'"),
                LdFlags.arguments("", true, true, List.of("main.a=1", "main.b=two words")));
    }

    @Test
    void goflagsLdflagsComeFirstBecauseOursReplaceThem() throws Exception {
        assertEquals(List.of("-ldflags=-w -X main.v=1"),
                LdFlags.arguments("-trimpath -ldflags=-s --ldflags=-w", false, false, List.of("main.v=1")));
        assertEquals("-w", LdFlags.fromGoflags("  -ldflags=-s   -ldflags=-w "));
        assertEquals("", LdFlags.fromGoflags(""));
    }

    @Test
    void aPackagePatternInGoflagsCannotBeMerged() {
        MojoExecutionException e = assertThrows(MojoExecutionException.class,
                () -> LdFlags.arguments("-ldflags=example.com/...=-w", true, false, List.of()));
        assertTrue(e.getMessage().startsWith("GOFLAGS sets -ldflags=example.com/...=-w for a package pattern"),
                e.getMessage());
    }
}
