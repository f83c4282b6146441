package dev.golink.elf;

import dev.golink.GoString;
import dev.golink.Target;
import dev.golink.arch.Arches;
import dev.golink.arch.ElfOs;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The dynamic ELF executable's parts that stand alone; the conformance suite compares whole
 * solaris/amd64 and illumos/amd64 links with cmd/link's.
 */
class ElfDynamicTest {

    /** Values of the System V ABI's hash, as the dynamic loader computes them. */
    @Test
    void elfhashIsTheSystemVHash() {
        assertEquals(0, ElfDynamic.elfhash(GoString.encode("")));
        assertEquals(0x077905a6, ElfDynamic.elfhash(GoString.encode("printf")));
        assertEquals(0x007e90a5, ElfDynamic.elfhash(GoString.encode("write")));
        assertEquals(0x065c44, ElfDynamic.elfhash(GoString.encode("_end")));
        // Long enough for the high nibble to fold back in.
        assertEquals(0x0260ebb5, ElfDynamic.elfhash(GoString.encode("pthread_attr_setdetachstate")));
    }

    @Test
    void solarisAndIllumosAreAlwaysDynamicLinuxNever() {
        for (String goos : new String[] {"solaris", "illumos"}) {
            ElfOs os = Arches.spec(new Target(goos, "amd64")).elfOs();
            assertTrue(os.alwaysDynamic(), goos);
            assertEquals("/lib/amd64/ld.so.1", os.interpreter());
            assertEquals(ElfOs.Stack.SUNW_STACK, os.stack());
        }
        assertFalse(Arches.spec(new Target("linux", "amd64")).elfOs().alwaysDynamic());
    }
}
