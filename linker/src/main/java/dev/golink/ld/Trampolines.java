package dev.golink.ld;

import dev.golink.LinkContext;
import dev.golink.LinkException;
import dev.golink.arch.Arch;
import dev.golink.arch.RelocSite;
import dev.golink.goobj.RelocTypes;
import dev.golink.loader.Library;
import dev.golink.loader.Loader;
import dev.golink.loader.Relocs;
import dev.golink.loader.SymbolBuilder;
import dev.golink.sym.SymKind;

import java.util.Arrays;

/**
 * The trampoline pass (cf. ld.trampoline, ld.(*Link).AddTramp and the arm,
 * arm64 and ppc64 trampoline functions). When text is larger than a direct
 * call reaches, {@link TextAddress} lays the functions out a second time and,
 * after placing each one, has {@link #resolve} look at its direct calls. A
 * call that cannot reach its target, or whose target is not placed yet (unless
 * both are in one package, or both the runtime's: those are laid out close
 * by), is pointed at a trampoline that jumps there: an existing one within
 * reach, else a new one that textaddress lays right after the function.
 *
 * <p>A trampoline is a text symbol of the target's version named after the
 * target and the call's offset into it ({@code runtime.duffzero+100-tramp0};
 * the backend spells it), so that later calls find it; the number tells apart
 * copies made where the earlier ones are out of reach. The backend ({@link
 * Arch}) answers the questions of reach and writes the code.
 *
 * <p>{@code -debugtramp=2} lays text out this way whatever its size and gives
 * every call between packages a trampoline, so that small programs exercise
 * the pass; {@code -debugtramp} with {@code -v} reports each trampoline made.
 */
final class Trampolines {

    private final LinkContext ctxt;
    private final Loader ldr;
    private final Arch arch;
    private final boolean debugForce;
    private final boolean log;
    private final Relocs relocs;
    private final RelocSite call = new RelocSite();
    /** The trampolines made so far, in the order they were made (and laid out). */
    private int[] made = new int[16];
    private int nmade;

    Trampolines(LinkContext ctxt, Arch arch) {
        this.ctxt = ctxt;
        this.ldr = ctxt.loader();
        this.arch = arch;
        this.debugForce = ctxt.options().debugTramp() > 1;
        this.log = ctxt.options().debugTramp() > 0 && ctxt.options().verbose() > 0;
        this.relocs = ldr.relocs();
    }

    /** The package {@code s} is laid out with, "" for a linker-made symbol. */
    private String textPkg(int s) {
        Library lib = ldr.symTextLib(s);
        return lib == null ? "" : lib.pkg();
    }

    /** Number of trampolines made. */
    int count() {
        return nmade;
    }

    /** The {@code i}-th trampoline made. */
    int get(int i) {
        return made[i];
    }

