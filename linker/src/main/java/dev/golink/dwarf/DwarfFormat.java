package dev.golink.dwarf;

import dev.golink.goobj.RelocTypes;
import dev.golink.loader.SymbolBuilder;

/**
 * 32-bit or 64-bit DWARF (cf. ld.isDwarf64): cmd/link writes 64-bit DWARF for
 * AIX only, where a unit's initial length is 0xffffffff followed by 8 bytes,
 * and section offsets (header lengths, CIE pointers, references into other
 * sections) take 8 bytes instead of 4.
 */
record DwarfFormat(boolean dwarf64) {

    /** The size of a unit's initial length field. */
    int lengthFieldSize() {
        return dwarf64 ? 12 : 4;
    }

    /** The size of a section offset. */
    int offsetSize() {
        return dwarf64 ? 8 : 4;
    }

    /** Appends an initial length field holding {@code v} (cf. createUnitLength). */
    void addUnitLength(SymbolBuilder su, long v) {
        if (dwarf64) {
            su.addUint32(0xFFFFFFFFL);
        }
        addOffset(su, v);
    }

    /** Sets the initial length field at {@code off} to {@code v}. */
    void setUnitLength(SymbolBuilder su, long off, long v) {
        if (dwarf64) {
            su.setUint64(off + 4, v);
        } else {
            su.setUint32(off, v);
        }
    }

    /** Appends a section offset or length holding {@code v} (cf. addDwarfAddrField). */
    void addOffset(SymbolBuilder su, long v) {
        if (dwarf64) {
            su.addUint64(v);
        } else {
            su.addUint32(v);
        }
    }

    /** Sets the section offset or length at {@code off} to {@code v}. */
    void setOffset(SymbolBuilder su, long off, long v) {
        if (dwarf64) {
            su.setUint64(off, v);
        } else {
            su.setUint32(off, v);
        }
    }

    /** Appends the offset of {@code t} plus {@code add} in its DWARF section (cf. addDwarfAddrRef, AddDWARFAddrSectionOffset). */
    void addSectionOffset(SymbolBuilder su, int t, long add) {
        su.addSymRef(t, add, RelocTypes.R_DWARFSECREF, offsetSize());
    }
}
