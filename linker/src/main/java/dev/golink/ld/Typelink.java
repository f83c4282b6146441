package dev.golink.ld;

import dev.golink.LinkContext;
import dev.golink.goobj.RelocTypes;
import dev.golink.loader.Loader;
import dev.golink.loader.SymbolBuilder;
import dev.golink.loader.TypeDescriptors;
import dev.golink.gosort.GoSort;
import dev.golink.sym.SymKind;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * The tables reflect and the runtime search for types and itabs (cf.
 * ld.(*Link).typelink): runtime.typelink, 32-bit offsets of the types the
 * compiler marked, sorted by type string; runtime.itablink, pointers to every
 * reachable itab in symbol order.
 */
public final class Typelink {

    private Typelink() {
    }

    private record Key(byte[] str, int sym) {
    }

    public static void run(LinkContext ctxt) {
        Loader ldr = ctxt.loader();
        int ptrSize = ctxt.ptrSize();
        TypeDescriptors types = new TypeDescriptors(ldr);
        List<Key> typelinks = new ArrayList<>();
        List<Integer> itabs = new ArrayList<>();
        for (int s = 1, n = ldr.nSym(); s < n; s++) {
            if (!ldr.attrReachable(s)) {
                continue;
            }
            if (ldr.isTypelink(s)) {
                typelinks.add(new Key(types.typeStr(s), s));
            } else if (ldr.isItab(s)) {
                itabs.add(s);
            }
        }
        // Types can share a string: only Go's own unstable sort leaves those ties in cmd/link's order.
        GoSort.sort(new GoSort.Data() {
            @Override
            public int len() {
                return typelinks.size();
            }

            @Override
            public boolean less(int i, int j) {
                return Arrays.compareUnsigned(typelinks.get(i).str, typelinks.get(j).str) < 0;
            }

            @Override
            public void swap(int i, int j) {
                Collections.swap(typelinks, i, j);
            }
        });

        SymbolBuilder tl = ldr.createSymForUpdate("runtime.typelink", 0);
        tl.setType(SymKind.STYPELINK);
        ldr.setAttrLocal(tl.sym(), true);
        tl.setSize(4L * typelinks.size());
        tl.grow(tl.size());
        for (int i = 0; i < typelinks.size(); i++) {
            tl.addRel(RelocTypes.R_ADDROFF, i * 4, 4, typelinks.get(i).sym, 0);
        }

        SymbolBuilder il = ldr.createSymForUpdate("runtime.itablink", 0);
        il.setType(SymKind.SITABLINK);
        ldr.setAttrLocal(il.sym(), true);
        il.setSize((long) ptrSize * itabs.size());
        il.grow(il.size());
        for (int i = 0; i < itabs.size(); i++) {
            il.addRel(RelocTypes.R_ADDR, i * ptrSize, ptrSize, itabs.get(i), 0);
        }
    }
}
