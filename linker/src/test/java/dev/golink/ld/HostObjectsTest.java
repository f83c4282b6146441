package dev.golink.ld;

import dev.golink.GoldenInputs;
import dev.golink.LinkException;
import dev.golink.LinkOptions;
import dev.golink.Linker;
import dev.golink.Target;
import dev.golink.cli.CommandLine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class HostObjectsTest {

    /** A package with a host object (cgo's C code) is refused by name, whatever -linkmode says, with nothing written. */
    @Test
    void aHostObjectNamesItsPackage(@TempDir Path dir) throws Exception {
        Path inputs = GoldenInputs.unpack(new Target("linux", "amd64"), dir);
        Path strconv = GoldenInputs.packageFile(inputs, "hello", "strconv");
        // An archive is "!<arch>\n" and members: append one whose bytes start as an ELF object.
        byte[] ar = Files.readAllBytes(strconv);
        byte[] elf = {0x7f, 'E', 'L', 'F', 2, 1, 1, 0};
        String header = String.format("%-16s%-12s%-6s%-6s%-8s%-10d`\n", "_x001.o", "0", "0", "0", "644", elf.length);
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(ar);
        if ((ar.length & 1) != 0) {
            b.write('\n');
        }
        b.writeBytes(header.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        b.writeBytes(elf);
        Files.write(strconv, b.toByteArray());
        for (List<String> extra : List.of(List.<String>of(), List.of("-linkmode=internal"))) {
            List<String> args = new ArrayList<>(extra);
            args.addAll(GoldenInputs.linkArgs(inputs, "hello"));
            LinkOptions o = CommandLine.parse(args, GoldenInputs.env(inputs), inputs).options();
            LinkException e = assertThrows(LinkException.class,
                    () -> new Linker(new PrintStream(new ByteArrayOutputStream())).link(o));
            assertEquals("package strconv needs cgo or a C linker: " + inputs.relativize(strconv) + "(_x001.o) is a host"
                    + " object file (ELF, Mach-O, PE or XCOFF); golink links pure Go programs only (build with"
                    + " CGO_ENABLED=0, without .syso files)", e.getMessage());
            assertFalse(Files.exists(o.output()));
        }
    }

    /** The ports where cmd/link refuses -linkmode=internal for cgo, in its words (cf. ld.mustLinkExternal). */
    @Test
    void internalCgoRefusalsAreCmdLinks() {
        assertEquals("mips64 does not support internal cgo", new Target("linux", "mips64").internalCgoRefusal());
        assertEquals("riscv64 does not support internal cgo", new Target("linux", "riscv64").internalCgoRefusal());
        assertEquals("android does not support internal cgo", new Target("android", "arm64").internalCgoRefusal());
        assertEquals("windows/arm64 does not support internal cgo", new Target("windows", "arm64").internalCgoRefusal());
        assertEquals("linux does not support internal cgo", new Target("linux", "ppc64").internalCgoRefusal());
        assertNull(new Target("linux", "ppc64le").internalCgoRefusal());
        assertNull(new Target("linux", "amd64").internalCgoRefusal());
        assertNull(new Target("darwin", "arm64").internalCgoRefusal());
    }
}
