package dev.golink.wasm;

import java.util.List;

/**
 * Writes the module's bytes, section by section, in cmd/link's order (cf.
 * wasm.asmb2; spec: https://webassembly.github.io/spec/core/binary/modules.html).
 * Every section's size is a five-byte LEB128, patched in when the section is
 * done, as cmd/link writes it.
 */
final class ModuleWriter {

    static final int SECTION_CUSTOM = 0;
    static final int SECTION_TYPE = 1;
    static final int SECTION_IMPORT = 2;
    static final int SECTION_FUNCTION = 3;
    static final int SECTION_TABLE = 4;
    static final int SECTION_MEMORY = 5;
    static final int SECTION_GLOBAL = 6;
    static final int SECTION_EXPORT = 7;
    static final int SECTION_ELEMENT = 9;
    static final int SECTION_CODE = 10;
    static final int SECTION_DATA = 11;

    private static final int WASM_PAGE_SIZE = 64 << 10;
    /** Memory beyond the data that the runtime's start needs without growing it. */
    private static final long INITIAL_HEADROOM = 16 << 20;

    /**
     * The facts the module needs besides its functions and data.
     *
     * @param dataEnd       end of the .data section in linear memory (cf. runtime.data's section)
     * @param exportRun     function index (among the defined ones) of wasm_export_run
     * @param exportResume  of wasm_export_resume
     * @param exportGetsp   of wasm_export_getsp
     * @param goVersion     the toolchain version for the producers section
     * @param nameSection   false with -s: no name section
     */
    record Module(long dataEnd, int exportRun, int exportResume, int exportGetsp, String goVersion,
            boolean nameSection) {
    }

    private final WasmWriter w;
    /** Where each part went, for the size report. */
    private final WasmLayout layout = new WasmLayout();

    ModuleWriter(WasmWriter w) {
        this.w = w;
    }

    /** Writes the module; returns where its parts went. */
    WasmLayout write(Functions f, List<DataSect> dataSects, Module m) {
        section("magic and version", () -> {
            w.write(new byte[] {0x00, 0x61, 0x73, 0x6d}); // magic
            w.write(new byte[] {0x01, 0x00, 0x00, 0x00}); // version
        });
        // The build ID early in the file, where cmd/go finds it.
        if (f.buildid != null && f.buildid.length != 0) {
            section("go.buildid", () -> writeBuildID(f.buildid));
        }
        section("type", () -> writeTypeSec(f.types));
        section("import", () -> writeImportSec(f.hostImports));
        section("function", () -> writeFunctionSec(f.fns));
        section("table", () -> writeTableSec(f.fns.size()));
        section("memory", () -> writeMemorySec(m.dataEnd()));
        section("global", this::writeGlobalSec);
        int numImports = f.hostImports.size();
        section("export", () -> writeExportSec(numImports, m));
        section("element", () -> writeElementSec(numImports, f.fns.size()));
        section("code", () -> writeCodeSec(f.fns));
        section("data", () -> writeDataSec(dataSects));
        section("producers", () -> writeProducerSec(m.goVersion()));
        if (m.nameSection()) {
            section("name", () -> writeNameSec(numImports, f.fns));
        }
        return layout;
    }

    /** Writes one section, recording where it went. */
    private void section(String name, Runnable writer) {
        int at = w.size();
        writer.run();
        layout.section(name, at, w.size() - at);
    }

    private void writeBuildID(byte[] buildid) {
        int size = w.writeSecHeader(SECTION_CUSTOM);
        w.writeName("go.buildid");
        w.write(buildid);
        w.writeSecSize(size);
    }

    private void writeTypeSec(List<FuncType> types) {
        int size = w.writeSecHeader(SECTION_TYPE);
        w.writeUleb128(types.size());
        for (FuncType t : types) {
            w.writeByte(0x60); // functype
            w.writeUleb128(t.params().length);
            w.write(t.params());
            w.writeUleb128(t.results().length);
            w.write(t.results());
        }
        w.writeSecSize(size);
    }

    /** The functions imported from the host: wasm_exec.js provides them as module "go". */
    private void writeImportSec(List<WasmFunc> imports) {
        int size = w.writeSecHeader(SECTION_IMPORT);
        w.writeUleb128(imports.size());
        for (WasmFunc fn : imports) {
            w.writeName("go");
            w.writeName(fn.name());
            w.writeByte(0x00); // a function
            w.writeUleb128(fn.type());
        }
        w.writeSecSize(size);
    }

    /** The type of each defined function; the bodies follow in the code section. */
    private void writeFunctionSec(List<WasmFunc> fns) {
        int size = w.writeSecHeader(SECTION_FUNCTION);
        w.writeUleb128(fns.size());
        for (WasmFunc fn : fns) {
            w.writeUleb128(fn.type());
        }
        w.writeSecSize(size);
    }

    /** One table, for indirect calls: indexed by PC_F, so it starts with FUNC_VALUE_OFFSET unused slots. */
    private void writeTableSec(int numFns) {
        int size = w.writeSecHeader(SECTION_TABLE);
        w.writeUleb128(1); // tables
        w.writeByte(0x70); // funcref
        w.writeByte(0x00); // no maximum
        w.writeUleb128(Functions.FUNC_VALUE_OFFSET + (long) numFns); // minimum
        w.writeSecSize(size);
    }

