package dev.golink.plan9;

import dev.golink.LinkContext;
import dev.golink.ld.AbiNames;
import dev.golink.loader.Loader;
import dev.golink.outbuf.OutWriter;
import dev.golink.sym.SymKind;

import java.io.ByteArrayOutputStream;

/**
 * The Plan 9 symbol table (cf. ld.asmbPlan9Sym, putplan9sym): the text markers, the
 * text symbols in address order, then the reachable data symbols by index. An entry
 * is the big-endian address (8 bytes on amd64, else 4), the type letter with bit 7
 * set (T, D or B; lower case for a file-local symbol), and the NUL-terminated name.
 */
final class Plan9Symtab {

    private final LinkContext ctxt;
    private final Loader ldr;
    /** Whether addresses take 8 bytes: on amd64, unless -8 (whose help says the opposite of what it does). */
    private final boolean wideAddresses;
    private final boolean regabiWrappers;
    private final ByteArrayOutputStream name = new ByteArrayOutputStream(128);
    private OutWriter out;
    private long size;
    /** Each entry's symbol and bytes, for the size report. */
    final dev.golink.sym.SymtabEntries entries = new dev.golink.sym.SymtabEntries();

    Plan9Symtab(LinkContext ctxt) {
        this.ctxt = ctxt;
        this.ldr = ctxt.loader();
        this.wideAddresses = (ctxt.arch.plan9Magic() & Plan9Header.HDR_MAGIC) != 0 && !ctxt.options().flag8();
        this.regabiWrappers = ctxt.options().config().experiments().regabiWrappers();
    }

    /** Writes the table at the writer's offset; returns its size in bytes. */
    long write(OutWriter out) {
        this.out = out;
        for (String marker : new String[] {"runtime.text", "runtime.etext"}) {
            int s = ldr.lookup(marker, 0);
            if (s != 0 && ldr.symType(s) == SymKind.STEXT) {
                put(s, 'T');
            }
        }
        for (int s : ctxt.textp) {
            put(s, 'T');
        }
        for (int s = 1, n = ldr.nSym(); s < n; s++) {
            if (!ldr.attrReachable(s)) {
                continue;
            }
            int t = ldr.symType(s);
            if (t >= SymKind.SELFRXSECT && t < SymKind.SXREF && t != SymKind.STLSBSS && inSymbolTable(s)) {
                put(s, t == SymKind.SBSS || t == SymKind.SNOPTRBSS ? 'B' : 'D');
            }
        }
        return size;
    }

    private boolean inSymbolTable(int s) {
        if (ldr.attrNotInSymbolTable(s) || ldr.symNameIsEmpty(s)) {
            return false;
        }
        name.reset();
        ldr.writeSymName(s, name);
        return name.toByteArray()[0] != '.';
    }

    private void put(int s, char type) {
        int t = type;
        if (ldr.symVersion(s) >= Loader.SYM_VER_STATIC) {
            t += 'a' - 'A';
        }
        long addr = ldr.symValue(s);
        int l = 4;
        if (wideAddresses) {
            out.write32b(addr >>> 32);
            l = 8;
        }
        out.write32b(addr);
        out.write8(t + 0x80);
        name.reset();
        ldr.writeSymName(s, name);
        byte[] plain = name.toByteArray();
        byte[] sname = AbiNames.mangle(ldr, s, plain, regabiWrappers);
        out.write(sname);
        out.write8(0);
        size += l + 1 + sname.length + 1;
        entries.add(s, l + 1, sname.length + 1, -1, sname == plain ? null : dev.golink.GoString.decode(sname));
    }
}
