package dev.golink.arch;

/** Go's {@code %#x} of a signed integer, as cmd/link's error messages print distances: a minus sign, then the magnitude. */
public final class GoHex {

    private GoHex() {
    }

    /** {@code fmt.Sprintf("%#x", v)}: {@code -0x10} for -16, where Java's {@code %#x} gives the two's complement. */
    public static String sharp(long v) {
        return v < 0 ? "-0x" + Long.toUnsignedString(-v, 16) : "0x" + Long.toHexString(v);
    }
}
