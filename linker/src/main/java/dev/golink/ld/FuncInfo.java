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

    FuncInfo(Loader ldr) {
        this.ldr = ldr;
    }

    /** Points the reader at function {@code s}; returns whether it has a FuncInfo. */
    boolean reset(int s) {
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
