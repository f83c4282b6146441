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

    /** dir and join as Go defines them (Clean of the dir with its slash, Clean of a/b), on paths of every shape. */
    @Test
    void dirAndJoinAreCleanOfTheirDefinitions() {
        String[] pieces = {"a", "b.go", ".", "..", "", "/", "//", "\\", "$GOROOT", ".x"};
        java.util.Random random = new java.util.Random(11);
        for (int round = 0; round < 20000; round++) {
            String p = path(random, pieces);
            String q = path(random, pieces);
            assertEquals(GoPaths.clean(p.substring(0, p.lastIndexOf('/') + 1)), GoPaths.dir(p), "dir of " + p);
            assertEquals(p.isEmpty() ? GoPaths.clean(q) : GoPaths.clean(p + "/" + q), GoPaths.join(p, q),
                    "join of " + p + " and " + q);
        }
        assertEquals("/usr/lib/go/src/runtime/proc.go", GoPaths.join("/usr/lib/go", "/src/runtime/proc.go"));
        assertEquals("/usr/lib/go/src/runtime", GoPaths.dir("/usr/lib/go/src/runtime/proc.go"));
    }

    private static String path(java.util.Random random, String[] pieces) {
        StringBuilder b = new StringBuilder();
        for (int k = random.nextInt(5); k > 0; k--) {
            b.append(pieces[random.nextInt(pieces.length)]);
            if (random.nextBoolean()) {
                b.append('/');
            }
        }
        return b.toString();
    }
}
