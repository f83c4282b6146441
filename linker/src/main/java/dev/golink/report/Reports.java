package dev.golink.report;

import dev.golink.LinkContext;
import dev.golink.LinkException;
import dev.golink.Parallel;
import dev.golink.outbuf.SideFile;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;

/**
 * The phase that starts the reports a link was asked for once asmb2 has written the headers and
 * the symbol table: {@code -sizereport} (the JSON report and the HTML page beside it) and
 * {@code -map}. They are made on a thread of their own while the output is committed: the
 * commit waits for them before it renames anything, so that the output and the reports appear
 * together or, when the link fails, not at all (see {@link SideFile}).
 *
 * <p>Nothing the reports read changes after asmb2: the commit only unmaps and closes the output,
 * and the attribution never reads the output's bytes. Asmb2 itself changes what they read (it
 * moves the text segment's start down to the program headers, makes the symbol table and the
 * headers whose parts the attribution takes), so they start after it.
 */
public final class Reports {

    private Reports() {
    }

    /** Starts the requested report files; the output itself is not touched. */
    public static void write(LinkContext ctxt) throws LinkException {
        ReportOptions r = ctxt.options().reports();
        if (r.sizeReport() == null && r.map() == null) {
            return;
        }
        // The files' names are checked and their temporary files made now, so that a bad name fails here.
        SideFile json = r.sizeReport() == null ? null : ctxt.outBuf.sideFile(r.sizeReport(), "size report");
        SideFile page = r.sizeReport() == null ? null
                : ctxt.outBuf.sideFile(SizeReportHtml.beside(r.sizeReport()), "size report page");
        SideFile map = r.map() == null ? null : ctxt.outBuf.sideFile(r.map(), "link map");
        long fileSize = ctxt.outBuf.length();
        // A failed link does not wait for it: its files are gone with the link's.
        Future<Void> job = Background.start("golink-reports", () -> {
            make(ctxt, fileSize, json, page, map);
            return null;
        });
        for (SideFile f : new SideFile[] {json, page, map}) {
            if (f != null) {
                f.writtenBy(job);
            }
        }
    }

    /**
     * The attribution, then the texts side by side (the JSON's symbols in slices, the map), then
     * the files: the page is the JSON's own text inside a script, so the two are written side by side.
     */
    private static void make(LinkContext ctxt, long fileSize, SideFile json, SideFile page, SideFile map)
            throws LinkException {
        SizeAttribution a = SizeAttribution.of(ctxt, fileSize);
        List<Runnable> work = new ArrayList<>();
        SizeReportJson.Parts jsonParts = json == null ? null : SizeReportJson.parts(a);
        if (jsonParts != null) {
            work.addAll(jsonParts.tasks());
        }
        if (map != null) {
            work.add(() -> write(map, List.of(LinkMap.of(a))));
        }
        try {
            Parallel.forEach(work, Runnable::run);
            if (jsonParts != null) {
                List<TextSink> text = jsonParts.texts();
                Parallel.forEach(List.of(json, page),
                        f -> write(f, f == json ? text : SizeReportHtml.around(a.target, text)));
            }
        } catch (WriteFailed e) {
            throw e.error;
        }
    }

    /** A file's failed write, carried out of the parallel step. */
    private static final class WriteFailed extends RuntimeException {
        private final LinkException error;

        WriteFailed(LinkException error) {
            super(error.getMessage(), error, false, false);
            this.error = error;
        }
    }

    /** Writes {@code text} into the file's temporary file. */
    private static void write(SideFile file, List<TextSink> text) {
        try (OutputStream out = file.open()) {
            for (TextSink t : text) {
                t.writeTo(out);
            }
        } catch (IOException e) {
            throw new WriteFailed(file.writeFailed(e));
        }
    }
}
