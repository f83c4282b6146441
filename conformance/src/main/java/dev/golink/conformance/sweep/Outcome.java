package dev.golink.conformance.sweep;

/** What the sweep found for one program, target and variant. */
public enum Outcome {
    /** The program's build constraints exclude the target (or a package has no tests). */
    EXCLUDED,
    /** Go 1.19.8 cannot build it for the target. */
    NOT_BUILT,
    /** Both linkers wrote the same bytes. */
    IDENTICAL,
    /** Both wrote an output, and the bytes differ. */
    DIFFERENT,
    /** Both refused it with the same message. */
    REFUSED_BOTH,
    /** Both refused it, with different messages. */
    REFUSED_DIFFERENTLY,
    /** cmd/link linked it, golink refused it. */
    ONLY_GOLINK_REFUSED,
    /** golink linked it, cmd/link refused it. */
    ONLY_CMDLINK_REFUSED;

    /** Whether this is a difference between the linkers. */
    public boolean differs() {
        return this == DIFFERENT || this == REFUSED_DIFFERENTLY || this == ONLY_GOLINK_REFUSED
                || this == ONLY_CMDLINK_REFUSED;
    }
}
