package dev.golink.arch;

/**
 * One relocation being applied, handed to a backend's {@link Arch#archreloc}.
 * Mutable and reused per thread, so that applying millions of relocations
 * allocates nothing.
 */
public final class RelocSite {
    /** The symbol being relocated, and its address. */
    public int sym;
    public long symAddr;
    /** Index of the relocation within the symbol. */
    public int index;
    public int type;
    public int off;
    public int siz;
    public long add;
    /** The target symbol (0 for none), and its address. */
    public int target;
    public long targetAddr;
    /** In: the field's current content; out: the new content. */
    public long value;
    /**
     * Out: what is wrong with the relocation (out of range, misaligned, not
     * possible in a static executable), or null. Like cmd/link's ldr.Errorf the
     * backend still sets {@link #value} and returns true; the caller clears
     * this field before each call and reports it after, failing the link.
     */
    public String error;
    /**
     * Symbol names, for messages that name the relocated symbol or the target
     * as cmd/link's do; set once by the relocator, called only on an error.
     */
    public java.util.function.IntFunction<String> names = s -> "sym " + s;

    /** The name of symbol {@code s}, for a message. */
    public String name(int s) {
        return names.apply(s);
    }
}
