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

    /** The link's TOC, for TOC-relative relocations (AIX); null where the container has none. */
    public Toc toc;

    /**
     * An XCOFF TOC (cf. ld.ArchSyms.TOC): AIX code reaches data through TOC
     * entries ({@code TOC.sym}, each holding one address) relative to r2, which
     * holds the anchor's address.
     */
    public interface Toc {
        /** The address of the anchor, the symbol TOC. */
        long anchor();

        /**
         * The address the TOC entry {@code entry} holds when that is a reachable symbol of the
         * data segment, which code may then address directly from r2; -1 otherwise.
         */
        long dataTarget(int entry);

        /** Whether {@code s} is a TOC entry ({@code TOC.} something). */
        boolean isEntry(int s);
    }
}
