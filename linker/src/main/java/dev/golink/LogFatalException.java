package dev.golink;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * A failure that cmd/link reports through Go's {@code log.Fatalf} rather than its
 * own error path: the line starts with the local time, as Go's log package
 * writes it, and the process exits with status 1, not 2.
 */
public class LogFatalException extends LinkException {
    private static final long serialVersionUID = 1L;
    private static final DateTimeFormatter LOG_TIME = DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm:ss ");

    /** @param message cmd/link's words, without the time */
    public LogFatalException(String message) {
        super(LocalDateTime.now().format(LOG_TIME) + message);
    }

    /**
     * The same failure raised where a checked exception cannot pass (a symbol reference
     * resolved deep in a phase); the phase runner turns it into a {@link LogFatalException}.
     */
    public static final class Unchecked extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public Unchecked(String message) {
            super(message);
        }
    }

    @Override
    public boolean isDiagnostics() {
        return true;
    }

    @Override
    public int exitStatus() {
        return 1;
    }
}
