package dev.golink.conformance.sweep;

import dev.golink.LinkException;
import dev.golink.Linker;
import dev.golink.arch.Arches;
import dev.golink.conformance.GoBuild;
import dev.golink.conformance.GoldenTarget;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The sweep: builds many programs with Go 1.19.8 for every target, links each
 * captured link step with cmd/link and with golink in the default and
 * {@code -s -w} variants, compares the bytes, and runs what can run here. Results
 * are cached by what decides them (the program's inputs, the target, the variant
 * and golink's own code), so a rerun only redoes what changed.
 *
 * <pre>
 * sweep [--targets all|T,T...] [--source goroot-test,std-tests,DIR] [--variants default,sw]
 *       [--jobs N] [--cache DIR] [--gocache DIR] [--programs REGEX] [--sample N] [--timeout S] [--no-run]
 * </pre>
 */
public final class Sweep {

    /** Part of every cached result's key: raise it when what the sweep checks changes. */
    private static final int RESULTS_VERSION = 2;

    private static final Map<String, List<String>> VARIANTS = Map.of("default", List.of(), "sw", List.of("-s", "-w"));

    /** The sweep's settings. */
    public record Settings(List<GoldenTarget> targets, List<String> sources, List<String> variants, int jobs,
                           Path cache, Path gocache, Pattern programs, int sample, int timeoutSeconds,
                           boolean run) {
    }

    /** One (program, target, variant) and what it gave. */
    public record Case(GoldenTarget target, Program program, String variant, CaseCheck.Result result) {
    }

    private final Settings settings;
    private final PrintStream log;
    private final LinkCapture capture;
    private final String identity;

    public Sweep(Settings settings, PrintStream log) throws IOException {
        this.settings = settings;
        this.log = log;
        Files.createDirectories(settings.cache().resolve("results"));
        this.capture = new LinkCapture(settings.cache(), settings.gocache());
        this.identity = golinkIdentity();
    }

    public static void main(String[] argv) throws Exception {
        Settings s;
        try {
            s = parse(argv);
        } catch (IllegalArgumentException | LinkException e) {
            System.err.println("sweep: " + e.getMessage());
            System.exit(2);
            return;
        }
        if (!GoBuild.available()) {
            System.err.println("sweep: needs Go 1.19.8 at " + GoBuild.GOROOT + " (apt-get install golang-1.19-go golang-1.19-src)");
            System.exit(2);
        }
        if (s.targets().stream().anyMatch(t -> t.target().goarch().equals("wasm")) && Emulator.wasmRunner() == null) {
            System.out.println("sweep: js/wasm programs are compared, not run: the node runner is in the repository's"
                    + " golden/ folder (run from inside the repository, or set -Dgolink.golden=PATH)");
        }
        long t0 = System.nanoTime();
        List<Case> cases;
        try {
            cases = new Sweep(s, System.out).run();
        } catch (IOException e) {
            System.err.println(e.getMessage().startsWith("sweep: ") ? e.getMessage() : "sweep: " + e.getMessage());
            System.exit(2);
            return;
        }
        String report = report(cases) + String.format("%nin %.0f s%n", (System.nanoTime() - t0) / 1e9);
        System.out.print(report);
        Files.writeString(s.cache().resolve("report.txt"), report);
        System.exit(cases.stream().anyMatch(c -> c.result().outcome().differs()) ? 1 : 0);
    }

    static Settings parse(String[] argv) throws LinkException {
        List<GoldenTarget> targets = null;
        List<String> sources = List.of("goroot-test");
        List<String> variants = List.of("default", "sw");
        int jobs = Runtime.getRuntime().availableProcessors();
        Path cache = Path.of(System.getProperty("user.home"), ".cache", "golink", "sweep");
        Path gocache = null;
        Pattern programs = null;
        int sample = 0;
        int timeout = 120;
        boolean run = true;
        for (int i = 0; i < argv.length; i++) {
            String a = argv[i];
            if (a.equals("--no-run")) {
                run = false;
                continue;
            }
            if (i + 1 >= argv.length) {
                throw new IllegalArgumentException(a + " needs a value");
            }
            String v = argv[++i];
            switch (a) {
                case "--targets" -> {
                    targets = new ArrayList<>();
                    if (v.equals("all")) {
                        for (var t : Arches.supported()) {
                            targets.add(GoldenTarget.of(t));
                        }
                    } else {
                        for (String t : v.split(",")) {
                            targets.add(GoldenTarget.parse(t));
                        }
                    }
                }
                case "--source" -> sources = List.of(v.split(","));
                case "--variants" -> {
                    variants = List.of(v.split(","));
                    for (String x : variants) {
                        if (!VARIANTS.containsKey(x)) {
                            throw new IllegalArgumentException("unknown variant " + x + ": default or sw");
                        }
                    }
                }
                case "--jobs" -> jobs = Integer.parseInt(v);
                case "--cache" -> cache = Path.of(v);
                case "--gocache" -> gocache = Path.of(v);
                case "--programs" -> programs = Pattern.compile(v);
                case "--sample" -> sample = Integer.parseInt(v);
                case "--timeout" -> timeout = Integer.parseInt(v);
                default -> throw new IllegalArgumentException("unknown option " + a);
            }
        }
        if (targets == null) {
            targets = Arches.supported().stream().map(GoldenTarget::of).toList();
        }
        return new Settings(List.copyOf(targets), sources, variants, Math.max(1, jobs), cache,
                gocache != null ? gocache : cache.resolve("gocache"), programs, sample, timeout, run);
    }

    /** Runs the sweep and returns every case. */
    public List<Case> run() throws IOException, InterruptedException {
        List<Program> programs = new ArrayList<>();
        for (String source : settings.sources()) {
            for (Program p : Sources.of(source)) {
                if (settings.programs() == null || settings.programs().matcher(p.id()).find()) {
                    programs.add(p);
                }
            }
        }
        // (program, target) pairs: every program for every target, or with --sample N, N programs
        // spread evenly over the list, each for one target in turn.
        List<Map.Entry<Program, GoldenTarget>> tasks = new ArrayList<>();
        if (settings.sample() > 0) {
            int n = Math.min(settings.sample(), programs.size());
            for (int i = 0; i < n; i++) {
                Program p = programs.get((int) ((long) i * programs.size() / n));
                tasks.add(Map.entry(p, settings.targets().get(i % settings.targets().size())));
            }
        } else {
            for (GoldenTarget t : settings.targets()) {
                for (Program p : programs) {
                    tasks.add(Map.entry(p, t));
                }
            }
        }
        log.printf("sweep: %d programs, %d targets, %d builds, variants %s, %d jobs, cache %s%n", programs.size(),
                settings.targets().size(), tasks.size(), settings.variants(), settings.jobs(), settings.cache());
        ExecutorService pool = Executors.newFixedThreadPool(settings.jobs());
        try {
            List<Future<List<Case>>> futures = new ArrayList<>();
            for (var task : tasks) {
                futures.add(pool.submit(() -> sweepOne(task.getKey(), task.getValue())));
            }
            List<Case> cases = new ArrayList<>();
            int done = 0;
            for (Future<List<Case>> f : futures) {
                try {
                    cases.addAll(f.get());
                } catch (java.util.concurrent.ExecutionException e) {
                    throw new IOException("sweep: " + e.getCause().getMessage(), e.getCause());
                }
                if (++done % 50 == 0) {
                    log.printf("sweep: %d of %d builds done%n", done, tasks.size());
                }
            }
            return cases;
        } finally {
            pool.shutdownNow();
        }
    }

    private List<Case> sweepOne(Program p, GoldenTarget target) throws IOException, InterruptedException {
        Path results = settings.cache().resolve("results");
        // A test file's results are known from its source alone; others' from their captured inputs.
        String preKey = p.kind() == Program.Kind.TEST_FILE ? hash(identity, "file", target.toString(),
                p.recipe().toString(), Files.readAllBytes(p.location())) : null;
        List<Case> cases = new ArrayList<>();
        if (preKey != null) {
            for (String v : settings.variants()) {
                Path f = results.resolve(preKey + "." + v + (settings.run() ? "" : ".norun"));
                if (Files.isRegularFile(f)) {
                    cases.add(new Case(target, p, v, CaseCheck.Result.parse(Files.readString(f))));
                }
            }
            if (cases.size() == settings.variants().size()) {
                return cases;
            }
            cases.clear();
        }
        Path scratch = Files.createTempDirectory("golink-sweep-");
        try {
            LinkCapture.Result built = capture.capture(p, target, scratch);
            if (built.build() == null) {
                for (String v : settings.variants()) {
                    CaseCheck.Result r = new CaseCheck.Result(built.failure(), "-", built.message());
                    store(results, preKey, v, r);
                    cases.add(new Case(target, p, v, r));
                }
                return cases;
            }
            GoBuild b = built.build();
            try {
                List<String> emulator = settings.run() ? Emulator.prefix(target) : null;
                int timeout = p.recipe() != null && p.recipe().timeoutSeconds() > 0
                        ? Math.max(p.recipe().timeoutSeconds() * 4, settings.timeoutSeconds()) : settings.timeoutSeconds();
                for (String v : settings.variants()) {
                    String postKey = hash(identity, "inputs", target.toString(), v, String.valueOf(settings.run()),
                            String.join("\n", b.args()).replace(b.work().toString(), "$WORK"),
                            inputsOf(b));
                    Path f = results.resolve(postKey);
                    CaseCheck.Result r;
                    if (Files.isRegularFile(f)) {
                        r = CaseCheck.Result.parse(Files.readString(f));
                    } else {
                        r = CaseCheck.check(b, VARIANTS.get(v), p, emulator, timeout);
                        Files.writeString(f, r.line());
                    }
                    store(results, preKey, v, r);
                    if (r.outcome().differs() || r.run().equals("fail")) {
                        log.printf("%s %s %s: %s %s%n", target, p.id(), v, r.outcome(), r.detail());
                    }
                    cases.add(new Case(target, p, v, r));
                }
            } finally {
                LinkCapture.deleteWork(b.work());
            }
            return cases;
        } finally {
            LinkCapture.deleteWork(scratch);
        }
    }

    private void store(Path results, String preKey, String variant, CaseCheck.Result r) throws IOException {
        if (preKey != null) {
            Files.writeString(results.resolve(preKey + "." + variant + (settings.run() ? "" : ".norun")), r.line());
        }
    }

    /** The bytes that decide a link besides its arguments: the importcfg and the work folder's archives. */
    private static byte[] inputsOf(GoBuild b) throws IOException {
        MessageDigest md = sha256();
        for (String a : b.args()) {
            Path p = Path.of(a);
            if (p.isAbsolute() && p.startsWith(b.work()) && Files.isRegularFile(p)) {
                md.update(Files.readAllBytes(p));
            }
        }
        return md.digest();
    }

    /** The per-target table and the list of differences. */
    public static String report(List<Case> cases) {
        Map<String, int[]> rows = new LinkedHashMap<>();
        StringBuilder diffs = new StringBuilder();
        StringBuilder runFails = new StringBuilder();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (Case c : cases) {
            int[] r = rows.computeIfAbsent(c.target().toString(), k -> new int[10]);
            Outcome o = c.result().outcome();
            if (seen.add(c.target() + " " + c.program().id())) {
                r[0]++;
                if (o == Outcome.EXCLUDED) {
                    r[1]++;
                } else if (o == Outcome.NOT_BUILT) {
                    r[2]++;
                } else {
                    r[3]++;
                }
            }
            switch (o) {
                case IDENTICAL -> r[4]++;
                case REFUSED_BOTH -> r[6]++;
                default -> {
                }
            }
            if (o.differs()) {
                r[5]++;
                diffs.append(String.format("  %s %s %s: %s %s%n", c.target(), c.program().id(), c.variant(), o,
                        c.result().detail()));
            }
            if (!c.result().run().equals("-")) {
                r[7]++;
                if (c.result().run().equals("fail")) {
                    r[8]++;
                    runFails.append(String.format("  %s %s %s: %s%n", c.target(), c.program().id(), c.variant(),
                            c.result().detail()));
                }
            }
        }
        StringBuilder b = new StringBuilder();
        String fmt = "%-34s %8s %8s %9s %7s %9s %9s %9s %6s %10s%n";
        b.append(String.format(fmt, "target", "programs", "excluded", "not built", "built", "identical", "differing",
                "refused", "ran", "run failed"));
        int[] all = new int[10];
        for (var e : rows.entrySet()) {
            int[] r = e.getValue();
            b.append(String.format(fmt, e.getKey(), r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8]));
            for (int i = 0; i < all.length; i++) {
                all[i] += r[i];
            }
        }
        b.append(String.format(fmt, "all", all[0], all[1], all[2], all[3], all[4], all[5], all[6], all[7], all[8]));
        b.append("(programs, excluded, not built, built: per program and target; identical, differing, refused by both,"
                + " ran, run failed: per program, target and variant)\n");
        b.append(all[5] == 0 ? "differences: none\n" : "differences:\n" + diffs);
        if (all[8] > 0) {
            b.append("runs that failed (identical bytes: the program itself, or its emulator):\n").append(runFails);
        }
        return b.toString();
    }

    /** A digest of golink's own code, so that a changed linker redoes every case. */
    private static String golinkIdentity() throws IOException {
        Path code;
        try {
            code = Path.of(Linker.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IOException(e);
        }
        MessageDigest md = sha256();
        if (Files.isDirectory(code)) {
            try (Stream<Path> s = Files.walk(code)) {
                for (Path f : s.filter(Files::isRegularFile).sorted().toList()) {
                    md.update(code.relativize(f).toString().getBytes(StandardCharsets.UTF_8));
                    md.update(Files.readAllBytes(f));
                }
            }
        } else {
            // A jar may hold more than the linker (the conformance jar does): only the linker's classes count.
            try (java.util.zip.ZipFile jar = new java.util.zip.ZipFile(code.toFile())) {
                List<? extends java.util.zip.ZipEntry> entries = jar.stream()
                        .filter(e -> e.getName().startsWith("dev/golink/") && !e.getName().startsWith("dev/golink/conformance/"))
                        .sorted(java.util.Comparator.comparing(java.util.zip.ZipEntry::getName)).toList();
                for (var e : entries) {
                    md.update(e.getName().getBytes(StandardCharsets.UTF_8));
                    try (InputStream in = jar.getInputStream(e)) {
                        md.update(in.readAllBytes());
                    }
                }
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private static String hash(Object... parts) {
        MessageDigest md = sha256();
        md.update((byte) RESULTS_VERSION);
        for (Object o : parts) {
            byte[] b = o instanceof byte[] bytes ? bytes : o.toString().getBytes(StandardCharsets.UTF_8);
            md.update(b);
            md.update((byte) 0);
        }
        return HexFormat.of().formatHex(md.digest(), 0, 20);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new UncheckedIOException(new IOException(e));
        }
    }
}
