package dev.golink.pe;

import dev.golink.LinkContext;
import dev.golink.ld.AbiNames;
import dev.golink.loader.Loader;
import dev.golink.outbuf.OutWriter;
import dev.golink.sym.Section;
import dev.golink.sym.Segment;
import dev.golink.sym.SymKind;

import java.io.ByteArrayOutputStream;

/**
 * The COFF symbol table (cf. writeSymbols): the text markers, the text symbols
 * in address order, then the data symbols by symbol index. Each 18-byte record
 * gives the symbol's offset in its PE section (.text, .rdata or .data, one per
 * segment); names over 8 bytes go to the string table.
 */
final class PeSymtab {

    /** cmd/link's "array of structs" type for every symbol of an internal link. */
    private static final int TYPE = 0x0308;
    private static final int IMAGE_SYM_CLASS_EXTERNAL = 2;
    private static final int IMAGE_SYM_CLASS_STATIC = 3;

    private final LinkContext ctxt;
    private final Loader ldr;
    private final PeFile f;
    private final boolean regabiWrappers;
    private final ByteArrayOutputStream name = new ByteArrayOutputStream(128);
    private OutWriter out;

    PeSymtab(Pe pe, PeFile f) {
        this.ctxt = pe.ctxt;
        this.ldr = pe.ldr;
        this.f = f;
        this.regabiWrappers = ctxt.options().config().experiments().regabiWrappers();
    }

    void write(OutWriter out) {
        this.out = out;
        for (String marker : new String[] {"runtime.text", "runtime.etext"}) {
            int s = ldr.lookup(marker, 0);
            if (s != 0 && ldr.symType(s) == SymKind.STEXT) {
                addsym(s);
            }
        }
        for (int s : ctxt.textp) {
            addsym(s);
        }
        for (int s = 1, n = ldr.nSym(); s < n; s++) {
            if (!ldr.attrReachable(s)) {
                continue;
            }
            int t = ldr.symType(s);
            if (t >= SymKind.SELFRXSECT && t < SymKind.SXREF && t != SymKind.STLSBSS && inSymbolTable(s)) {
                addsym(s);
            }
        }
    }

    private boolean inSymbolTable(int s) {
        if (ldr.attrNotInSymbolTable(s) || ldr.symNameIsEmpty(s)) {
            return false;
        }
        name.reset();
        ldr.writeSymName(s, name);
        return name.toByteArray()[0] != '.';
    }

    private void addsym(int s) {
        int si = ldr.symSect(s);
        if (si == 0) {
            return; // the imports' slots are inside .windynamic, which has no symbol of its own
        }
        Section sect = ctxt.segments.byIndex(si);
        Segment seg = sect.seg;
        PeFile.Section pesect;
        if (seg == ctxt.segments.text) {
            pesect = f.textSect;
        } else if (seg == ctxt.segments.rodata) {
            pesect = f.rdataSect;
        } else if (seg == ctxt.segments.data) {
            pesect = f.dataSect;
        } else {
            ctxt.diag().error(ldr.symName(s), "addpesym: could not map " + ldr.symName(s)
                    + " symbol with non .text or .rdata or .data section");
            return;
        }
        long value = ldr.symValue(s) - seg.vaddr;
        name.reset();
        ldr.writeSymName(s, name);
        byte[] plain = name.toByteArray();
        byte[] sname = AbiNames.mangle(ldr, s, plain, regabiWrappers);
        int ver = ldr.symVersion(s);
        int cls = ver >= Loader.SYM_VER_STATIC || ldr.attrLocal(s) ? IMAGE_SYM_CLASS_STATIC : IMAGE_SYM_CLASS_EXTERNAL;
        if (sname.length > 8) {
            out.write32(0);
            out.write32(f.addString(sname));
        } else {
            out.write(sname);
            out.zeros(8 - sname.length);
        }
        out.write32(value);
        out.write16(pesect.index);
        out.write16(TYPE);
        out.write8(cls);
        out.write8(0); // no auxiliary records
        // COFF records give no size (-1): tools infer one from the next symbol's address.
        f.symbols.add(s, 18, sname.length > 8 ? sname.length + 1 : 0, -1,
                sname == plain ? null : dev.golink.GoString.decode(sname));
    }

}
