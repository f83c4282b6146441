package dev.golink.report;

import dev.golink.GoldenInputs;
import dev.golink.LinkOptions;
import dev.golink.Linker;
import dev.golink.Target;
import dev.golink.cli.CommandLine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The HTML page -sizereport writes beside its JSON, opened in headless Chromium (Debian's
 * {@code chromium}; skipped where it is not installed): the page needs nothing from the network,
 * its treemap renders (the screenshot is not blank) and carries the packages' labels.
 */
class SizeReportPageTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    @Test
    void treemapRendersWithLabels(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM), "needs headless Chromium at " + CHROMIUM
                + " (apt-get install chromium): the page is not checked in a browser");
        Path inputs = GoldenInputs.unpack(new Target("linux", "amd64"), dir);
        Path json = dir.resolve("hello.size.json");
        List<String> args = new ArrayList<>(GoldenInputs.linkArgs(inputs, "hello"));
        args.addAll(args.size() - 1, List.of("-o", dir.resolve("hello").toString(), "-sizereport=" + json));
        LinkOptions o = CommandLine.parse(args, GoldenInputs.env(inputs), inputs).options();
        new Linker(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)).link(o);
        Path page = dir.resolve("hello.size.html");
        String html = Files.readString(page);
        assertFalse(html.matches("(?s).*(src=|href=|https?:|url\\().*"), "the page loads nothing from elsewhere");

        Path shot = dir.resolve("shot.png");
        String dom = chromium(dir, "--screenshot=" + shot, "--window-size=1400,900", page.toUri().toString());
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
        assertTrue(painted > total * 0.8, "treemap painted " + painted + " of " + total + " sampled pixels");
        assertTrue(colours.size() > 30, "treemap has " + colours.size() + " colours");

        dom = chromium(dir, "--dump-dom", page.toUri().toString());
        assertTrue(dom.contains("<div class=\"lbl\">runtime "), "the runtime package is labelled");
        assertTrue(dom.contains("title=\"runtime.gentraceback (runtime, .text): "), "the largest function has a cell");
        assertTrue(dom.contains("title=\"main: "), "the main package has a cell");
        assertTrue(dom.contains("linux/amd64"), "the target is named");
    }

    /** Runs headless Chromium on {@code args} and returns what it printed. */
    private static String chromium(Path dir, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless=new", "--no-sandbox",
                "--disable-gpu", "--hide-scrollbars", "--user-data-dir=" + dir.resolve("chromium-profile"),
                "--virtual-time-budget=5000"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(180, TimeUnit.SECONDS), "chromium did not finish");
        assertEquals(0, p.exitValue(), out);
        return out;
    }
}
