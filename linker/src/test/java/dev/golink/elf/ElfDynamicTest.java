package dev.golink.elf;

import dev.golink.Target;
import dev.golink.arch.Arches;
import dev.golink.arch.ElfOs;
import dev.golink.arch.TargetSpec;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The pieces of the dynamic-loader tables that do not need a link (the rest: the BSD, solaris
 * and illumos golden cases).
 */
class ElfDynamicTest {

    @Test
    void versionedOpenBsdLibrariesLoseTheirVersion() {
        assertEquals("libc.so", ElfDynamic.trimLibVersion("libc.so.96.1"));
        assertNull(ElfDynamic.trimLibVersion("libc.so"));
        assertNull(ElfDynamic.trimLibVersion("libc.so.96"));
        assertNull(ElfDynamic.trimLibVersion("libc.so.x.1"));
        assertNull(ElfDynamic.trimLibVersion("libc.a.1.2"));
    }

    @Test
    void elfHashIsTheSystemVOne() {
        // The values the System V ABI's hash is known by.
        assertEquals(0L, ElfDynamic.elfhash(new byte[0]));
        assertEquals(0x077905a6L, ElfDynamic.elfhash("printf".getBytes(StandardCharsets.US_ASCII)));
        assertEquals(0x0006cf04L, ElfDynamic.elfhash("exit".getBytes(StandardCharsets.US_ASCII)));
        assertEquals(0x007e90a5L, ElfDynamic.elfhash("write".getBytes(StandardCharsets.US_ASCII)));
        assertEquals(0x065c44L, ElfDynamic.elfhash("_end".getBytes(StandardCharsets.US_ASCII)));
        // Long enough for the high nibble to fold back in.
        assertEquals(0x0260ebb5L, ElfDynamic.elfhash(
                "pthread_attr_setdetachstate".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void solarisAndIllumosNameLibcsLoaderAndSunwStack() {
        for (String goos : new String[] {"solaris", "illumos"}) {
            TargetSpec spec = Arches.spec(new Target(goos, "amd64"));
            ElfOs os = spec.elfOs();
            assertEquals("/lib/amd64/ld.so.1", spec.interpreter(), goos);
            assertEquals(goos, os.goos());
            assertEquals(0, os.osabi(), goos);
            assertEquals(1, os.stackPhdrs().size(), goos);
            assertEquals(0x6ffffffb, os.stackPhdrs().get(0).type(), goos);
            assertTrue(os.endSymbols() && os.pltAddresses(), goos);
        }
        ElfOs linux = Arches.spec(new Target("linux", "amd64")).elfOs();
        assertFalse(linux.endSymbols() || linux.pltAddresses());
    }
}
