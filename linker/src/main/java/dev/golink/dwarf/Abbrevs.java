package dev.golink.dwarf;

import static dev.golink.dwarf.Dw.*;

import java.io.ByteArrayOutputStream;

/**
 * The abbreviation table every Go binary shares (cf. cmd/internal/dwarf's
 * abbrevs): entry i describes DIEs written with code i, its attributes in the
 * order they are encoded.
 */
public final class Abbrevs {

    /** One entry: the tag, whether DIEs have children, and (attribute, form) pairs. */
    record Abbrev(int tag, boolean children, int[] attrForms) {
    }

    private static final Abbrev[] TABLE = {
            /*  0 */ new Abbrev(0, false, new int[0]),
            /*  1 */ new Abbrev(TAG_COMPILE_UNIT, true, new int[] {
                    AT_NAME, FORM_STRING, AT_LANGUAGE, FORM_DATA1,
                    AT_STMT_LIST, FORM_SEC_OFFSET, AT_LOW_PC, FORM_ADDR,
                    AT_RANGES, FORM_SEC_OFFSET, AT_COMP_DIR, FORM_STRING,
                    AT_PRODUCER, FORM_STRING, AT_GO_PACKAGE_NAME, FORM_STRING}),
            /*  2 */ new Abbrev(TAG_COMPILE_UNIT, true, new int[] {
                    AT_NAME, FORM_STRING, AT_LANGUAGE, FORM_DATA1,
                    AT_COMP_DIR, FORM_STRING, AT_PRODUCER, FORM_STRING,
                    AT_GO_PACKAGE_NAME, FORM_STRING}),
            /*  3 */ new Abbrev(TAG_SUBPROGRAM, true, new int[] {
                    AT_NAME, FORM_STRING, AT_LOW_PC, FORM_ADDR,
                    AT_HIGH_PC, FORM_ADDR, AT_FRAME_BASE, FORM_BLOCK1,
                    AT_DECL_FILE, FORM_DATA4, AT_EXTERNAL, FORM_FLAG}),
            /*  4 */ new Abbrev(TAG_SUBPROGRAM, true, new int[] {
                    AT_NAME, FORM_STRING, AT_LOW_PC, FORM_ADDR,
                    AT_HIGH_PC, FORM_ADDR, AT_FRAME_BASE, FORM_BLOCK1,
                    AT_TRAMPOLINE, FORM_FLAG}),
            /*  5 */ new Abbrev(TAG_SUBPROGRAM, true, new int[] {
                    AT_NAME, FORM_STRING, AT_INLINE, FORM_DATA1,
                    AT_EXTERNAL, FORM_FLAG}),
            /*  6 */ new Abbrev(TAG_SUBPROGRAM, true, new int[] {
                    AT_ABSTRACT_ORIGIN, FORM_REF_ADDR, AT_LOW_PC, FORM_ADDR,
                    AT_HIGH_PC, FORM_ADDR, AT_FRAME_BASE, FORM_BLOCK1}),
            /*  7 */ new Abbrev(TAG_SUBPROGRAM, true, new int[] {
                    AT_ABSTRACT_ORIGIN, FORM_REF_ADDR, AT_LOW_PC, FORM_ADDR,
                    AT_HIGH_PC, FORM_ADDR, AT_FRAME_BASE, FORM_BLOCK1,
                    AT_TRAMPOLINE, FORM_FLAG}),
            /*  8 */ new Abbrev(TAG_INLINED_SUBROUTINE, true, new int[] {
                    AT_ABSTRACT_ORIGIN, FORM_REF_ADDR, AT_LOW_PC, FORM_ADDR,
                    AT_HIGH_PC, FORM_ADDR, AT_CALL_FILE, FORM_DATA4,
                    AT_CALL_LINE, FORM_UDATA}),
            /*  9 */ new Abbrev(TAG_INLINED_SUBROUTINE, true, new int[] {
                    AT_ABSTRACT_ORIGIN, FORM_REF_ADDR, AT_RANGES, FORM_SEC_OFFSET,
                    AT_CALL_FILE, FORM_DATA4, AT_CALL_LINE, FORM_UDATA}),
            /* 10 */ new Abbrev(TAG_VARIABLE, false, new int[] {
                    AT_NAME, FORM_STRING, AT_LOCATION, FORM_BLOCK1,
                    AT_TYPE, FORM_REF_ADDR, AT_EXTERNAL, FORM_FLAG}),
            /* 11 */ new Abbrev(TAG_CONSTANT, false, new int[] {
                    AT_NAME, FORM_STRING, AT_TYPE, FORM_REF_ADDR,
                    AT_CONST_VALUE, FORM_SDATA}),
            /* 12 */ new Abbrev(TAG_VARIABLE, false, new int[] {
                    AT_NAME, FORM_STRING, AT_DECL_LINE, FORM_UDATA,
                    AT_TYPE, FORM_REF_ADDR, AT_LOCATION, FORM_BLOCK1}),
            /* 13 */ new Abbrev(TAG_VARIABLE, false, new int[] {
                    AT_NAME, FORM_STRING, AT_DECL_LINE, FORM_UDATA,
                    AT_TYPE, FORM_REF_ADDR, AT_LOCATION, FORM_SEC_OFFSET}),
            /* 14 */ new Abbrev(TAG_VARIABLE, false, new int[] {
                    AT_NAME, FORM_STRING, AT_DECL_LINE, FORM_UDATA,
                    AT_TYPE, FORM_REF_ADDR}),
            /* 15 */ new Abbrev(TAG_VARIABLE, false, new int[] {
                    AT_ABSTRACT_ORIGIN, FORM_REF_ADDR, AT_LOCATION, FORM_BLOCK1}),
            /* 16 */ new Abbrev(TAG_VARIABLE, false, new int[] {
                    AT_ABSTRACT_ORIGIN, FORM_REF_ADDR, AT_LOCATION, FORM_SEC_OFFSET}),
            /* 17 */ new Abbrev(TAG_FORMAL_PARAMETER, false, new int[] {
                    AT_NAME, FORM_STRING, AT_VARIABLE_PARAMETER, FORM_FLAG,
                    AT_DECL_LINE, FORM_UDATA, AT_TYPE, FORM_REF_ADDR,
                    AT_LOCATION, FORM_BLOCK1}),
            /* 18 */ new Abbrev(TAG_FORMAL_PARAMETER, false, new int[] {
                    AT_NAME, FORM_STRING, AT_VARIABLE_PARAMETER, FORM_FLAG,
                    AT_DECL_LINE, FORM_UDATA, AT_TYPE, FORM_REF_ADDR,
                    AT_LOCATION, FORM_SEC_OFFSET}),
            /* 19 */ new Abbrev(TAG_FORMAL_PARAMETER, false, new int[] {
                    AT_NAME, FORM_STRING, AT_VARIABLE_PARAMETER, FORM_FLAG,
                    AT_TYPE, FORM_REF_ADDR}),
            /* 20 */ new Abbrev(TAG_FORMAL_PARAMETER, false, new int[] {
                    AT_ABSTRACT_ORIGIN, FORM_REF_ADDR, AT_LOCATION, FORM_BLOCK1}),
            /* 21 */ new Abbrev(TAG_FORMAL_PARAMETER, false, new int[] {
                    AT_ABSTRACT_ORIGIN, FORM_REF_ADDR, AT_LOCATION, FORM_SEC_OFFSET}),
            /* 22 */ new Abbrev(TAG_LEXICAL_BLOCK, true, new int[] {AT_RANGES, FORM_SEC_OFFSET}),
            /* 23 */ new Abbrev(TAG_LEXICAL_BLOCK, true, new int[] {AT_LOW_PC, FORM_ADDR, AT_HIGH_PC, FORM_ADDR}),
            /* 24 */ new Abbrev(TAG_MEMBER, false, new int[] {
                    AT_NAME, FORM_STRING, AT_DATA_MEMBER_LOCATION, FORM_UDATA,
                    AT_TYPE, FORM_REF_ADDR, AT_GO_EMBEDDED_FIELD, FORM_FLAG}),
            /* 25 */ new Abbrev(TAG_FORMAL_PARAMETER, false, new int[] {AT_TYPE, FORM_REF_ADDR}),
            /* 26 */ new Abbrev(TAG_UNSPECIFIED_PARAMETERS, false, new int[] {}),
            /* 27 */ new Abbrev(TAG_SUBRANGE_TYPE, false, new int[] {AT_TYPE, FORM_REF_ADDR, AT_COUNT, FORM_UDATA}),
            /* 28 */ new Abbrev(TAG_UNSPECIFIED_TYPE, false, new int[] {AT_NAME, FORM_STRING}),
            /* 29 */ new Abbrev(TAG_BASE_TYPE, false, new int[] {
                    AT_NAME, FORM_STRING, AT_ENCODING, FORM_DATA1,
                    AT_BYTE_SIZE, FORM_DATA1, AT_GO_KIND, FORM_DATA1,
                    AT_GO_RUNTIME_TYPE, FORM_ADDR}),
            /* 30 */ new Abbrev(TAG_ARRAY_TYPE, true, new int[] {
                    AT_NAME, FORM_STRING, AT_TYPE, FORM_REF_ADDR,
                    AT_BYTE_SIZE, FORM_UDATA, AT_GO_KIND, FORM_DATA1,
                    AT_GO_RUNTIME_TYPE, FORM_ADDR}),
            /* 31 */ new Abbrev(TAG_TYPEDEF, false, new int[] {
                    AT_NAME, FORM_STRING, AT_TYPE, FORM_REF_ADDR,
                    AT_GO_KIND, FORM_DATA1, AT_GO_RUNTIME_TYPE, FORM_ADDR,
                    AT_GO_ELEM, FORM_REF_ADDR}),
            /* 32 */ new Abbrev(TAG_SUBROUTINE_TYPE, true, new int[] {
                    AT_NAME, FORM_STRING, AT_BYTE_SIZE, FORM_UDATA,
                    AT_GO_KIND, FORM_DATA1, AT_GO_RUNTIME_TYPE, FORM_ADDR}),
            /* 33 */ new Abbrev(TAG_TYPEDEF, true, new int[] {
                    AT_NAME, FORM_STRING, AT_TYPE, FORM_REF_ADDR,
                    AT_GO_KIND, FORM_DATA1, AT_GO_RUNTIME_TYPE, FORM_ADDR}),
            /* 34 */ new Abbrev(TAG_TYPEDEF, false, new int[] {
                    AT_NAME, FORM_STRING, AT_TYPE, FORM_REF_ADDR,
                    AT_GO_KIND, FORM_DATA1, AT_GO_RUNTIME_TYPE, FORM_ADDR,
                    AT_GO_KEY, FORM_REF_ADDR, AT_GO_ELEM, FORM_REF_ADDR}),
            /* 35 */ new Abbrev(TAG_POINTER_TYPE, false, new int[] {
                    AT_NAME, FORM_STRING, AT_TYPE, FORM_REF_ADDR,
                    AT_GO_KIND, FORM_DATA1, AT_GO_RUNTIME_TYPE, FORM_ADDR}),
            /* 36 */ new Abbrev(TAG_POINTER_TYPE, false, new int[] {AT_NAME, FORM_STRING}),
            /* 37 */ new Abbrev(TAG_STRUCTURE_TYPE, true, new int[] {
                    AT_NAME, FORM_STRING, AT_BYTE_SIZE, FORM_UDATA,
                    AT_GO_KIND, FORM_DATA1, AT_GO_RUNTIME_TYPE, FORM_ADDR,
                    AT_GO_ELEM, FORM_REF_ADDR}),
            /* 38 */ new Abbrev(TAG_STRUCTURE_TYPE, true, new int[] {
                    AT_NAME, FORM_STRING, AT_BYTE_SIZE, FORM_UDATA,
                    AT_GO_KIND, FORM_DATA1, AT_GO_RUNTIME_TYPE, FORM_ADDR}),
            /* 39 */ new Abbrev(TAG_STRUCTURE_TYPE, true, new int[] {
                    AT_NAME, FORM_STRING, AT_BYTE_SIZE, FORM_UDATA,
                    AT_GO_KIND, FORM_DATA1, AT_GO_RUNTIME_TYPE, FORM_ADDR}),
            /* 40 */ new Abbrev(TAG_TYPEDEF, false, new int[] {AT_NAME, FORM_STRING, AT_TYPE, FORM_REF_ADDR}),
            /* 41 */ new Abbrev(TAG_TYPEDEF, false, new int[] {
                    AT_NAME, FORM_STRING, AT_TYPE, FORM_REF_ADDR,
                    AT_GO_DICT_INDEX, FORM_UDATA}),
    };

