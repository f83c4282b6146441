package dev.golink.elf;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The pieces of the dynamic-loader tables that do not need a link (the rest: the openbsd golden cases). */
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
    }
}
