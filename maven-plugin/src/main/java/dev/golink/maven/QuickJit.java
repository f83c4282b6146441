package dev.golink.maven;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import javax.management.ObjectName;

/**
 * Keeps golink's own classes on the JIT's quick tier (C1) in the Maven JVM ({@code <quickJit>}).
 * A build links a handful of times, too few for C2's code to pay back its compiling, and on a
 * machine of few cores that compiling takes the CPU the links need: the goal linking cmd/go for
 * 10 targets in a fresh {@code mvn package} went from 11.95 s to 9.42 s on 2 cores. The JVM's own
 * classes still reach C2. Maven's JVM options are the user's, so the goal asks HotSpot itself,
 * through its DiagnosticCommand MBean ({@code jcmd Compiler.directives_add}), once per JVM and in
 * the background: starting the platform MBean server takes a cold JVM about 0.2 s. A JVM without
 * that MBean links as before.
 */
final class QuickJit {

    private static final String DIRECTIVE = "[{ match: \"dev/golink/*.*\", c2: { Exclude: true } }]";
    private static final AtomicBoolean REQUESTED = new AtomicBoolean();

    private QuickJit() {
    }

    /** Asks for the directive once in this JVM, on a thread of its own; {@code debug} hears how it went. */
    static void requestInBackground(Consumer<String> debug) {
        if (!REQUESTED.compareAndSet(false, true)) {
            return;
        }
        Thread t = new Thread(() -> debug.accept("golink: quick JIT: " + add()), "golink-quick-jit");
        t.setDaemon(true);
        t.start();
    }

    /** Adds the directive; says what HotSpot answered, or why it could not be asked. */
    static String add() {
        Path file = null;
        try {
            file = Files.createTempFile("golink-jit-", ".json");
            Files.writeString(file, DIRECTIVE, StandardCharsets.UTF_8);
            Object answer = ManagementFactory.getPlatformMBeanServer().invoke(
                    new ObjectName("com.sun.management:type=DiagnosticCommand"), "compilerDirectivesAdd",
                    new Object[] {new String[] {file.toString()}}, new String[] {String[].class.getName()});
            return String.valueOf(answer).strip();
        } catch (Exception | LinkageError e) {
            return "not available (" + e.getMessage() + ")";
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (java.io.IOException ignored) {
                    // a temporary file left behind is harmless
                }
            }
        }
    }
}