    private Abbrevs() {
    }

    static Abbrev get(int abbrev) {
        return TABLE[abbrev];
    }

    static boolean hasChildren(int abbrev) {
        return TABLE[abbrev].children();
    }

    /** The content of .debug_abbrev for any target but darwin (cf. dwarf.GetAbbrev). */
    public static byte[] bytes() {
        return bytes("linux");
    }

    /**
     * The content of .debug_abbrev (cf. dwarf.GetAbbrev). On darwin the call
     * line of inlined subroutines is a 4-byte number, not a LEB128 one, for
     * dsymutil's sake (cf. expandPseudoForm): only the compiler writes such
     * DIEs, but the table says which form they use.
     */
    public static byte[] bytes(String goos) {
        boolean darwin = goos.equals("darwin") || goos.equals("ios");
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int i = 1; i < NABRV; i++) {
            Leb128.putUleb(b, i);
            Leb128.putUleb(b, TABLE[i].tag());
            b.write(TABLE[i].children() ? 1 : 0);
            int[] af = TABLE[i].attrForms();
            for (int j = 0; j < af.length; j += 2) {
                int form = af[j + 1];
                if (darwin && af[j] == AT_CALL_LINE && form == FORM_UDATA) {
                    form = FORM_DATA4;
                }
                Leb128.putUleb(b, af[j]);
                Leb128.putUleb(b, form);
            }
            b.write(0);
            b.write(0);
        }
        b.write(0);
        return b.toByteArray();
    }
}
