package dev.golink.ld;

import dev.golink.LinkContext;
import dev.golink.LinkException;
import dev.golink.loader.Loader;
import dev.golink.sym.SymKind;

import java.io.ByteArrayOutputStream;

/**
 * Field tracking (GOEXPERIMENT=fieldtrack, cf. ld.fieldtrack): the compiler
 * refers to a {@code go.track.T.field} symbol from every function that uses a
 * struct field tagged {@code go:"track"}. The reachable ones are the fields the
 * program uses; they are only markers, so they take no space and stay out of
 * the symbol table. With {@code -k symbol}, the list of them, each followed by
 * the chain of symbols that made it reachable, becomes that string variable's
 * value.
 */
public final class FieldTrack {

    private static final String PREFIX = "go.track.";

    private FieldTrack() {
    }

    public static void run(LinkContext ctxt) throws LinkException {
        Loader ldr = ctxt.loader();
        int[] parent = ctxt.reachParent;
        ByteArrayOutputStream list = new ByteArrayOutputStream();
        for (int s = 1; s < ldr.nSym(); s++) {
            if (!ldr.symName(s).startsWith(PREFIX) || !ldr.attrReachable(s)) {
                continue;
            }
            ldr.setAttrSpecial(s, true);
            ldr.setAttrNotInSymbolTable(s, true);
            // The name's bytes as the compiler wrote them, without the prefix (ASCII, one byte a char).
            ByteArrayOutputStream name = new ByteArrayOutputStream();
            ldr.writeSymName(s, name);
            list.write(name.toByteArray(), PREFIX.length(), name.size() - PREFIX.length());
            for (int p = parentOf(parent, s); p != 0; p = parentOf(parent, p)) {
                list.write('\t');
                ldr.writeSymName(p, list);
            }
            list.write('\n');
        }
        ctxt.reachParent = null; // no phase after this one needs it

        String target = ctxt.options().fieldTrackSymbol();
        if (target.isEmpty()) {
            return;
        }
        int s = ldr.lookup(target, 0);
        if (s == 0 || !ldr.attrReachable(s)) {
            return;
        }
        ldr.makeSymbolUpdater(s).setType(SymKind.SDATA);
        StrData.addstrdata(ldr, target, list.toByteArray(), ctxt.diag());
    }

    /** Symbols made after deadcode were not reached through anything. */
    private static int parentOf(int[] parent, int s) {
        return s < parent.length ? parent[s] : 0;
    }
}
