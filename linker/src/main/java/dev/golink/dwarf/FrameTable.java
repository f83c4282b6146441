package dev.golink.dwarf;

import dev.golink.arch.ArchInfo;
import dev.golink.goobj.GoObject;
import dev.golink.loader.Loader;
import dev.golink.loader.SymbolBuilder;
import dev.golink.sym.SymKind;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;

/**
 * .debug_frame (cf. ld.writeframes): one CIE, then per function an FDE whose
 * CFA rules follow the function's pc-to-SP-delta table (pcsp).
 */
final class FrameTable {

    private static final int DATA_ALIGNMENT_FACTOR = -4;
    private static final int FUNCFLAG_TOPFRAME = 1;

    private final Loader ldr;
    private final int ptrSize;
    private final int minLC;
    private final boolean bigEndian;
    private final ArchInfo.DwarfRegs regs;

    private final DwarfFormat format;
    /** Where each package's size of the section goes (XCOFF's symbol table needs them), or null. */
    private final DwarfState cuSizes;
    /** Where each function's FDE is recorded (for the size report). */
    private final DwarfState state;

    FrameTable(Loader ldr, int ptrSize, int minLC, boolean bigEndian, ArchInfo.DwarfRegs regs, DwarfFormat format,
            DwarfState cuSizes, DwarfState state) {
        this.format = format;
        this.cuSizes = cuSizes;
        this.state = state;
        this.ldr = ldr;
        this.ptrSize = ptrSize;
        this.minLC = minLC;
        this.bigEndian = bigEndian;
        this.regs = regs;
    }

    void writeframes(int fs, int[] textp) {
        SymbolBuilder fsu = ldr.makeSymbolUpdater(fs);
        fsu.setType(SymKind.SDWARFSECT);
        boolean haslr = regs.hasLR();
        int lengthFieldSize = format.lengthFieldSize();
        int cieReserve = haslr ? 32 : 16;
        if (format.dwarf64()) {
            cieReserve += 4; // the wider CIE id
        }
        format.addUnitLength(fsu, cieReserve); // initial length
        format.addOffset(fsu, -1L); // CIE id
        fsu.addUint8(3); // version
        fsu.addUint8(0); // augmentation ""
        DieWriter.uleb(fsu, 1); // code_alignment_factor
        DieWriter.sleb(fsu, DATA_ALIGNMENT_FACTOR);
        DieWriter.uleb(fsu, regs.lr()); // return_address_register
        fsu.addUint8(Dw.CFA_DEF_CFA);
        DieWriter.uleb(fsu, regs.sp());
        if (haslr) {
            DieWriter.uleb(fsu, 0);
            fsu.addUint8(Dw.CFA_SAME_VALUE);
            DieWriter.uleb(fsu, regs.lr());
            fsu.addUint8(Dw.CFA_VAL_OFFSET);
            DieWriter.uleb(fsu, regs.sp());
            DieWriter.uleb(fsu, 0);
        } else {
            // The call pushed the return address: CFA is SP plus a word, and the return address is at CFA-word.
            DieWriter.uleb(fsu, ptrSize);
            fsu.addUint8(Dw.CFA_OFFSET_EXTENDED);
            DieWriter.uleb(fsu, regs.lr());
            DieWriter.uleb(fsu, -ptrSize / DATA_ALIGNMENT_FACTOR);
        }
        long pad = cieReserve + lengthFieldSize - fsu.size();
        if (pad < 0) {
            throw new IllegalStateException("dwarf: cieReserve too small by " + (-pad) + " bytes.");
        }
        fsu.addBytes(new byte[(int) pad]);

        ByteArrayOutputStream deltaBuf = new ByteArrayOutputStream(256);
        PcIter pcsp = new PcIter(minLC);
        int[] fdeFuncs = new int[textp.length];
        int[] fdeBytes = new int[textp.length];
        int fdes = 0;
        for (int s : textp) {
            int funcInfo = DebugInfo.auxSym(ldr, s, GoObject.AUX_FUNCINFO);
            if (funcInfo == 0) {
                continue;
            }
            boolean topFrame = (ldr.dataByte(funcInfo, 9) & FUNCFLAG_TOPFRAME) != 0;
            int fpcsp = DebugInfo.auxSym(ldr, s, GoObject.AUX_PCSP);
            int fnLen = ldr.dataSize(s);
            cfaProgram(deltaBuf, pcsp, fpcsp == 0 ? ByteBuffer.allocate(0) : ldr.data(fpcsp), fnLen, topFrame);
            long fdeLength = 4 + 2L * ptrSize + deltaBuf.size();
            if (format.dwarf64()) {
                fdeLength += 4; // the wider CIE pointer
            }
            format.addUnitLength(fsu, fdeLength);
            format.addOffset(fsu, 0); // CIE offset
            long v = ldr.symValue(s);
            if (v != 0) {
                fsu.addUintN(v, ptrSize);
            } else {
                fsu.addAddrPlus(s, 0);
            }
            fsu.addUintN(fnLen, ptrSize); // address range
            fsu.addBytes(deltaBuf.toByteArray());
            fdeFuncs[fdes] = s;
            fdeBytes[fdes++] = (int) (fdeLength + lengthFieldSize);
            if (cuSizes != null) {
                dev.golink.loader.Library lib = ldr.symTextLib(s);
                cuSizes.addCuSize(".debug_frame", lib == null ? "" : lib.pkg(), fdeLength + lengthFieldSize);
            }
        }
        state.frameSym = fs;
        state.fdeFuncs = java.util.Arrays.copyOf(fdeFuncs, fdes);
        state.fdeBytes = java.util.Arrays.copyOf(fdeBytes, fdes);
    }

