package dev.golink;

/**
 * A link that cannot be done: malformed or unsupported input, a bad option, or an
 * output that cannot be written. The message names what was being read (file,
 * symbol, offset) and what was expected, so it can be shown to a user as it is.
 */
public class LinkException extends Exception {
    private static final long serialVersionUID = 1L;

    public LinkException(String message) {
        super(message);
    }

    public LinkException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * Whether the message is the link's diagnostics, lines in cmd/link's words
     * that the command line prints as they are, without its own prefix.
     */
    public boolean isDiagnostics() {
        return false;
    }

    /** The exit status of the command line when the link fails with this: cmd/link's 2 unless said otherwise. */
    public int exitStatus() {
        return 2;
    }
}
