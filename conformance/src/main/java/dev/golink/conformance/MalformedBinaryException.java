package dev.golink.conformance;

/** An executable the recorder cannot read: it names what was being read and where. */
public final class MalformedBinaryException extends Exception {
    private static final long serialVersionUID = 1L;

    public MalformedBinaryException(String message) {
        super(message);
    }
}
