package dev.golink.conformance;

import dev.golink.LinkException;
import dev.golink.LinkOptions;
import dev.golink.Linker;
import dev.golink.cli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Links the golden cases of one target in process, through golink's public API,
 * with the same arguments and environment cmd/link was given, and compares each
 * output with cmd/link's record.
 */
public final class CaseRunner {

    /** The pseudo-variant that compares {@code -dumpdep} edge sets instead of bytes. */
    public static final String DUMPDEP = "dumpdep";
    /** The pseudo-variant of the error-parity cases: exit status and message compared with cmd/link's. */
    public static final String REFUSED = "refused";
    /** log.Fatalf's time stamp, which golden/errors.sh replaces with a placeholder in cmd/link's records. */
    private static final java.util.regex.Pattern LOG_TIME =
            java.util.regex.Pattern.compile("(?m)^\\d{4}/\\d{2}/\\d{2} \\d{2}:\\d{2}:\\d{2} ");
    /** The command's name before its own errors: cmd/link's path, recorded as "link", and golink's. */
    private static final java.util.regex.Pattern OWN_NAME = java.util.regex.Pattern.compile("(?m)^golink: ");

    private final GoldenCorpus corpus;

    public CaseRunner(GoldenCorpus corpus) {
        this.corpus = corpus;
    }

    /**
     * Runs the (program, variant) cases of {@code target} that {@code scope} includes, in order,
     * until {@code carryOn} says no after a case (that case's result is still returned).
     */
    public List<CaseResult> run(GoldenTarget target, ConformanceScope scope, Predicate<CaseResult> carryOn)
            throws IOException {
        Path dir = Files.createTempDirectory("golink-conformance-" + target.fileName() + "-");
        try {
            List<String> programs = corpus.unpackInputs(target, dir);
            Map<String, Record> records = corpus.records(target);
            Map<String, byte[]> dumpdeps = corpus.dumpdeps(target);
            Map<String, byte[]> references = corpus.references(target);
            Map<String, String> env = readEnv(dir.resolve("env"));
            List<CaseResult> results = new ArrayList<>();
            for (String program : programs) {
                List<String> baseArgs = Files.readAllLines(dir.resolve(program).resolve("link.args"), StandardCharsets.UTF_8);
                for (Map.Entry<String, List<String>> v : corpus.variants().entrySet()) {
                    if (!scope.includes(v.getKey())) {
                        continue;
                    }
                    ConformanceCase c = new ConformanceCase(target, program, v.getKey(), v.getValue());
                    Record record = records.get(c.recordName());
                    if (record == null) {
                        throw new IOException(corpus.targetDir(target) + "/records.tar.xz has no " + c.recordName()
                                + ": regenerate golden/ (golden/regenerate.sh)");
                    }
                    CaseResult r = runCase(c, dir, argsFor(baseArgs, v.getValue()), env, record,
                            references.get(c.referenceName()));
                    results.add(r);
                    if (!carryOn.test(r)) {
                        return results;
                    }
                }
                if (!scope.includes(DUMPDEP)) {
                    continue;
                }
                ConformanceCase dep = new ConformanceCase(target, program, DUMPDEP, List.of("-dumpdep"));
                byte[] edges = dumpdeps.get(program + ".dumpdep");
                if (edges == null) {
                    throw new IOException(corpus.targetDir(target) + "/records.tar.xz has no " + program
                            + ".dumpdep: regenerate golden/ (golden/regenerate.sh)");
                }
                CaseResult r = runDumpDep(dep, dir, argsFor(baseArgs, dep.variantFlags()), env,
                        new String(edges, StandardCharsets.UTF_8));
                results.add(r);
                if (!carryOn.test(r)) {
                    return results;
                }
            }
            if (!scope.includes(REFUSED)) {
                return results;
            }
            for (String name : corpus.unpackErrors(target, dir)) {
                Path caseDir = dir.resolve(name);
                CaseResult r = runRefusal(new ConformanceCase(target, name, REFUSED, List.of()), dir,
                        Files.readAllLines(caseDir.resolve("link.args"), StandardCharsets.UTF_8), env,
                        Integer.parseInt(Files.readString(caseDir.resolve("status")).strip()),
                        Files.readString(caseDir.resolve("stderr"), StandardCharsets.UTF_8),
                        Files.readString(caseDir.resolve("stdout"), StandardCharsets.UTF_8));
                results.add(r);
                if (!carryOn.test(r)) {
                    return results;
                }
            }
            return results;
        } finally {
            deleteTree(dir);
        }
    }

