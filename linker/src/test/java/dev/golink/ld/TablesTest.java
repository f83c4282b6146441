package dev.golink.ld;

import dev.golink.GoldenInputs;
import dev.golink.LinkContext;
import dev.golink.TestLinks;
import dev.golink.Target;
import dev.golink.loader.Loader;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The tables made from linksetup to symtab that are plain data (findfunctab,
 * go.buildinfo) or whose size is known (typelink, itablink, moduledata), on
 * every ELF and Mach-O target, against cmd/link's records.
 */
class TablesTest {

    @TempDir
    static Path work;

    static LinkContext throughSymtab(Path inputs, String program) throws Exception {
        return TestLinks.through(GoldenInputs.options(inputs, program), "symtab");
    }

    private static String sha(Loader ldr, int s) throws Exception {
        ByteBuffer d = ldr.data(s);
        byte[] b = new byte[(int) ldr.symSize(s)];
        d.get(0, b, 0, Math.min(d.remaining(), b.length));
        return PclntabTest.sha256(b);
    }

    @ParameterizedTest
    @ValueSource(strings = {"linux/amd64", "linux/386", "linux/arm", "linux/arm64", "linux/mips", "linux/mips64",
            "linux/ppc64", "linux/s390x", "darwin/amd64", "darwin/arm64"})
    void tablesMatchCmdLink(String target) throws Exception {
        Target t = Target.parse(target);
        for (String program : GoldenInputs.PROGRAMS) {
            Path inputs = GoldenInputs.unpack(t, work);
            Path rec = GoldenRecords.unpack(t, "records.tar.xz", work);
            Map<String, GoldenRecords.Sym> want = GoldenRecords.symbols(rec.resolve(program + ".default.record"));
            LinkContext ctxt = throughSymtab(inputs, program);
            Loader ldr = ctxt.loader();
            String where = target + " " + program + ": ";
            boolean macho = t.goos().equals("darwin");

            int ff = ldr.lookup("runtime.findfunctab", 0);
            assertEquals(want.get("runtime.findfunctab").sha(), sha(ldr, ff), where + "findfunctab");
            int bi = ldr.lookup("go.buildinfo", 0);
            assertEquals(want.get("go.buildinfo").sha(), sha(ldr, bi), where + "go.buildinfo");
            if (!macho) {
                // Mach-O records give distances, not sizes.
                for (String name : new String[] {"runtime.typelink", "runtime.itablink", "runtime.firstmoduledata",
                        "runtime.findfunctab", "go.buildinfo.ref"}) {
                    assertEquals(want.get(name).size(), ldr.symSize(ldr.lookup(name, 0)), where + name);
                }
            }
        }
    }
}
