package dev.golink.maven;

import dev.golink.LinkOptions;
import dev.golink.Target;
import dev.golink.cli.Main;
import dev.golink.server.SpoolServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
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
 * the build's own folder: nothing listens, and nobody else can hand it a link (see
 * {@link SpoolServer} for the protocol, which linker/golink's link server shares).
 */
final class LinkServer implements AutoCloseable {

    /** One link served: its target, output and time, for the goal's log. */
    record Served(Target target, Path output, List<String> definitions, long nanos, int status) {
    }

    private static final String SCRIPT = "golink-toolexec.sh";

    private final Path home;
    private final Path script;
    private final Consumer<Served> onServed;
    private final AtomicInteger links = new AtomicInteger();
    private final Map<String, String> environment;
    private SpoolServer inProcess;

    private LinkServer(Path home, Path script, Consumer<Served> onServed, Map<String, String> environment) {
        this.home = home;
        this.script = script;
        this.onServed = onServed;
        this.environment = environment;
    }

    /**
     * Starts a server in this JVM whose spool and script live in a new private folder under
     * {@code parent}; {@code onServed} hears of every link (from the server's threads),
     * {@code debug} of every request.
     */
    static LinkServer start(Path parent, Consumer<Served> onServed, Consumer<String> debug) throws IOException {
        Path home = privateHome(parent);
        Path spool = Files.createDirectory(home.resolve("spool"));
        LinkServer server = new LinkServer(home, script(home), onServed,
                Map.of("GOLINK_SPOOL", spool.toString(), "GOLINK_PROGRESS", home.toString()));
        server.inProcess = SpoolServer.start(spool, server::link, debug);
        return server;
    }

    /**
     * The script and progress records in a new private folder under {@code parent}, with the
     * links going to the user's link server {@code shared} (see {@link SharedLinkServer}).
     */
    static LinkServer shared(Path parent, SharedLinkServer shared) throws IOException {
        Path home = privateHome(parent);
        return new LinkServer(home, script(home), served -> { }, Map.of("GOLINK_SPOOL", shared.spool().toString(),
                "GOLINK_PROGRESS", home.toString(), "GOLINK_SERVER_PID", Long.toString(shared.pid())));
    }

    private static Path privateHome(Path parent) throws IOException {
        Files.createDirectories(parent);
        Path home;
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            home = Files.createTempDirectory(parent, "toolexec-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } else {
            home = Files.createTempDirectory(parent, "toolexec-");
        }
        return home;
    }

    private static Path script(Path home) throws IOException {
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
        return script;
    }

    /** The {@code -toolexec} program. */
    Path script() {
        return script;
    }

    /** The environment the go command needs for the script to find this server. */
    Map<String, String> environment() {
        return environment;
    }

    /** The import paths of the packages compiled so far for {@code target}, in order. */
    List<String> compiled(Target target) {
        try {
            return Files.readAllLines(home.resolve("compiled-" + target.goos() + "-" + target.goarch()),
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            return List.of();
        }
    }

    /** Whether a link (not a -V query) ran for {@code target}, here or in the user's link server. */
    boolean linked(Target target) {
        return Files.exists(home.resolve("linked-" + target.goos() + "-" + target.goarch()));
    }

    /** How many links (not -V queries) this JVM has run. */
    int links() {
        return links.get();
    }

    /** Links as {@code go tool link} would, in process, and tells {@code onServed} of each link. */
    private int link(List<String> args, Map<String, String> env, Path cwd, PrintStream out, PrintStream err) {
        long start = System.nanoTime();
        Main.Outcome outcome = Main.run(args, env, cwd, out, err);
        LinkOptions options = outcome.options();
        if (options != null) {
            links.incrementAndGet();
            onServed.accept(new Served(options.config().target(), options.output(), options.definitions(),
                    System.nanoTime() - start, outcome.status()));
        }
        return outcome.status();
    }

    /** Stops serving and removes the spool and the script; a go build still waiting then fails. */
    @Override
    public void close() throws IOException {
        if (inProcess != null) {
            inProcess.close();
        }
        try (Stream<Path> paths = Files.walk(home)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
