package dev.golink.data;

import static dev.golink.goobj.RelocTypes.R_ADDR;
import static dev.golink.goobj.RelocTypes.R_ADDRCUOFF;
import static dev.golink.goobj.RelocTypes.R_ADDROFF;
import static dev.golink.goobj.RelocTypes.R_CALL;
import static dev.golink.goobj.RelocTypes.R_CONST;
import static dev.golink.goobj.RelocTypes.R_DWARFFILEREF;
import static dev.golink.goobj.RelocTypes.R_DWARFSECREF;
import static dev.golink.goobj.RelocTypes.R_GOTOFF;
import static dev.golink.goobj.RelocTypes.R_GOTPCREL;
import static dev.golink.goobj.RelocTypes.R_METHODOFF;
import static dev.golink.goobj.RelocTypes.R_PCREL;
import static dev.golink.goobj.RelocTypes.R_SIZE;
import static dev.golink.goobj.RelocTypes.R_TLS_IE;
import static dev.golink.goobj.RelocTypes.R_TLS_LE;
import static dev.golink.goobj.RelocTypes.R_XCOFFREF;

import dev.golink.Diagnostics;
import dev.golink.arch.Arch;
import dev.golink.arch.RelocSite;
import dev.golink.loader.Loader;
import dev.golink.loader.Relocs;
import dev.golink.sym.Section;
import dev.golink.sym.Segments;
import dev.golink.sym.SymKind;


/**
 * Applies a symbol's relocations to its bytes (cf. ld.(*relocSymState).relocsym)
 * for an internal link. One Relocator per thread: it reuses its cursor and
 * relocation site, so applying relocations allocates nothing.
 */
public final class Relocator {

    /** Types from here on are host object relocations, applied elsewhere. */
    static final int ELF_RELOC_OFFSET = 256;

    private final Loader ldr;
    private final Arch arch;
    private final Segments segs;
    private final boolean big;
    private final int ptrSize;
    private final int unreachableMethod;
    private final Diagnostics diag;
    private final Relocs relocs;
    /** A second cursor, over the trampoline a tentative call points at. */
    private final Relocs trampRelocs;
    private final RelocSite site = new RelocSite();
    private final java.util.function.IntToLongFunction cuBase;
    /**
     * Whether a relocation may still name an import after dynreloc: Solaris's data keeps its
     * pointers to imports beside their dynamic relocations (cf. relocsym's exemptions).
     */
    private boolean importRefsStay;

    /** Lets relocations name imports (a dynamic ELF executable's data); returns this. */
    public Relocator importRefsStay(boolean v) {
        importRefsStay = v;
        return this;
    }

    /** XCOFF: the TOC, and imports as targets of TOC entries, which the AIX loader fills; null elsewhere. */
    private RelocSite.Toc toc;

    /** Relocates for an XCOFF file, whose TOC entries hold the addresses of imports (cf. target.IsAIX in relocsym). */
    public void useToc(RelocSite.Toc toc) {
        this.toc = toc;
    }

    /**
     * @param unreachableMethod runtime.unreachableMethod, the target of weak
     *                          references to methods deadcode removed
     * @param diag              where errors go
     */
    public Relocator(Loader ldr, Arch arch, Segments segs, int unreachableMethod, Diagnostics diag) {
        this(ldr, arch, segs, unreachableMethod, diag, null);
    }

    /**
     * @param cuBase the address of the first function of a symbol's compilation
     *               unit, which R_ADDRCUOFF counts from (DWARF ranges and
     *               location lists); null when the link has no DWARF
     */
    public Relocator(Loader ldr, Arch arch, Segments segs, int unreachableMethod, Diagnostics diag,
            java.util.function.IntToLongFunction cuBase) {
        this.cuBase = cuBase;
        this.ldr = ldr;
        this.arch = arch;
        this.segs = segs;
        this.big = arch.info().bigEndian();
        this.ptrSize = arch.info().ptrSize();
        this.unreachableMethod = unreachableMethod;
        this.diag = diag;
        this.relocs = ldr.relocs();
        this.trampRelocs = ldr.relocs();
        this.site.names = ldr::symName;
    }

