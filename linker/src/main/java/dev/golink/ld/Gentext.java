package dev.golink.ld;

import dev.golink.LinkContext;
import dev.golink.loader.SymbolBuilder;
import dev.golink.sym.SymKind;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Puts the backend's functions for position-independent code before all other
 * text (cf. the backends' gentext): 386's PC thunks.
 */
public final class Gentext {

    private Gentext() {
    }

    public static void run(LinkContext ctxt) {
        if (!ctxt.pie()) {
            return;
        }
        Map<String, byte[]> text = ctxt.arch.pieText();
        if (text.isEmpty()) {
            return;
        }
        List<Integer> syms = new ArrayList<>();
        text.forEach((name, code) -> {
            SymbolBuilder sb = ctxt.loader().createSymForUpdate(name, 0);
            sb.setType(SymKind.STEXT);
            sb.setLocal(true);
            sb.setData(code);
            sb.setSize(code.length);
            syms.add(sb.sym());
        });
        int[] textp = new int[syms.size() + ctxt.textp.length];
        for (int i = 0; i < syms.size(); i++) {
            textp[i] = syms.get(i);
        }
        System.arraycopy(ctxt.textp, 0, textp, syms.size(), ctxt.textp.length);
        ctxt.textp = textp;
    }
}