    /**
     * A function's call frame instructions into {@code deltaBuf}, padded to a word, from its
     * pc-to-SP-delta table {@code pcspData}. (A loop body over every function, a method: a fresh
     * JVM compiles a method after a few hundred calls, a loop inside one call only after thousands
     * of turns.)
     */
    private void cfaProgram(ByteArrayOutputStream deltaBuf, PcIter pcsp, ByteBuffer pcspData, int fnLen,
            boolean topFrame) {
        boolean haslr = regs.hasLR();
        deltaBuf.reset();
        if (haslr && topFrame) {
            deltaBuf.write(Dw.CFA_UNDEFINED);
            Leb128.putUleb(deltaBuf, regs.lr());
        }
        for (pcsp.init(pcspData); !pcsp.done; pcsp.next()) {
            long nextpc = pcsp.nextPC;
            // Keep the last CFA rule within the function: a rule at its end would describe the next one.
            if (nextpc == fnLen) {
                nextpc--;
                if (nextpc < pcsp.pc) {
                    continue;
                }
            }
            long spdelta = pcsp.value;
            if (!haslr) {
                spdelta += ptrSize;
            }
            if (haslr && !topFrame) {
                if (pcsp.value > 0) {
                    deltaBuf.write(Dw.CFA_OFFSET_EXTENDED_SF);
                    Leb128.putUleb(deltaBuf, regs.lr());
                    Leb128.putSleb(deltaBuf, -spdelta / DATA_ALIGNMENT_FACTOR);
                } else {
                    deltaBuf.write(Dw.CFA_SAME_VALUE);
                    Leb128.putUleb(deltaBuf, regs.lr());
                }
            }
            appendPCDeltaCFA(deltaBuf, nextpc - pcsp.pc, spdelta);
        }
        int len = deltaBuf.size();
        int padded = (len + ptrSize - 1) / ptrSize * ptrSize;
        for (int i = len; i < padded; i++) {
            deltaBuf.write(0);
        }
    }

    private void appendPCDeltaCFA(ByteArrayOutputStream b, long deltapc, long cfa) {
        b.write(Dw.CFA_DEF_CFA_OFFSET_SF);
        Leb128.putSleb(b, cfa / DATA_ALIGNMENT_FACTOR);
        if (deltapc < 0x40) {
            b.write((int) (Dw.CFA_ADVANCE_LOC + deltapc));
        } else if (deltapc < 0x100) {
            b.write(Dw.CFA_ADVANCE_LOC1);
            b.write((int) deltapc);
        } else if (deltapc < 0x10000) {
            b.write(Dw.CFA_ADVANCE_LOC2);
            putN(b, deltapc, 2);
        } else {
            b.write(Dw.CFA_ADVANCE_LOC4);
            putN(b, deltapc, 4);
        }
    }

    private void putN(ByteArrayOutputStream b, long v, int n) {
        for (int i = 0; i < n; i++) {
            int shift = 8 * (bigEndian ? n - 1 - i : i);
            b.write((int) (v >>> shift));
        }
    }
}
