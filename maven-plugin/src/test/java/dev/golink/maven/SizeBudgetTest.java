package dev.golink.maven;

import dev.golink.Target;
import org.apache.maven.plugin.MojoExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The size budget's limits and what it names; the invoker test size-budget runs it in a build. */
class SizeBudgetTest {

    private static final Target AMD64 = new Target("linux", "amd64");

    private static String report(long fileSize, String packages) {
        return "{\"schema\":\"golink-sizereport\",\"version\":1,\"target\":\"linux/amd64\",\"fileSize\":" + fileSize
                + ",\"packages\":[" + packages + "],\"symbols\":[]}";
    }

    @Test
    void growthIsBytesOrAPercentageOfTheBaseline() throws Exception {
        assertEquals(20000, SizeBudget.growthLimit("20000", 1_000_000));
        assertEquals(50000, SizeBudget.growthLimit(" 5% ", 1_000_000));
        assertEquals(15, SizeBudget.growthLimit("1.5%", 1000));
        for (String bad : List.of("-1", "5 %x", "x", "-2%", "")) {
            MojoExecutionException e = assertThrows(MojoExecutionException.class,
                    () -> SizeBudget.growthLimit(bad, 1000));
            assertTrue(e.getMessage().startsWith("<sizeBudget><maxGrowth>: "), e.getMessage());
        }
    }

    @Test
    void aBudgetMustSetALimit() {
        assertTrue(assertThrows(MojoExecutionException.class, () -> new SizeBudget(null, null, null).validate())
                .getMessage().startsWith("<sizeBudget> sets no limit"));
        assertTrue(assertThrows(MojoExecutionException.class, () -> new SizeBudget(null, "b.json", null).validate())
                .getMessage().startsWith("<sizeBudget>: <maxGrowth> is not set"));
    }

    @Test
    void withinAndOver(@TempDir Path dir) throws Exception {
        Path now = Files.writeString(dir.resolve("now.json"), report(1000,
                "{\"package\":\"runtime\",\"bytes\":700},{\"package\":\"main\",\"bytes\":200},{\"package\":\"os\",\"bytes\":50}"));
        Files.writeString(dir.resolve("base-linux-amd64.json"), report(900,
                "{\"package\":\"runtime\",\"bytes\":680},{\"package\":\"main\",\"bytes\":120},{\"package\":\"os\",\"bytes\":60}"));
        Map<Target, Path> reports = new LinkedHashMap<>(Map.of(AMD64, now));
        assertEquals(Map.of(), new SizeBudget(1000L, "base-@{target}.json", "100").check(reports, dir));
        Map<Target, List<String>> over = new SizeBudget(999L, "base-@{target}.json", "10%").check(reports, dir);
        assertEquals(List.of(
                "linux/amd64: 1000 bytes, 1 over <maxBytes> 999; largest packages: runtime 700, main 200, os 50"
                        + " (report: " + now + ")",
                "linux/amd64: grew +100 bytes (+11.1%) against " + dir.resolve("base-linux-amd64.json")
                        + ", over <maxGrowth> 10%; grew most: main +80, runtime +20 (report: " + now + ")"),
                over.get(AMD64));
        MojoExecutionException missing = assertThrows(MojoExecutionException.class,
                () -> new SizeBudget(null, "none-@{goos}.json", "1").check(reports, dir));
        assertTrue(missing.getMessage().startsWith("<sizeBudget><baseline>: " + dir.resolve("none-linux.json")),
                missing.getMessage());
    }
}
