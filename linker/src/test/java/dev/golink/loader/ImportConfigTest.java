package dev.golink.loader;

import dev.golink.GoQuote;
import dev.golink.LinkException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ImportConfigTest {

    @Test
    void readsPackageFilesAndModinfo(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("importcfg");
        Files.writeString(f, "# comment\n\npackagefile fmt=pkg/fmt.a\n  packagefile main=/abs/main.a  \n"
                + "packageshlib x=libx.so\nmodinfo \"0w\\xaf\\f\\x92t\\b\\x02A\\tpath\\tm\\n\"\n");
        ImportConfig cfg = ImportConfig.read(f, dir);
        assertEquals(Path.of("pkg/fmt.a"), cfg.packageFile("fmt"), "as named: the loader opens it against the folder");
        assertEquals(Path.of("/abs/main.a"), cfg.packageFile("main"));
        assertNull(cfg.packageFile("os"));
        byte[] want = {'0', 'w', (byte) 0xaf, '\f', (byte) 0x92, 't', '\b', 2, 'A', '\t', 'p', 'a', 't', 'h', '\t', 'm', '\n'};
        assertArrayEquals(want, cfg.modinfo());
    }

    @Test
    void bytesThatAreNotUtf8AreAccepted(@TempDir Path dir) throws Exception {
        // cmd/link takes any bytes: a comment or an unused package's name need not be UTF-8.
        Path f = dir.resolve("importcfg");
        Files.write(f, "# caf\u00e9 \u00e9t\u00e9\npackagefile caf\u00e9=pkg/x.a\npackagefile fmt=pkg/fmt.a\n"
                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        ImportConfig cfg = ImportConfig.read(f, dir);
        assertEquals(Path.of("pkg/fmt.a"), cfg.packageFile("fmt"), "as named: the loader opens it against the folder");
    }

    @Test
    void aFileWithoutEndIsRefused(@TempDir Path dir) throws Exception {
        Path zero = Path.of("/dev/zero");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isReadable(zero));
        LinkException e = assertThrows(LinkException.class, () -> ImportConfig.read(zero, dir));
        assertTrue(e.getMessage().contains("not an import configuration"), e.getMessage());
    }

    @Test
    void unknownDirectiveIsRefusedAsCmdLinkDoes(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("importcfg");
        Files.writeString(f, "packagefile fmt=fmt.a\nimportmap old=new\n");
        LinkException e = assertThrows(LinkException.class, () -> ImportConfig.read(f, dir));
        // cmd/link's log.Fatalf: the time, its words, exit status 1.
        assertTrue(e.getMessage().matches("\\d{4}/\\d\\d/\\d\\d \\d\\d:\\d\\d:\\d\\d "
                + java.util.regex.Pattern.quote(f + ":2: unknown directive \"importmap\"")), e.getMessage());
        assertEquals(1, e.exitStatus());
    }

    @Test
    void badSyntax(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("importcfg");
        Files.writeString(f, "packagefile fmt\n");
        LinkException e = assertThrows(LinkException.class, () -> ImportConfig.read(f, dir));
        assertTrue(e.getMessage().contains(":1: invalid packagefile"), e.getMessage());
        Files.writeString(f, "modinfo \"abc\n");
        e = assertThrows(LinkException.class, () -> ImportConfig.read(f, dir));
        assertTrue(e.getMessage().endsWith(":1: invalid modinfo: invalid syntax"), e.getMessage());
    }

    @Test
    void aMissingFileIsSaidInGoWords(@TempDir Path dir) {
        Path f = dir.resolve("none");
        LinkException e = assertThrows(LinkException.class, () -> ImportConfig.read(f, dir));
        assertTrue(e.getMessage().endsWith(" -importcfg: open " + f + ": no such file or directory"), e.getMessage());
        assertEquals(1, e.exitStatus());
    }

    @Test
    void quoteAsGoQuotes() {
        assertEquals("\"importmap\"", GoQuote.quote("importmap"));
        assertEquals("\"a\\\"b\\n\\t\\x01\\x7f\\\\\"", GoQuote.quote("a\"b\n\t\u0001\u007f\\"));
        assertEquals("\"caf\u00e9\"", GoQuote.quote("caf\u00e9"), "printable UTF-8 stays");
        byte[] latin1 = {'c', 'a', 'f', (byte) 0xe9};
        assertEquals("\"caf\\xe9\"", GoQuote.quote(dev.golink.GoString.decode(latin1)), "a byte that is not UTF-8");
        assertEquals("\"\\u00a0\"", GoQuote.quote("\u00a0"), "a space other than U+0020 is escaped");
    }

    @Test
    void unquote() throws Exception {
        assertArrayEquals("a\"b\\c\u00e9".getBytes(StandardCharsets.UTF_8),
                GoQuote.unquote("\"a\\\"b\\\\c\\u00e9\"", "t"));
        assertArrayEquals(new byte[] {(byte) 0xff, 'A'}, GoQuote.unquote("\"\\377\\x41\"", "t"));
        assertArrayEquals("raw\\n".getBytes(StandardCharsets.UTF_8), GoQuote.unquote("`raw\\n`", "t"));
        assertThrows(LinkException.class, () -> GoQuote.unquote("\"\\q\"", "t"));
    }

    @Test
    void paths() {
        assertEquals("golink.dev/corpus/hello", GoPaths.pathToPrefix("golink.dev/corpus/hello"));
        assertEquals("example.com/a%2eb", GoPaths.pathToPrefix("example.com/a.b"));
        assertEquals("a%20b%25%22", GoPaths.pathToPrefix("a b%\""));
        assertEquals("a/b", GoPaths.clean("a//b/./"));
        assertEquals("b", GoPaths.clean("a/../b"));
        assertEquals(".", GoPaths.clean(""));
    }

    @Test
    void cgoDirectives() throws Exception {
        var d = CgoDirectives.parse("[[\"cgo_export_static\",\"main\"],[\"cgo_import_dynamic\",\"libc_exit\",\"_exit\","
                + "\"/usr/lib/libSystem.B.dylib\"],[\"cgo_import_dynamic\",\"_\",\"_\",\"libc\\u0041\"]]\n", "x");
        assertEquals(3, d.size());
        assertEquals("libcA", d.get(2).get(3));
        assertEquals(java.util.List.of("libc_exit"), CgoDirectives.dynamicImports(d));
        assertThrows(LinkException.class, () -> CgoDirectives.parse("[[\"a\"", "x"));
    }
}
