package dev.golink;

import java.util.ArrayList;
import java.util.List;

/**
 * The errors of one link, from every phase and thread (cf. cmd/link ld.Errorf).
 * A phase reports what is wrong and goes on, so that one run shows as many
 * problems as cmd/link's does; {@link #checkpoint} then fails the link with
 * them (cf. mold's checkpoint). The driver calls it after every phase; a phase
 * calls it itself where it must not go on with what it found.
 */
public final class Diagnostics {

    /** cmd/link gives up after this many errors (cf. ld.afterErrorAction). */
    static final int ERROR_LIMIT = 20;

    private final List<String> errors = new ArrayList<>();

    /** Records an error, in cmd/link's words; safe from parallel threads. */
    public synchronized void error(String message) {
        errors.add(message);
    }

    /** Records an error about symbol {@code name}, as cmd/link's loader.Errorf words it. */
    public void error(String name, String message) {
        error(name + ": " + message);
    }

    /** The number of errors so far. */
    public synchronized int count() {
        return errors.size();
    }

    /** The errors so far, in the order they were reported. */
    public synchronized List<String> errors() {
        return List.copyOf(errors);
    }

    /**
     * {@code e}, a failure that ends the link at once (cmd/link's Exitf or
     * log.Fatalf), after the errors reported before it, as cmd/link prints them
     * as they come.
     */
    public synchronized LinkException before(LinkException e) {
        if (errors.isEmpty() || e.isDiagnostics() && !(e instanceof LogFatalException)) {
            return e;
        }
        String last = e.isDiagnostics() ? e.getMessage() : "golink: " + e.getMessage();
        int status = e.exitStatus();
        return new LinkException(String.join("\n", errors) + "\n" + last, e) {
            private static final long serialVersionUID = 1L;

            @Override
            public boolean isDiagnostics() {
                return true;
            }

            @Override
            public int exitStatus() {
                return status;
            }
        };
    }

    /**
     * Fails the link if any error has been reported: the exception lists them
     * in order, as cmd/link prints them, and like cmd/link stops at its error
     * limit: it prints the error that goes over it, then exits with its own name
     * and "too many errors".
     */
    public synchronized void checkpoint() throws LinkException {
        if (errors.isEmpty()) {
            return;
        }
        List<String> shown = new ArrayList<>(errors.subList(0, Math.min(errors.size(), ERROR_LIMIT + 1)));
        if (errors.size() > ERROR_LIMIT) {
            shown.add("golink: too many errors");
        }
        throw new LinkException(String.join("\n", shown)) {
            private static final long serialVersionUID = 1L;

            @Override
            public boolean isDiagnostics() {
                return true;
            }
        };
    }
}
