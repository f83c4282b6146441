package dev.golink;

import dev.golink.loader.Loader;
import dev.golink.report.SizeReportFile;
import dev.golink.sym.SymKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The size report's rows are made while the file is written (report/RowPrefetch): what the
 * report says of a symbol is still what the link says at its end, when the link changes the
 * symbol after its row was made.
 */
class ReportRowsTest {

    @Test
    void aSymbolChangedAfterItsRowWasMadeIsReportedAsItEnds(@TempDir Path dir) throws Exception {
        Path inputs = GoldenInputs.unpack(new Target("linux", "amd64"), dir);
        Path json = dir.resolve("size.json");
        LinkOptions options = OutputTest.options(inputs, "hello", dir.resolve("a.out"), "-sizereport=" + json);
        String[] shared = new String[1];
        Linker linker = new Linker(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                (phase, ctxt) -> {
                    if (!phase.equals("asmb2")) {
                        return;
                    }
                    // The rows are made by now; then the link changes two symbols (the file is written).
                    for (Thread t : Thread.getAllStackTraces().keySet()) {
                        if (t.getName().equals("golink-report-rows")) {
                            try {
                                t.join();
                            } catch (InterruptedException e) {
                                throw new LinkException("interrupted", e);
                            }
                        }
                    }
                    Loader ldr = ctxt.loader();
                    int main = ldr.lookup("main.main", 1); // ABIInternal
                    ldr.makeSymbolUpdater(main).setType(SymKind.SRODATA);
                    // A duplicate-allowed symbol the link takes over (its copy has no flags) is no longer shared.
                    for (int s : ctxt.datap) {
                        if (ldr.isDupok(s) && ldr.symName(s).matches("[\\w.*/]+")) {
                            shared[0] = ldr.symName(s);
                            ldr.makeSymbolUpdater(s);
                            break;
                        }
                    }
                });
        linker.link(options);
        java.util.List<SizeReportFile.Symbol> report = SizeReportFile.readSymbols(json);
        SizeReportFile.Symbol mainMain = report.stream().filter(s -> s.name().equals("main.main")).findFirst()
                .orElseThrow();
        assertEquals("main", mainMain.pkg());
        assertEquals(".text", mainMain.section());
        assertEquals("SRODATA", mainMain.kind(), "the kind main.main has at the end");
        SizeReportFile.Symbol taken = report.stream().filter(s -> s.name().equals(shared[0])).findFirst()
                .orElseThrow(() -> new AssertionError(shared[0]));
        assertFalse(taken.shared(), taken.toString());
    }
}
