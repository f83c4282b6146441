package dev.golink.sym;

/**
 * The linker's symbol kinds (cf. cmd/link sym.SymKind). Their order matters:
 * dodata buckets data symbols by kind and lays the buckets out in this order,
 * and ranges such as "every kind after STEXT and before SXREF" are data. Object
 * files store a smaller set of kinds ({@code goobj.SymKinds}); {@link #fromObj}
 * translates them.
 */
public final class SymKind {
    public static final int SXXX = 0;
    public static final int STEXT = 1;
    public static final int SELFRXSECT = 2;
    public static final int SMACHOPLT = 3;

    // Read-only data, in the order .rodata holds it.
    public static final int STYPE = 4;
    public static final int SSTRING = 5;
    public static final int SGOSTRING = 6;
    public static final int SGOFUNC = 7;
    public static final int SGCBITS = 8;
    public static final int SRODATA = 9;
    public static final int SFUNCTAB = 10;

    public static final int SELFROSECT = 11;

    // Read-only data that relocations write (shared libraries only).
    public static final int STYPERELRO = 12;
    public static final int SSTRINGRELRO = 13;
    public static final int SGOSTRINGRELRO = 14;
    public static final int SGOFUNCRELRO = 15;
    public static final int SGCBITSRELRO = 16;
    public static final int SRODATARELRO = 17;
    public static final int SFUNCTABRELRO = 18;

    public static final int STYPELINK = 19;
    public static final int SITABLINK = 20;
    public static final int SSYMTAB = 21;
    public static final int SPCLNTAB = 22;

    // Writable kinds.
    public static final int SFIRSTWRITABLE = 23;
    public static final int SBUILDINFO = 24;
    public static final int SELFSECT = 25;
    public static final int SMACHO = 26;
    public static final int SMACHOGOT = 27;
    public static final int SWINDOWS = 28;
    public static final int SELFGOT = 29;
    public static final int SNOPTRDATA = 30;
    public static final int SINITARR = 31;
    public static final int SDATA = 32;
    public static final int SXCOFFTOC = 33;
    public static final int SBSS = 34;
    public static final int SNOPTRBSS = 35;
    public static final int SLIBFUZZER_8BIT_COUNTER = 36;
    public static final int STLSBSS = 37;
    public static final int SXREF = 38;
    public static final int SMACHOSYMSTR = 39;
    public static final int SMACHOSYMTAB = 40;
    public static final int SMACHOINDIRECTPLT = 41;
    public static final int SMACHOINDIRECTGOT = 42;
    public static final int SFILEPATH = 43;
    public static final int SDYNIMPORT = 44;
    public static final int SHOSTOBJ = 45;
    public static final int SUNDEFEXT = 46;

    public static final int SDWARFSECT = 47;
    public static final int SDWARFCUINFO = 48;
    public static final int SDWARFCONST = 49;
    public static final int SDWARFFCN = 50;
    public static final int SDWARFABSFCN = 51;
    public static final int SDWARFTYPE = 52;
    public static final int SDWARFVAR = 53;
    public static final int SDWARFRANGE = 54;
    public static final int SDWARFLOC = 55;
    public static final int SDWARFLINES = 56;

    /** Number of kinds: arrays indexed by kind have this length. */
    public static final int COUNT = 57;

    /** The read-only kinds, in the order .rodata lays them out. */
    public static final int[] READ_ONLY = {STYPE, SSTRING, SGOSTRING, SGOFUNC, SGCBITS, SRODATA, SFUNCTAB};

    // Object kinds (goobj.SymKinds, 0..17) to linker kinds.
    private static final int[] FROM_OBJ = {SXXX, STEXT, SRODATA, SNOPTRDATA, SDATA, SBSS, SNOPTRBSS, STLSBSS,
            SDWARFCUINFO, SDWARFCONST, SDWARFFCN, SDWARFABSFCN, SDWARFTYPE, SDWARFVAR, SDWARFRANGE, SDWARFLOC,
            SDWARFLINES, SLIBFUZZER_8BIT_COUNTER};

    private SymKind() {
    }

    private static final String[] NAMES = {"Sxxx", "STEXT", "SELFRXSECT", "SMACHOPLT", "STYPE", "SSTRING", "SGOSTRING",
        "SGOFUNC", "SGCBITS", "SRODATA", "SFUNCTAB", "SELFROSECT", "STYPERELRO", "SSTRINGRELRO", "SGOSTRINGRELRO",
        "SGOFUNCRELRO", "SGCBITSRELRO", "SRODATARELRO", "SFUNCTABRELRO", "STYPELINK", "SITABLINK", "SSYMTAB",
        "SPCLNTAB", "SFirstWritable", "SBUILDINFO", "SELFSECT", "SMACHO", "SMACHOGOT", "SWINDOWS", "SELFGOT",
        "SNOPTRDATA", "SINITARR", "SDATA", "SXCOFFTOC", "SBSS", "SNOPTRBSS", "SLIBFUZZER_8BIT_COUNTER", "STLSBSS",
        "SXREF", "SMACHOSYMSTR", "SMACHOSYMTAB", "SMACHOINDIRECTPLT", "SMACHOINDIRECTGOT", "SFILEPATH", "SDYNIMPORT",
        "SHOSTOBJ", "SUNDEFEXT", "SDWARFSECT", "SDWARFCUINFO", "SDWARFCONST", "SDWARFFCN", "SDWARFABSFCN",
        "SDWARFTYPE", "SDWARFVAR", "SDWARFRANGE", "SDWARFLOC", "SDWARFLINES"};

    /** The kind's name as cmd/link prints it in messages (cf. sym.SymKind.String). */
    public static String string(int kind) {
        return kind >= 0 && kind < NAMES.length ? NAMES[kind] : "SymKind(" + kind + ")";
    }

    /** Whether {@code objKind} is a kind Go 1.19 object files have. */
    public static boolean isObjKind(int objKind) {
        return objKind >= 0 && objKind < FROM_OBJ.length;
    }

    /** The number of object kinds. */
    public static int nObjKinds() {
        return FROM_OBJ.length;
    }

    /** The linker kind of an object file's kind ({@code goobj.SymKinds}). */
    public static int fromObj(int objKind) {
        if (objKind < 0 || objKind >= FROM_OBJ.length) {
            throw new IllegalArgumentException("invalid object symbol kind " + objKind);
        }
        return FROM_OBJ[objKind];
    }

    /** The kind that holds {@code kind}'s read-only data written by relocations. */
    public static int relro(int kind) {
        return switch (kind) {
            case STYPE -> STYPERELRO;
            case SSTRING -> SSTRINGRELRO;
            case SGOSTRING -> SGOSTRINGRELRO;
            case SGOFUNC -> SGOFUNCRELRO;
            case SGCBITS -> SGCBITSRELRO;
            case SRODATA -> SRODATARELRO;
            case SFUNCTAB -> SFUNCTABRELRO;
            default -> throw new IllegalArgumentException("kind " + kind + " has no relro counterpart");
        };
    }

    public static boolean isData(int kind) {
        return kind == SDATA || kind == SNOPTRDATA || kind == SBSS || kind == SNOPTRBSS;
    }
}
