package dev.golink.dwarf;

/**
 * One attribute of a DIE (cf. dwarf.DWAttr), in a singly linked list whose
 * newest entry comes first: a later attribute of the same kind hides an
 * earlier one, which is how the linker overrides a type reference.
 */
final class DwAttr {
    DwAttr link;
    final int atr;
    final int cls;
    long value;
    /**
     * A String (CLS_STRING), a DwDie (a reference between DIEs still being
     * built), an Integer symbol (references to symbols), or null.
     */
    Object data;

    DwAttr(int atr, int cls, long value, Object data) {
        this.atr = atr;
        this.cls = cls;
        this.value = value;
        this.data = data;
    }
}
