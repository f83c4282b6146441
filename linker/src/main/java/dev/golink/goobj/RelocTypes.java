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

    // The rest of objabi.RelocType, for the architecture backends (dev.golink.arch.*).
    public static final int R_ADDRPOWER = 2;
    public static final int R_ADDRARM64 = 3;
    public static final int R_ADDRMIPS = 4;
    public static final int R_SIZE = 6;
    public static final int R_CALLARM = 8;
    public static final int R_CALLARM64 = 9;
    public static final int R_CALLIND = 10;
    public static final int R_CALLPOWER = 11;
    public static final int R_CALLMIPS = 12;
    public static final int R_CONST = 13;
    public static final int R_PCREL = 14;
    public static final int R_TLS_LE = 15;
    public static final int R_TLS_IE = 16;
    public static final int R_GOTOFF = 17;
    public static final int R_PLT0 = 18;
    public static final int R_PLT1 = 19;
    public static final int R_PLT2 = 20;
    public static final int R_POWER_TOC = 28;
    public static final int R_GOTPCREL = 29;
    public static final int R_JMPMIPS = 30;
    public static final int R_DWARFSECREF = 31;
    public static final int R_DWARFFILEREF = 32;
    public static final int R_ARM64_TLS_LE = 33;
    public static final int R_ARM64_TLS_IE = 34;
    public static final int R_ARM64_GOTPCREL = 35;
    public static final int R_ARM64_GOT = 36;
    public static final int R_ARM64_PCREL = 37;
    public static final int R_ARM64_LDST8 = 38;
    public static final int R_ARM64_LDST16 = 39;
    public static final int R_ARM64_LDST32 = 40;
    public static final int R_ARM64_LDST64 = 41;
    public static final int R_ARM64_LDST128 = 42;
    public static final int R_POWER_TLS_LE = 43;
    public static final int R_POWER_TLS_IE = 44;
    public static final int R_POWER_TLS = 45;
    public static final int R_ADDRPOWER_DS = 46;
    public static final int R_ADDRPOWER_GOT = 47;
    public static final int R_ADDRPOWER_PCREL = 48;
    public static final int R_ADDRPOWER_TOCREL = 49;
    public static final int R_ADDRPOWER_TOCREL_DS = 50;
    public static final int R_RISCV_CALL = 51;
    public static final int R_RISCV_CALL_TRAMP = 52;
    public static final int R_RISCV_PCREL_ITYPE = 53;
    public static final int R_RISCV_PCREL_STYPE = 54;
    public static final int R_RISCV_TLS_IE_ITYPE = 55;
    public static final int R_RISCV_TLS_IE_STYPE = 56;
    public static final int R_PCRELDBL = 57;
    public static final int R_ADDRLOONG64 = 58;
    public static final int R_ADDRLOONG64U = 59;
    public static final int R_ADDRLOONG64TLS = 60;
    public static final int R_ADDRLOONG64TLSU = 61;
    public static final int R_CALLLOONG64 = 62;
    public static final int R_JMPLOONG64 = 63;
    public static final int R_ADDRMIPSU = 64;
    public static final int R_ADDRMIPSTLS = 65;
    public static final int R_ADDRCUOFF = 66;
    public static final int R_WASMIMPORT = 67;
    public static final int R_XCOFFREF = 68;

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

    /** Whether {@code t} is a direct call: a call instruction holding its target (cf. RelocType.IsDirectCall). */
    public static boolean isDirectCall(int t) {
        return switch (t) {
            case R_CALL, R_CALLARM, R_CALLARM64, R_CALLLOONG64, R_CALLMIPS, R_CALLPOWER, R_RISCV_CALL,
                    R_RISCV_CALL_TRAMP -> true;
            default -> false;
        };
    }

    /** Whether {@code t} is a direct call or a jump holding its target (cf. RelocType.IsDirectCallOrJump). */
    public static boolean isDirectCallOrJump(int t) {
        return isDirectCall(t) || t == R_JMPMIPS || t == R_JMPLOONG64;
    }

    /** Go 1.19's relocation type names, from 1 (objabi.RelocType's constants, in order). */
    private static final String[] NAMES = {
            "R_ADDR", "R_ADDRPOWER", "R_ADDRARM64", "R_ADDRMIPS", "R_ADDROFF", "R_SIZE", "R_CALL", "R_CALLARM",
            "R_CALLARM64", "R_CALLIND", "R_CALLPOWER", "R_CALLMIPS", "R_CONST", "R_PCREL", "R_TLS_LE", "R_TLS_IE",
            "R_GOTOFF", "R_PLT0", "R_PLT1", "R_PLT2", "R_USEFIELD", "R_USETYPE", "R_USEIFACE", "R_USEIFACEMETHOD",
            "R_USEGENERICIFACEMETHOD", "R_METHODOFF", "R_KEEP", "R_POWER_TOC", "R_GOTPCREL", "R_JMPMIPS",
            "R_DWARFSECREF", "R_DWARFFILEREF", "R_ARM64_TLS_LE", "R_ARM64_TLS_IE", "R_ARM64_GOTPCREL", "R_ARM64_GOT",
            "R_ARM64_PCREL", "R_ARM64_LDST8", "R_ARM64_LDST16", "R_ARM64_LDST32", "R_ARM64_LDST64", "R_ARM64_LDST128",
            "R_POWER_TLS_LE", "R_POWER_TLS_IE", "R_POWER_TLS", "R_ADDRPOWER_DS", "R_ADDRPOWER_GOT", "R_ADDRPOWER_PCREL",
            "R_ADDRPOWER_TOCREL", "R_ADDRPOWER_TOCREL_DS", "R_RISCV_CALL", "R_RISCV_CALL_TRAMP", "R_RISCV_PCREL_ITYPE",
            "R_RISCV_PCREL_STYPE", "R_RISCV_TLS_IE_ITYPE", "R_RISCV_TLS_IE_STYPE", "R_PCRELDBL", "R_ADDRLOONG64",
            "R_ADDRLOONG64U", "R_ADDRLOONG64TLS", "R_ADDRLOONG64TLSU", "R_CALLLOONG64", "R_JMPLOONG64", "R_ADDRMIPSU",
            "R_ADDRMIPSTLS", "R_ADDRCUOFF", "R_WASMIMPORT", "R_XCOFFREF"};

    /** The type's name as cmd/link prints it in messages; {@code RelocType(N)} for a number it has no name for. */
    public static String name(int type) {
        return type >= 1 && type <= NAMES.length ? NAMES[type - 1] : "RelocType(" + type + ")";
    }
}
