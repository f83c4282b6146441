package dev.golink.report;

import dev.golink.LinkContext;
import dev.golink.LinkException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

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
        SizeAttribution a = SizeAttribution.of(ctxt, ctxt.outBuf.length());
        // The three texts are independent: made side by side (the calling thread takes one too).
        java.util.concurrent.ForkJoinTask<List<TextSink>> json = null;
        java.util.concurrent.ForkJoinTask<TextSink> page = null;
        java.util.concurrent.ForkJoinTask<TextSink> map = null;
        if (r.sizeReport() != null) {
            json = java.util.concurrent.ForkJoinTask.adapt(() -> SizeReportJson.of(a)).fork();
            page = java.util.concurrent.ForkJoinTask.adapt(() -> SizeReportHtml.of(a)).fork();
        }
        if (r.map() != null) {
            map = java.util.concurrent.ForkJoinTask.adapt(() -> LinkMap.of(a)).fork();
        }
        if (json != null) {
            writeFile(r.sizeReport(), "size report", json.join());
            writeFile(SizeReportHtml.beside(r.sizeReport()), "size report page", List.of(page.join()));
        }
        if (map != null) {
            writeFile(r.map(), "link map", List.of(map.join()));
        }
    }

    private static void writeFile(Path file, String what, List<TextSink> text) throws LinkException {
        try (java.io.OutputStream out = Files.newOutputStream(file)) {
            for (TextSink t : text) {
                t.writeTo(out);
            }
        } catch (IOException e) {
            throw new LinkException("cannot write the " + what + " " + file + ": " + dev.golink.outbuf.OutBuf.describe(e), e);
        }
    }
}
