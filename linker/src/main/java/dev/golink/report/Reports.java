package dev.golink.report;

import dev.golink.LinkContext;
import dev.golink.LinkException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The phase that writes the reports a link was asked for once the output is written:
 * {@code -sizereport} (the JSON report and the HTML page beside it) and {@code -map}.
 */
public final class Reports {

    private Reports() {
    }

    /** Writes the requested report files; the output itself is not touched. */
    public static void write(LinkContext ctxt) throws LinkException {
        ReportOptions r = ctxt.options().reports();
        if (r.sizeReport() == null && r.map() == null) {
            return;
        }
        if (!ctxt.isElf()) {
            throw SizeAttribution.unsupported(ctxt);
        }
        SizeAttribution a = SizeAttribution.of(ctxt, ctxt.outBuf.length());
        if (r.sizeReport() != null) {
            writeFile(r.sizeReport(), "size report", SizeReportJson.of(a));
            writeFile(SizeReportHtml.beside(r.sizeReport()), "size report page", SizeReportHtml.of(a));
        }
        if (r.map() != null) {
            writeFile(r.map(), "link map", LinkMap.of(a));
        }
    }

    private static void writeFile(Path file, String what, String text) throws LinkException {
        try {
            Files.write(file, text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new LinkException("cannot write the " + what + " " + file + ": " + dev.golink.outbuf.OutBuf.describe(e), e);
        }
    }
}
