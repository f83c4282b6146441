package dev.golink.dwarf;

import dev.golink.loader.GoPaths;

import dev.golink.goobj.GoObject;
import dev.golink.loader.Loader;
import dev.golink.loader.SymbolBuilder;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A unit's .debug_line contribution (cf. ld.writelines): a DWARF 2 line
 * program header with the unit's directory and file tables, followed by the
 * line programs the compiler wrote for each of its functions.
 */
final class LineTable {

    private static final int LINE_BASE = -4;
    private static final int LINE_RANGE = 10;
    private static final int OPCODE_BASE = 11;

    private final Loader ldr;
    private final String gorootFinal;
    private final DwarfFormat format;
    /** Where each package's size of the section goes (XCOFF's symbol table needs them), or null. */
    private final DwarfState cuSizes;

    LineTable(Loader ldr, String gorootFinal, DwarfFormat format, DwarfState cuSizes) {
        this.ldr = ldr;
        this.gorootFinal = gorootFinal;
        this.format = format;
        this.cuSizes = cuSizes;
    }

    /** A file name as the tables show it: no file-symbol prefix, $GOROOT expanded (cf. ld.expandFile). */
    String expandFile(String fname) {
        if (fname.startsWith("gofile..")) {
            fname = fname.substring("gofile..".length());
        }
        int n = "$GOROOT".length();
        if (fname.length() >= n + 1 && fname.startsWith("$GOROOT")
                && (fname.charAt(n) == '/' || fname.charAt(n) == '\\')) {
            if (gorootFinal != null && !gorootFinal.isEmpty()) {
                // As filepath.Join on Linux: a backslash is a byte of the name, not a separator.
                return GoPaths.join(gorootFinal, fname.substring(n));
            }
        }
        return fname;
    }

    /**
     * Writes the header into {@code lineProlog} and returns the unit's line
     * symbols; sets the unit's DW_AT_stmt_list. Returns the gdb script path
     * found in the runtime's file table, or null, through {@code gdbscript}.
     */
    List<Integer> writelines(CompUnit unit, int lineProlog, String[] gdbscript) {
        List<Integer> syms = new ArrayList<>(unit.textp.size() + 2);
        syms.add(lineProlog);
        SymbolBuilder lsu = ldr.makeSymbolUpdater(lineProlog);
        unit.dwInfo.newattr(Dw.AT_STMT_LIST, Dw.CLS_PTR, 0, lineProlog);

        long unitLengthOffset = lsu.size();
        format.addUnitLength(lsu, 0); // unit_length, set below
        long unitstart = lsu.size();
        lsu.addUint16(2); // DWARF version 2: what dsymutil accepts
        long headerLengthOffset = lsu.size();
        format.addOffset(lsu, 0); // header_length, set below
        long headerstart = lsu.size();
        lsu.addUint8(1); // minimum_instruction_length
        lsu.addUint8(1); // default_is_stmt
        lsu.addUint8(LINE_BASE & 0xff);
        lsu.addUint8(LINE_RANGE);
        lsu.addUint8(OPCODE_BASE);
        lsu.addBytes(new byte[] {0, 1, 1, 1, 1, 0, 0, 0, 1, 0}); // standard_opcode_lengths[1..10]
        writeDirFileTables(unit, lsu, gdbscript);
        long headerend = lsu.size();
        long unitlen = lsu.size() - unitstart;
        for (int fn : unit.textp) {
            int lines = DebugInfo.auxSym(ldr, fn, GoObject.AUX_DWARFLINES);
            if (lines != 0) {
                syms.add(lines);
                unitlen += ldr.dataSize(lines);
            }
        }
        if (cuSizes != null) {
            cuSizes.addCuSize(".debug_line", unit.pkg(), unitlen);
        }
        format.setUnitLength(lsu, unitLengthOffset, unitlen);
        format.setOffset(lsu, headerLengthOffset, headerend - headerstart);
        return syms;
    }

    private void writeDirFileTables(CompUnit unit, SymbolBuilder lsu, String[] gdbscript) {
        Map<String, Integer> dirNums = new HashMap<>();
        List<String> dirs = new ArrayList<>();
        dirs.add("");
        List<String> fileBases = new ArrayList<>();
        List<Integer> fileDirs = new ArrayList<>();
        int nfiles = ldr.unitFileCount(unit.unit);
        for (int i = 0; i < nfiles; i++) {
            String name = expandFile(ldr.unitFile(unit.unit, i));
            if (name.isEmpty()) {
                name = "<missing>_" + i;
            }
            String file = GoPaths.base(name);
            String dir = GoPaths.dir(name);
            Integer dirIdx = dirNums.get(dir);
            if (dirIdx == null) {
                dirIdx = 0;
                if (!dir.equals(".")) {
                    dirIdx = dirNums.size() + 1;
                    dirNums.put(dir, dirIdx);
                    dirs.add(dir);
                }
            }
            fileBases.add(file);
            fileDirs.add(dirIdx);
            int k = name.indexOf("runtime/proc.go");
            if (k >= 0 && unit.pkg().equals("runtime")) {
                synchronized (gdbscript) {
                    if (gdbscript[0] == null) {
                        gdbscript[0] = name.substring(0, k) + "runtime/runtime-gdb.py";
                    }
                }
            }
        }
        for (int k = 1; k < dirs.size(); k++) {
            lsu.addCString(dev.golink.GoString.encode(dirs.get(k)));
        }
        lsu.addUint8(0);
        for (int k = 0; k < fileBases.size(); k++) {
            lsu.addCString(dev.golink.GoString.encode(fileBases.get(k)));
            DieWriter.uleb(lsu, fileDirs.get(k));
            lsu.addUint8(0); // mtime
            lsu.addUint8(0); // length
        }
        lsu.addUint8(0);
    }
}
