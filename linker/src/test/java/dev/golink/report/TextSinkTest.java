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
        assertEquals("\"a\\\"b\\\\c\\nd\\te\\u0001<é·\uD83D\uDE00\\ud800x\"", new TextSink(1).json(name, false).toString());
        assertEquals("\"\\u003c/script>\"", new TextSink(1).json("</script>", true).toString());
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
}
