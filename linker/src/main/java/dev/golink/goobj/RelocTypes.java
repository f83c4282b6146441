package dev.golink.goobj;

/**
 * Relocation types as object files store them (cmd/internal/objabi.RelocType),
 * the ones the loader and deadcode look at. The top bit marks a weak reference.
 */
public final class RelocTypes {
    public static final int R_ADDR = 1;
    public static final int R_ADDROFF = 5;
    public static final int R_CALL = 7;
    public static final int R_USEFIELD = 21;
    public static final int R_USETYPE = 22;
    public static final int R_USEIFACE = 23;
    public static final int R_USEIFACEMETHOD = 24;
    public static final int R_USEGENERICIFACEMETHOD = 25;
    public static final int R_METHODOFF = 26;
    public static final int R_KEEP = 27;

    /** The weak flag (bit 15 of the stored 16-bit type). */
    public static final int R_WEAK = 1 << 15;

    private RelocTypes() {
    }

    /** The type without its weak flag. */
    public static int type(int stored) {
        return stored & ~R_WEAK;
    }

    public static boolean isWeak(int stored) {
        return (stored & R_WEAK) != 0;
    }
}
