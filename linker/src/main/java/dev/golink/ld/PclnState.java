package dev.golink.ld;

/**
 * What pclntab made, for findfunctab and symtab (cf. ld.pclntab): the carrier
 * and its sub-symbols, the first and last function, and the counts.
 */
public final class PclnState {
    public int firstFunc;
    public int lastFunc;
    /** Running size of the sub-symbols. */
    public long size;
    /** runtime.pclntab, the carrier of the whole section. */
    public int carrier;
    /** runtime.functab (Go calls it pclntab in its state). */
    public int functab;
    public int pcheader;
    public int funcnametab;
    public int findfunctab;
    public int cutab;
    public int filetab;
    public int pctab;
    /** Number of functions (plus text sections - 1). */
    public int nfunc;
    public int nfiles;
    /** The functions in the table, in text order. */
    public int[] funcs;
    /** Which function each part of the tables was made for (read by -sizereport). */
    public final PclnShares shares = new PclnShares();
}
