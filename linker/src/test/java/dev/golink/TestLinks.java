package dev.golink;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.List;

/**
 * Runs a link up to a named phase through the driver's own phase list, for
 * tests of the phases, which need the package-private context.
 */
public final class TestLinks {

    private TestLinks() {
    }

    /** A context after the phases up to and including {@code last}. */
    public static LinkContext through(LinkOptions options, String last) throws LinkException {
        LinkContext ctxt = new LinkContext(options, new PrintStream(new ByteArrayOutputStream()));
        resume(ctxt, null, last);
        return ctxt;
    }

    /** A context after loadlib, deadcode and the undefined-symbol check. */
    public static LinkContext loaded(LinkOptions options) throws LinkException {
        return through(options, "undefined");
    }

    /**
     * Runs the phases after {@code after} (from the first when null) up to and
     * including {@code last}, so that a test can change the context between two phases.
     */
    public static void resume(LinkContext ctxt, String after, String last) throws LinkException {
        List<Linker.Phase> phases = Linker.phases(ctxt);
        int from = after == null ? 0 : indexOf(phases, after) + 1;
        Linker.run(ctxt, phases.subList(from, indexOf(phases, last) + 1));
    }

    private static int indexOf(List<Linker.Phase> phases, String name) {
        for (int i = 0; i < phases.size(); i++) {
            if (phases.get(i).name().equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException("no phase " + name + " in " + phases.stream().map(Linker.Phase::name).toList());
    }
}
