package dev.golink;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class GoStringTest {

    @Test
    void utf8IsDecodedAsJavaDecodesIt() {
        String s = "caf\u00e9/\u4e16\u754c/\ud83d\ude00.go";
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        assertEquals(s, GoString.decode(b));
        assertArrayEquals(b, GoString.encode(s));
    }

    @Test
    void bytesThatAreNotUtf8ComeBackUnchanged() {
        byte[] latin1 = "/tmp/caf\u00e9/main.go".getBytes(StandardCharsets.ISO_8859_1);
        String s = GoString.decode(latin1);
        assertEquals("/tmp/caf\udce9/main.go", s);
        assertArrayEquals(latin1, GoString.encode(s));
        // Overlong forms, surrogates, truncated sequences and bytes above 0xF4 are not UTF-8 either.
        for (byte[] b : new byte[][] {{(byte) 0xc0, (byte) 0x80}, {(byte) 0xed, (byte) 0xa0, (byte) 0x80},
                {(byte) 0xe4, (byte) 0xb8}, {(byte) 0xff, 'a'}, {(byte) 0xf4, (byte) 0x90, (byte) 0x80, (byte) 0x80}}) {
            assertArrayEquals(b, GoString.encode(GoString.decode(b)));
        }
        Random r = new Random(1);
        for (int i = 0; i < 2000; i++) {
            byte[] b = new byte[r.nextInt(12)];
            r.nextBytes(b);
            assertArrayEquals(b, GoString.encode(GoString.decode(b)));
        }
    }
}
