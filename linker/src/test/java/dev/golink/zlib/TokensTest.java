package dev.golink.zlib;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The distance codes computed from bit positions agree with RFC 1951's table. */
class TokensTest {

    @Test
    void offsetCodesMatchTheRfcTable() {
        int code = 0;
        int base = 0;
        for (int xoffset = 0; xoffset < Tokens.MAX_MATCH_OFFSET; xoffset++) {
            int extra = code < 4 ? 0 : code / 2 - 1;
            if (xoffset == base + (1 << extra)) {
                base = xoffset;
                code++;
                extra = code < 4 ? 0 : code / 2 - 1;
            }
            assertEquals(code, Tokens.offsetCode(xoffset), "code of distance " + (xoffset + 1));
            assertEquals(extra, Tokens.offsetExtraBits(xoffset), "extra bits of distance " + (xoffset + 1));
            assertEquals(extra, Tokens.OFFSET_EXTRA_BITS[code]);
        }
        assertEquals(29, code);
    }

    @Test
    void matchTokensCarryCodeAndExtraBits() {
        int t = Tokens.match(10, 300);
        assertEquals(Tokens.LENGTH_INDEX_START + 10, t & Tokens.INDEX_MASK);
        // Distance 301: code 16, base 257, 7 extra bits holding 44.
        assertEquals(16, Tokens.offsetCodeOf(t));
        assertEquals(44, t >>> Tokens.OFFSET_EXTRA_SHIFT);
        assertEquals(Tokens.NO_OFFSET, Tokens.offsetCodeOf(Tokens.literal(255)));
    }
}
