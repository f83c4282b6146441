package dev.golink;

import java.io.PrintStream;

/**
 * Links one Go program. A {@code Linker} holds nothing between links but the
 * stream its reports go to, so one instance may serve many links, and several
 * links may run at once.
 */
public final class Linker {

    private final PrintStream out;

    /**
     * @param out where the link's own output goes, as cmd/link writes it to its
     *            standard output: {@code -dumpdep} edges and {@code -v} timings
     */
    public Linker(PrintStream out) {
        this.out = out;
    }

    /**
     * Links the program that {@code options} describe into {@code options.output()}.
     * On failure no output file is left behind.
     */
    public void link(LinkOptions options) throws LinkException {
        Target target = options.config().target();
        if (!target.isKnown()) {
            throw new LinkException("unknown GOOS/GOARCH pair " + target + " (from the GOOS and GOARCH environment variables)");
        }
        if (!target.isSupported()) {
            throw new LinkException("target " + target + " is not supported; golink links for " + Target.SUPPORTED);
        }
        if (!options.buildMode().equals("exe")) {
            throw new LinkException("-buildmode=" + options.buildMode() + " is not supported by golink: it links -buildmode=exe");
        }
        // The phases (load, deadcode, dodata, address, layout, Asmb, Asmb2) are
        // not written yet: say so for the target rather than write a partial file.
        throw new LinkException("cannot link " + target + " yet: the link phases for this target are not implemented");
    }
}
