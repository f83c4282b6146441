package dev.golink.cli;

import dev.golink.LinkException;

/** A command line that cannot be understood; the command line prints the usage after it. */
public final class UsageException extends LinkException {
    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(message);
    }
}
