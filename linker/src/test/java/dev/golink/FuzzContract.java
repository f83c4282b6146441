package dev.golink;

/**
 * What a fuzz test holds a reader to: whatever it throws on damaged input, the
 * link reports it in words, as the phase runner would (malformed input, a
 * failed check), never as an internal error, a Java class name, or a stack
 * overflow or out-of-memory error that a few bytes caused.
 */
public final class FuzzContract {

    private FuzzContract() {
    }

    /** Rethrows {@code thrown} (as an {@link AssertionError}) unless the link would report it as the input's fault. */
    public static void check(Throwable thrown) {
        if (thrown instanceof StackOverflowError || thrown instanceof OutOfMemoryError) {
            throw new AssertionError("a damaged input exhausted the JVM: " + thrown, thrown);
        }
        // golink's own messages may quote the input, whose bytes can read like a Java name ("dev.ld"):
        // only the words of other exceptions are checked for Java's.
        boolean composed = thrown instanceof LinkException || thrown instanceof MalformedInputException
                || thrown instanceof LogFatalException.Unchecked;
        LinkException reported = thrown instanceof LinkException l ? l : Linker.translate("fuzz", thrown);
        String m = reported.getMessage();
        if (m == null || m.isBlank() || m.startsWith("internal error") || !composed && Linker.showsJava(m)) {
            throw new AssertionError("reported as \"" + m + "\"", thrown);
        }
    }
}
