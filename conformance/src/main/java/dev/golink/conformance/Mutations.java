package dev.golink.conformance;

import dev.golink.cli.Main;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

/**
 * Links damaged inputs: a golden program's main package archive or its fmt
 * archive with 1 to 8 random bytes flipped, each mutation linked by golink in
 * process with a time limit, and optionally by cmd/link. golink must either
 * link or refuse with a message; a Java class name or stack trace in what it
 * prints, an exception escaping it, or a link that does not end is a failure.
 *
 * <p>{@code java -cp golink-conformance.jar dev.golink.conformance.Mutations
 * [--cmdlink] [--target linux/amd64] [--program hello] [--count 300] [--seed 1]}
 */
public final class Mutations {

    /** What one mutation did. */
    public enum Outcome {
        /** golink linked it (cmd/link not asked). */
        LINKED,
        /** golink refused it with a message (cmd/link not asked). */
        REFUSED,
        /** golink and cmd/link both linked it, to the same bytes. */
        LINKED_IDENTICAL,
        /** golink and cmd/link both linked it, to different bytes. */
        LINKED_DIFFERENT,
        /** Both refused it, with the same exit status and message. */
        BOTH_REFUSED_SAME,
        /** Both refused it, with different messages (or exit statuses). */
        BOTH_REFUSED_DIFFERENT,
        /** golink refused what cmd/link linked. */
        REFUSED_CMDLINK_LINKED,
        /** golink linked what cmd/link refused. */
        LINKED_CMDLINK_REFUSED,
        /** A Java class name or stack trace reached the user, or an exception escaped. */
        LEAKED,
        /** The link did not end within the time limit. */
        TIMEOUT
    }

    /**
     * One mutation's record: which file, which bytes, what happened, what golink printed
     * and, when it was asked, what cmd/link printed.
     */
    public record Result(int index, String file, String flips, Outcome outcome, String message, String cmdlinkMessage,
            String refusalKind) {
        Result(int index, String file, String flips, Outcome outcome, String message) {
            this(index, file, flips, outcome, message, "", "");
        }

        Result(int index, String file, String flips, Outcome outcome, String message, String cmdlinkMessage) {
            this(index, file, flips, outcome, message, cmdlinkMessage, "");
        }
    }

    /**
     * Why two refusals differ: cmd/link died (a Go panic, after whatever it printed first);
     * cmd/link printed golink's lines and then more (it goes on to the end of the link after an
     * error, golink stops at the end of the phase); the same lines in another order; or other words.
     */
    static String refusalKind(String ours, String theirs) {
        if (theirs.startsWith("panic: ") || theirs.contains("\npanic: ")) {
            return "cmd/link panicked";
        }
        List<String> a = ours.lines().toList();
        List<String> b = theirs.lines().toList();
        if (a.size() < b.size() && b.subList(0, a.size()).equals(a)) {
            return "cmd/link went on";
        }
        if (a.stream().sorted().toList().equals(b.stream().sorted().toList())) {
            return "other order";
        }
        return "other words";
    }

    /** log.Fatalf's time stamp at the start of a line: the same message at another second is the same. */
    private static final Pattern LOG_TIME = Pattern.compile("(?m)^\\d{4}/\\d{2}/\\d{2} \\d{2}:\\d{2}:\\d{2} ");

    /** Java's own words: a class name, an exception's name, or a stack frame. */
    static final Pattern JAVA_LEAK = Pattern.compile(
            "\\b(java|javax|jdk|sun|dev\\.golink)\\.[a-z]+\\.|\\b[A-Z]\\w*Exception\\b|\\tat |"
                    + "\\b(StackOverflow|OutOfMemory|Assertion|NoClassDefFound|Internal|ExceptionInInitializer)Error\\b");

