package dev.golink.wasm;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

class FuncNamesTest {

    private static String sanitize(byte[] b) {
        return new String(FuncNames.sanitize(b), StandardCharsets.ISO_8859_1);
    }

    @Test
    void keepsWordCharactersAndDots() {
        assertEquals("runtime.wasmMove", sanitize("runtime.wasmMove".getBytes(StandardCharsets.UTF_8)));
        assertEquals("internal_cpu.processOptions",
                sanitize("internal/cpu.processOptions".getBytes(StandardCharsets.UTF_8)));
        assertEquals("main.Map_go.shape.int_go.shape.string_",
                sanitize("main.Map[go.shape.int,go.shape.string]".getBytes(StandardCharsets.UTF_8)));
        assertEquals("type..eq._2_interface___", sanitize("type..eq.[2]interface {}".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void oneUnderscorePerRune() {
        // é (2 bytes), € (3 bytes), 😀 (4 bytes): one character each.
        assertEquals("a_b_c_d", sanitize("a\u00e9b\u20acc\ud83d\ude00d".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void oneUnderscorePerInvalidByte() {
        // A lone continuation byte, a truncated sequence, an overlong encoding, a surrogate.
        byte[] b = {'x', (byte) 0x80, (byte) 0xE2, (byte) 0x82, 'y', (byte) 0xC0, (byte) 0xAF, (byte) 0xED,
            (byte) 0xA0, (byte) 0x80, 'z'};
        assertEquals("x___y_____z", sanitize(b));
    }

    /** The edges of Go's decoder: the lowest two-byte lead, continuation bytes 0x80 and 0xBF, a rune that ends the name. */
    @Test
    void theEdgesOfAValidRune() {
        assertEquals("a_b", sanitize("a\u0080b".getBytes(StandardCharsets.UTF_8))); // C2 80
        assertEquals("a_b_c", sanitize("a\u2000b\u203fc".getBytes(StandardCharsets.UTF_8))); // E2 80 80, E2 80 BF
        assertEquals("a_b_", sanitize("a\ud800\udc00b\udbff\udfff".getBytes(StandardCharsets.UTF_8))); // F0 90 80 80, F4 8F BF BF
        assertEquals("a_", sanitize("a\u20ac".getBytes(StandardCharsets.UTF_8)));
    }
}
