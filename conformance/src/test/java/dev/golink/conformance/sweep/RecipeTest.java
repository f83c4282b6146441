package dev.golink.conformance.sweep;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Recipes are read as Go's test driver (test/run.go) reads them. */
class RecipeTest {

    @Test
    void aPlainRunHasNoFlagsAndNoArguments() {
        Recipe r = Recipe.parse("// run\n\n// Copyright\n\npackage main\n");
        assertEquals(new Recipe("run", List.of(), List.of(), "", 0), r);
    }

    @Test
    void flagsGoToTheGoCommandAndTheRestToTheProgram() {
        Recipe r = Recipe.parse("// run -gcflags=-l=4 -t 30 -goexperiment fieldtrack -1 arg1 'two words'\n\npackage main\n");
        assertEquals(new Recipe("run", List.of("-gcflags=-l=4"), List.of("arg1", "two words"), "fieldtrack", 30), r);
    }

    @Test
    void aFirstLineWithPlusBuildIsSkipped() {
        Recipe r = Recipe.parse("// +build linux\n// run\n\npackage main\n");
        assertEquals("run", r.action());
        // Constraints after the recipe are the build's business, not the recipe's.
        assertEquals(new Recipe("run", List.of(), List.of(), "", 0),
                Recipe.parse("// run\n\n//go:build !js\n// +build !js\n\npackage main\n"));
    }

    @Test
    void filesWithoutARecipeHaveNone() {
        assertNull(Recipe.parse("\n// run\n\npackage main\n"), "starts with a newline");
        assertNull(Recipe.parse("// run\npackage main\n"), "no blank line");
        assertNull(Recipe.parse("// run 'open\n\n"), "an open quote");
    }
}