    private final Path dir;
    private final List<String> args;
    private final Map<String, String> env;
    private final boolean cmdlink;
    private final long timeoutMillis;
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(null, r, "mutation", 64L << 20);
        t.setDaemon(true);
        return t;
    });

    /**
     * @param dir     the target's unpacked golden inputs (see {@link GoldenCorpus#unpackInputs})
     * @param program the program whose link is mutated
     */
    public Mutations(Path dir, String program, boolean cmdlink, long timeoutMillis) throws IOException {
        this.dir = dir;
        this.args = Files.readAllLines(dir.resolve(program).resolve("link.args"), StandardCharsets.UTF_8);
        this.env = CaseRunner.readEnv(dir.resolve("env"));
        this.cmdlink = cmdlink;
        this.timeoutMillis = timeoutMillis;
    }

    /** The files mutated: the main package archive and fmt's. */
    List<String> victims() throws IOException {
        List<String> files = new ArrayList<>();
        files.add(args.get(args.size() - 1));
        String importcfg = args.get(args.indexOf("-importcfg") + 1);
        for (String line : Files.readAllLines(dir.resolve(importcfg), StandardCharsets.UTF_8)) {
            if (line.startsWith("packagefile fmt=")) {
                files.add(line.substring("packagefile fmt=".length()));
            }
        }
        return files;
    }

    /** Runs {@code count} mutations from {@code seed}; the files are restored afterwards. */
    public List<Result> run(int count, long seed) throws Exception {
        return run(count, seed, r -> { });
    }

    /** As {@link #run(int, long)}, handing each result to {@code each} as it comes. */
    public List<Result> run(int count, long seed, java.util.function.Consumer<Result> each) throws Exception {
        Random random = new Random(seed);
        List<String> files = victims();
        List<Result> results = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String file = files.get(random.nextInt(files.size()));
            Path path = dir.resolve(file);
            byte[] original = Files.readAllBytes(path);
            byte[] mutated = original.clone();
            int flips = 1 + random.nextInt(8);
            StringBuilder where = new StringBuilder();
            for (int k = 0; k < flips; k++) {
                int off = random.nextInt(mutated.length);
                int mask = 1 + random.nextInt(255);
                mutated[off] ^= (byte) mask;
                where.append(k == 0 ? "" : ",").append(String.format("%#x^%#x", off, mask));
            }
            Files.write(path, mutated);
            try {
                Result r = linkOne(i, file, where.toString());
                results.add(r);
                each.accept(r);
            } finally {
                Files.write(path, original);
            }
        }
        return results;
    }

    /** Links with the bytes of {@code file} flipped as {@code flips} says ({@code off^mask,...}, as results show them). */
    public Result link(String file, String flips) throws Exception {
        Path path = dir.resolve(file);
        byte[] original = Files.readAllBytes(path);
        byte[] mutated = original.clone();
        for (String flip : flips.split(",")) {
            String[] f = flip.split("\\^");
            mutated[Integer.decode(f[0])] ^= (byte) (int) Integer.decode(f[1]);
        }
        Files.write(path, mutated);
        try {
            return linkOne(0, file, flips);
        } finally {
            Files.write(path, original);
        }
    }

    private Result linkOne(int index, String file, String flips) throws Exception {
        Path ours = dir.resolve("mutation.golink.out");
        Path theirs = dir.resolve("mutation.cmdlink.out");
        Files.deleteIfExists(ours);
        Files.deleteIfExists(theirs);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> a = new ArrayList<>(args);
        a.set(a.indexOf("-o") + 1, ours.toString());
        Future<Integer> link = executor.submit(() -> Main.run(a, env, dir,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8))
                .status());
        int status;
        String message;
        try {
            status = link.get(timeoutMillis, TimeUnit.MILLISECONDS);
            message = err.toString(StandardCharsets.UTF_8);
        } catch (TimeoutException e) {
            link.cancel(true);
            return new Result(index, file, flips, Outcome.TIMEOUT, "");
        } catch (java.util.concurrent.ExecutionException e) {
            return new Result(index, file, flips, Outcome.LEAKED, "escaped: " + e.getCause());
        }
        String shown = message + out.toString(StandardCharsets.UTF_8);
        if (JAVA_LEAK.matcher(shown).find()) {
            return new Result(index, file, flips, Outcome.LEAKED, shown);
        }
        if (!cmdlink) {
            return new Result(index, file, flips, status == 0 ? Outcome.LINKED : Outcome.REFUSED, message);
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(GoBuild.CMD_LINK.toString());
        List<String> c = new ArrayList<>(args);
        c.set(c.indexOf("-o") + 1, theirs.toString());
        cmd.addAll(c);
        Path theirErr = dir.resolve("mutation.cmdlink.stderr");
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(theirErr.toFile());
        pb.environment().clear();
        pb.environment().putAll(env);
        pb.environment().put("PATH", "/usr/bin:/bin");
        Process p = pb.start();
        if (!p.waitFor(timeoutMillis * 4, TimeUnit.MILLISECONDS)) {
            p.destroyForcibly();
            p.waitFor();
        }
        int theirStatus = p.exitValue();
        String theirMessage = new String(Files.readAllBytes(theirErr), StandardCharsets.UTF_8);
        Outcome o;
        if (status == 0 && theirStatus == 0) {
            o = Arrays.equals(Files.readAllBytes(ours), Files.readAllBytes(theirs)) ? Outcome.LINKED_IDENTICAL
                    : Outcome.LINKED_DIFFERENT;
        } else if (status == 0) {
            o = Outcome.LINKED_CMDLINK_REFUSED;
        } else if (theirStatus == 0) {
            o = Outcome.REFUSED_CMDLINK_LINKED;
        } else {
            // The command's own name before its errors: cmd/link's path, golink's "golink".
            String ourText = LOG_TIME.matcher(message).replaceAll("").replaceAll("(?m)^golink: ", "link: ");
            String theirText = LOG_TIME.matcher(theirMessage).replaceAll("")
                    .replaceAll("(?m)^" + Pattern.quote(GoBuild.CMD_LINK.toString()) + ": ", "link: ");
            o = status == theirStatus && ourText.equals(theirText) ? Outcome.BOTH_REFUSED_SAME : Outcome.BOTH_REFUSED_DIFFERENT;
            if (o == Outcome.BOTH_REFUSED_DIFFERENT) {
                return new Result(index, file, flips, o, message, theirMessage, refusalKind(ourText, theirText));
            }
        }
        return new Result(index, file, flips, o, message, theirMessage);
    }

    /** The number of results of each outcome. */
    public static Map<Outcome, Integer> count(List<Result> results) {
        Map<Outcome, Integer> counts = new TreeMap<>();
        for (Result r : results) {
            counts.merge(r.outcome(), 1, Integer::sum);
        }
        return counts;
    }

    private static String firstLine(String m) {
        String first = m.isEmpty() ? "" : m.lines().findFirst().orElse("");
        return first.length() > 200 ? first.substring(0, 200) : first;
    }

    public void close() {
        executor.shutdownNow();
    }

    public static void main(String[] argv) throws Exception {
        String target = "linux/amd64";
        String program = "hello";
        int count = 300;
        long seed = 1;
        boolean cmdlink = false;
        boolean verbose = false;
        for (int i = 0; i < argv.length; i++) {
            switch (argv[i]) {
                case "--target" -> target = argv[++i];
                case "--program" -> program = argv[++i];
                case "--count" -> count = Integer.parseInt(argv[++i]);
                case "--seed" -> seed = Long.parseLong(argv[++i]);
                case "--cmdlink" -> cmdlink = true;
                case "-v" -> verbose = true;
                default -> {
                    System.err.println("usage: Mutations [--cmdlink] [-v] [--target t] [--program p] [--count n] [--seed s]");
                    System.exit(2);
                }
            }
        }
        Path dir = Files.createTempDirectory("golink-mutations-");
        try {
            GoldenCorpus.locate().unpackInputs(GoldenTarget.parse(target), dir);
            Mutations m = new Mutations(dir, program, cmdlink, 60_000);
            PrintStream out = System.out;
            boolean all = verbose;
            List<Result> results = m.run(count, seed, r -> {
                boolean divergent = switch (r.outcome()) {
                    case LINKED, REFUSED, LINKED_IDENTICAL, BOTH_REFUSED_SAME -> false;
                    default -> true;
                };
                if (all || divergent) {
                    out.printf("%4d %-8s %-40s %-22s golink: %s%n", r.index(),
                            r.file().substring(r.file().lastIndexOf('/') + 1), r.flips(),
                            r.refusalKind().isEmpty() ? r.outcome() : r.outcome() + " (" + r.refusalKind() + ")",
                            firstLine(r.message()));
                    if (!r.cmdlinkMessage().isEmpty() || r.outcome().name().contains("CMDLINK")) {
                        out.printf("%77s cmd/link: %s%n", "", firstLine(r.cmdlinkMessage()));
                    }
                    out.flush();
                }
            });
            m.close();
            out.println(program + " for " + target + ", " + count + " mutations, seed " + seed + ": " + count(results));
            // cmd/link's crashes (a Go panic and its goroutine dump) are no message golink could give.
            Map<Outcome, Integer> panicked = new TreeMap<>();
            Map<String, Integer> kinds = new TreeMap<>();
            for (Result r : results) {
                if (r.cmdlinkMessage().startsWith("panic: ") || r.cmdlinkMessage().contains("\npanic: ")) {
                    panicked.merge(r.outcome(), 1, Integer::sum);
                }
                if (!r.refusalKind().isEmpty()) {
                    kinds.merge(r.refusalKind(), 1, Integer::sum);
                }
            }
            out.println("of which cmd/link panicked: " + panicked);
            out.println("refused in different words, by kind: " + kinds);
        } finally {
            CaseRunner.deleteTree(dir);
        }
    }
}
