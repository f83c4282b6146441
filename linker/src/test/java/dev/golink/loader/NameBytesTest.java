package dev.golink.loader;

import dev.golink.GoString;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A name's bytes start and end with an affix exactly when the String they decode to does. */
class NameBytesTest {

    @Test
    void affixesOfBytesAreThoseOfTheDecodedName() {
        byte[][] pieces = {{'a'}, {'.'}, {'f'}, {(byte) 0xc2, (byte) 0xb7}, {(byte) 0xc2}, {(byte) 0xb7},
            {(byte) 0xe2, (byte) 0x82}, {(byte) 0xe2, (byte) 0x82, (byte) 0xac}, {(byte) 0xff},
            {(byte) 0xf0, (byte) 0x9f, (byte) 0x98, (byte) 0x80}};
        String[] affixes = {"", "a", ".f", "·f", "·", "f", "a·", "€", "\uD83D\uDE00", "a.a.a.a.a.a"};
        Random random = new Random(3);
        NameBytes n = new NameBytes();
        for (int round = 0; round < 20000; round++) {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            for (int k = random.nextInt(8); k > 0; k--) {
                b.writeBytes(pieces[random.nextInt(pieces.length)]);
            }
            byte[] bytes = b.toByteArray();
            System.arraycopy(bytes, 0, n.room(bytes.length), 0, bytes.length);
            String name = GoString.decode(bytes);
            for (String a : affixes) {
                assertEquals(name.startsWith(a), n.startsWith(GoString.encode(a)), () -> name + " starts with " + a);
                assertEquals(name.endsWith(a), n.endsWith(GoString.encode(a)), () -> name + " ends with " + a);
            }
        }
    }
}
