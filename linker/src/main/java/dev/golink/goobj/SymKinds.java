package dev.golink.goobj;

/**
 * Symbol kinds as object files store them (cmd/internal/objabi.SymKind). The
 * linker numbers its own kinds differently (cmd/link/internal/sym): a stored
 * kind is translated by dev.golink.sym.SymKind.fromObj.
 */
public final class SymKinds {
    public static final int SXXX = 0;
    public static final int STEXT = 1;
    public static final int SRODATA = 2;
    public static final int SNOPTRDATA = 3;
    public static final int SDATA = 4;
    public static final int SBSS = 5;
    public static final int SNOPTRBSS = 6;
    public static final int STLSBSS = 7;
    public static final int SDWARFCUINFO = 8;
    public static final int SDWARFCONST = 9;
    public static final int SDWARFFCN = 10;
    public static final int SDWARFABSFCN = 11;
    public static final int SDWARFTYPE = 12;
    public static final int SDWARFVAR = 13;
    public static final int SDWARFRANGE = 14;
    public static final int SDWARFLOC = 15;
    public static final int SDWARFLINES = 16;
    public static final int SLIBFUZZER_8BIT_COUNTER = 17;

    private SymKinds() {
    }

    /** Whether the kind is one of the data kinds a later definition may overwrite. */
    public static boolean isData(int kind) {
        return kind == SDATA || kind == SNOPTRDATA || kind == SBSS || kind == SNOPTRBSS;
    }
}
