package dev.golink;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

class FileMappingsTest {

    /** Maps two regions of {@code file}, writes through both, unmaps, renames the file. */
    static void mapWriteCloseRename(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE)) {
            ch.truncate(0);
            ch.write(ByteBuffer.allocate(1), 8191);
            FileMappings m = new FileMappings();
            ByteBuffer a = m.map(ch, FileChannel.MapMode.READ_WRITE, 0, 4096);
            ByteBuffer b = m.map(ch, FileChannel.MapMode.READ_WRITE, 4096, 4096);
            a.put(0, (byte) 'g');
            b.put(4095, (byte) 'o');
            m.close();
            m.close();
        }
        Files.move(file, file.resolveSibling(file.getFileName() + ".renamed"));
    }

    @Test
    void writesReachTheFileAndUnmappingIsAtOnce(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("out");
        mapWriteCloseRename(file);
        byte[] got = Files.readAllBytes(dir.resolve("out.renamed"));
        assertEquals(8192, got.length);
        assertArrayEquals(new byte[] {'g', 'o'}, new byte[] {got[0], got[8191]});
    }

    /** An input mapped read-only is gone from the process's mappings once closed, not at the next full collection. */
    @Test
    void readOnlyMappingsGoAtClose(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("input.a");
        Files.write(file, "!<arch>\n".repeat(1024).getBytes(StandardCharsets.ISO_8859_1));
        FileMappings m = new FileMappings();
        ByteBuffer b;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            b = m.map(ch, FileChannel.MapMode.READ_ONLY, 0, ch.size());
        }
        assertEquals('!', b.get(8));
        Path maps = Path.of("/proc/self/maps");
        assumeFalse(!Files.isReadable(maps), "no /proc/self/maps here");
        assertEquals(1, Files.readAllLines(maps).stream().filter(l -> l.endsWith(file.toString())).count());
        m.close();
        assertEquals(0, Files.readAllLines(maps).stream().filter(l -> l.endsWith(file.toString())).count());
    }

    /**
     * On every other Java runtime installed beside this one (Java 24+ warns on Unsafe's
     * invokeCleaner, Java 22+ maps through an arena): the same, with nothing on stderr or stdout.
     */
    @Test
    void otherInstalledRuntimesPrintNothing(@TempDir Path dir) throws Exception {
        List<Path> javas = new ArrayList<>();
        Path jvms = Path.of("/usr/lib/jvm");
        if (Files.isDirectory(jvms)) {
            try (Stream<Path> s = Files.list(jvms)) {
                s.map(p -> p.resolve("bin/java")).filter(Files::isExecutable).forEach(javas::add);
            }
        }
        assumeFalse(javas.isEmpty(), "no Java runtimes under /usr/lib/jvm");
        for (Path java : javas) {
            Path file = dir.resolve("out-" + javas.indexOf(java));
            Process p = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                    Probe.class.getName(), file.toString()).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, p.waitFor(), java + ": " + output);
            assertEquals("", output, java + " printed something");
            assertEquals(8192, Files.size(file.resolveSibling(file.getFileName() + ".renamed")), java.toString());
        }
    }

    /** Run by another runtime. */
    static final class Probe {
        public static void main(String[] args) throws IOException {
            mapWriteCloseRename(Path.of(args[0]));
        }
    }
}
