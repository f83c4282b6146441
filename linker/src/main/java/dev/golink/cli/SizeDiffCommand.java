package dev.golink.cli;

import dev.golink.LinkException;
import dev.golink.report.SizeDiff;
import dev.golink.report.SizeReportFile;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code golink size-diff [-top=N] OLD.json NEW.json}: the growth per package and symbol from one
 * size report to another, largest growth first. Exit status 0, or 2 on a bad command line or an
 * unreadable report.
 */
final class SizeDiffCommand {

    static final String NAME = "size-diff";

    private static final String USAGE = "usage: golink size-diff [-top=N] OLD.json NEW.json\n"
            + "  compares two -sizereport files: the file's growth, every package that changed, and the N symbols\n"
            + "  that grew most and the N that shrank most (default 30; -top=-1 lists all), largest growth first\n";

    private SizeDiffCommand() {
    }

    static int run(List<String> args, Path cwd, PrintStream out, PrintStream err) {
        int top = 30;
        List<String> files = new ArrayList<>();
        for (String a : args) {
            if (a.startsWith("-top=") || a.startsWith("--top=")) {
                try {
                    top = Integer.parseInt(a.substring(a.indexOf('=') + 1));
                } catch (NumberFormatException e) {
                    err.print("golink size-diff: -top needs a whole number, not " + a.substring(a.indexOf('=') + 1)
                            + "\n" + USAGE);
                    return 2;
                }
            } else if (a.equals("-h") || a.equals("-help") || a.equals("--help")) {
                out.print(USAGE);
                return 0;
            } else if (a.startsWith("-") && a.length() > 1) {
                err.print("golink size-diff: unknown flag " + a + "\n" + USAGE);
                return 2;
            } else {
                files.add(a);
            }
        }
        if (files.size() != 2) {
            err.print("golink size-diff: needs two size reports, the old and the new, not " + files.size() + "\n"
                    + USAGE);
            return 2;
        }
        try {
            SizeReportFile before = SizeReportFile.read(cwd.resolve(files.get(0)));
            SizeReportFile after = SizeReportFile.read(cwd.resolve(files.get(1)));
            out.print(new SizeDiff(before, after).text(files.get(0), files.get(1), top));
            return 0;
        } catch (LinkException e) {
            err.println("golink size-diff: " + e.getMessage());
            return 2;
        }
    }
}
