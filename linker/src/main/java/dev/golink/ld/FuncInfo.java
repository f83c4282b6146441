package dev.golink.ld;

import dev.golink.goobj.GoObject;
import dev.golink.loader.Loader;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A reader of one function's FuncInfo and its pc-table aux symbols (cf.
 * loader.FuncInfo, PcdataAuxs, Funcdata). The FuncInfo record is little-endian
 * on every target: args, locals, funcID, flag, two pad bytes, the file table
 * (CU file indices), then the inline tree (24-byte nodes). One instance is
 * reused for many functions: {@link #reset} points it at the next.
 */
final class FuncInfo {

    private static final int INL_NODE_SIZE = 24;

    private final Loader ldr;
    private int sym;
    private ByteBuffer b;
    private int numFile;
    private int inlOff;
    private int numInl;

    // The aux symbols, filled by reset.
    int pcsp;
    int pcfile;
    int pcline;
    int pcinline;
    int[] pcdata = new int[8];
    int npcdata;
    int[] funcdata = new int[8];
    int nfuncdata;
    /** Whether pcdata/funcdata are a cache's arrays (reset must not write into them). */
    private boolean shared;

    FuncInfo(Loader ldr) {
        this.ldr = ldr;
    }

    /**
     * The aux symbols of many functions, read once (each {@link #reset} scans
     * the aux list and resolves every entry; the tables visit each function
     * several times).
     */
    static final class Cache {
        final int[] syms;
        final ByteBuffer[] info;
        final int[] pcsp;
        final int[] pcfile;
        final int[] pcline;
        final int[] pcinline;
        final int[][] pcdata;
        final int[][] funcdata;

        Cache(Loader ldr, int[] syms) {
            int n = syms.length;
            this.syms = syms;
            info = new ByteBuffer[n];
            pcsp = new int[n];
            pcfile = new int[n];
            pcline = new int[n];
            pcinline = new int[n];
            pcdata = new int[n][];
            funcdata = new int[n][];
            FuncInfo f = new FuncInfo(ldr);
            for (int i = 0; i < n; i++) {
                if (!f.reset(syms[i])) {
                    continue;
                }
                info[i] = f.b;
                pcsp[i] = f.pcsp;
                pcfile[i] = f.pcfile;
                pcline[i] = f.pcline;
                pcinline[i] = f.pcinline;
                pcdata[i] = java.util.Arrays.copyOf(f.pcdata, f.npcdata);
                funcdata[i] = java.util.Arrays.copyOf(f.funcdata, f.nfuncdata);
            }
        }
    }

    /** Points the reader at the i-th function of {@code c}; returns whether it has a FuncInfo. */
    boolean load(Cache c, int i) {
        shared = true;
        sym = c.syms[i];
        b = c.info[i];
        if (b == null) {
            pcsp = pcfile = pcline = pcinline = 0;
            npcdata = 0;
            nfuncdata = 0;
            return false;
        }
        pcsp = c.pcsp[i];
        pcfile = c.pcfile[i];
        pcline = c.pcline[i];
        pcinline = c.pcinline[i];
        pcdata = c.pcdata[i];
        npcdata = pcdata.length;
        funcdata = c.funcdata[i];
        nfuncdata = funcdata.length;
        numFile = b.getInt(12);
        int numInlOff = 16 + 4 * numFile;
        numInl = b.getInt(numInlOff);
        inlOff = numInlOff + 4;
        return true;
    }

    /** Points the reader at function {@code s}; returns whether it has a FuncInfo. */
    boolean reset(int s) {
        if (shared) {
            pcdata = new int[8];
            funcdata = new int[8];
            shared = false;
        }
        sym = s;
        pcsp = pcfile = pcline = pcinline = 0;
        npcdata = 0;
        nfuncdata = 0;
        b = null;
        int n = ldr.nAux(s);
        for (int j = 0; j < n; j++) {
            int t = ldr.auxType(s, j);
            switch (t) {
                case GoObject.AUX_FUNCINFO -> {
                    b = ldr.data(ldr.auxSym(s, j)).order(ByteOrder.LITTLE_ENDIAN);
                }
                case GoObject.AUX_PCSP -> pcsp = ldr.auxSym(s, j);
                case GoObject.AUX_PCFILE -> pcfile = ldr.auxSym(s, j);
                case GoObject.AUX_PCLINE -> pcline = ldr.auxSym(s, j);
                case GoObject.AUX_PCINLINE -> pcinline = ldr.auxSym(s, j);
                case GoObject.AUX_PCDATA -> {
                    if (npcdata == pcdata.length) {
                        pcdata = java.util.Arrays.copyOf(pcdata, npcdata * 2);
                    }
                    pcdata[npcdata++] = ldr.auxSym(s, j);
                }
                case GoObject.AUX_FUNCDATA -> {
                    if (nfuncdata == funcdata.length) {
                        funcdata = java.util.Arrays.copyOf(funcdata, nfuncdata * 2);
                    }
                    funcdata[nfuncdata++] = ldr.auxSym(s, j);
                }
                default -> {
                }
            }
        }
        if (b == null) {
            return false;
        }
        numFile = b.getInt(12);
        int numInlOff = 16 + 4 * numFile;
        numInl = b.getInt(numInlOff);
        inlOff = numInlOff + 4;
        return true;
    }

    boolean valid() {
        return b != null;
    }

    int args() {
        return b.getInt(0);
    }

    int funcID() {
        return b.get(8) & 0xff;
    }

    int funcFlag() {
        return b.get(9) & 0xff;
    }

    int numFile() {
        return numFile;
    }

    /** The CU file index of the function's i-th file. */
    int file(int i) {
        return b.getInt(16 + 4 * i);
    }

    int numInlTree() {
        return b == null ? 0 : numInl;
    }

    int inlParent(int k) {
        return b.getInt(inlOff + k * INL_NODE_SIZE);
    }

    int inlFile(int k) {
        return b.getInt(inlOff + k * INL_NODE_SIZE + 4);
    }

    int inlLine(int k) {
        return b.getInt(inlOff + k * INL_NODE_SIZE + 8);
    }

    /** The inlined function, resolved in the object of the function. */
    int inlFunc(int k) {
        int off = inlOff + k * INL_NODE_SIZE;
        return ldr.resolveRef(sym, b.getInt(off + 12), b.getInt(off + 16));
    }

    int inlParentPC(int k) {
        return b.getInt(inlOff + k * INL_NODE_SIZE + 20);
    }
}
