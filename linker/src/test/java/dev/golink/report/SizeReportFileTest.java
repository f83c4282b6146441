package dev.golink.report;

import dev.golink.LinkException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reading a size report back: a version 1 baseline and a version 2 report of the same link read alike. */
class SizeReportFileTest {

    private static final String HEAD = "{\"schema\":\"golink-sizereport\",\"version\":%d,\"target\":\"linux/amd64\","
            + "\"container\":\"elf\",\"fileSize\":1000,\"packages\":[{\"package\":\"runtime\",\"bytes\":600},"
            + "{\"package\":\"fmt\",\"bytes\":300}],";
    private static final String TAIL = ",\"dwarf\":[],\"other\":[]}";

    private static final String V1 = String.format(HEAD, 1) + "\"symbols\":["
            + "{\"name\":\"fmt.Println\",\"package\":\"fmt\",\"section\":\".text\",\"kind\":\"STEXT\",\"address\":4096,"
            + "\"size\":100,\"fileBytes\":100,\"pclntab\":{\"functab\":8,\"funcname\":12,\"pctab\":2,\"files\":0,"
            + "\"funcdata\":3,\"findfunctab\":1},\"dwarf\":{\"frame\":40},\"symtab\":{\"entry\":24,\"name\":12}},"
            + "{\"name\":\"gclocals\",\"package\":\"fmt\",\"section\":\".rodata\",\"kind\":\"SRODATA\",\"address\":8192,"
            + "\"size\":3,\"fileBytes\":0,\"funcdataOf\":\"fmt.Println\",\"shared\":true},"
            + "{\"name\":\"runtime.x\",\"symtabName\":\"runtime.x.abi0\",\"package\":\"runtime\",\"section\":\".text\","
            + "\"kind\":\"STEXT\",\"address\":4196,\"size\":200,\"fileBytes\":200,\"symtab\":{\"entry\":24,\"name\":15}}"
            + "]" + TAIL;

    private static final String V2 = String.format(HEAD, 2)
            + "\"symbolSections\":[\".text\",\".rodata\"],\"symbolKinds\":[\"STEXT\",\"SRODATA\"],"
            + "\"symbolFields\":[\"name\",\"package\",\"section\",\"kind\",\"address\",\"size\",\"fileBytes\","
            + "\"symtabEntry\",\"symtabString\",\"shared\",\"funcdataOf\",\"functab\",\"funcname\",\"pctab\",\"files\","
            + "\"funcdata\",\"findfunctab\",\"debugFrame\",\"symtabName\"],\"symbols\":["
            + "[\"fmt.Println\",1,0,0,4096,100,100,24,12,0,null,8,12,2,0,3,1,40],"
            + "[\"gclocals\",1,1,1,8192,3,0,0,0,1,0],"
            + "[\"runtime.x\",0,0,0,4196,200,200,24,15,0,null,0,0,0,0,0,0,0,\"runtime.x.abi0\"]"
            + "]" + TAIL;

    @Test
    void bothVersionsReadAlike() {
        for (String doc : new String[] {V1, V2}) {
            @SuppressWarnings("unchecked")
            var symbols = SizeReportFile.symbols((Map<String, Object>) Json.parse(doc));
            assertEquals(3, symbols.size());
            assertEquals(new SizeReportFile.Symbol("fmt.Println", null, "fmt", ".text", "STEXT", 4096, 100, 100, 202,
                    true, false),
                    symbols.get(0));
            assertEquals(new SizeReportFile.Symbol("gclocals", null, "fmt", ".rodata", "SRODATA", 8192, 3, 0, 0,
                    false, true), symbols.get(1));
            assertEquals(new SizeReportFile.Symbol("runtime.x", "runtime.x.abi0", "runtime", ".text", "STEXT", 4196,
                    200, 200, 239, true, false),
                    symbols.get(2));
        }
    }

    @Test
    void theFileReadsAsTheDocument(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("v1.json"), V1);
        Files.writeString(dir.resolve("v2.json"), V2);
        SizeReportFile one = SizeReportFile.read(dir.resolve("v1.json"));
        SizeReportFile two = SizeReportFile.read(dir.resolve("v2.json"));
        assertEquals(one, two);
        assertEquals(Map.of("fmt.Println", 202L, "gclocals", 0L, "runtime.x", 239L), two.symbols());
        assertEquals("runtime", two.packageOf().get("runtime.x"));
    }

    @Test
    void aRowOfAPackageNotListedIsRefused(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("bad.json"), V2.replace("[\"gclocals\",1,", "[\"gclocals\",7,"));
        LinkException e = assertThrows(LinkException.class, () -> SizeReportFile.read(dir.resolve("bad.json")));
        assertTrue(e.getMessage().endsWith("is not a golink size report (schema golink-sizereport, version 1 to 2):"
                + " a symbol's package, section or kind is not in its list"), e.getMessage());
    }
}
