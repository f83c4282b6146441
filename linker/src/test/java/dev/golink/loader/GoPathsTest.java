package dev.golink.loader;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class GoPathsTest {

    @Test
    void cleanKeepsCleanPathsAndCleansTheRest() {
        String[][] cases = {
            {"", "."}, {".", "."}, {"/", "/"}, {"..", ".."}, {"a", "a"}, {"/a/b.go", "/a/b.go"},
            {"$GOROOT/src/runtime/proc.go", "$GOROOT/src/runtime/proc.go"}, {"a/", "a"}, {"a//b", "a/b"},
            {"./a", "a"}, {"a/.", "a"}, {"/.", "/"}, {"a/./b", "a/b"}, {"a/../b", "b"}, {"../a", "../a"},
            {"/../a", "/a"}, {"a/b/..", "a"}, {"a/..", "."}, {"..a/b..", "..a/b.."}, {".a/.b", ".a/.b"},
            {"//a//", "/a"}, {"a/b/../../..", ".."},
        };
        for (String[] c : cases) {
            assertEquals(c[1], GoPaths.clean(c[0]), c[0]);
            assertEquals(c[1], GoPaths.clean(c[1]), "clean is idempotent on " + c[1]);
        }
    }
}
