package dev.golink.report;

import dev.golink.GoldenInputs;
import dev.golink.LinkException;
import dev.golink.LinkOptions;
import dev.golink.Linker;
import dev.golink.Target;
import dev.golink.cli.CommandLine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** -sizereport, -map and -whykept on a golden program: the output is what golink writes without them. */
class ReportsTest {

    private static final Target AMD64 = new Target("linux", "amd64");

    private static byte[] link(Path inputs, Path out, ByteArrayOutputStream printed, String... flags) throws Exception {
        String[] all = new String[flags.length + 2];
        System.arraycopy(flags, 0, all, 0, flags.length);
        all[flags.length] = "-o";
        all[flags.length + 1] = out.toString();
        // The last -o wins, as with Go's flag package.
        List<String> args = new java.util.ArrayList<>(GoldenInputs.linkArgs(inputs, "features"));
        args.addAll(args.size() - 1, List.of(all));
        LinkOptions o = CommandLine.parse(args, GoldenInputs.env(inputs), inputs).options();
        new Linker(new PrintStream(printed, true, StandardCharsets.UTF_8)).link(o);
        return Files.readAllBytes(out);
    }

    @Test
    void reportsLeaveTheOutputAsItIs(@TempDir Path dir) throws Exception {
        Path inputs = GoldenInputs.unpack(AMD64, dir);
        byte[] plain = link(inputs, dir.resolve("plain"), new ByteArrayOutputStream());
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        Path json = dir.resolve("size.json");
        Path map = dir.resolve("link.map");
        byte[] reported = link(inputs, dir.resolve("reported"), printed, "-sizereport=" + json, "-map=" + map,
                "-whykept=main.main");
        assertArrayEquals(plain, reported);
        byte[] heap = link(inputs, dir.resolve("heap"), new ByteArrayOutputStream(), "-mmap=false",
                "-sizereport=" + dir.resolve("heap.json"));
        assertArrayEquals(plain, heap);
        assertEquals(Files.readString(json), Files.readString(dir.resolve("heap.json")), "the report is deterministic");

        String report = Files.readString(json);
        assertTrue(report.startsWith("{\n\"schema\":\"golink-sizereport\",\n\"version\":2,\n\"target\":\"linux/amd64\","),
                report.substring(0, 100));
        assertTrue(report.contains("\"fileSize\":" + plain.length + ","));
        // The totals add up to the file.
        Matcher t = Pattern.compile("\"totals\":\\{([^}]*)}").matcher(report);
        assertTrue(t.find());
        long sum = 0;
        for (String kv : t.group(1).split(",")) {
            sum += Long.parseLong(kv.substring(kv.indexOf(':') + 1));
        }
        assertEquals(plain.length, sum);
        mainMainAndPackages(report);

        String m = Files.readString(map);
        assertTrue(m.startsWith("# golink link map of a linux/amd64 elf file of " + plain.length + " bytes\n"), m);
        assertTrue(Pattern.compile("(?m)^ +[0-9a-f]+ +[0-9a-f]+ +[0-9a-f]+ +32  \\.text$").matcher(m).find(), m);
        assertTrue(Pattern.compile("(?m)^ +[0-9a-f]+ +[0-9a-f]+ +[0-9a-f]+ +main\\.main \\(main\\)$").matcher(m).find());
        assertTrue(m.contains(".debug_info (compressed from "));

        String why = printed.toString(StandardCharsets.UTF_8);
        assertTrue(why.startsWith("whykept main.main: "), why);
        assertTrue(why.contains("    -> main.main  (referenced by runtime.main_main\u00b7f)"), why);
    }

    /**
     * main.main's row names its package, section and kind through the lists it indexes; each
     * package's bytes are its symbols' (as the reader adds them up) and its DWARF.
     */
    @SuppressWarnings("unchecked")
    private static void mainMainAndPackages(String report) {
        Map<String, Object> doc = (Map<String, Object>) Json.parse(report);
        assertEquals(SizeReportJson.SYMBOL_FIELDS, doc.get("symbolFields"));
        List<Object> packages = (List<Object>) doc.get("packages");
        List<Object> mainMain = null;
        for (Object o : (List<Object>) doc.get("symbols")) {
            List<Object> row = (List<Object>) o;
            if (row.get(0).equals("main.main")) {
                mainMain = row;
            }
        }
        assertEquals("main", ((Map<String, Object>) packages.get(((Long) mainMain.get(1)).intValue())).get("package"));
        assertEquals(".text", ((List<Object>) doc.get("symbolSections")).get(((Long) mainMain.get(2)).intValue()));
        assertEquals("STEXT", ((List<Object>) doc.get("symbolKinds")).get(((Long) mainMain.get(3)).intValue()));

        Map<String, Long> bySymbols = new java.util.HashMap<>();
        for (SizeReportFile.Symbol sym : SizeReportFile.symbols(doc)) {
            bySymbols.merge(sym.pkg(), sym.bytes(), Long::sum);
        }
        for (Object o : (List<Object>) doc.get("dwarf")) {
            Map<String, Object> d = (Map<String, Object>) o;
            bySymbols.merge((String) d.get("package"), (Long) d.get("fileBytes"), Long::sum);
        }
        long previous = Long.MAX_VALUE;
        for (Object o : packages) {
            Map<String, Object> p = (Map<String, Object>) o;
            long bytes = (Long) p.get("bytes");
            assertEquals(bySymbols.getOrDefault((String) p.get("package"), 0L), bytes, (String) p.get("package"));
            assertTrue(bytes <= previous, "largest first");
            previous = bytes;
        }
    }

    @Test
    void anUnwritableReportFailsTheLinkAndLeavesNoOutput(@TempDir Path dir) throws Exception {
        Path inputs = GoldenInputs.unpack(AMD64, dir);
        Path out = dir.resolve("out");
        LinkException e = assertThrows(LinkException.class, () -> link(inputs, out, new ByteArrayOutputStream(),
                "-sizereport=" + dir.resolve("no/such/folder/size.json")));
        assertTrue(e.getMessage().startsWith("cannot write the size report " + dir.resolve("no/such/folder/size.json")),
                e.getMessage());
        assertFalse(Files.exists(out));
    }

    @Test
    void flagsParse(@TempDir Path dir) throws LinkException {
        Map<String, String> env = Map.of("GOOS", "linux", "GOARCH", "amd64");
        ReportOptions none = CommandLine.parse(List.of("main.a"), env, dir).options().reports();
        assertEquals(ReportOptions.NONE, none);
        assertFalse(none.needsGraph());
        ReportOptions r = CommandLine.parse(List.of("-sizereport=s.json", "-whykept", "main.main", "-whykept=/^fmt\\./",
                "-map", "m.txt", "main.a"), env, dir).options().reports();
        assertEquals(dir.resolve("s.json"), r.sizeReport());
        assertEquals(dir.resolve("m.txt"), r.map());
        assertEquals(List.of("main.main", "/^fmt\\./"), r.whyKept());
        assertTrue(r.needsGraph());
        String usage = CommandLine.usage();
        assertTrue(usage.contains("-sizereport") && usage.contains("-whykept") && usage.contains("-map"));
        assertNull(CommandLine.parse(List.of("-sizereport=a", "main.a"), env, dir).options().reports().map());
    }
}
