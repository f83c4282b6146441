package dev.golink;

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
 * Mappings of files, all unmapped at once by {@link #close()} rather than when the collector
 * gets to them: the output's, so that it can be renamed, re-read and deleted at once; the
 * inputs', so that a JVM that links again and again (the link server, a Maven build of many
 * targets) does not keep every earlier link's archives mapped and resident until a full
 * collection. Nothing may read a buffer once it is closed.
 *
 * <p>Java 17 has no public unmap: there, sun.misc.Unsafe.invokeCleaner does it. From Java 24
 * on that call prints a warning on standard error (JEP 498), which would add lines to the
 * linker's output; from Java 22 on, a shared arena maps and unmaps with public API. The arena
 * API is reached through method handles so that the jar stays Java 17 bytecode.
 */
public final class FileMappings implements AutoCloseable {

    private static final Arenas ARENAS = Runtime.version().feature() >= 22 ? Arenas.find() : null;

    private final List<ByteBuffer> buffers = new ArrayList<>();
    private Object arena;

    /** Maps {@code size} bytes of {@code channel} at {@code offset}, in {@code mode}. */
    public synchronized ByteBuffer map(FileChannel channel, FileChannel.MapMode mode, long offset, long size)
            throws IOException {
        if (ARENAS == null) {
            ByteBuffer b = channel.map(mode, offset, size);
            buffers.add(b);
            return b;
        }
        try {
            if (arena == null) {
                arena = ARENAS.ofShared.invoke();
            }
            return (ByteBuffer) ARENAS.asByteBuffer.invoke(ARENAS.map.invoke(channel, mode, offset, size, arena));
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IOException("cannot map the file: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() throws IOException {
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
            throw new IOException("cannot unmap a file: " + e.getMessage(), e);
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
            throw new IOException("cannot unmap a file: " + e.getMessage(), e);
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
