package dev.golink.ld;

import dev.golink.GoldenInputs;
import dev.golink.LinkContext;
import dev.golink.Target;
import dev.golink.TestLinks;
import dev.golink.loader.Loader;
import dev.golink.sym.SymKind;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Text addresses against cmd/link's symbol table for the linux/amd64 golden programs. */
class TextAddressTest {

    static final Target AMD64 = new Target("linux", "amd64");

    @TempDir
    static Path work;

    /** Runs the phases up to and including textaddress. */
    static LinkContext throughTextaddress(Path inputs, String program, String... flags) throws Exception {
        return TestLinks.through(GoldenInputs.options(inputs, program, flags), "textaddress");
    }

    /** The name cmd/link gives a symbol in the ELF symbol table (ABI0 twins of Go functions get ".abi0"). */
    static String elfName(Loader ldr, int s) {
        String name = ldr.symName(s);
        if (ldr.symType(s) == SymKind.STEXT && ldr.symVersion(s) == Loader.SYM_VER_ABI0) {
            int s2 = ldr.lookup(name, Loader.SYM_VER_ABI_INTERNAL);
            if (s2 != 0 && ldr.symType(s2) == SymKind.STEXT) {
                return name + ".abi0";
            }
        }
        return name;
    }

    @ParameterizedTest
    @ValueSource(strings = {"hello", "features", "asm"})
    void everyFunctionAtCmdLinksAddress(String program) throws Exception {
        checkTextAddresses(AMD64, program);
    }

    /** The same on the other ELF and Mach-O targets (their backends are not needed up to textaddress). */
    @ParameterizedTest
    @ValueSource(strings = {"linux/386", "linux/arm", "linux/arm64", "linux/mips", "linux/mips64", "linux/ppc64",
            "linux/s390x", "darwin/amd64", "darwin/arm64"})
    void otherTargets(String target) throws Exception {
        checkTextAddresses(Target.parse(target), "features");
    }

    /**
     * -debugtramp=2 takes the second pass whatever the text size; where calls
     * reach everywhere it makes no trampolines and lays text out as the first
     * pass does.
     */
    @org.junit.jupiter.api.Test
    void secondPassWithoutTrampolinesKeepsLayout() throws Exception {
        Path inputs = GoldenInputs.unpack(AMD64, work);
        LinkContext plain = throughTextaddress(inputs, "hello");
        LinkContext ctxt = throughTextaddress(inputs, "hello", "-debugtramp=2");
        assertEquals(plain.textp.length, ctxt.textp.length);
        for (int i = 0; i < ctxt.textp.length; i++) {
            assertEquals(plain.textp[i], ctxt.textp[i]);
            assertEquals(plain.loader().symValue(plain.textp[i]), ctxt.loader().symValue(ctxt.textp[i]));
        }
    }

    /** wasm numbers functions: the record gives each body's index, after the host imports. */
    @ParameterizedTest
    @ValueSource(strings = {"hello", "features", "asm"})
    void wasmFunctionIndices(String program) throws Exception {
        Target t = new Target("js", "wasm");
        Path inputs = GoldenInputs.unpack(t, work);
        Path rec = GoldenRecords.unpack(t, "records.tar.xz", work);
        List<GoldenRecords.Sym> want = new ArrayList<>(GoldenRecords.symbols(rec.resolve(program + ".default.record")).values());
        want.sort(java.util.Comparator.comparingLong(GoldenRecords.Sym::value));
        LinkContext ctxt = throughTextaddress(inputs, program);
        Loader ldr = ctxt.loader();
        long firstIndex = want.get(0).value();
        assertEquals(want.size(), ctxt.textp.length, "function bodies");
        for (GoldenRecords.Sym w : want) {
            int i = (int) (w.value() - firstIndex);
            int s = ctxt.textp[i];
            assertEquals(w.name(), ldr.symName(s).replaceAll("[^\\w.]", "_"), "function " + w.value());
            assertEquals((0x1000L + i) << 16, ldr.symValue(s), w.name());
        }
    }

    static void checkTextAddresses(Target target, String program) throws Exception {
        Path inputs = GoldenInputs.unpack(target, work);
        Path rec = GoldenRecords.unpack(target, "records.tar.xz", work);
        Map<String, GoldenRecords.Sym> want = GoldenRecords.symbols(rec.resolve(program + ".default.record"));
        LinkContext ctxt = throughTextaddress(inputs, program);
        Loader ldr = ctxt.loader();
        int checked = 0;
        List<String> wrong = new ArrayList<>();
        for (int s : ctxt.textp) {
            GoldenRecords.Sym w = want.get(elfName(ldr, s));
            if (w == null) {
                continue; // not in cmd/link's symbol table (file-local)
            }
            checked++;
            // Mach-O records give the distance to the next symbol instead of a size.
            boolean sizeKnown = !target.goos().equals("darwin");
            if (w.value() != ldr.symValue(s) || (sizeKnown && w.size() != ldr.symSize(s))) {
                wrong.add(String.format("%s: %#x/%d, want %#x/%d", w.name(), ldr.symValue(s), ldr.symSize(s), w.value(), w.size()));
            }
        }
        assertTrue(wrong.isEmpty(), wrong.size() + " of " + checked + " differ, first: " + wrong.subList(0, Math.min(10, wrong.size())));
        assertTrue(checked > 1000, "only " + checked + " functions found in the record");
        assertEquals(want.get("runtime.etext").value(), ldr.symValue(ldr.lookup("runtime.etext", 0)));
        assertEquals(want.get("runtime.text").value(), ldr.symValue(ldr.lookup("runtime.text", 0)));
        System.out.println(target + " " + program + ": " + checked + " of " + ctxt.textp.length + " text symbols checked");
    }
}
