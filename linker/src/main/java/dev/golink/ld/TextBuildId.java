package dev.golink.ld;

import dev.golink.LinkContext;
import dev.golink.loader.SymbolBuilder;
import dev.golink.sym.SymKind;

import java.nio.charset.StandardCharsets;

/**
 * The build ID at the start of text for formats without a note section (cf.
 * ld.(*Link).textbuildid): Mach-O and wasm get a {@code go.buildid} text
 * symbol that cmd/go finds by its invalid-UTF-8 markers; ELF keeps the ID in
 * .note.go.buildid instead.
 */
public final class TextBuildId {

    private TextBuildId() {
    }

    public static void run(LinkContext ctxt) {
        String buildId = ctxt.buildId();
        if (ctxt.isElf() || buildId == null || buildId.isEmpty()) {
            return;
        }
        String data = "\u00ff Go build ID: " + GoStrconv.quote(buildId) + "\n \u00ff";
        SymbolBuilder s = ctxt.loader().createSymForUpdate("go.buildid", 0);
        s.setType(SymKind.STEXT);
        byte[] b = data.getBytes(StandardCharsets.ISO_8859_1);
        s.setData(b);
        s.setSize(b.length);
        int[] textp = new int[ctxt.textp.length + 1];
        textp[0] = s.sym();
        System.arraycopy(ctxt.textp, 0, textp, 1, ctxt.textp.length);
        ctxt.textp = textp;
    }
}
