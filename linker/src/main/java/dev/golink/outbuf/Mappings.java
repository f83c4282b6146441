package dev.golink.outbuf;

import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * Read-write mappings of one file, all unmapped at once by {@link #close()} rather than when
 * the collector gets to them, so that the file can be renamed, re-read and deleted at once.
 *
 * <p>Java 17 has no public unmap: there, sun.misc.Unsafe.invokeCleaner does it. From Java 24
 * on that call prints a warning on standard error (JEP 498), which would add lines to the
 * linker's output; from Java 22 on, a shared arena maps and unmaps with public API. The arena
 * API is reached through method handles so that the jar stays Java 17 bytecode.
 */
final class Mappings implements AutoCloseable {

    private static final Arenas ARENAS = Runtime.version().feature() >= 22 ? Arenas.find() : null;

    private final List<ByteBuffer> buffers = new ArrayList<>();
    private Object arena;

    /** Maps {@code size} bytes of {@code channel} at {@code offset}, read-write. */
    ByteBuffer map(FileChannel channel, long offset, long size) throws IOException {
        if (ARENAS == null) {
            ByteBuffer b = channel.map(FileChannel.MapMode.READ_WRITE, offset, size);
            buffers.add(b);
            return b;
        }
        try {
            if (arena == null) {
                arena = ARENAS.ofShared.invoke();
            }
            return (ByteBuffer) ARENAS.asByteBuffer.invoke(ARENAS.map.invoke(channel,
                    FileChannel.MapMode.READ_WRITE, offset, size, arena));
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IOException("cannot map the output file: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            if (arena != null) {
                Object a = arena;
                arena = null;
                ARENAS.close.invoke(a);
            }
            for (ByteBuffer b : buffers) {
                unmapWithUnsafe(b);
            }
            buffers.clear();
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IOException("cannot unmap the output file: " + e.getMessage(), e);
        }
    }

    private static void unmapWithUnsafe(ByteBuffer buffer) throws IOException {
        try {
            Class<?> unsafeClass = Class.forName("sun.misc.Unsafe");
            Field theUnsafe = unsafeClass.getDeclaredField("theUnsafe");
            theUnsafe.setAccessible(true);
            Method invokeCleaner = unsafeClass.getMethod("invokeCleaner", ByteBuffer.class);
            invokeCleaner.invoke(theUnsafe.get(null), buffer);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IOException("cannot unmap the output file: " + e.getMessage(), e);
        }
    }

    /** Arena.ofShared, FileChannel.map into an arena, MemorySegment.asByteBuffer, Arena.close. */
    private record Arenas(MethodHandle ofShared, MethodHandle map, MethodHandle asByteBuffer, MethodHandle close) {

        static Arenas find() {
            try {
                Class<?> arena = Class.forName("java.lang.foreign.Arena");
                Class<?> segment = Class.forName("java.lang.foreign.MemorySegment");
                MethodHandles.Lookup l = MethodHandles.publicLookup();
                return new Arenas(l.findStatic(arena, "ofShared", MethodType.methodType(arena)),
                        l.findVirtual(FileChannel.class, "map", MethodType.methodType(segment,
                                FileChannel.MapMode.class, long.class, long.class, arena)),
                        l.findVirtual(segment, "asByteBuffer", MethodType.methodType(ByteBuffer.class)),
                        l.findVirtual(arena, "close", MethodType.methodType(void.class)));
            } catch (ReflectiveOperationException e) {
                return null;
            }
        }
    }
}
