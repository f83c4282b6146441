package dev.golink.report;

import dev.golink.LinkContext;
import dev.golink.LinkException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinTask;
import java.util.function.Supplier;

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
        // The files are independent: each made and written side by side (the calling thread takes one too).
        List<ForkJoinTask<LinkException>> files = new ArrayList<>();
        if (r.sizeReport() != null) {
            files.add(written(r.sizeReport(), "size report", () -> SizeReportJson.of(a)));
            files.add(written(SizeReportHtml.beside(r.sizeReport()), "size report page",
                    () -> List.of(SizeReportHtml.of(a))));
        }
        if (r.map() != null) {
            files.add(written(r.map(), "link map", () -> List.of(LinkMap.of(a))));
        }
        LinkException first = null;
        for (ForkJoinTask<LinkException> f : files) { // all of them ended before the phase does
            LinkException e = f.join();
            first = first != null ? first : e;
        }
        if (first != null) {
            throw first;
        }
    }

    /** A task that makes a text and writes it to {@code file}: null, or why it could not be written. */
    private static ForkJoinTask<LinkException> written(Path file, String what, Supplier<List<TextSink>> text) {
        return ForkJoinTask.adapt(() -> {
            try {
                writeFile(file, text.get());
                return (LinkException) null;
            } catch (IOException e) {
                return new LinkException("cannot write the " + what + " " + file + ": "
                        + dev.golink.outbuf.OutBuf.describe(e), e);
            }
        }).fork();
    }

    private static void writeFile(Path file, List<TextSink> text) throws IOException {
        try (java.io.OutputStream out = Files.newOutputStream(file)) {
            for (TextSink t : text) {
                t.writeTo(out);
            }
        }
    }
}
