package dev.golink.maven;

import dev.golink.LinkException;
import dev.golink.Target;
import dev.golink.report.SizeDiff;
import dev.golink.report.SizeReportFile;
import org.apache.maven.plugin.MojoExecutionException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The goal's {@code <sizeBudget>}: how large each target's output may be, in bytes
 * ({@code <maxBytes>}), or how much it may grow against a baseline size report such as the last
 * release's ({@code <baseline>} and {@code <maxGrowth>}, bytes or a percentage). A target over
 * budget fails the build, naming its largest packages (or those that grew most).
 */
public class SizeBudget {

    /** Each target's output may have at most this many bytes. */
    Long maxBytes;

    /** The size report to compare with ({@code @{goos}}, {@code @{goarch}}, {@code @{target}} replaced). */
    String baseline;

    /** How much each output may grow against {@code baseline}: bytes ({@code 20000}) or a percentage ({@code 5%}). */
    String maxGrowth;

    /** How many packages a failure names. */
    int top = 5;

    public SizeBudget() {
    }

    SizeBudget(Long maxBytes, String baseline, String maxGrowth) {
        this.maxBytes = maxBytes;
        this.baseline = baseline;
        this.maxGrowth = maxGrowth;
    }

    /** Refuses a budget that sets nothing, or half of a growth limit, before anything is linked. */
    void validate() throws MojoExecutionException {
        boolean growth = isSet(baseline) || isSet(maxGrowth);
        if (maxBytes == null && !growth) {
            throw new MojoExecutionException("<sizeBudget> sets no limit: set <maxBytes>, or <baseline> (a size report"
                    + " such as the last release's) with <maxGrowth> (bytes, or a percentage such as 5%)");
        }
        if (growth && !(isSet(baseline) && isSet(maxGrowth))) {
            throw new MojoExecutionException("<sizeBudget>: " + (isSet(baseline) ? "<maxGrowth>" : "<baseline>")
                    + " is not set: a growth limit needs both <baseline> (a size report such as the last release's)"
                    + " and <maxGrowth> (bytes, or a percentage such as 5%)");
        }
        if (maxBytes != null && maxBytes < 0) {
            throw new MojoExecutionException("<sizeBudget><maxBytes> must not be negative, not " + maxBytes);
        }
        if (growth) {
            growthLimit(maxGrowth, 1);
        }
        if (top < 1) {
            throw new MojoExecutionException("<sizeBudget><top> must be at least 1, not " + top);
        }
    }

    /**
     * What is over budget, per target and limit ({@code reports}: each target's size report, in
     * target order); empty when every target is within it.
     */
    Map<Target, List<String>> check(Map<Target, Path> reports, Path basedir) throws MojoExecutionException {
        Map<Target, List<String>> overByTarget = new LinkedHashMap<>();
        for (Map.Entry<Target, Path> e : reports.entrySet()) {
            Target target = e.getKey();
            List<String> over = new ArrayList<>();
            SizeReportFile now = read(e.getValue(), "the size report of " + target);
            if (maxBytes != null && now.fileSize() > maxBytes) {
                over.add(String.format(Locale.ROOT, "%s: %d bytes, %d over <maxBytes> %d; largest packages: %s"
                        + " (report: %s)", target, now.fileSize(), now.fileSize() - maxBytes, maxBytes,
                        largest(now), e.getValue()));
            }
            if (isSet(baseline)) {
                Path base = basedir.resolve(Placeholders.substitute(baseline.strip(), target, "<sizeBudget><baseline>"));
                if (!Files.isRegularFile(base)) {
                    throw new MojoExecutionException("<sizeBudget><baseline>: " + base + " (for " + target
                            + ") does not exist; check the path and its @{goos}/@{goarch} placeholders");
                }
                SizeDiff diff = new SizeDiff(read(base, "<sizeBudget><baseline> " + base), now);
                long limit = growthLimit(maxGrowth, diff.before.fileSize());
                if (diff.growth() > limit) {
                    over.add(String.format(Locale.ROOT, "%s: grew %s against %s, over <maxGrowth> %s; grew most: %s"
                            + " (report: %s)", target, SizeDiff.change(diff.before.fileSize(), now.fileSize()), base,
                            maxGrowth.strip(), grewMost(diff), e.getValue()));
                }
            }
            if (!over.isEmpty()) {
                overByTarget.put(target, over);
            }
        }
        return overByTarget;
    }

    private String largest(SizeReportFile report) {
        List<String> names = new ArrayList<>();
        for (Map.Entry<String, Long> p : report.packages().entrySet()) {
            if (names.size() == top) {
                break;
            }
            names.add(p.getKey() + " " + p.getValue());
        }
        return String.join(", ", names);
    }

    private String grewMost(SizeDiff diff) {
        List<String> names = new ArrayList<>();
        for (SizeDiff.Row r : diff.packages) {
            if (names.size() == top || r.growth() <= 0) {
                break;
            }
            names.add(String.format(Locale.ROOT, "%s %+d%s", r.name(), r.growth(), r.before() == 0 ? " (new)" : ""));
        }
        return names.isEmpty() ? "no package (the headers and padding did)" : String.join(", ", names);
    }

    /** {@code value} (bytes, or a percentage of {@code baselineSize}) in bytes. */
    static long growthLimit(String value, long baselineSize) throws MojoExecutionException {
        String v = value.strip();
        try {
            if (v.endsWith("%")) {
                double percent = Double.parseDouble(v.substring(0, v.length() - 1).strip());
                if (percent >= 0 && Double.isFinite(percent)) {
                    return (long) Math.floor(baselineSize * percent / 100);
                }
            } else {
                long bytes = Long.parseLong(v);
                if (bytes >= 0) {
                    return bytes;
                }
            }
        } catch (NumberFormatException e) {
            // Refused below.
        }
        throw new MojoExecutionException("<sizeBudget><maxGrowth>: \"" + v + "\" is neither a number of bytes nor a"
                + " percentage (such as 20000 or 5%)");
    }

    private static SizeReportFile read(Path file, String what) throws MojoExecutionException {
        try {
            return SizeReportFile.read(file);
        } catch (LinkException e) {
            throw new MojoExecutionException(what + ": " + e.getMessage());
        }
    }

    private static boolean isSet(String value) {
        return value != null && !value.isBlank();
    }
}
