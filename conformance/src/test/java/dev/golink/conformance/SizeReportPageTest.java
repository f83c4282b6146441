package dev.golink.conformance;

import dev.golink.LinkOptions;
import dev.golink.Linker;
import dev.golink.Target;
import dev.golink.cli.CommandLine;
import dev.golink.report.SizeReportHtml;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The HTML page -sizereport writes beside its JSON, opened in headless Chromium (Debian's
 * {@code chromium}; skipped where it is not installed): the page needs nothing from the network,
 * its treemap renders (the screenshot is not blank) and carries the packages' labels. For the
 * corpus' hello and for cmd/go (built by Go 1.19.8 on the spot, its link step captured); the
 * screenshots stay in {@code target/size-report-pages/} ({@code cmd-go-linux-amd64.png}).
 */
class SizeReportPageTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path SHOTS = Path.of("target", "size-report-pages");

    @Test
    void helloTreemapRendersWithLabels(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM), "needs headless Chromium at " + CHROMIUM
                + " (apt-get install chromium): the page is not checked in a browser");
        Target target = new Target("linux", "amd64");
        GoldenCorpus corpus = GoldenCorpus.locate();
        corpus.unpackInputs(target, dir);
        List<String> baseArgs = Files.readAllLines(dir.resolve("hello").resolve("link.args"), StandardCharsets.UTF_8);
        Map<String, String> env = CaseRunner.readEnv(dir.resolve("env"));
        Path json = dir.resolve("hello.size.json");
        link(CaseRunner.argsFor(baseArgs, List.of("-sizereport=" + json)), env, dir);

        String dom = render(dir, SizeReportHtml.beside(json), "hello-linux-amd64.png");
        assertTrue(dom.contains("title=\"runtime.gentraceback (runtime, .text): "), "the largest function has a cell");
    }

    @Test
    void cmdGoTreemapRendersWithLabels(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM), "needs headless Chromium at " + CHROMIUM
                + " (apt-get install chromium): the page is not checked in a browser");
        assumeTrue(GoBuild.available(), "needs Go 1.19.8 at " + GoBuild.GOROOT);
        Path gocache = Path.of("target", "gocache");
        Files.createDirectories(gocache);
        GoBuild build = GoBuild.capture("cmd/go", GoBuild.GOROOT.resolve("src"), new Target("linux", "amd64"),
                gocache.toAbsolutePath());
        try {
            Path json = dir.resolve("cmd-go.size.json");
            link(CaseRunner.argsFor(build.args(), List.of("-sizereport=" + json)), build.env(), build.work());
            String dom = render(dir, SizeReportHtml.beside(json), "cmd-go-linux-amd64.png");
            assertTrue(dom.contains("<div class=\"lbl\">cmd/go/internal/"), "cmd/go's own packages are labelled");
        } finally {
            build.delete();
        }
    }

    private static void link(List<String> args, Map<String, String> env, Path dir) throws Exception {
        LinkOptions o = CommandLine.parse(args, env, dir).options();
        new Linker(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)).link(o);
    }

    /**
     * Screenshots the page (kept as {@code target/size-report-pages/shotName}), checks that the
     * treemap is painted in many colours, and returns the rendered DOM after checking its labels.
     */
    private static String render(Path dir, Path page, String shotName) throws Exception {
        String html = Files.readString(page);
        // No element that loads (strings such as "http: ..." in the data are only text), no style that does.
        assertFalse(java.util.regex.Pattern.compile("(?is)<(script|link|img|iframe|object|embed|source)\\b[^>]*"
                + "\\b(src|href|data)\\s*=").matcher(html).find(), "the page loads nothing from elsewhere");
        java.util.regex.Matcher style = java.util.regex.Pattern.compile("(?is)<style>(.*?)</style>").matcher(html);
        while (style.find()) {
            assertFalse(style.group(1).matches("(?is).*(url\\(|@import).*"), "the style loads nothing");
        }

        Path shot = dir.resolve("shot.png");
        chromium(dir, "--screenshot=" + shot, "--window-size=1400,900", page.toUri().toString());
        Files.createDirectories(SHOTS);
        Files.copy(shot, SHOTS.resolve(shotName), StandardCopyOption.REPLACE_EXISTING);
        BufferedImage img = ImageIO.read(shot.toFile());
        assertEquals(1400, img.getWidth());
        // The treemap's box (left 3/4, below the header): mostly painted cells, in many colours.
        Set<Integer> colours = new HashSet<>();
        int painted = 0;
        int total = 0;
        for (int y = 100; y < 600; y += 4) {
            for (int x = 30; x < 1000; x += 4) {
                int rgb = img.getRGB(x, y) & 0xffffff;
                colours.add(rgb);
                total++;
                if (rgb != 0xfafafa && rgb != 0xffffff) {
                    painted++;
                }
            }
        }
        // Not blank: most of it painted (a large program's many small cells show more of their white borders).
        assertTrue(painted > total * 0.6, "treemap painted " + painted + " of " + total + " sampled pixels");
        assertTrue(colours.size() > 30, "treemap has " + colours.size() + " colours");

        String dom = chromium(dir, "--dump-dom", page.toUri().toString());
        assertTrue(dom.contains("<div class=\"lbl\">runtime "), "the runtime package is labelled");
        assertTrue(dom.contains("title=\"main: "), "the main package has a cell");
        assertTrue(dom.contains("linux/amd64"), "the target is named");
        return dom;
    }

    /** Runs headless Chromium on {@code args}, with a new empty profile, and returns what it printed. */
    private static String chromium(Path dir, String... args) throws Exception {
        Path profile = Files.createTempDirectory(dir, "chromium-profile-");
        List<String> cmd = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox",
                "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--hide-scrollbars", "--user-data-dir=" + profile,
                "--virtual-time-budget=5000"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), "chromium did not finish");
        assertEquals(0, p.exitValue(), out);
        return out;
    }
}
