package dev.golink.pe;

import dev.golink.LinkException;
import dev.golink.outbuf.OutWriter;

import java.nio.charset.StandardCharsets;

/**
 * The import directory (cf. addimports): the .idata section holds a descriptor
 * per DLL, the DLL names, each function's hint and name, and the lookup table
 * (the original first thunks); the address table the loader fills (the first
 * thunks) is .windynamic in the data, written here with the same entries.
 */
final class PeImports {

    /** IMAGE_IMPORT_DESCRIPTOR's size. */
    private static final int DESCRIPTOR_SIZE = 20;

    private final Pe pe;
    private final PeFile f;
    private final boolean pe64;

    PeImports(Pe pe, PeFile f) {
        this.pe = pe;
        this.f = f;
        this.pe64 = pe.ctxt.ptrSize() == 8;
    }

    void write(OutWriter out) throws LinkException {
        long startoff = out.offset();
        // The descriptors come first but are written last, once the offsets are known.
        out.seek(startoff + (long) DESCRIPTOR_SIZE * (pe.dlls.size() + 1));
        for (Pe.Dll d : pe.dlls) {
            d.nameoff = out.offset() - startoff;
            strput(out, d.name);
        }
        for (Pe.Dll d : pe.dlls) {
            for (Pe.Imp m : d.imports) {
                m.off = f.nextSectOffset + out.offset() - startoff;
                out.write16(0); // no hint
                strput(out, m.name);
            }
        }
        long oftbase = out.offset() - startoff;
        long thunks = out.offset();
        for (Pe.Dll d : pe.dlls) {
            d.thunkoff = out.offset() - thunks;
            thunks(out, d);
        }
        long n = out.offset() - startoff;
        PeFile.Section isect = f.addSection(".idata", n, n);
        isect.characteristics = PeFile.IMAGE_SCN_CNT_INITIALIZED_DATA | PeFile.IMAGE_SCN_MEM_READ
                | PeFile.IMAGE_SCN_MEM_WRITE;
        isect.checkOffset(startoff);
        isect.pad(out, n);
        long endoff = out.offset();

        long dynamicAddr = pe.ldr.symValue(pe.windynamic);
        long ftbase = dynamicAddr - f.dataSect.virtualAddress - pe.peBase;
        out.seek(f.dataSect.pointerToRawData + ftbase);
        for (Pe.Dll d : pe.dlls) {
            thunks(out, d);
        }

        out.seek(startoff);
        for (Pe.Dll d : pe.dlls) {
            out.write32(isect.virtualAddress + oftbase + d.thunkoff);
            out.write32(0);
            out.write32(0);
            out.write32(isect.virtualAddress + d.nameoff);
            out.write32(f.dataSect.virtualAddress + ftbase + d.thunkoff);
        }
        out.zeros(DESCRIPTOR_SIZE);

        f.dataDirectory[PeFile.IMAGE_DIRECTORY_ENTRY_IMPORT][0] = isect.virtualAddress;
        f.dataDirectory[PeFile.IMAGE_DIRECTORY_ENTRY_IMPORT][1] = isect.virtualSize;
        f.dataDirectory[PeFile.IMAGE_DIRECTORY_ENTRY_IAT][0] = dynamicAddr - pe.peBase;
        f.dataDirectory[PeFile.IMAGE_DIRECTORY_ENTRY_IAT][1] = pe.ldr.symSize(pe.windynamic);
        out.seek(endoff);
    }

    /** A DLL's run of thunks: each import's name RVA, then a null entry. */
    private void thunks(OutWriter out, Pe.Dll d) {
        for (Pe.Imp m : d.imports) {
            ptr(out, m.off);
        }
        ptr(out, 0);
    }

    private void ptr(OutWriter out, long v) {
        if (pe64) {
            out.write64(v);
        } else {
            out.write32(v);
        }
    }

    /** A NUL-terminated string padded to an even length (cf. strput). */
    private static void strput(OutWriter out, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.write(b);
        out.write8(0);
        if ((b.length + 1) % 2 != 0) {
            out.write8(0);
        }
    }
}
