package dev.golink;

/**
 * An input that cannot be what it claims to be: a record of an object file
 * that points outside it, a value no compiler writes. Objects are read
 * lazily, so a reader finds the damage in whichever phase first follows it;
 * the phase runner turns it into a {@link LinkException} with this message,
 * which names the file (and the symbol or offset) and what was expected.
 */
public class MalformedInputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * @param where    the file, as {@code archive(member)}, and where in it (symbol or offset)
     * @param found    what is there
     * @param expected what a Go 1.19 object has there
     */
    public MalformedInputException(String where, String found, String expected) {
        super(where + ": malformed object: " + found + ", expected " + expected);
    }
}
