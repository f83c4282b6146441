package dev.golink.arch.amd64;

import dev.golink.arch.RelocSite;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The amd64 backend's hook into the generic relocations (its golden relocations are checked by
 * RelocOracle through ArchesTest and the conformance suite).
 */
class Amd64Test {

    /**
     * relocsym's R_TLS_LE is the thread-pointer offset plus the addend (ELF, Plan 9, Darwin). The compiler's
     * have no addend, so no golden case tells the sum from a difference.
     */
    @Test
    void localExecTlsIsTheOffsetPlusTheAddend() {
        RelocSite s = new RelocSite();
        s.add = 24;
        assertEquals(16, new Amd64().tlsLE(s), "ELF: g is at -8 from the thread pointer");
        assertEquals(0x48, new Amd64(0x30).tlsLE(s), "darwin's slot");
        assertEquals(24, new Amd64(0).tlsLE(s));
    }
}
