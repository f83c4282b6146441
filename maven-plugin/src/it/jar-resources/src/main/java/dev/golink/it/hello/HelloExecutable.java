package dev.golink.it.hello;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;

/**
 * The Go program this jar ships, one executable per target, as the resources
 * {@code dev/golink/it/hello/hello-<goos>-<goarch>} (linked by golink:link, see the POM).
 */
public final class HelloExecutable {

    private HelloExecutable() {
    }

    /** The host as a Go target, {@code goos-goarch}, for example {@code linux-amd64}. */
    public static String hostTarget() {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        String goos = os.startsWith("linux") ? "linux" : os.startsWith("mac") ? "darwin" : null;
        String goarch = switch (arch) {
            case "amd64", "x86_64" -> "amd64";
            case "aarch64", "arm64" -> "arm64";
            default -> null;
        };
        if (goos == null || goarch == null) {
            throw new UnsupportedOperationException("no Go executable for " + os + "/" + arch);
        }
        return goos + "-" + goarch;
    }

    /**
     * Copies the host's executable out of the classpath into {@code dir} and makes it executable
     * (a jar entry has no execute bit).
     */
    public static Path extract(Path dir) throws IOException {
        String name = "hello-" + hostTarget();
        Path file = dir.resolve(name);
        try (InputStream in = HelloExecutable.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("no resource " + name + " beside " + HelloExecutable.class.getName());
            }
            Files.copy(in, file);
        }
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }

    /** Extracts the host's executable to a temporary folder and runs it with {@code args}. */
    public static void main(String[] args) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("hello");
        Path exe = extract(dir);
        try {
            String[] command = new String[args.length + 1];
            command[0] = exe.toString();
            System.arraycopy(args, 0, command, 1, args.length);
            int exit = new ProcessBuilder(command).inheritIO().start().waitFor();
            if (exit != 0) {
                System.exit(exit);
            }
        } finally {
            Files.delete(exe);
            Files.delete(dir);
        }
    }
}
