package dev.golink.wasm;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** A small module written by hand-made functions, read back section by section. */
class ModuleWriterTest {

    /** A section as read back: id, custom name (or null), contents after the name. */
    private record Sec(int id, String name, byte[] body) {
    }

    private static final class Reader {
        final byte[] b;
        int at;

        Reader(byte[] b, int at) {
            this.b = b;
            this.at = at;
        }

        long uleb() {
            long v = 0;
            int shift = 0;
            while (true) {
                int c = b[at++] & 0xff;
                v |= (long) (c & 0x7f) << shift;
                shift += 7;
                if ((c & 0x80) == 0) {
                    return v;
                }
            }
        }

        String name() {
            int n = (int) uleb();
            String s = new String(b, at, n, StandardCharsets.UTF_8);
            at += n;
            return s;
        }
    }

    private static List<Sec> sections(byte[] module) {
        assertArrayEquals(new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0}, Arrays.copyOf(module, 8));
        List<Sec> out = new ArrayList<>();
        Reader r = new Reader(module, 8);
        while (r.at < module.length) {
            int id = module[r.at++];
            int sizeAt = r.at;
            long size = r.uleb();
            assertEquals(5, r.at - sizeAt, "section sizes take five bytes");
            int end = (int) (r.at + size);
            String name = id == 0 ? r.name() : null;
            out.add(new Sec(id, name, Arrays.copyOfRange(module, r.at, end)));
            r.at = end;
        }
        return out;
    }

    private static byte[] write(boolean names) {
        List<FuncType> types = new ArrayList<>(List.of(FuncType.GO_FUNC));
        List<WasmFunc> imports = List.of(
                new WasmFunc("debug".getBytes(StandardCharsets.UTF_8), FuncType.lookup(FuncType.HOST_IMPORT, types),
                        new byte[0]),
                new WasmFunc("runtime.wasmExit".getBytes(StandardCharsets.UTF_8), 1, new byte[0]));
        byte[] ret0 = {0x00, 0x41, 0x00, 0x0b}; // no locals, i32.const 0, end
        List<WasmFunc> fns = List.of(new WasmFunc("go.buildid".getBytes(StandardCharsets.UTF_8), 0, ret0),
                new WasmFunc("wasm_export_run".getBytes(StandardCharsets.UTF_8),
                        FuncType.lookup(FuncType.SPECIAL.get("wasm_export_run"), types), ret0),
                new WasmFunc("main.main".getBytes(StandardCharsets.UTF_8), 0, ret0));
        Functions f = Functions.of(types, imports, fns, "BUILDID".getBytes(StandardCharsets.UTF_8));
        List<DataSect> data = List.of(new DataSect(".rodata", 0x3000, new byte[] {0, 0, 7, 0, 9}));
        WasmWriter w = new WasmWriter(8);
        new ModuleWriter(w).write(f, data, new ModuleWriter.Module(0x5000, 1, 2, 2, "go1.19.8", names));
        return w.toByteArray();
    }

    @Test
    void sectionsInCmdLinksOrder() {
        List<Sec> secs = sections(write(true));
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 9, 10, 11, 0, 0), secs.stream().map(Sec::id).toList());
        assertEquals("go.buildid", secs.get(0).name());
        assertEquals("BUILDID", new String(secs.get(0).body(), StandardCharsets.UTF_8));
        assertEquals("producers", secs.get(11).name());
        assertEquals("name", secs.get(12).name());
        // -s: no name section.
        assertEquals(12, sections(write(false)).size());
    }

    @Test
    void tablesMemoryExportsAndElements() {
        List<Sec> secs = sections(write(true));
        // table: one funcref table of 0x1000 + 3 slots, no maximum
        assertArrayEquals(new byte[] {1, 0x70, 0, (byte) 0x83, 0x20}, secs.get(4).body());
        // memory: (0x5000 + 16 MiB) / 64 KiB pages
        assertArrayEquals(new byte[] {1, 0, (byte) 0x80, 0x02}, secs.get(5).body());
        Reader exports = new Reader(secs.get(7).body(), 0);
        assertEquals(4, exports.uleb());
        List<String> got = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String name = exports.name();
            int kind = exports.b[exports.at++];
            got.add(name + "/" + kind + "/" + exports.uleb());
        }
        // function indices count the two imports first
        assertEquals(List.of("run/0/3", "resume/0/4", "getsp/0/4", "mem/2/0"), got);
        // element: slot 0x1000 + i holds function 2 + i
        assertArrayEquals(new byte[] {1, 0, 0x41, (byte) 0x80, 0x20, 0x0b, 3, 2, 3, 4}, secs.get(8).body());
        // data: the leading zeros of the section are left out
        assertArrayEquals(new byte[] {1, 0, 0x41, (byte) 0x82, (byte) 0xe0, 0x00, 0x0b, 3, 7, 0, 9}, secs.get(10).body());
        // names: defined functions, numbered after the imports
        Reader names = new Reader(secs.get(12).body(), 0);
        assertEquals(1, names.b[names.at++]);
        names.uleb();
        assertEquals(3, names.uleb());
        assertEquals(List.of("2 go.buildid", "3 wasm_export_run", "4 main.main"),
                List.of(names.uleb() + " " + names.name(), names.uleb() + " " + names.name(),
                        names.uleb() + " " + names.name()));
    }

    @Test
    void typesAndImports() {
        List<Sec> secs = sections(write(true));
        // (i32)->i32, (i32)->(), (i32 i32)->()
        assertArrayEquals(new byte[] {3, 0x60, 1, 0x7f, 1, 0x7f, 0x60, 1, 0x7f, 0, 0x60, 2, 0x7f, 0x7f, 0},
                secs.get(1).body());
        Reader imports = new Reader(secs.get(2).body(), 0);
        assertEquals(2, imports.uleb());
        assertEquals("go", imports.name());
        assertEquals("debug", imports.name());
        // function section: the type of each defined function
        assertArrayEquals(new byte[] {3, 0, 2, 0}, secs.get(3).body());
    }
}
