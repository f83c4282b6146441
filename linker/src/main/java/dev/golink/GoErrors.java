package dev.golink;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;

/**
 * Go's words for a failed file operation, so that a message that quotes one
 * reads as cmd/link's: Go's {@code *os.PathError} prints as "op path: reason",
 * the reason in the system's words in lower case ("open x.a: no such file or
 * directory").
 */
public final class GoErrors {

    private GoErrors() {
    }

    /** What Go's {@code op} on {@code path} would have said for {@code e}. */
    public static String pathError(String op, String path, IOException e) {
        String reason;
        if (e instanceof NoSuchFileException) {
            reason = "no such file or directory";
        } else if (e instanceof AccessDeniedException) {
            reason = "permission denied";
        } else if (e instanceof FileSystemException f && f.getReason() != null) {
            reason = f.getReason();
        } else {
            reason = e.getMessage() == null ? "input/output error" : e.getMessage();
        }
        if (reason.equalsIgnoreCase("Is a directory")) {
            op = "read"; // opening a folder works; reading it fails
        }
        reason = reason.isEmpty() ? reason : Character.toLowerCase(reason.charAt(0)) + reason.substring(1);
        return op + " " + path + ": " + reason;
    }
}