    /** The base arguments with the variant's flags placed before the main archive, the last argument. */
    static List<String> argsFor(List<String> baseArgs, List<String> variantFlags) {
        List<String> args = new ArrayList<>(baseArgs.subList(0, baseArgs.size() - 1));
        args.addAll(variantFlags);
        args.add(baseArgs.get(baseArgs.size() - 1));
        return args;
    }

    private static CaseResult runCase(ConformanceCase c, Path dir, List<String> args, Map<String, String> env,
                                      Record record, byte[] reference) throws IOException {
        Path output;
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        try {
            LinkOptions options = CommandLine.parse(args, env, dir).options();
            output = options.output();
            Files.deleteIfExists(output);
            new Linker(new PrintStream(log, true, StandardCharsets.UTF_8)).link(options);
        } catch (LinkException e) {
            return new CaseResult(c, CaseResult.Status.LINK_FAILED, e.getMessage(), null);
        }
        byte[] actual = Files.readAllBytes(output);
        Difference d = RecordComparison.compare(record, actual, reference);
        return d == null ? new CaseResult(c, CaseResult.Status.IDENTICAL, "", null)
                         : new CaseResult(c, CaseResult.Status.DIFFERENT, d.summary(), d);
    }

    /**
     * Runs the link with {@code -dumpdep} and compares the printed dead-code edges,
     * as a set, with cmd/link's. The edges are printed before layout, so this check
     * holds even while later phases are missing or fail.
     */
    private static CaseResult runDumpDep(ConformanceCase c, Path dir, List<String> args, Map<String, String> env,
                                         String expectedEdges) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String failure = null;
        try {
            LinkOptions options = CommandLine.parse(args, env, dir).options();
            new Linker(new PrintStream(out, true, StandardCharsets.UTF_8)).link(options);
        } catch (LinkException e) {
            failure = e.getMessage();
        }
        String printed = out.toString(StandardCharsets.UTF_8);
        if (printed.isEmpty() && failure != null) {
            return new CaseResult(c, CaseResult.Status.LINK_FAILED, failure, null);
        }
        String diff = EdgeSets.compare(expectedEdges, printed);
        return diff == null ? new CaseResult(c, CaseResult.Status.IDENTICAL, "", null)
                            : new CaseResult(c, CaseResult.Status.DIFFERENT, diff, null);
    }

    /**
     * Runs an error-parity case through the command line, in process, and compares its
     * exit status and what it printed on the standard error with cmd/link's.
     */
    static CaseResult runRefusal(ConformanceCase c, Path dir, List<String> args, Map<String, String> env,
                                 int expectedStatus, String expectedStderr, String expectedStdout) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = dev.golink.cli.Main.run(args, env, dir, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).status();
        String stderr = OWN_NAME.matcher(LOG_TIME.matcher(err.toString(StandardCharsets.UTF_8))
                .replaceAll("YYYY/MM/DD hh:mm:ss ")).replaceAll("link: ");
        String stdout = out.toString(StandardCharsets.UTF_8);
        if (status == expectedStatus && stderr.equals(expectedStderr) && stdout.equals(expectedStdout)) {
            return new CaseResult(c, CaseResult.Status.IDENTICAL, "", null);
        }
        String detail = status == 0 ? "golink links it; cmd/link exits " + expectedStatus
                : "exit status " + status + ", cmd/link's " + expectedStatus;
        // The errors, then the standard output (where cmd/link prints the stack check's call chains).
        String[] ours = (stderr + "\n--- standard output:\n" + stdout).split("\n", -1);
        String[] theirs = (expectedStderr + "\n--- standard output:\n" + expectedStdout).split("\n", -1);
        for (int i = 0; i < Math.max(ours.length, theirs.length); i++) {
            String o = i < ours.length ? ours[i] : "(nothing)";
            String t = i < theirs.length ? theirs[i] : "(nothing)";
            if (!o.equals(t)) {
                detail += "; line " + (i + 1) + ": golink \"" + o + "\", cmd/link \"" + t + "\"";
                break;
            }
        }
        return new CaseResult(c, CaseResult.Status.DIFFERENT, detail, null);
    }

    static Map<String, String> readEnv(Path file) throws IOException {
        Map<String, String> env = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                env.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return env;
    }

    static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
