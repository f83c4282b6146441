package dev.golink.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchService;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Serves link requests that arrive as folders in a spool folder, so that a shell script can
 * hand a link to a running JVM without a socket: nothing listens, and only the user who can
 * write into the spool (its folder is mode 0700) can ask. A request is a folder
 * {@code <id>.req} holding {@code args} and {@code env} (NUL-separated) and {@code cwd}; the
 * answer is written into it as {@code stdout}, {@code stderr} and, last, {@code status}. The
 * client removes the folder once it has read the answer.
 */
public final class SpoolServer implements AutoCloseable {

    /** Runs one request: {@code go tool link}'s arguments in {@code cwd} with {@code env}; returns the exit status. */
    public interface Handler {
        int serve(List<String> args, Map<String, String> env, Path cwd, PrintStream out, PrintStream err);
    }

    /** How long the poller waits between scans when the file system cannot wake it. */
    private static final long SCAN_MILLIS = 10;

    private final Path spool;
    private final Handler handler;
    private final Consumer<String> debug;
    private final UserPrincipal owner;
    private final WatchService watch;
    private final ExecutorService workers = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "golink-spool-worker");
        t.setDaemon(true);
        return t;
    });
    private final Thread poller;
    private final Set<Path> taken = new HashSet<>();
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicLong lastActive = new AtomicLong(System.nanoTime());
    private final AtomicLong served = new AtomicLong();
    private volatile boolean closed;

    private SpoolServer(Path spool, Handler handler, Consumer<String> debug) throws IOException {
        this.spool = spool;
        this.handler = handler;
        this.debug = debug;
        this.owner = Files.getOwner(spool);
        this.watch = spool.getFileSystem().newWatchService();
        spool.register(watch, StandardWatchEventKinds.ENTRY_CREATE);
        this.poller = new Thread(this::poll, "golink-spool");
        poller.setDaemon(true);
    }

    /** Starts serving the requests that appear in {@code spool}; {@code debug} hears of each one. */
    public static SpoolServer start(Path spool, Handler handler, Consumer<String> debug) throws IOException {
        SpoolServer server = new SpoolServer(spool, handler, debug);
        server.poller.start();
        return server;
    }

    /** How many requests have ended so far. */
    public long served() {
        return served.get();
    }

    /** How long no request has been running, in nanoseconds (0 while one runs). */
    public long idleNanos() {
        return running.get() > 0 ? 0 : System.nanoTime() - lastActive.get();
    }

    private void poll() {
        while (!closed) {
            try {
                scan();
                // inotify where there is one wakes at once; elsewhere the wait is a short scan interval.
                var key = watch.poll(SCAN_MILLIS, TimeUnit.MILLISECONDS);
                if (key != null) {
                    key.pollEvents();
                    key.reset();
                }
            } catch (InterruptedException | ClosedWatchServiceException e) {
                return;
            }
        }
    }

    private void scan() {
        try (DirectoryStream<Path> requests = Files.newDirectoryStream(spool, "*.req")) {
            for (Path request : requests) {
                if (taken.add(request)) {
                    running.incrementAndGet();
                    workers.execute(() -> {
                        try {
                            serve(request);
                        } finally {
                            lastActive.set(System.nanoTime());
                            served.incrementAndGet();
                            running.decrementAndGet();
                        }
                    });
                }
            }
            taken.removeIf(p -> !Files.exists(p));
        } catch (IOException e) {
            // The spool is gone: the server is closing.
        }
    }

    private void serve(Path request) {
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        int status;
        try (PrintStream out = new PrintStream(stdout, true, StandardCharsets.UTF_8);
             PrintStream err = new PrintStream(stderr, true, StandardCharsets.UTF_8)) {
            if (!Files.getOwner(request).equals(owner)) {
                // Only the spool's owner can write into it; anything else is not a request of ours.
                debug.accept("golink: ignored " + request + ": not owned by " + owner.getName());
                return;
            }
            List<String> args = split(Files.readAllBytes(request.resolve("args")));
            Map<String, String> env = new HashMap<>();
            for (String entry : split(Files.readAllBytes(request.resolve("env")))) {
                int eq = entry.indexOf('=');
                if (eq > 0) {
                    env.put(entry.substring(0, eq), entry.substring(eq + 1));
                }
            }
            Path cwd = Path.of(Files.readString(request.resolve("cwd"), StandardCharsets.UTF_8).strip());
            debug.accept("golink: link " + String.join(" ", args) + " (in " + cwd + ", environment "
                    + new java.util.TreeMap<>(env) + ")");
            status = handler.serve(args, env, cwd, out, err);
        } catch (IOException e) {
            new PrintStream(stderr, true, StandardCharsets.UTF_8).println("golink: cannot read the link request "
                    + request.getFileName() + ": " + e.getMessage());
            status = 1;
        } catch (RuntimeException | Error e) {
            // Whatever happened, the client gets an answer instead of waiting for ever; the details go
            // to the server's own log, not to the user.
            e.printStackTrace();
            new PrintStream(stderr, true, StandardCharsets.UTF_8).println("golink: internal error in the link server"
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + " (its log has the details)");
            status = 1;
        }
        try {
            Files.write(request.resolve("stdout"), stdout.toByteArray());
            Files.write(request.resolve("stderr"), stderr.toByteArray());
            Path tmp = request.resolve("status.tmp");
            Files.writeString(tmp, Integer.toString(status));
            Files.move(tmp, request.resolve("status"), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            // The client was interrupted and removed its request; nobody waits for the answer.
        }
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

    /** Stops taking requests; requests being served are abandoned with the JVM's daemon threads. */
    @Override
    public void close() throws IOException {
        closed = true;
        poller.interrupt();
        watch.close();
        workers.shutdownNow();
    }
}
