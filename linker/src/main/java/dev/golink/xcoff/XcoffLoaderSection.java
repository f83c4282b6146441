package dev.golink.xcoff;

import dev.golink.loader.Loader;
import dev.golink.outbuf.OutWriter;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The loader section (cf. writeLdrScn), which the AIX loader reads: its
 * header; its symbols (the entry point, then each import with the number of its
 * import file); its relocations (the entry point's descriptor first, then every
 * address in the data, then the imports' TOC entries); the import files (the
 * default search path "/usr/lib:/lib", then each library member, as path, base
 * and member); and the symbols' names, each after its 2-byte length.
 */
final class XcoffLoaderSection {

    /**
     * A relocation the loader applies (cf. xcoffLoaderReloc): at {@code off} in symbol
     * {@code sym}, relative to loader symbol {@code symndx} (0, 1, 2 are .text, .data, .bss).
     * They sort by symbol, offset, type, then symbol number, for a deterministic order.
     */
    record Reloc(int sym, int off, int rtype, int symndx) implements Comparable<Reloc> {
        @Override
        public int compareTo(Reloc o) {
            if (sym != o.sym) {
                return Integer.compare(sym, o.sym);
            }
            if (off != o.off) {
                return Integer.compare(off, o.off);
            }
            if (rtype != o.rtype) {
                return Integer.compare(rtype, o.rtype);
            }
            return Integer.compare(symndx, o.symndx);
        }
    }

    /**
     * An import file's path, base and member from a cgo_import_dynamic library, "base.a/mem.o"
     * or "path/base.a/mem.o" (cf. writeLdrScn).
     */
    static String[] importFile(String lib) {
        String[] n = lib.split("/", -1);
        String base = n.length >= 2 ? n[n.length - 2] : "";
        String mem = n[n.length - 1];
        String path = n.length > 2 ? lib.substring(0, lib.length() - base.length() - mem.length() - 2) : "";
        return new String[] {path, base, mem};
    }

    private final Xcoff x;
    private final XcoffHeaders f;
    private final Loader ldr;

    XcoffLoaderSection(Xcoff x, XcoffHeaders f) {
        this.x = x;
        this.f = f;
        this.ldr = x.ldr;
    }

    /** Writes the section at the writer's position; returns its size. */
    long write(OutWriter out, List<Reloc> relocs) {
        List<byte[]> names = new ArrayList<>();
        long stlen = 0;
        for (Xcoff.LoaderSymbol s : x.loaderSymbols) {
            byte[] name = ldr.symName(s.sym()).getBytes(StandardCharsets.UTF_8);
            names.add(name);
            stlen += 2 + name.length + 1;
        }
        int nsyms = names.size();
        long symoff = XcoffConst.LDHDRSZ_64;
        long rldoff = symoff + 24L * nsyms;
        int nreloc = 1 + relocs.size();
        long impoff = rldoff + 16L * nreloc;

        // Import files: path, base and member; a library is "base.a/mem.o" or "path/base.a/mem.o".
        List<String[]> imports = new ArrayList<>();
        imports.add(new String[] {"/usr/lib:/lib", "", ""});
        String[] libs = new String[x.dynLibraries.size()];
        x.dynLibraries.forEach((lib, i) -> libs[i] = lib);
        for (String lib : libs) {
            imports.add(importFile(lib));
        }
        long istlen = 0;
        for (String[] imp : imports) {
            for (String part : imp) {
                istlen += part.getBytes(StandardCharsets.UTF_8).length + 1;
            }
        }
        long stoff = impoff + istlen;

        // Header (cf. XcoffLdHdr64).
        out.write32(2); // l_version
        out.write32(nsyms);
        out.write32(nreloc);
        out.write32(istlen);
        out.write32(imports.size());
        out.write32(stlen);
        out.write64(impoff);
        out.write64(stoff);
        out.write64(symoff);
        out.write64(rldoff);

        long stoffset = 0;
        for (int i = 0; i < nsyms; i++) {
            Xcoff.LoaderSymbol s = x.loaderSymbols.get(i);
            long value = 0;
            int scnum = 0;
            int ifile = 0;
            if (s.smtype() == (XcoffConst.XTY_ENT | XcoffConst.XTY_SD)) {
                value = ldr.symValue(s.sym());
                scnum = x.scnum(f, s.sym());
            } else if (s.smtype() == XcoffConst.XTY_IMP) {
                ifile = x.dynLibraries.getOrDefault(x.dynimplib.getOrDefault(s.sym(), ""), 0) + 1;
            }
            out.write64(value);
            out.write32(stoffset + 2);
            out.write16(scnum);
            out.write8(s.smtype());
            out.write8(s.smclas());
            out.write32(ifile);
            out.write32(0); // l_parm
            stoffset += 2 + names.get(i).length + 1;
        }

        int ep = x.loaderSymbols.get(0).sym();
        out.write64(ldr.symValue(ep));
        out.write16(0x3F00);
        out.write16(x.scnum(f, ep));
        out.write32(0);
        for (Reloc r : relocs) {
            out.write64(ldr.symValue(r.sym()) + r.off());
            out.write16(r.rtype());
            out.write16(ldr.symSect(r.sym()) != 0 ? x.scnum(f, r.sym()) : 0);
            out.write32(r.symndx());
        }

        for (String[] imp : imports) {
            for (String part : imp) {
                out.write(part.getBytes(StandardCharsets.UTF_8));
                out.write8(0);
            }
        }
        for (byte[] name : names) {
            out.write16(name.length + 1);
            out.write(name);
            out.write8(0);
        }
        return stoff + stlen;
    }
}
