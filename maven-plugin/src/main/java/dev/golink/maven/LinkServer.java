package dev.golink.maven;

import dev.golink.LinkException;
import dev.golink.LinkOptions;
import dev.golink.Linker;
import dev.golink.Target;
import dev.golink.cli.CommandLine;
import dev.golink.cli.UsageException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Serves the links of the go builds that the goal runs: {@code go build -toolexec=<script>}
 * runs every Go tool as usual except the linker, and the script ({@code golink-toolexec.sh})
 * hands each of the linker's runs to this server, which links with golink in the Maven JVM.
 * So the go command itself does everything around the link exactly as for {@code go build}
 * (build info, build ID, darwin's signature), and cmd/link never runs.
 *
 * <p>Requests travel through a spool folder that only this user can open (mode 0700), inside
 * the build's own folder: nothing listens, and nobody else can hand it a link. A request is a
 * folder {@code <pid>.req} holding {@code args} and {@code env} (NUL-separated) and {@code cwd};
 * the answer is {@code stdout}, {@code stderr} and, last, {@code status}.
 */
final class LinkServer implements AutoCloseable {

    /** One link served: its target, output and time, for the goal's log. */
    record Served(Target target, Path output, List<String> definitions, long nanos, int status) {
    }

    private static final String SCRIPT = "golink-toolexec.sh";

    private final Path spool;
    private final Path script;
    private final Consumer<Served> onServed;
    private final Consumer<String> debug;
    private final ExecutorService workers = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "golink-link-server");
        t.setDaemon(true);
        return t;
    });
    private final Thread poller;
    private final Set<Path> taken = new HashSet<>();
    private final AtomicInteger links = new AtomicInteger();
    private volatile boolean closed;

    private LinkServer(Path spool, Path script, Consumer<Served> onServed, Consumer<String> debug) {
        this.spool = spool;
        this.script = script;
        this.onServed = onServed;
        this.debug = debug;
        this.poller = new Thread(this::poll, "golink-link-spool");
        poller.setDaemon(true);
    }

    /**
     * Starts a server whose spool and script live in a new private folder under {@code parent};
     * {@code onServed} hears of every link (from the server's threads), {@code debug} of every request.
     */
    static LinkServer start(Path parent, Consumer<Served> onServed, Consumer<String> debug) throws IOException {
        Files.createDirectories(parent);
        Path home;
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            home = Files.createTempDirectory(parent, "toolexec-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } else {
            home = Files.createTempDirectory(parent, "toolexec-");
        }
        Path spool = Files.createDirectory(home.resolve("spool"));
        Path script = home.resolve(SCRIPT);
        try (InputStream in = LinkServer.class.getResourceAsStream(SCRIPT)) {
            if (in == null) {
                throw new IOException("the plugin's jar lacks " + SCRIPT);
            }
            Files.copy(in, script);
        }
        if (!script.toFile().setExecutable(true, true)) {
            throw new IOException("cannot make " + script + " executable");
        }
        LinkServer server = new LinkServer(spool, script, onServed, debug);
        server.poller.start();
        return server;
    }

    /** The {@code -toolexec} program. */
    Path script() {
        return script;
    }

    /** The environment the go command needs for the script to find this server. */
    Map<String, String> environment() {
        return Map.of("GOLINK_SPOOL", spool.toString());
    }

    /** The import paths of the packages compiled so far for {@code target}, in order. */
    List<String> compiled(Target target) {
        try {
            return Files.readAllLines(spool.resolveSibling("compiled-" + target.goos() + "-" + target.goarch()),
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            return List.of();
        }
    }

    /** How many links (not -V queries) this server has run. */
    int links() {
        return links.get();
    }

    private void poll() {
        while (!closed) {
            try (DirectoryStream<Path> requests = Files.newDirectoryStream(spool, "*.req")) {
                for (Path request : requests) {
                    if (taken.add(request)) {
                        workers.execute(() -> serve(request));
                    }
                }
                taken.removeIf(p -> !Files.exists(p));
            } catch (IOException e) {
                // The spool is gone: close() removed it.
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void serve(Path request) {
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        int status;
        try (PrintStream out = new PrintStream(stdout, true, StandardCharsets.UTF_8);
             PrintStream err = new PrintStream(stderr, true, StandardCharsets.UTF_8)) {
            List<String> args = split(Files.readAllBytes(request.resolve("args")));
            Map<String, String> env = new HashMap<>();
            for (String entry : split(Files.readAllBytes(request.resolve("env")))) {
                int eq = entry.indexOf('=');
                env.put(entry.substring(0, eq), entry.substring(eq + 1));
            }
            Path cwd = Path.of(Files.readString(request.resolve("cwd"), StandardCharsets.UTF_8).strip());
            debug.accept("golink: link " + String.join(" ", args) + " (in " + cwd + ", environment "
                    + new java.util.TreeMap<>(env) + ")");
            status = run(args, env, cwd, out, err);
        } catch (IOException | RuntimeException e) {
            new PrintStream(stderr, true, StandardCharsets.UTF_8).println("golink: cannot read the link request "
                    + request.getFileName() + ": " + e.getMessage());
            status = 1;
        }
        try {
            Files.write(request.resolve("stdout"), stdout.toByteArray());
            Files.write(request.resolve("stderr"), stderr.toByteArray());
            Path tmp = request.resolve("status.tmp");
            Files.writeString(tmp, Integer.toString(status));
            Files.move(tmp, request.resolve("status"), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            // The go build was interrupted and its request removed; nobody waits for the answer.
        }
    }

    /** What {@code go tool link} would do with these arguments, run in process; returns the exit status. */
    private int run(List<String> args, Map<String, String> env, Path cwd, PrintStream out, PrintStream err) {
        CommandLine.Invocation invocation;
        try {
            invocation = CommandLine.parse(args, env, cwd);
        } catch (UsageException e) {
            err.println("golink: " + e.getMessage());
            err.print(CommandLine.usage());
            return 2;
        } catch (LinkException e) {
            err.println("golink: " + e.getMessage());
            return 2;
        }
        if (invocation.isQuery()) {
            out.print(invocation.message());
            return 0;
        }
        long start = System.nanoTime();
        int status;
        try {
            new Linker(out).link(invocation.options());
            status = 0;
        } catch (LinkException e) {
            err.println("golink: " + e.getMessage());
            status = 1;
        }
        links.incrementAndGet();
        LinkOptions options = invocation.options();
        onServed.accept(new Served(options.config().target(), options.output(), options.definitions(),
                System.nanoTime() - start, status));
        return status;
    }

    private static List<String> split(byte[] data) {
        List<String> parts = new ArrayList<>();
        int from = 0;
        for (int i = 0; i < data.length; i++) {
            if (data[i] == 0) {
                parts.add(new String(data, from, i - from, StandardCharsets.UTF_8));
                from = i + 1;
            }
        }
        return parts;
    }

    /** Stops serving and removes the spool and the script; a go build still waiting then fails. */
    @Override
    public void close() throws IOException {
        closed = true;
        poller.interrupt();
        workers.shutdownNow();
        Path home = spool.getParent();
        try (Stream<Path> paths = Files.walk(home)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
