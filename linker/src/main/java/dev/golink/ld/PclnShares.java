package dev.golink.ld;

import java.util.Arrays;

/**
 * Which function each run of bytes in pclntab's parts was written for, recorded as pclntab
 * makes them, so that a size report can give every function its share. A run shared by several
 * functions (a name or pc-value table used twice is stored once) belongs to the first function
 * that needed it.
 */
public final class PclnShares {

    /** Runs of runtime.funcnametab: where each name starts, and the function that added it. */
    public final Runs nameOwners = new Runs();
    /** Runs of runtime.pctab: where each pc-value table starts, and the function that first used it. */
    public final Runs pctabOwners = new Runs();
    /** Runs of runtime.filetab: where each file name starts, and the first function from that file. */
    public final Runs filetabOwners = new Runs();
    /** Runs of runtime.cutab: each unit's file indexes, and the function that brought the unit in. */
    public final Runs cutabOwners = new Runs();
    /** Offset of each function's _func record in runtime.functab, by function index. */
    public int[] functabStart = new int[0];
    /** Each function's funcdata symbols (0 for none; null for a function without any), by function index. */
    public int[][] funcdata = new int[0][];
    /**
     * runtime.findfunctab's owners: per sub-bucket of text, the index of the first function whose
     * range touches it (the index the table stores), which owns the sub-bucket's byte and, for a
     * bucket's first sub-bucket, the bucket's 4-byte base too.
     */
    public int[] findfunctabOwners = new int[0];

    /** Run starts in increasing order (a run may be empty), each with the index (in {@link PclnState#funcs}) of its owner. */
    public static final class Runs {
        private long[] starts = new long[256];
        private int[] owners = new int[256];
        private int n;

        void add(long start, int owner) {
            if (n == starts.length) {
                starts = Arrays.copyOf(starts, n * 2);
                owners = Arrays.copyOf(owners, n * 2);
            }
            starts[n] = start;
            owners[n++] = owner;
        }

        public int size() {
            return n;
        }

        public long start(int i) {
            return starts[i];
        }

        public int owner(int i) {
            return owners[i];
        }
    }
}
