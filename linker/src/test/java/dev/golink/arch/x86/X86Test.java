package dev.golink.arch.x86;

import dev.golink.arch.Arch;
import dev.golink.arch.RelocOracle;
import dev.golink.arch.RelocSite;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;

import static dev.golink.goobj.RelocTypes.R_CALL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The 386 backend has no relocation kind of its own: the oracle checks that
 * the generic kinds, computed as relocsym does with this backend's facts and
 * TLS offset, give cmd/link's bytes.
 */
class X86Test {

    @TempDir
    static Path work;

    @ParameterizedTest
    @ValueSource(strings = {"hello", "asm"})
    void genericRelocationsMatchCmdLink(String program) throws Exception {
        RelocOracle.Result r = RelocOracle.check("386", program, work, 0);
        assertEquals(0, r.backend.checked(), r.report());
        assertTrue(r.generic.checked("R_TLS_LE") > 1000 && r.generic.checked("R_CALL") > 10000, r.report());
    }

    @Test
    void noKindsOfItsOwn() {
        Arch a = new X86();
        RelocSite s = new RelocSite();
        s.type = R_CALL;
        assertFalse(a.archreloc(s));
        assertFalse(a.needsTrampolines());
        s.add = 0;
        assertEquals(-4, a.tlsLE(s), "g is the word before the thread pointer");
        // relocsym adds the addend to the offset; the compiler's R_TLS_LE have none, so no golden case shows it.
        s.add = 12;
        assertEquals(8, a.tlsLE(s));
        assertEquals(12, new X86(0).tlsLE(s), "windows: the addend alone");
    }
}
