package dev.golink.macho;

import dev.golink.goobj.RelocTypes;
import dev.golink.loader.SymbolBuilder;
import dev.golink.sym.SymKind;

/**
 * darwin/arm64 (cf. cmd/link arm64 for Hdarwin): every executable is PIE and
 * ad-hoc signed, and starts through LC_MAIN. Since dyld may slide the image,
 * every absolute pointer is rebased; calls to imports go through a 12-byte
 * adrp/ldr/br stub.
 */
final class MachoArm64 implements MachoArch {

    @Override
    public int cpu() {
        return 0x100000c; // CPU_TYPE_ARM64
    }

    @Override
    public int subcpu() {
        return 0; // CPU_SUBTYPE_ARM64_ALL
    }

    @Override
    public int macosVersion() {
        return 11 << 16; // 11.0, the first macOS on arm64
    }

    @Override
    public boolean needCodeSign() {
        return true;
    }

    @Override
    public boolean inode64() {
        return false;
    }

    @Override
    public void entryCommand(MachoFile f, long entry, long imageBase) {
        int[] main = f.newLoad(MachoFile.LC_MAIN, 4);
        long off = entry - imageBase;
        main[0] = (int) off;
        main[1] = (int) (off >>> 32);
    }

    @Override
    public boolean adddynrel(MachoDynamic d, int s, int ri, int type, int targ, int off) {
        switch (type) {
            case RelocTypes.R_CALL, RelocTypes.R_PCREL, RelocTypes.R_CALLARM64 -> {
                if (targ != 0 && d.symKind(targ) == SymKind.SDYNIMPORT) {
                    d.callThroughPlt(s, ri, targ);
                }
                return true;
            }
            case RelocTypes.R_ADDR -> {
                // The slide is unknown until dyld loads the image.
                d.rebase(s, off);
                return true;
            }
            case RelocTypes.R_ARM64_GOTPCREL -> {
                // A trampoline to an import: ADRP and LDR of its .got slot.
                if (targ == 0 || d.symKind(targ) != SymKind.SDYNIMPORT) {
                    d.error(s, "R_ARM64_GOTPCREL target is not SDYNIMPORT symbol: " + d.symName(targ));
                    return true;
                }
                d.loadThroughGot(s, ri, targ, RelocTypes.R_ARM64_GOT, 4, off + 4);
                return true;
            }
            default -> {
                return false;
            }
        }
    }

    @Override
    public void stub(SymbolBuilder plt, int got, long gotOff) {
        plt.addUint32(0x90000010L); // adrp x16, slot@page
        plt.addRel(RelocTypes.R_ARM64_GOT, (int) plt.size() - 4, 4, got, gotOff);
        plt.addUint32(0xf9400211L); // ldr x17, [x16, slot@pageoff]
        plt.addRel(RelocTypes.R_ARM64_GOT, (int) plt.size() - 4, 4, got, gotOff);
        plt.addUint32(0xd61f0220L); // br x17
    }
}
