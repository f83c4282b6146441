package dev.golink.xcoff;

/** The numbers of the 64-bit XCOFF format that golink writes (cf. the constants of cmd/link xcoff.go). */
final class XcoffConst {

    private XcoffConst() {
    }

    /** f_magic of a 64-bit XCOFF file (cf. U64_TOCMAGIC, octal 0767). */
    static final int U64_TOCMAGIC = 0767;
    /** f_flags: an executable. */
    static final int F_EXEC = 0x0002;

    static final int FILHSZ_64 = 24;
    static final int AOUTHSZ_EXEC64 = 120;
    static final int SCNHSZ_64 = 72;
    static final int LDHDRSZ_64 = 56;
    static final int SYMESZ = 18;

    // Section types (s_flags).
    static final int STYP_DWARF = 0x0010;
    static final int STYP_TEXT = 0x0020;
    static final int STYP_DATA = 0x0040;
    static final int STYP_BSS = 0x0080;
    static final int STYP_TBSS = 0x0800;
    static final int STYP_LOADER = 0x1000;

    // Symbol storage classes (n_sclass).
    static final int C_EXT = 2;
    static final int C_FILE = 103;
    static final int C_HIDEXT = 107;
    static final int C_DWARF = 112;

    /** n_scnum of a debugging symbol. */
    static final int N_DEBUG = -2;
    /** n_type of a function. */
    static final int SYM_TYPE_FUNC = 0x0020;

    // Auxiliary entry types (x_auxtype).
    static final int AUX_FCN = 254;
    static final int AUX_FILE = 252;
    static final int AUX_CSECT = 251;
    static final int AUX_SECT = 250;
    /** x_ftype: a source file name. */
    static final int XFT_FN = 0;

    // Symbol types (x_smtyp, l_smtype).
    static final int XTY_ER = 0;
    static final int XTY_SD = 1;
    static final int XTY_LD = 2;
    static final int XTY_CM = 3;
    static final int XTY_ENT = 0x20;
    static final int XTY_IMP = 0x40;

    // Storage-mapping classes (x_smclas, l_smclas).
    static final int XMC_PR = 0;
    static final int XMC_RO = 1;
    static final int XMC_RW = 5;
    static final int XMC_DS = 10;
    static final int XMC_TC0 = 15;

    /** A positive relocation, A(sym). */
    static final int R_POS = 0x00;

    /** A DWARF section's XCOFF name and subtype. */
    record DwarfName(String name, int subtype) {
    }

    /** The XCOFF name and subtype of DWARF section {@code name} (cf. xcoffGetDwarfSubtype). */
    static DwarfName dwarfName(String name) {
        return switch (name) {
            case ".debug_abbrev" -> new DwarfName(".dwabrev", 0x60000);
            case ".debug_info" -> new DwarfName(".dwinfo", 0x10000);
            case ".debug_frame" -> new DwarfName(".dwframe", 0xA0000);
            case ".debug_line" -> new DwarfName(".dwline", 0x20000);
            case ".debug_loc" -> new DwarfName(".dwloc", 0x90000);
            case ".debug_pubnames" -> new DwarfName(".dwpbnms", 0x30000);
            case ".debug_pubtypes" -> new DwarfName(".dwpbtyp", 0x40000);
            case ".debug_ranges" -> new DwarfName(".dwrnges", 0x80000);
            default -> throw new IllegalStateException("unknown DWARF section name for XCOFF: " + name);
        };
    }

    /** The base-2 logarithm of a power of two (cf. logBase2). */
    static int logBase2(long a) {
        return 63 - Long.numberOfLeadingZeros(a);
    }
}
