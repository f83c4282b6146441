package dev.golink.report;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The reports' byte text: JSON strings, numbers and hexadecimal as the reports have always written them. */
class TextSinkTest {

    @Test
    void jsonStrings() {
        String name = "a\"b\\c\nd\te\u0001<é·\uD83D\uDE00\uD800x";
        assertEquals("\"a\\\"b\\\\c\\nd\\te\\u0001\\u003cé·\uD83D\uDE00\\ud800x\"", new TextSink(1).json(name).toString());
        assertEquals("\"\\u003c/script>\"", new TextSink(1).json("</script>").toString());
    }

    /**
     * A name's bytes escaped as they are give the JSON string of the String they decode to, for
     * every kind of byte: ASCII to escape, characters of 2 to 4 bytes, and bytes of no character
     * (cut sequences, overlong forms, encoded surrogates, beyond U+10FFFF).
     */
    @Test
    void jsonFromBytesAsFromTheirString() {
        byte[][] pieces = {{'a'}, {'"'}, {'\\'}, {'<'}, {'\n'}, {'\t'}, {1}, {0x1f}, {0x7f}, {(byte) 0xc3, (byte) 0xa9},
            {(byte) 0xe2, (byte) 0x82, (byte) 0xac}, {(byte) 0xf0, (byte) 0x9f, (byte) 0x98, (byte) 0x80},
            {(byte) 0xc3}, {(byte) 0xe2, (byte) 0x82}, {(byte) 0xc0, (byte) 0xaf},
            {(byte) 0xed, (byte) 0xa0, (byte) 0x80},
            {(byte) 0xf4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, {(byte) 0x80}, {(byte) 0xff}};
        java.util.Random random = new java.util.Random(7);
        for (int round = 0; round < 5000; round++) {
            ByteArrayOutputStream name = new ByteArrayOutputStream();
            for (int k = random.nextInt(6); k >= 0; k--) {
                name.writeBytes(pieces[random.nextInt(pieces.length)]);
            }
            byte[] b = name.toByteArray();
            assertArrayEquals(new TextSink(1).json(dev.golink.GoString.decode(b)).bytes(),
                    new TextSink(1).jsonUtf8(b).bytes(),
                    () -> java.util.Arrays.toString(b));
        }
    }

    @Test
    void numbersAndUtf8() throws Exception {
        TextSink t = new TextSink(2).add(0L).add(' ').add(-12L).add(' ').add(Long.MAX_VALUE).add(' ').add(Long.MIN_VALUE)
                .add(' ').add(true).add('|').hex(0, 3).add('|').hex(0x4011a0, 10).add('|').hex(-1L, 0).add('|')
                .right("-", 3).add("|é\uD800");
        assertEquals("0 -12 9223372036854775807 -9223372036854775808 true|  0|    4011a0|ffffffffffffffff|  -|é?",
                t.toString());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        t.writeTo(out);
        assertArrayEquals(t.toString().getBytes(StandardCharsets.UTF_8), out.toByteArray());
    }

    @Test
    void numbersOfEveryLength() {
        long v = 0;
        for (int digits = 1; digits <= 19; digits++) {
            v = v * 10 + digits % 10; // 1, 12, 123, ... with every digit
            assertEquals(Long.toString(v), new TextSink(1).add(v).toString());
            assertEquals(Long.toString(v - 1), new TextSink(1).add(v - 1).toString());
            assertEquals(Long.toString(-v), new TextSink(1).add(-v).toString());
        }
        for (long p = 1; p > 0 && p <= Long.MAX_VALUE / 10; p *= 10) {
            assertEquals(Long.toString(p * 10 - 1), new TextSink(1).add(p * 10 - 1).toString());
            assertEquals(Long.toString(p * 10), new TextSink(1).add(p * 10).toString());
        }
        // Where the int arithmetic for small numbers ends.
        for (long w : new long[] {Integer.MAX_VALUE, Integer.MAX_VALUE + 1L, Integer.MIN_VALUE, 4294967295L}) {
            assertEquals(Long.toString(w), new TextSink(1).add(w).toString());
        }
    }

    @Test
    void aLongTextIsKeptInChunksAndWrittenWhole() throws Exception {
        StringBuilder want = new StringBuilder();
        TextSink t = new TextSink(16);
        for (int i = 0; want.length() < 3 * TextSink.CHUNK; i++) {
            String name = "pkg.symbol" + i + (i % 7 == 0 ? "·é" : "");
            t.json(name).add(',').add((long) i).add('\n');
            want.append('"').append(name).append("\",").append(i).append('\n');
            if (i % 4096 == 0) {
                t.add(new byte[TextSink.CHUNK + 5]); // more than a chunk at once: a chunk of its own
                want.append(new String(new byte[TextSink.CHUNK + 5], StandardCharsets.ISO_8859_1));
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        t.writeTo(out);
        assertArrayEquals(want.toString().getBytes(StandardCharsets.UTF_8), out.toByteArray());
        assertArrayEquals(out.toByteArray(), t.bytes());
    }

    @Test
    void oneArrayKeepsItsTextInOneArray() {
        TextSink t = TextSink.oneArray(4);
        for (int i = 0; i < 100_000; i++) {
            t.add("abc");
        }
        assertEquals(300_000, t.size());
        assertEquals("abcabc", new String(t.array(), 299_994, 6, StandardCharsets.US_ASCII));
    }
}
