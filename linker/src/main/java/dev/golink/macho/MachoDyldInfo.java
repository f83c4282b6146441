package dev.golink.macho;

import dev.golink.loader.Loader;
import dev.golink.loader.SymbolBuilder;
import dev.golink.sym.Segment;
import dev.golink.sym.Segments;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The rebase and bind opcodes of a position-independent executable (cf.
 * machoDyldInfo), for LC_DYLD_INFO_ONLY: one record per pointer to slide and
 * per .got slot to bind, in the order dynreloc found them, each spelled out
 * in full (no delta encoding), as cmd/link does. Only darwin/arm64 links as
 * PIE; for darwin/amd64 both symbols stay empty.
 */
final class MachoDyldInfo {

    private static final int REBASE_TYPE_POINTER = 1;
    private static final int REBASE_OPCODE_DONE = 0x00;
    private static final int REBASE_OPCODE_SET_TYPE_IMM = 0x10;
    private static final int REBASE_OPCODE_SET_SEGMENT_AND_OFFSET_ULEB = 0x20;
    private static final int REBASE_OPCODE_DO_REBASE_IMM_TIMES = 0x50;

    private static final int BIND_TYPE_POINTER = 1;
    private static final int BIND_SPECIAL_DYLIB_FLAT_LOOKUP = -2;
    private static final int BIND_OPCODE_DONE = 0x00;
    private static final int BIND_OPCODE_SET_DYLIB_ORDINAL_IMM = 0x10;
    private static final int BIND_OPCODE_SET_DYLIB_ORDINAL_ULEB = 0x20;
    private static final int BIND_OPCODE_SET_DYLIB_SPECIAL_IMM = 0x30;
    private static final int BIND_OPCODE_SET_SYMBOL_TRAILING_FLAGS_IMM = 0x40;
    private static final int BIND_OPCODE_SET_TYPE_IMM = 0x50;
    private static final int BIND_OPCODE_SET_SEGMENT_AND_OFFSET_ULEB = 0x70;
    private static final int BIND_OPCODE_DO_BIND = 0x90;

    private MachoDyldInfo() {
    }

    static void machoDyldInfo(Macho m) {
        Loader ldr = m.ldr;
        SymbolBuilder rebase = ldr.createSymForUpdate(".machorebase", 0);
        SymbolBuilder bind = ldr.createSymForUpdate(".machobind", 0);
        if (!m.pie) {
            return;
        }
        Segments segs = m.ctxt.segments;

        rebase.addUint8(REBASE_OPCODE_SET_TYPE_IMM | REBASE_TYPE_POINTER);
        for (Macho.Rebase r : m.rebase) {
            Segment seg = segs.byIndex(ldr.symSect(r.sym())).seg;
            long off = ldr.symValue(r.sym()) + r.off() - seg.vaddr;
            rebase.addUint8(REBASE_OPCODE_SET_SEGMENT_AND_OFFSET_ULEB | segId(segs, seg));
            uleb(rebase, off);
            rebase.addUint8(REBASE_OPCODE_DO_REBASE_IMM_TIMES | 1);
        }
        rebase.addUint8(REBASE_OPCODE_DONE);
        long sz = (rebase.size() + 7) / 8 * 8;
        rebase.grow(sz);
        rebase.setSize(sz);

        Segment gotSeg = segs.byIndex(ldr.symSect(m.gotSym)).seg;
        long gotAddr = ldr.symValue(m.gotSym);
        List<String> dylibs = List.copyOf(m.dylibs);
        bind.addUint8(BIND_OPCODE_SET_TYPE_IMM | BIND_TYPE_POINTER);
        for (Macho.Bind b : m.bind) {
            int targ = b.targ();
            long off = gotAddr + b.gotOff() - gotSeg.vaddr;
            bind.addUint8(BIND_OPCODE_SET_SEGMENT_AND_OFFSET_ULEB | segId(segs, gotSeg));
            uleb(bind, off);
            int d = dylibs.indexOf(m.dynimplib.getOrDefault(targ, "")) + 1;
            if (d == 0) {
                d = BIND_SPECIAL_DYLIB_FLAT_LOOKUP; // not from a known library
            }
            if (d > 0 && d < 128) {
                bind.addUint8(BIND_OPCODE_SET_DYLIB_ORDINAL_IMM | (d & 0xf));
            } else if (d >= 128) {
                bind.addUint8(BIND_OPCODE_SET_DYLIB_ORDINAL_ULEB);
                uleb(bind, d);
            } else {
                bind.addUint8(BIND_OPCODE_SET_DYLIB_SPECIAL_IMM | (d & 0xf));
            }
            bind.addUint8(BIND_OPCODE_SET_SYMBOL_TRAILING_FLAGS_IMM);
            bind.addUint8('_');
            bind.addCString(dev.golink.GoString.encode(m.extname(targ)));
            bind.addUint8(BIND_OPCODE_DO_BIND);
        }
        bind.addUint8(BIND_OPCODE_DONE);
        sz = (bind.size() + 15) / 16 * 16; // 16-byte aligned, as doMachoLink wants the whole
        bind.grow(sz);
        bind.setSize(sz);
    }

    /** The segment's number among the load commands: __PAGEZERO is 0. */
    private static int segId(Segments segs, Segment seg) {
        if (seg == segs.text) {
            return 1;
        }
        if (seg == segs.relrodata) {
            return 2;
        }
        if (seg == segs.data) {
            return segs.relrodata.length > 0 ? 3 : 2;
        }
        throw new IllegalStateException("no Mach-O segment number for " + seg);
    }

    private static void uleb(SymbolBuilder sb, long v) {
        sb.addBytes(uleb(v));
    }

    /** {@code v} as an unsigned LEB128 number. */
    static byte[] uleb(long v) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(10);
        do {
            int c = (int) (v & 0x7f);
            v >>>= 7;
            if (v != 0) {
                c |= 0x80;
            }
            out.write(c);
        } while (v != 0);
        return out.toByteArray();
    }
}