    /** One linear memory, large enough for the data and the runtime's start. */
    private void writeMemorySec(long dataEnd) {
        int size = w.writeSecHeader(SECTION_MEMORY);
        w.writeUleb128(1); // memories
        w.writeByte(0x00); // no maximum
        w.writeUleb128((dataEnd + INITIAL_HEADROOM) / WASM_PAGE_SIZE); // initial pages
        w.writeSecSize(size);
    }

    /** The registers of Go's wasm ABI, as mutable globals starting at zero. */
    private void writeGlobalSec() {
        byte[] globalRegs = {
            FuncType.I32, // SP
            FuncType.I64, // CTXT
            FuncType.I64, // g
            FuncType.I64, // RET0
            FuncType.I64, // RET1
            FuncType.I64, // RET2
            FuncType.I64, // RET3
            FuncType.I32, // PAUSE
        };
        int size = w.writeSecHeader(SECTION_GLOBAL);
        w.writeUleb128(globalRegs.length);
        for (byte typ : globalRegs) {
            w.writeByte(typ);
            w.writeByte(0x01); // mutable
            if (typ == FuncType.I32) {
                w.writeI32Const(0);
            } else {
                w.writeI64Const(0);
            }
            w.writeByte(0x0b); // end
        }
        w.writeSecSize(size);
    }

    /** What wasm_exec.js calls (run, resume, getsp) and the memory it reads. */
    private void writeExportSec(int numImports, Module m) {
        int size = w.writeSecHeader(SECTION_EXPORT);
        w.writeUleb128(4);
        String[] names = {"run", "resume", "getsp"};
        int[] indices = {m.exportRun(), m.exportResume(), m.exportGetsp()};
        for (int i = 0; i < names.length; i++) {
            w.writeName(names[i]);
            w.writeByte(0x00); // a function
            w.writeUleb128(Integer.toUnsignedLong(numImports + indices[i]));
        }
        w.writeName("mem");
        w.writeByte(0x02); // a memory
        w.writeUleb128(0);
        w.writeSecSize(size);
    }

    /** Fills the table: slot FUNC_VALUE_OFFSET + i holds defined function i. */
    private void writeElementSec(long numImports, long numFns) {
        int size = w.writeSecHeader(SECTION_ELEMENT);
        w.writeUleb128(1); // segments
        w.writeUleb128(0); // table index
        w.writeI32Const(Functions.FUNC_VALUE_OFFSET);
        w.writeByte(0x0b); // end
        w.writeUleb128(numFns);
        for (long i = 0; i < numFns; i++) {
            w.writeUleb128(numImports + i);
        }
        w.writeSecSize(size);
    }

    private void writeCodeSec(List<WasmFunc> fns) {
        int size = w.writeSecHeader(SECTION_CODE);
        w.writeUleb128(fns.size());
        layout.functions(fns.size());
        for (int i = 0; i < fns.size(); i++) {
            WasmFunc fn = fns.get(i);
            int at = w.size();
            w.writeUleb128(fn.code().length);
            w.write(fn.code());
            layout.code(i, at, w.size() - at);
        }
        w.writeSecSize(size);
    }

    private void writeDataSec(List<DataSect> dataSects) {
        int size = w.writeSecHeader(SECTION_DATA);
        List<DataSegments.Segment> segments = DataSegments.split(dataSects);
        w.writeUleb128(segments.size());
        for (DataSegments.Segment seg : segments) {
            int at = w.size();
            w.writeUleb128(0); // memory index
            w.writeI32Const(seg.offset());
            w.writeByte(0x0b); // end
            w.writeUleb128(seg.length());
            layout.dataSegment(at, w.size() - at, Integer.toUnsignedLong(seg.offset()), seg.length());
            w.write(seg.data(), seg.from(), seg.length());
        }
        w.writeSecSize(size);
    }

    /** The source language and the compiler. */
    private void writeProducerSec(String goVersion) {
        int size = w.writeSecHeader(SECTION_CUSTOM);
        w.writeName("producers");
        w.writeUleb128(2); // fields
        w.writeName("language");
        w.writeUleb128(1); // values
        w.writeName("Go");
        w.writeName(goVersion);
        w.writeName("processed-by");
        w.writeUleb128(1);
        w.writeName("Go cmd/compile");
        w.writeName(goVersion);
        w.writeSecSize(size);
    }

    /** Function names, for stack traces and debuggers. */
    private void writeNameSec(int firstFnIndex, List<WasmFunc> fns) {
        int size = w.writeSecHeader(SECTION_CUSTOM);
        w.writeName("name");
        int sub = w.writeSecHeader(0x01); // function names
        w.writeUleb128(fns.size());
        layout.names(fns.size());
        for (int i = 0; i < fns.size(); i++) {
            int at = w.size();
            w.writeUleb128(firstFnIndex + i);
            int name = w.size();
            w.writeName(fns.get(i).name());
            layout.name(i, name - at, w.size() - name);
        }
        w.writeSecSize(sub);
        w.writeSecSize(size);
    }
}
