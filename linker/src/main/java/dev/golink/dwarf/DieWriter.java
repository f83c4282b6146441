package dev.golink.dwarf;

import dev.golink.goobj.RelocTypes;
import dev.golink.loader.Loader;
import dev.golink.loader.SymbolBuilder;

import java.nio.charset.StandardCharsets;

/**
 * Encodes DIEs into symbols (cf. dwarf.PutAttrs, putattr and ld.putdie).
 * References become relocations: to another DIE or a DWARF section an offset
 * in its section (R_DWARFSECREF), to code an address (R_ADDR), to a runtime
 * type an offset in its section (R_ADDROFF).
 */
final class DieWriter {

    private final Loader ldr;
    private final int ptrSize;
    private final DwarfFormat format;

    DieWriter(Loader ldr, int ptrSize, DwarfFormat format) {
        this.ldr = ldr;
        this.ptrSize = ptrSize;
        this.format = format;
    }

    static void uleb(SymbolBuilder s, long v) {
        if (v >= 0 && v < 0x80) {
            s.addUint8((int) v); // most values: one byte, no array
        } else {
            s.addBytes(Leb128.uleb(v));
        }
    }

    static void sleb(SymbolBuilder s, long v) {
        if (v >= -0x40 && v < 0x40) {
            s.addUint8((int) (v & 0x7f));
        } else {
            s.addBytes(Leb128.sleb(v));
        }
    }

    /** Writes the attributes the abbreviation lists, in its order; a missing one is written as zero (cf. PutAttrs). */
    void putAttrs(SymbolBuilder s, int abbrev, DwAttr attr) {
        int[] af = Abbrevs.get(abbrev).attrForms();
        outer:
        for (int i = 0; i < af.length; i += 2) {
            for (DwAttr a = attr; a != null; a = a.link) {
                if (a.atr == af[i]) {
                    putattr(s, af[i + 1], a.cls, a.value, a.data);
                    continue outer;
                }
            }
            putattr(s, af[i + 1], 0, 0, null);
        }
    }

    void putattr(SymbolBuilder s, int form, int cls, long value, Object data) {
        switch (form) {
            case Dw.FORM_ADDR -> {
                if (data == null && value == 0) {
                    s.addUintN(0, ptrSize);
                } else if (cls == Dw.CLS_GO_TYPEREF) {
                    s.addSymRef((Integer) data, value, RelocTypes.R_ADDROFF, ptrSize);
                } else {
                    s.addSymRef((Integer) data, value, RelocTypes.R_ADDR, ptrSize);
                }
            }
            case Dw.FORM_BLOCK1 -> {
                if (cls == Dw.CLS_ADDRESS) {
                    s.addUint8(1 + ptrSize);
                    s.addUint8(Dw.OP_ADDR);
                    s.addSymRef((Integer) data, 0, RelocTypes.R_ADDR, ptrSize);
                } else {
                    int n = (int) (value & 0xff);
                    s.addUint8(n);
                    s.addBytes(java.util.Arrays.copyOf((byte[]) data, n));
                }
            }
            case Dw.FORM_BLOCK -> {
                uleb(s, value);
                s.addBytes(java.util.Arrays.copyOf((byte[]) data, (int) value));
            }
            case Dw.FORM_DATA1 -> s.addUintN(value, 1);
            case Dw.FORM_DATA2 -> s.addUintN(value, 2);
            case Dw.FORM_DATA4 -> {
                if (cls == Dw.CLS_PTR) {
                    format.addSectionOffset(s, (Integer) data, value);
                } else {
                    s.addUintN(value, 4);
                }
            }
            case Dw.FORM_DATA8 -> s.addUintN(value, 8);
            case Dw.FORM_SDATA -> sleb(s, value);
            case Dw.FORM_UDATA -> uleb(s, value);
            case Dw.FORM_STRING -> {
                byte[] str = dev.golink.GoString.encode((String) data);
                s.addBytes(str);
                s.addUint8(0);
                for (long i = str.length; i < value; i++) {
                    s.addUint8(0);
                }
            }
            case Dw.FORM_FLAG -> s.addUint8(value != 0 ? 1 : 0);
            case Dw.FORM_REF_ADDR, Dw.FORM_SEC_OFFSET -> {
                // A reference to nothing writes nothing, as cmd/link does (it reports an error it ignores).
                if (data != null) {
                    format.addSectionOffset(s, (Integer) data, value);
                }
            }
            default -> throw new IllegalStateException("dwarf: unsupported attribute form " + form + " / class " + cls);
        }
    }

    /**
     * Appends the DIE and its children to the symbols of a unit: a DIE with a
     * symbol of its own starts it, others go into the last one (cf. ld.putdie).
     */
    void putdie(java.util.List<Integer> syms, DwDie die) {
        int s = die.sym;
        if (s == 0) {
            s = syms.get(syms.size() - 1);
        } else {
            syms.add(s);
        }
        SymbolBuilder sb = ldr.makeSymbolUpdater(s);
        uleb(sb, die.abbrev);
        putAttrs(sb, die.abbrev, die.attr);
        if (Abbrevs.hasChildren(die.abbrev)) {
            for (DwDie c = die.child; c != null; c = c.link) {
                putdie(syms, c);
            }
            ldr.makeSymbolUpdater(syms.get(syms.size() - 1)).addUint8(0);
        }
    }
}
