package dev.golink.loader;

/**
 * A symbol's name as the bytes its object stores (UTF-8), in a buffer reused from symbol to
 * symbol: for a phase that only asks how names start or end, which a String per name would
 * cost a decoding and an allocation each. A byte test agrees with the String's whenever the
 * affix is whole characters: a lead byte of UTF-8 is never another character's continuation.
 * Affixes are given as their bytes ({@link dev.golink.GoString#encode}).
 */
public final class NameBytes {

    private byte[] buf = new byte[128];
    private int len;

    /** Room for a name of {@code n} bytes; the buffer to fill. */
    byte[] room(int n) {
        if (n > buf.length) {
            buf = new byte[Math.max(n, buf.length * 2)];
        }
        len = n;
        return buf;
    }

    public boolean startsWith(byte[] prefix) {
        return len >= prefix.length && java.util.Arrays.equals(buf, 0, prefix.length, prefix, 0, prefix.length);
    }

    public boolean endsWith(byte[] suffix) {
        return len >= suffix.length && java.util.Arrays.equals(buf, len - suffix.length, len, suffix, 0, suffix.length);
    }
}
