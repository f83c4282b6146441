package dev.golink.macho;

import dev.golink.goobj.RelocTypes;
import dev.golink.loader.SymbolBuilder;
import dev.golink.sym.SymKind;

/**
 * darwin/amd64 (cf. cmd/link amd64 for Hdarwin): a plain executable, started
 * through LC_UNIXTHREAD with the entry point in rip; only calls to imports
 * need anything, a 6-byte {@code jmp *slot(%rip)} stub.
 */
final class MachoAmd64 implements MachoArch {

    @Override
    public int cpu() {
        return 0x1000007; // CPU_TYPE_X86_64
    }

    @Override
    public int subcpu() {
        return 3; // CPU_SUBTYPE_X86_ALL
    }

    @Override
    public int macosVersion() {
        return 10 << 16 | 9 << 8; // 10.9, the oldest dyld that accepts what cmd/link writes
    }

    @Override
    public boolean needCodeSign() {
        return false;
    }

    @Override
    public boolean inode64() {
        return true;
    }

    @Override
    public void entryCommand(MachoFile f, long entry, long imageBase) {
        int[] thread = f.newLoad(MachoFile.LC_UNIXTHREAD, 42 + 2);
        thread[0] = 4; // x86_THREAD_STATE64
        thread[1] = 42; // words of state
        thread[2 + 32] = (int) entry; // rip
        thread[2 + 32 + 1] = (int) (entry >>> 32);
    }

    @Override
    public boolean adddynrel(MachoDynamic d, int s, int ri, int type, int targ, int off) {
        if (type == RelocTypes.R_CALL || type == RelocTypes.R_PCREL) {
            if (d.symKind(targ) == SymKind.SDYNIMPORT) {
                d.callThroughPlt(s, ri, targ);
            }
            return true;
        }
        return false;
    }

    @Override
    public void stub(SymbolBuilder plt, int got, long gotOff) {
        plt.addUint8(0xff);
        plt.addUint8(0x25);
        plt.addSymRef(got, gotOff, RelocTypes.R_PCREL, 4);
    }
}
