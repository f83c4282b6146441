package dev.golink.cli;

import dev.golink.GoldenInputs;
import dev.golink.Target;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** golink size-diff: growth per package and symbol, largest first, from two reports. */
class SizeDiffCommandTest {

    private static String report(long fileSize, String packages, String symbols) {
        return "{\"schema\":\"golink-sizereport\",\"version\":1,\"target\":\"linux/amd64\",\"container\":\"elf\","
                + "\"fileSize\":" + fileSize + ",\"packages\":[" + packages + "],\"symbols\":[" + symbols + "],"
                + "\"dwarf\":[],\"other\":[]}";
    }

    private static String[] run(Path cwd, String... args) {
        return run(cwd, java.util.Map.of(), args);
    }

    private static String[] run(Path cwd, java.util.Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(List.of(args), env, cwd, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).status();
        return new String[] {Integer.toString(status), out.toString(StandardCharsets.UTF_8),
                err.toString(StandardCharsets.UTF_8)};
    }

    @Test
    void growthPerPackageAndSymbolLargestFirst(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("old.json"), report(1000,
                "{\"package\":\"runtime\",\"bytes\":600},{\"package\":\"fmt\",\"bytes\":300},{\"package\":\"os\",\"bytes\":50}",
                "{\"name\":\"fmt.Println\",\"package\":\"fmt\",\"fileBytes\":100,\"pclntab\":{\"functab\":8,\"pctab\":2}},"
                        + "{\"name\":\"runtime.main\",\"package\":\"runtime\",\"fileBytes\":200,\"symtab\":{\"entry\":24,\"name\":13}},"
                        + "{\"name\":\"os.gone\",\"package\":\"os\",\"fileBytes\":50}"));
        Files.writeString(dir.resolve("new.json"), report(1250,
                "{\"package\":\"runtime\",\"bytes\":600},{\"package\":\"fmt\",\"bytes\":500},{\"package\":\"main\",\"bytes\":100}",
                "{\"name\":\"fmt.Println\",\"package\":\"fmt\",\"fileBytes\":250,\"pclntab\":{\"functab\":8,\"pctab\":2}},"
                        + "{\"name\":\"runtime.main\",\"package\":\"runtime\",\"fileBytes\":200,\"symtab\":{\"entry\":24,\"name\":13}},"
                        + "{\"name\":\"main.\\\"q\\u00e9\",\"package\":\"main\",\"fileBytes\":100}"));
        String[] r = run(dir, "size-diff", "old.json", "new.json");
        assertEquals("0", r[0], r[2]);
        assertEquals("""
                size-diff old.json (linux/amd64) -> new.json (linux/amd64)
                file: 1000 -> 1250 bytes, +250 bytes (+25.0%)

                packages (3 changed), by growth:
                        +200  +66.7%    fmt  (300 -> 500)
                        +100  new       main  (0 -> 100)
                         -50  gone      os  (50 -> 0)

                symbols (3 changed), by growth:
                        +150  +136.4%   fmt.Println  (110 -> 260)  [fmt]
                        +100  new       main."qé  (0 -> 100)  [main]
                         -50  gone      os.gone  (50 -> 0)  [os]
                """, r[1]);
        String[] top = run(dir, "size-diff", "-top=1", "old.json", "new.json");
        assertTrue(top[1].contains("fmt.Println") && !top[1].contains("main.\"qé  (0") && top[1].contains("os.gone")
                && top[1].contains("... 1 more"), top[1]);
    }

    @Test
    void refusesWhatItCannotCompare(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("a.json"), "{\"schema\":\"golink-sizereport\",\"version\":3}");
        Files.writeString(dir.resolve("b.json"), "{\"schema\":");
        String[] one = run(dir, "size-diff", "a.json");
        assertEquals("2", one[0]);
        assertTrue(one[2].startsWith("golink size-diff: needs two size reports"), one[2]);
        String[] version = run(dir, "size-diff", "a.json", "a.json");
        assertEquals("2", version[0]);
        assertTrue(version[2].contains("is not a golink size report") && version[2].contains("its version is 3"),
                version[2]);
        String[] broken = run(dir, "size-diff", "b.json", "a.json");
        assertTrue(broken[2].contains("the document ends early"), broken[2]);
        String[] missing = run(dir, "size-diff", "none.json", "a.json");
        assertTrue(missing[2].startsWith("golink size-diff: cannot read the size report"), missing[2]);
        assertTrue(!missing[2].contains("java.") && !missing[2].contains("Exception"), missing[2]);
    }

    /** Two real reports (hello, then features, linked for linux/amd64): the sizes are the files'. */
    @Test
    void realReports(@TempDir Path dir) throws Exception {
        Target amd64 = new Target("linux", "amd64");
        Path inputs = GoldenInputs.unpack(amd64, dir);
        for (String program : List.of("hello", "features")) {
            List<String> args = new ArrayList<>(GoldenInputs.linkArgs(inputs, program));
            args.addAll(args.size() - 1, List.of("-o", dir.resolve(program).toString(),
                    "-sizereport=" + dir.resolve(program + ".json")));
            String[] r = run(inputs, GoldenInputs.env(inputs), args.toArray(String[]::new));
            assertEquals("0", r[0], r[2]);
        }
        String[] r = run(dir, "size-diff", "hello.json", "features.json");
        assertEquals("0", r[0], r[2]);
        long hello = Files.size(dir.resolve("hello"));
        long features = Files.size(dir.resolve("features"));
        assertTrue(r[1].contains("file: " + hello + " -> " + features + " bytes, " + String.format("%+d", features - hello)
                + " bytes"), r[1]);
        assertTrue(r[1].lines().anyMatch(l -> l.matches(" +\\+\\d+ +\\S+ +main  \\(\\d+ -> \\d+\\)")), r[1]);
    }
}
