package dev.golink.dwarf;

/**
 * A debugging information entry being built (cf. dwarf.DWDie). Children are
 * kept newest first, as they are added, and put in creation order by
 * {@link #reverseTree} just before encoding.
 */
final class DwDie {
    final int abbrev;
    DwDie link;
    DwDie child;
    DwAttr attr;
    /** The symbol that holds this DIE's bytes; 0 when it goes into its parent's. */
    int sym;

    DwDie(int abbrev) {
        this.abbrev = abbrev;
    }

    /** Adds an attribute in front of the others (cf. ld.newattr). */
    void newattr(int atr, int cls, long value, Object data) {
        DwAttr a = new DwAttr(atr, cls, value, data);
        a.link = attr;
        attr = a;
    }

    /** The first attribute of a kind, moved to the front of the list (cf. ld.getattr). */
    DwAttr getattr(int atr) {
        if (attr.atr == atr) {
            return attr;
        }
        DwAttr a = attr;
        DwAttr b = a.link;
        while (b != null) {
            if (b.atr == atr) {
                a.link = b.link;
                b.link = attr;
                attr = b;
                return b;
            }
            a = b;
            b = b.link;
        }
        return null;
    }

    String name() {
        return (String) getattr(Dw.AT_NAME).data;
    }

    static DwDie reverseList(DwDie list) {
        DwDie prev = null;
        DwDie curr = list;
        while (curr != null) {
            DwDie next = curr.link;
            curr.link = prev;
            prev = curr;
            curr = next;
        }
        return prev;
    }

    /** Reverses every list of children in the tree under (and including) {@code list} (cf. ld.reversetree). */
    static DwDie reverseTree(DwDie list) {
        DwDie head = reverseList(list);
        for (DwDie d = head; d != null; d = d.link) {
            if (Abbrevs.hasChildren(d.abbrev)) {
                d.child = reverseTree(d.child);
            }
        }
        return head;
    }

    /** The type a typedef stands for, or the DIE itself (cf. ld.walktypedef). */
    static DwDie walkTypedef(DwDie die) {
        if (die == null) {
            return null;
        }
        if (die.abbrev == Dw.ABRV_TYPEDECL) {
            for (DwAttr a = die.attr; a != null; a = a.link) {
                if (a.atr == Dw.AT_TYPE && a.cls == Dw.CLS_REFERENCE && a.data instanceof DwDie d) {
                    return d;
                }
            }
        }
        return die;
    }

    /** The child named {@code name}, looking through typedefs (cf. ld.findchild). */
    static DwDie findChild(DwDie die, String name) {
        DwDie prev = null;
        while (die != prev) {
            for (DwDie a = die.child; a != null; a = a.link) {
                if (name.equals(a.getattr(Dw.AT_NAME).data)) {
                    return a;
                }
            }
            prev = die;
            die = walkTypedef(die);
        }
        return null;
    }
}