    /**
     * Points the direct calls of {@code s}, which is placed, that need it at a
     * trampoline; the trampolines made for it are the last ones {@link #get}
     * returns, not placed yet.
     */
    void resolve(int s) throws LinkException {
        String pkg = textPkg(s);
        relocs.reset(s);
        for (int ri = 0, n = relocs.count(); ri < n; ri++) {
            int type = relocs.type(ri);
            if (!RelocTypes.isDirectCallOrJump(type)) {
                continue;
            }
            int rs = relocs.sym(ri);
            if (!ldr.attrReachable(rs) || ldr.symType(rs) == SymKind.SXXX) {
                continue; // a missing target is reported when relocations are applied
            }
            int rsType = ldr.symType(rs);
            String rsPkg = textPkg(rs);
            if (ldr.symValue(rs) == 0 && !arch.unplacedCallsNeedTrampolines() && rsType != SymKind.SDYNIMPORT
                    && rsType != SymKind.SUNDEFEXT) {
                // Not placed yet, but laid out close by: the same package, or both runtime.
                if (!pkg.isEmpty() && pkg.equals(rsPkg)) {
                    continue;
                }
                if (LinkSetup.isRuntimeDepPkg(pkg) && LinkSetup.isRuntimeDepPkg(rsPkg)) {
                    continue;
                }
            }
            if (type != arch.trampolineCallType()) {
                throw new LinkException(ldr.symName(s) + ": trampoline called with non-jump reloc: " + type);
            }
            call.sym = s;
            call.symAddr = ldr.symValue(s);
            call.index = ri;
            call.type = type;
            call.off = relocs.off(ri);
            call.siz = relocs.siz(ri);
            call.add = relocs.add(ri);
            call.target = rs;
            call.targetAddr = ldr.symValue(rs);
            if (!arch.callOutOfReach(call) && !(debugForce && arch.debugTrampForces(pkg, rsPkg))) {
                continue;
            }
            int tramp = trampoline(s, rs, rsType);
            SymbolBuilder sb = ldr.makeSymbolUpdater(s);
            sb.setRelocSym(ri, tramp);
            sb.setRelocType(ri, arch.redirectedCallType(call));
            sb.setRelocAdd(ri, arch.redirectedCallAdd(call));
        }
    }

    /** A trampoline in reach of {@link #call} to {@code rs}: an existing one, else a new one. */
    private int trampoline(int s, int rs, int rsType) throws LinkException {
        String rsName = ldr.symName(rs);
        int tramp;
        for (int i = 0;; i++) {
            tramp = ldr.lookupOrCreateSym(arch.trampolineName(rsName, call, i), ldr.symVersion(rs));
            ldr.setAttrReachable(tramp, true);
            if (rsName.equals("runtime.deferreturn")) {
                ctxt.deferReturnTramps.set(tramp);
            }
            long addr = ldr.symValue(tramp);
            // No address: new, or made for this function and laid out after it.
            if (addr == 0 || arch.trampolineReaches(call, addr)) {
                break;
            }
        }
        if (ldr.symType(tramp) == SymKind.SXXX) {
            make(s, tramp, rs, rsType);
        }
        return tramp;
    }

    private void make(int s, int tramp, int rs, int rsType) throws LinkException {
        String rsName = ldr.symName(rs);
        String refusal = arch.trampolineRefusal(rsName);
        if (refusal != null) {
            throw new LinkException(ldr.symName(s) + ": " + refusal);
        }
        if (rsType == SymKind.SDYNIMPORT && call.add != 0) {
            throw new LinkException(ldr.symName(s) + ": nonzero addend for DYNIMPORT call: " + rsName + "+" + call.add);
        }
        Arch.Trampoline code;
        try {
            code = rsType == SymKind.SDYNIMPORT ? arch.gentrampgot(call) : arch.gentramp(call);
        } catch (UnsupportedOperationException e) {
            throw new LinkException(ldr.symName(s) + ": call to " + rsName + ": " + e.getMessage(), e);
        }
        SymbolBuilder b = ldr.makeSymbolUpdater(tramp);
        b.setType(SymKind.STEXT).setReachable(true);
        ldr.setAttrOnList(tramp, true);
        b.setSize(code.code().length).setData(code.code());
        if (arch.trampolineThroughToc()) {
            SymbolBuilder entry = ldr.createSymForUpdate("TOC." + ldr.symName(tramp), 0);
            entry.setType(SymKind.SXCOFFTOC);
            entry.addAddrPlus(rs, call.add);
            b.addRel(code.relocType(), code.relocOff(), code.relocSiz(), entry.sym(), 0);
        } else if (code.relocType() != 0) {
            b.addRel(code.relocType(), code.relocOff(), code.relocSiz(), rs, code.relocAdd());
        }
        if (nmade == made.length) {
            made = Arrays.copyOf(made, nmade * 2);
        }
        made[nmade++] = tramp;
        if (log) {
            ctxt.out().println("trampoline " + b.name() + " inserted");
        }
    }
}
