package dev.golink.ld;

import dev.golink.LinkContext;
import dev.golink.loader.Loader;
import dev.golink.loader.SymbolBuilder;
import dev.golink.sym.SymKind;

import java.util.Arrays;
import java.util.BitSet;

/**
 * The runtime's quick pc-to-function index, runtime.findfunctab (cf.
 * ld.(*Link).findfunctab and runtime.findfunc): text is cut into buckets of
 * 256*MINFUNC bytes, each cut into 16 sub-buckets; a bucket holds the index
 * of the first function overlapping it (uint32) and, per sub-bucket, the
 * distance from that index (uint8). Text addresses are final here, so the
 * table is plain data.
 */
public final class Findfunctab {

    static final long BUCKETSIZE = 256L * TextAddress.MINFUNC;
    public static final int SUBBUCKETS = 16;
    static final long SUBBUCKETSIZE = BUCKETSIZE / SUBBUCKETS;
    static final int NOIDX = 0x7fffffff;

    private Findfunctab() {
    }

    public static void run(LinkContext ctxt) {
        Loader ldr = ctxt.loader();
        int[] textp = ctxt.textp;
        BitSet container = Pclntab.findContainerSyms(ctxt);
        long min = ldr.symValue(textp[0]);
        int lastp = textp[textp.length - 1];
        long max = ldr.symValue(lastp) + ldr.symSize(lastp);
        int n = (int) ((max - min + SUBBUCKETSIZE - 1) / SUBBUCKETSIZE);
        int nbuckets = (int) ((max - min + BUCKETSIZE - 1) / BUCKETSIZE);
        long size = 4L * nbuckets + n;

        int[] indexes = new int[n];
        Arrays.fill(indexes, NOIDX);
        int idx = 0;
        for (int i = 0; i < textp.length; i++) {
            int s = textp[i];
            if (container.get(s)) {
                continue;
            }
            long p = ldr.symValue(s);
            // The next function that gets an entry ends this one's range.
            int e = 0;
            int k = i + 1;
            if (k < textp.length) {
                e = textp[k];
            }
            while (e != 0 && container.get(e) && k < textp.length) {
                e = textp[k];
                k++;
            }
            long q = e != 0 ? ldr.symValue(e) : max;
            for (; p < q; p += SUBBUCKETSIZE) {
                int b = (int) ((p - min) / SUBBUCKETSIZE);
                if (indexes[b] > idx) {
                    indexes[b] = idx;
                }
            }
            int b = (int) ((q - 1 - min) / SUBBUCKETSIZE);
            if (indexes[b] > idx) {
                indexes[b] = idx;
            }
            idx++;
        }

        SymbolBuilder t = ldr.createSymForUpdate("runtime.findfunctab", 0);
        t.setType(SymKind.SRODATA);
        t.setSize(size);
        byte[] data = new byte[(int) size];
        java.nio.ByteBuffer bb = java.nio.ByteBuffer.wrap(data).order(ctxt.byteOrder());
        for (int i = 0; i < nbuckets; i++) {
            int base = indexes[i * SUBBUCKETS];
            if (base == NOIDX) {
                throw new IllegalStateException("hole in findfunctab");
            }
            bb.putInt(i * (4 + SUBBUCKETS), base);
            for (int j = 0; j < SUBBUCKETS && i * SUBBUCKETS + j < n; j++) {
                int x = indexes[i * SUBBUCKETS + j];
                if (x == NOIDX) {
                    throw new IllegalStateException("hole in findfunctab");
                }
                if (x - base >= 256) {
                    throw new IllegalStateException("too many functions in a findfunc bucket! " + i + "/" + nbuckets
                            + " " + j + " " + (x - base));
                }
                data[i * (4 + SUBBUCKETS) + 4 + j] = (byte) (x - base);
            }
        }
        t.setData(data);
        ldr.setAttrReachable(t.sym(), true);
        ldr.setAttrLocal(t.sym(), true);
        if (ctxt.pcln != null) {
            ctxt.pcln.findfunctab = t.sym();
            ctxt.pcln.shares.findfunctabOwners = indexes;
        }
    }
}
