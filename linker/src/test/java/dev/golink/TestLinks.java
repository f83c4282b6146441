package dev.golink;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;

/** Runs the first phases of a link for tests of later phases, which need the package-private context. */
public final class TestLinks {

    private TestLinks() {
    }

    /** A context after loadlib, deadcode and the undefined-symbol check. */
    public static LinkContext loaded(LinkOptions options) throws LinkException {
        LinkContext ctxt = new LinkContext(options, new PrintStream(new ByteArrayOutputStream()));
        Linker.loadlib(ctxt);
        Linker.deadcode(ctxt);
        Linker.checkUndefined(ctxt);
        return ctxt;
    }
}