    /**
     * A call pointed at trampoline {@code tramp} before its target was placed
     * goes to the target directly if it can reach it now (cf. riscv64
     * archreloc): the site then names the target and its addend.
     */
    private void throughTrampolineOrDirect(int s, int tramp) {
        Relocs tr = trampRelocs.reset(tramp);
        if (tr.count() != 1) {
            error(s, "trampoline " + ldr.symName(tramp) + " has " + tr.count() + " relocations");
            return;
        }
        int trs = tr.sym(0);
        int trsType = ldr.symType(trs);
        long trsAddr = ldr.symValue(trs);
        if (trsAddr == 0 || trsType == SymKind.SDYNIMPORT || trsType == SymKind.SUNDEFEXT) {
            return;
        }
        long add = site.add;
        long addr = site.targetAddr;
        site.target = trs;
        site.targetAddr = trsAddr;
        site.add = tr.add(0);
        if (arch.callOutOfReach(site)) {
            site.target = tramp;
            site.targetAddr = addr;
            site.add = add;
        } else {
            site.type = arch.trampolineCallType();
        }
    }

    private void error(int s, String msg) {
        diag.error(ldr.errorPrefix(s), msg);
    }

    /** Relocates symbol {@code s}, whose bytes are {@code p[base, base + len)} and address {@code symAddr}. */
    public void relocsym(int s, byte[] p, int base, int len) {
        Relocs r = relocs.reset(s);
        int n = r.count();
        if (n == 0) {
            return;
        }
        long symValue = ldr.symValue(s);
        for (int ri = 0; ri < n; ri++) {
            int off = r.off(ri);
            int siz = r.siz(ri);
            int rs = r.sym(ri);
            int rt = r.type(ri);
            boolean weak = r.weak(ri);
            if (off < 0 || off + siz > len) {
                error(s, "invalid relocation " + (rs != 0 ? ldr.symName(rs) : "") + ": " + off + "+" + siz
                        + " not in [0," + len + ")");
                continue;
            }
            if (siz == 0) {
                continue; // informational only
            }
            int rst = rs != 0 ? ldr.symType(rs) : SymKind.SXXX;
            if (rs != 0 && (rst == SymKind.SXXX || rst == SymKind.SXREF)) {
                error(s, "relocation target " + ldr.symName(rs) + " not defined");
                continue;
            }
            if (rt >= ELF_RELOC_OFFSET) {
                continue;
            }
            if (rs != 0 && rst == SymKind.SDYNIMPORT && !ldr.attrSubSymbol(rs) && !importRefsStay && toc == null) {
                error(s, "unhandled relocation for " + ldr.symName(rs) + " (type " + rst + " rtype " + rt + ")");
            }
            if (rs != 0 && rst != SymKind.STLSBSS && !weak && rt != R_METHODOFF && !ldr.attrReachable(rs)) {
                error(s, "unreachable sym in relocation: " + ldr.symName(rs));
            }

            int at = base + off;
            site.sym = s;
            site.symAddr = symValue;
            site.index = ri;
            site.type = rt;
            site.off = off;
            site.siz = siz;
            site.add = r.add(ri);
            site.target = rs;
            site.targetAddr = rs != 0 ? ldr.symValue(rs) : 0;
            site.error = null;
            site.toc = toc;
            if (rt == arch.tentativeTrampolineCallType()) {
                throughTrampolineOrDirect(s, rs);
            }
            // Some targets give a generic relocation a variant (s390x: calls count halfwords).
            int variant = arch.implicitRelocVariant(rt);
            long o;
            switch (rt) {
                case R_TLS_LE -> o = arch.tlsLE(site);
                case R_TLS_IE -> {
                    error(s, "cannot handle R_TLS_IE (sym " + ldr.symName(rs) + ") when linking internally");
                    continue;
                }
                case R_ADDR -> {
                    if (weak && !ldr.attrReachable(rs)) {
                        rs = unreachableMethod;
                    }
                    o = ldr.symValue(rs) + r.add(ri);
                    if ((int) o < 0 && ptrSize > 4 && siz == 4) {
                        error(s, String.format("non-pc-relative relocation address for %s is too big: %#x (%s + %s)",
                                ldr.symName(rs), o, goHex(ldr.symValue(rs)), goHex(r.add(ri))));
                        continue;
                    }
                }
                case R_DWARFSECREF -> {
                    Section sect = segs.byIndex(ldr.symSect(rs));
                    if (sect == null) {
                        error(s, "missing DWARF section for relocation target " + ldr.symName(rs));
                        continue;
                    }
                    o = ldr.symValue(rs) + r.add(ri) - sect.vaddr;
                }
                case R_METHODOFF, R_ADDROFF -> {
                    if (rt == R_METHODOFF && !ldr.attrReachable(rs)) {
                        o = -1; // the method was removed: the runtime skips it
                        break;
                    }
                    if (weak && !ldr.attrReachable(rs)) {
                        continue;
                    }
                    Section sect = segs.byIndex(ldr.symSect(rs));
                    if (sect == null) {
                        error(s, "unreachable sym in relocation: " + ldr.symName(rs));
                        continue;
                    }
                    // Offsets into any text section count from the first one.
                    if (sect.name.equals(".text")) {
                        o = ldr.symValue(rs) - segs.text.sections.get(0).vaddr + r.add(ri);
                    } else {
                        o = ldr.symValue(rs) - sect.vaddr + r.add(ri);
                    }
                }
                case R_GOTPCREL, R_CALL, R_PCREL -> {
                    o = rs != 0 ? ldr.symValue(rs) : 0;
                    o += r.add(ri) - (symValue + off + siz);
                }
                case R_SIZE -> o = ldr.symSize(rs) + r.add(ri);
                case R_DWARFFILEREF -> {
                    continue;
                }
                case R_XCOFFREF -> {
                    error(s, "found XCOFF R_REF with internal linking");
                    continue;
                }
                case R_CONST -> o = r.add(ri);
                case R_ADDRCUOFF -> {
                    if (cuBase == null) {
                        error(s, "R_ADDRCUOFF to " + ldr.symName(rs) + " without DWARF compilation units");
                        continue;
                    }
                    o = ldr.symValue(rs) + r.add(ri) - cuBase.applyAsLong(rs);
                }
                case R_GOTOFF -> {
                    error(s, "R_GOTOFF needs a GOT, which a static executable has not");
                    continue;
                }
                default -> {
                    site.value = switch (siz) {
                        case 1 -> p[at] & 0xffL;
                        case 2 -> get(p, at, 2);
                        case 4 -> get(p, at, 4);
                        case 8 -> get(p, at, 8);
                        default -> 0;
                    };
                    if (siz != 1 && siz != 2 && siz != 4 && siz != 8) {
                        error(s, "bad reloc size " + goHex(siz) + " for " + ldr.symName(rs));
                        continue;
                    }
                    boolean known = arch.archreloc(site);
                    if (site.error != null) {
                        error(s, site.error);
                    }
                    if (!known) {
                        error(s, "unknown reloc to " + (rs != 0 ? ldr.symName(rs) : "") + ": " + rt + " ("
                                + dev.golink.goobj.RelocTypes.name(rt) + ")");
                        continue;
                    }
                    o = site.value;
                }
            }

            if (variant != Arch.RV_NONE) {
                o = arch.archrelocvariant(site, variant, o, p);
                if (site.error != null) {
                    error(s, site.error);
                }
            }

            switch (siz) {
                case 1 -> p[at] = (byte) o;
                case 2 -> {
                    if (o != (short) o) {
                        error(s, "relocation address for " + ldr.symName(rs) + " is too big: " + goHex(o));
                    }
                    put(p, at, o, 2);
                }
                case 4 -> {
                    if (rt == R_PCREL || rt == R_CALL) {
                        if (o != (int) o) {
                            error(s, "pc-relative relocation address for " + ldr.symName(rs) + " is too big: " + goHex(o));
                        }
                    } else if (o != (int) o && o != (o & 0xffffffffL)) {
                        error(s, String.format("non-pc-relative relocation address for %s is too big: %#x",
                                ldr.symName(rs), o));
                    }
                    put(p, at, o, 4);
                }
                case 8 -> put(p, at, o, 8);
                default -> error(s, "bad reloc size " + goHex(siz) + " for " + (rs != 0 ? ldr.symName(rs) : ""));
            }
        }
    }

    private long get(byte[] p, int at, int n) {
        long v = 0;
        for (int i = 0; i < n; i++) {
            int shift = 8 * (big ? n - 1 - i : i);
            v |= (p[at + i] & 0xffL) << shift;
        }
        return v;
    }

    private void put(byte[] p, int at, long v, int n) {
        for (int i = 0; i < n; i++) {
            int shift = 8 * (big ? n - 1 - i : i);
            p[at + i] = (byte) (v >>> shift);
        }
    }

    /** A signed value as Go's %#x prints it: "-0x10" for -16. */
    static String goHex(long v) {
        return v < 0 ? "-0x" + Long.toUnsignedString(-v, 16) : "0x" + Long.toHexString(v);
    }

    /** A size as cmd/link prints it (%#x of a uint32). */
    private static String goHex(int v) {
        return "0x" + Integer.toHexString(v);
    }
}
