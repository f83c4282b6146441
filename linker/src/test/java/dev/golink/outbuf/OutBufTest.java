package dev.golink.outbuf;

import dev.golink.LinkException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class OutBufTest {

    private static final int FIXED = 3 << 20;

    /** Writes a layout the way a link does: sections in parallel views, then headers, then a tail. */
    private static byte[] writeLayout(Path out, boolean mmap, ByteOrder order) throws Exception {
        Random random = new Random(42);
        byte[][] sections = new byte[8][];
        for (int i = 0; i < sections.length; i++) {
            sections[i] = new byte[200_000 + random.nextInt(100_000)];
            random.nextBytes(sections[i]);
        }
        try (OutBuf buf = OutBuf.create(out, order, mmap)) {
            buf.mmap(FIXED);
            assertEquals(mmap, buf.isMapped());
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<?>> done = new ArrayList<>();
                for (int i = 0; i < sections.length; i++) {
                    byte[] data = sections[i];
                    long start = 4096 + (long) i * 360_000;
                    done.add(pool.submit(() -> {
                        OutView v = buf.view(start, data.length);
                        v.write(data, 0, data.length / 2);
                        v.write(data, data.length / 2, data.length - data.length / 2);
                        return null;
                    }));
                }
                for (Future<?> f : done) {
                    f.get();
                }
            } finally {
                pool.shutdown();
            }
            buf.seek(0);
            buf.write32(0x7f454c46);
            buf.write16(0x0102);
            buf.write64(0x0102030405060708L);
            buf.write32b(0xcafebabeL);
            buf.writeStringPad(".text", 8);
            buf.seek(FIXED - 3);
            buf.writeString("across the end of the mapped part");
            buf.zeros(10);
            buf.write64b(-1);
            buf.commit();
        }
        return Files.readAllBytes(out);
    }

    @ParameterizedTest
    @ValueSource(strings = {"LITTLE_ENDIAN", "BIG_ENDIAN"})
    void mappedAndHeapOutputsAreIdentical(String orderName, @TempDir Path dir) throws Exception {
        ByteOrder order = orderName.equals("BIG_ENDIAN") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        byte[] mapped = writeLayout(dir.resolve("mapped"), true, order);
        byte[] heap = writeLayout(dir.resolve("heap"), false, order);
        assertEquals(FIXED - 3 + 33 + 10 + 8, mapped.length);
        assertArrayEquals(mapped, heap);
        boolean big = order == ByteOrder.BIG_ENDIAN;
        assertEquals(big ? 0x7f : 0x46, mapped[0] & 0xff);
        assertEquals(big ? 0x01 : 0x02, mapped[4] & 0xff);
        assertEquals(0xca, mapped[14] & 0xff, "write32b is big-endian on every target");
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of("heap", "mapped"), files.map(p -> p.getFileName().toString()).sorted().toList(),
                    "no temporary file is left");
        }
    }

    @Test
    void outputsAreExecutable(@TempDir Path dir) throws Exception {
        writeLayout(dir.resolve("exe"), true, ByteOrder.LITTLE_ENDIAN);
        assertEquals("rwxr-xr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("exe"))));
    }

    @Test
    void anAbandonedLinkLeavesNothingAndKeepsTheOldOutput(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("a.out");
        Files.writeString(out, "previous build");
        try (OutBuf buf = OutBuf.create(out, ByteOrder.LITTLE_ENDIAN, true)) {
            buf.mmap(1 << 20);
            buf.view(0, 100).write(new byte[100]);
            // a failure happens here: the buffer is closed without commit
        }
        assertEquals("previous build", Files.readString(out));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(1, files.count(), "the temporary file is gone");
        }
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** A side file's writer that runs on a thread of its own, as the reports do. */
    private static java.util.concurrent.FutureTask<Void> writer(SideFile f, String text) {
        java.util.concurrent.FutureTask<Void> t = new java.util.concurrent.FutureTask<>(() -> {
            try (java.io.OutputStream out = f.open()) {
                out.write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw f.writeFailed(e);
            }
            return null;
        });
        f.writtenBy(t);
        return t;
    }

    @Test
    void sideFilesAppearWithTheOutput(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("a.out");
        Path report = Files.createDirectories(dir.resolve("reports")).resolve("r.txt");
        Files.writeString(report, "previous report");
        try (OutBuf buf = OutBuf.create(out, ByteOrder.LITTLE_ENDIAN, true)) {
            buf.mmap(4096);
            java.util.concurrent.FutureTask<Void> w = writer(buf.sideFile(report, "report"), "new report");
            assertEquals(List.of("r.txt"), names(report.getParent()).stream().filter(n -> !n.startsWith(".")).toList());
            assertEquals("previous report", Files.readString(report), "nothing is replaced before the commit");
            new Thread(w).start();
            buf.commit(); // waits for the writer
        }
        assertEquals("new report", Files.readString(report));
        assertEquals(List.of("r.txt"), names(report.getParent()));
        assertEquals(List.of("a.out", "reports"), names(dir));
    }

    @Test
    void aFailedWriterLeavesNeitherTheOutputNorTheSideFiles(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("a.out");
        try (OutBuf buf = OutBuf.create(out, ByteOrder.LITTLE_ENDIAN, false)) {
            buf.mmap(4096);
            writer(buf.sideFile(dir.resolve("good.txt"), "report"), "fine").run();
            SideFile bad = buf.sideFile(dir.resolve("bad.txt"), "second report");
            java.util.concurrent.FutureTask<Void> w = writer(bad, "lost");
            names(dir).stream().filter(n -> n.startsWith(".bad.txt.")).forEach(n -> dir.resolve(n).toFile().delete());
            w.run();
            dev.golink.LinkException e = assertThrows(dev.golink.LinkException.class, buf::commit);
            assertEquals("cannot write the second report " + dir.resolve("bad.txt") + ": no such file or directory",
                    e.getMessage());
        }
        assertEquals(List.of(), names(dir));
    }

    @Test
    void anAbandonedLinkRemovesItsSideFiles(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("a.out");
        Files.writeString(dir.resolve("r.txt"), "previous report");
        try (OutBuf buf = OutBuf.create(out, ByteOrder.LITTLE_ENDIAN, true)) {
            buf.mmap(4096);
            writer(buf.sideFile(dir.resolve("r.txt"), "report"), "new report").run();
            // a failure happens here: the buffer is closed without commit
        }
        assertEquals(List.of("r.txt"), names(dir));
        assertEquals("previous report", Files.readString(dir.resolve("r.txt")));
    }

    @Test
    void aSideFileMustBeAFileOfItsOwn(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("a.out");
        Files.createDirectories(dir.resolve("d"));
        try (OutBuf buf = OutBuf.create(out, ByteOrder.LITTLE_ENDIAN, true)) {
            assertEquals("cannot write the report " + dir.resolve("d") + ": is a directory",
                    assertThrows(dev.golink.LinkException.class, () -> buf.sideFile(dir.resolve("d"), "report"))
                            .getMessage());
            assertEquals("cannot write the report " + out + ": it is the output of the link",
                    assertThrows(dev.golink.LinkException.class, () -> buf.sideFile(out, "report")).getMessage());
            assertEquals("cannot write the report " + dir.resolve("no/r.txt") + ": no such file or directory",
                    assertThrows(dev.golink.LinkException.class, () -> buf.sideFile(dir.resolve("no/r.txt"), "report"))
                            .getMessage());
            buf.sideFile(dir.resolve("r.txt"), "report");
            assertThrows(dev.golink.LinkException.class, () -> buf.sideFile(dir.resolve("r.txt"), "map"));
        }
        assertEquals(List.of("d"), names(dir));
    }

    @Test
    void aViewCannotWriteOutsideItsRange(@TempDir Path dir) throws Exception {
        try (OutBuf buf = OutBuf.create(dir.resolve("o"), ByteOrder.LITTLE_ENDIAN, true)) {
            buf.mmap(8192);
            OutView v = buf.view(4096, 16);
            v.write64(1);
            v.write64(2);
            assertThrows(IndexOutOfBoundsException.class, () -> v.write8(3));
            assertThrows(IndexOutOfBoundsException.class, () -> buf.view(8000, 200));
        }
    }

    @Test
    void readsBackAcrossTheMappedPartAndTheTail(@TempDir Path dir) throws Exception {
        try (OutBuf buf = OutBuf.create(dir.resolve("o"), ByteOrder.LITTLE_ENDIAN, true)) {
            buf.mmap(100);
            buf.seek(96);
            buf.write64(0x1122334455667788L);
            byte[] got = new byte[12];
            buf.read(94, got, 0, 12);
            assertArrayEquals(new byte[] {0, 0, (byte) 0x88, 0x77, 0x66, 0x55, 0x44, 0x33, 0x22, 0x11, 0, 0}, got);
            assertEquals(104, buf.length());
        }
    }

    @Test
    void writesCrossMappingChunks(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("chunks");
        byte[] data = new byte[20_000];
        new Random(7).nextBytes(data);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE)) {
            MappedStorage s = new MappedStorage(ch, 30_000, 12); // 4 KiB chunks
            s.put(1000, data, 0, data.length);
            s.put(29_999, (byte) 9);
            byte[] back = new byte[data.length];
            s.get(1000, back, 0, back.length);
            assertArrayEquals(data, back);
            s.release();
        }
        byte[] file30k = Files.readAllBytes(file);
        assertArrayEquals(data, java.util.Arrays.copyOfRange(file30k, 1000, 21_000));
        assertEquals(9, file30k[29_999]);
    }

    /** A full file system fails the link with a clear error before any byte is mapped, and leaves nothing. */
    @Test
    void aFullDiskIsAnErrorNotACrash(@TempDir Path dir) throws Exception {
        Path mnt = dir.resolve("small");
        Files.createDirectories(mnt);
        assumeTrue(run("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", mnt.toString()) == 0,
                "needs root to mount a 1 MiB tmpfs");
        try {
            Path out = mnt.resolve("a.out");
            LinkException e = assertThrows(LinkException.class, () -> {
                try (OutBuf buf = OutBuf.create(out, ByteOrder.LITTLE_ENDIAN, true)) {
                    buf.mmap(4 << 20);
                    buf.commit();
                }
            });
            assertTrue(e.getMessage().contains("cannot allocate 4194304 bytes for output file " + out), e.getMessage());
            assertTrue(e.getMessage().contains("No space left on device"), e.getMessage());
            try (Stream<Path> files = Files.list(mnt)) {
                assertFalse(files.findAny().isPresent(), "nothing is left on the full disk");
            }
        } finally {
            run("umount", mnt.toString());
        }
    }

    /**
     * The file is sparse, so a disk that fills up after the output was sized makes a mapped
     * write fault: that is an error writing the output, not a crash of the JVM.
     */
    @Test
    void aDiskThatFillsUpWhileWritingIsAnError(@TempDir Path dir) throws Exception {
        Path mnt = dir.resolve("small");
        Files.createDirectories(mnt);
        assumeTrue(run("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", mnt.toString()) == 0,
                "needs root to mount a 1 MiB tmpfs");
        try {
            Path out = mnt.resolve("a.out");
            try (OutBuf buf = OutBuf.create(out, ByteOrder.LITTLE_ENDIAN, true)) {
                buf.mmap(512 << 10);
                assertTrue(buf.isMapped());
                // Someone else takes the rest of the disk.
                try (FileChannel hog = FileChannel.open(mnt.resolve("hog"), StandardOpenOption.CREATE_NEW,
                        StandardOpenOption.WRITE)) {
                    java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(64 << 10);
                    try {
                        while (true) {
                            b.clear();
                            hog.write(b);
                        }
                    } catch (IOException full) {
                        // the disk is full
                    }
                }
                // The fault is raised in the writing thread, at the write or a little after it.
                ExecutorService writer = Executors.newSingleThreadExecutor();
                try {
                    Future<?> write = writer.submit(() -> {
                        buf.view(0, 512 << 10).write(new byte[512 << 10]);
                        Thread.sleep(50);
                        return null;
                    });
                    java.util.concurrent.ExecutionException e = assertThrows(
                            java.util.concurrent.ExecutionException.class, write::get);
                    LinkException le = OutBuf.writeFault("asmb", e.getCause());
                    assertTrue(le != null, "not a write fault: " + e.getCause());
                    assertTrue(le.getMessage().contains("cannot write the output file"), le.getMessage());
                    assertTrue(le.getMessage().contains("is the disk full?"), le.getMessage());
                } finally {
                    writer.shutdownNow();
                }
            }
            assertFalse(Files.exists(out));
            try (Stream<Path> files = Files.list(mnt)) {
                assertEquals(List.of(mnt.resolve("hog")), files.collect(java.util.stream.Collectors.toList()),
                        "only the other file is left");
            }
        } finally {
            run("umount", mnt.toString());
        }
    }

    /** Unwritten bytes are zeros, mapped or on the heap, and take no room in the file. */
    @Test
    void unwrittenBytesAreZerosAndTakeNoRoom(@TempDir Path dir) throws Exception {
        for (boolean mmap : new boolean[] {true, false}) {
            Path out = dir.resolve("sparse-" + mmap);
            try (OutBuf buf = OutBuf.create(out, ByteOrder.LITTLE_ENDIAN, mmap)) {
                buf.mmap(256L << 20);
                buf.view(100, 8).write64(0x0102030405060708L);
                buf.view((256L << 20) - 4, 4).write32(0xaabbccddL);
                byte[] back = new byte[16];
                buf.read(96, back, 0, 16);
                assertArrayEquals(new byte[] {0, 0, 0, 0, 8, 7, 6, 5, 4, 3, 2, 1, 0, 0, 0, 0}, back);
                buf.seek(256L << 20);
                buf.write32(0x11223344L);
                buf.commit();
            }
            assertEquals((256L << 20) + 4, Files.size(out));
            long blocks = allocated(out);
            assertTrue(blocks < (16L << 20), mmap + ": " + blocks + " bytes on disk for 8 + 4 + 4 written");
            try (FileChannel ch = FileChannel.open(out)) {
                java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(12);
                ch.read(b, (256L << 20) - 4);
                assertArrayEquals(new byte[] {(byte) 0xdd, (byte) 0xcc, (byte) 0xbb, (byte) 0xaa, 0x44, 0x33, 0x22,
                        0x11, 0, 0, 0, 0}, b.array());
            }
            Files.delete(out);
        }
    }

    /** Bytes the file takes on disk (du), or its size where that cannot be told. */
    private static long allocated(Path file) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("du", "-B1", file.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            return 0;
        }
        return Long.parseLong(out.split("\\s+")[0]);
    }

    private static int run(String... command) throws IOException, InterruptedException {
        try {
            return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start().waitFor();
        } catch (IOException e) {
            return -1;
        }
    }
}
