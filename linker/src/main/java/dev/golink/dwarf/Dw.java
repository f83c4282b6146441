package dev.golink.dwarf;

/**
 * The DWARF numbers golink writes (tags, attributes, forms, base-type
 * encodings, call-frame opcodes) and the Go toolchain's own abbreviation
 * codes and attribute classes (cf. cmd/internal/dwarf).
 */
public final class Dw {

    private Dw() {
    }

    // Tags.
    public static final int TAG_ARRAY_TYPE = 0x01;
    public static final int TAG_FORMAL_PARAMETER = 0x05;
    public static final int TAG_LEXICAL_BLOCK = 0x0b;
    public static final int TAG_MEMBER = 0x0d;
    public static final int TAG_POINTER_TYPE = 0x0f;
    public static final int TAG_COMPILE_UNIT = 0x11;
    public static final int TAG_STRUCTURE_TYPE = 0x13;
    public static final int TAG_SUBROUTINE_TYPE = 0x15;
    public static final int TAG_TYPEDEF = 0x16;
    public static final int TAG_UNSPECIFIED_PARAMETERS = 0x18;
    public static final int TAG_INLINED_SUBROUTINE = 0x1d;
    public static final int TAG_SUBRANGE_TYPE = 0x21;
    public static final int TAG_BASE_TYPE = 0x24;
    public static final int TAG_CONSTANT = 0x27;
    public static final int TAG_SUBPROGRAM = 0x2e;
    public static final int TAG_VARIABLE = 0x34;
    public static final int TAG_UNSPECIFIED_TYPE = 0x3b;

    // Attributes.
    public static final int AT_LOCATION = 0x02;
    public static final int AT_NAME = 0x03;
    public static final int AT_BYTE_SIZE = 0x0b;
    public static final int AT_STMT_LIST = 0x10;
    public static final int AT_LOW_PC = 0x11;
    public static final int AT_HIGH_PC = 0x12;
    public static final int AT_LANGUAGE = 0x13;
    public static final int AT_COMP_DIR = 0x1b;
    public static final int AT_CONST_VALUE = 0x1c;
    public static final int AT_INLINE = 0x20;
    public static final int AT_PRODUCER = 0x25;
    public static final int AT_ABSTRACT_ORIGIN = 0x31;
    public static final int AT_COUNT = 0x37;
    public static final int AT_DATA_MEMBER_LOCATION = 0x38;
    public static final int AT_DECL_FILE = 0x3a;
    public static final int AT_DECL_LINE = 0x3b;
    public static final int AT_ENCODING = 0x3e;
    public static final int AT_EXTERNAL = 0x3f;
    public static final int AT_FRAME_BASE = 0x40;
    public static final int AT_TYPE = 0x49;
    public static final int AT_VARIABLE_PARAMETER = 0x4b;
    public static final int AT_RANGES = 0x55;
    public static final int AT_TRAMPOLINE = 0x56;
    public static final int AT_CALL_FILE = 0x58;
    public static final int AT_CALL_LINE = 0x59;
    // Go's own attributes.
    public static final int AT_GO_KIND = 0x2900;
    public static final int AT_GO_KEY = 0x2901;
    public static final int AT_GO_ELEM = 0x2902;
    public static final int AT_GO_EMBEDDED_FIELD = 0x2903;
    public static final int AT_GO_RUNTIME_TYPE = 0x2904;
    public static final int AT_GO_PACKAGE_NAME = 0x2905;
    public static final int AT_GO_DICT_INDEX = 0x2906;

    // Forms.
    public static final int FORM_ADDR = 0x01;
    public static final int FORM_BLOCK2 = 0x03;
    public static final int FORM_BLOCK4 = 0x04;
    public static final int FORM_DATA2 = 0x05;
    public static final int FORM_DATA4 = 0x06;
    public static final int FORM_DATA8 = 0x07;
    public static final int FORM_STRING = 0x08;
    public static final int FORM_BLOCK = 0x09;
    public static final int FORM_BLOCK1 = 0x0a;
    public static final int FORM_DATA1 = 0x0b;
    public static final int FORM_FLAG = 0x0c;
    public static final int FORM_SDATA = 0x0d;
    public static final int FORM_UDATA = 0x0f;
    public static final int FORM_REF_ADDR = 0x10;
    public static final int FORM_SEC_OFFSET = 0x17;

    // Attribute classes: how a value is encoded for a form that allows several.
    public static final int CLS_ADDRESS = 1;
    public static final int CLS_BLOCK = 2;
    public static final int CLS_CONSTANT = 3;
    public static final int CLS_FLAG = 4;
    public static final int CLS_PTR = 5;
    public static final int CLS_REFERENCE = 6;
    public static final int CLS_STRING = 7;
    public static final int CLS_GO_TYPEREF = 8;

    // Base type encodings.
    public static final int ATE_BOOLEAN = 0x02;
    public static final int ATE_COMPLEX_FLOAT = 0x03;
    public static final int ATE_FLOAT = 0x04;
    public static final int ATE_SIGNED = 0x05;
    public static final int ATE_UNSIGNED = 0x07;

    public static final int LANG_GO = 0x16;
    public static final int OP_ADDR = 0x03;

    // Call frame instructions.
    public static final int CFA_ADVANCE_LOC = 0x40;
    public static final int CFA_ADVANCE_LOC1 = 0x02;
    public static final int CFA_ADVANCE_LOC2 = 0x03;
    public static final int CFA_ADVANCE_LOC4 = 0x04;
    public static final int CFA_OFFSET_EXTENDED = 0x05;
    public static final int CFA_UNDEFINED = 0x07;
    public static final int CFA_SAME_VALUE = 0x08;
    public static final int CFA_DEF_CFA = 0x0c;
    public static final int CFA_OFFSET_EXTENDED_SF = 0x11;
    public static final int CFA_DEF_CFA_OFFSET_SF = 0x13;
    public static final int CFA_VAL_OFFSET = 0x14;

    // Go's abbreviation codes (cf. dwarf.DW_ABRV_*): indices into {@link Abbrevs}.
    public static final int ABRV_NULL = 0;
    public static final int ABRV_COMPUNIT = 1;
    public static final int ABRV_COMPUNIT_TEXTLESS = 2;
    public static final int ABRV_VARIABLE = 10;
    public static final int ABRV_STRUCTFIELD = 24;
    public static final int ABRV_FUNCTYPEPARAM = 25;
    public static final int ABRV_DOTDOTDOT = 26;
    public static final int ABRV_ARRAYRANGE = 27;
    public static final int ABRV_NULLTYPE = 28;
    public static final int ABRV_BASETYPE = 29;
    public static final int ABRV_ARRAYTYPE = 30;
    public static final int ABRV_CHANTYPE = 31;
    public static final int ABRV_FUNCTYPE = 32;
    public static final int ABRV_IFACETYPE = 33;
    public static final int ABRV_MAPTYPE = 34;
    public static final int ABRV_PTRTYPE = 35;
    public static final int ABRV_BARE_PTRTYPE = 36;
    public static final int ABRV_SLICETYPE = 37;
    public static final int ABRV_STRINGTYPE = 38;
    public static final int ABRV_STRUCTTYPE = 39;
    public static final int ABRV_TYPEDECL = 40;
    public static final int ABRV_DICT_INDEX = 41;
    public static final int NABRV = 42;

    /** Prefix of DIE symbols (cf. dwarf.InfoPrefix). */
    public static final String INFO_PREFIX = "go.info.";
    public static final String CONST_INFO_PREFIX = "go.constinfo.";
    public static final String CU_INFO_PREFIX = "go.cuinfo.";
}
