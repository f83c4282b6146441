package dev.golink.conformance.sweep;

import dev.golink.cli.Main;
import dev.golink.conformance.Difference;
import dev.golink.conformance.GoBuild;
import dev.golink.conformance.MalformedBinaryException;
import dev.golink.conformance.RecordComparison;
import dev.golink.conformance.Recorder;

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
import java.util.concurrent.TimeUnit;

/**
 * One case of the sweep: the captured link step linked by cmd/link and by golink
 * (in process) with a variant's flags, the outputs compared, and, where the
 * target's programs run here, the program run and its output checked.
 */
final class CaseCheck {

    /** What one case gave. {@code run} is {@code -} (not run), {@code ok} or {@code fail}. */
    record Result(Outcome outcome, String run, String detail) {

        String line() {
            return outcome + "\t" + run + "\t" + detail.replace('\n', ' ').replace('\t', ' ');
        }

        static Result parse(String line) {
            String[] f = line.split("\t", 3);
            return new Result(Outcome.valueOf(f[0]), f[1], f.length > 2 ? f[2] : "");
        }
    }

    private CaseCheck() {
    }

    static Result check(GoBuild build, List<String> variantFlags, Program p, List<String> emulator, int timeoutSeconds)
            throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory(build.work(), "case-");
        try {
            List<String> args = new ArrayList<>(build.args().subList(0, build.args().size() - 1));
            args.addAll(variantFlags);
            args.add(build.args().get(build.args().size() - 1));
            Path theirs = dir.resolve("cmdlink.out");
            GoBuild.Run expected = build.runCmdLinkAnyway(variantFlags, theirs);

            Path ours = dir.resolve("golink.out");
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int status = Main.run(build.withOutput(args, ours), build.env(), build.work(),
                    new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8)).status();
            String ourErr = err.toString(StandardCharsets.UTF_8);

            if (expected.status() != 0 && status != 0) {
                boolean same = message(expected.stderr()).equals(message(ourErr));
                return new Result(same ? Outcome.REFUSED_BOTH : Outcome.REFUSED_DIFFERENTLY, "-",
                        firstLine(expected.stderr()) + (same ? "" : " | golink: " + firstLine(ourErr)));
            }
            if (expected.status() != 0) {
                return new Result(Outcome.ONLY_CMDLINK_REFUSED, "-", firstLine(expected.stderr()));
            }
            if (status != 0) {
                return new Result(Outcome.ONLY_GOLINK_REFUSED, "-", firstLine(ourErr));
            }
            byte[] want = Files.readAllBytes(theirs);
            byte[] got = Files.readAllBytes(ours);
            if (Arrays.equals(want, got)) {
                if (emulator == null || p.expected() == null) {
                    return new Result(Outcome.IDENTICAL, "-", "");
                }
                String ran = run(emulator, ours, p, build, timeoutSeconds);
                return new Result(Outcome.IDENTICAL, ran == null ? "ok" : "fail", ran == null ? "" : ran);
            }
            String where = where(want, got);
            if (emulator != null && p.expected() != null) {
                String theirRun = run(emulator, theirs, p, build, timeoutSeconds);
                String ourRun = run(emulator, ours, p, build, timeoutSeconds);
                boolean ok = ourRun == null;
                where += "; run: cmd/link's " + (theirRun == null ? "ok" : theirRun) + ", golink's "
                        + (ok ? "ok" : ourRun);
                return new Result(Outcome.DIFFERENT, ok ? "ok" : "fail", where);
            }
            return new Result(Outcome.DIFFERENT, "-", where);
        } finally {
            LinkCapture.deleteWork(dir);
        }
    }

    /** Where the bytes first differ, by section and symbol when the file's layout can be read. */
    private static String where(byte[] want, byte[] got) {
        try {
            Difference d = RecordComparison.compare(Recorder.record(want), got, want);
            return d == null ? "differs" : d.summary();
        } catch (MalformedBinaryException e) {
            return "first differing byte at offset " + Arrays.mismatch(want, got) + " (sizes " + want.length + " and "
                    + got.length + ")";
        }
    }

    /** Runs the program; null when it exits 0 printing what it must, else what went wrong. */
    private static String run(List<String> emulator, Path program, Program p, GoBuild build, int timeoutSeconds)
            throws IOException, InterruptedException {
        program.toFile().setExecutable(true);
        List<String> cmd = new ArrayList<>(emulator);
        cmd.add(program.toString());
        cmd.addAll(p.args());
        Path outFile = program.resolveSibling(program.getFileName() + ".printed");
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(program.getParent().toFile()).redirectErrorStream(true)
                .redirectOutput(outFile.toFile());
        // Some tests run the go command, as under Go's own test driver.
        Map<String, String> env = pb.environment();
        env.put("PATH", GoBuild.GOROOT.resolve("bin") + ":" + env.getOrDefault("PATH", "/usr/bin:/bin"));
        env.put("GOROOT", GoBuild.GOROOT.toString());
        env.putAll(build.env()); // GOOS, GOARCH, ...: Go's test driver runs programs with them set
        Process proc = start(pb);
        if (!proc.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            proc.descendants().forEach(ProcessHandle::destroyForcibly);
            proc.destroyForcibly().waitFor();
            return "no end within " + timeoutSeconds + " s";
        }
        int status = proc.exitValue();
        String printed = Files.readString(outFile, StandardCharsets.ISO_8859_1).replace("\r\n", "\n");
        if (status != 0) {
            return "exit status " + status + ": " + firstLine(printed);
        }
        if (!printed.equals(new String(p.expected(), StandardCharsets.ISO_8859_1))) {
            return "printed other than " + (p.expected().length == 0 ? "nothing" : "its .out file") + ": "
                    + firstLine(printed);
        }
        return null;
    }

    /**
     * Starts {@code pb}. With several jobs, a process another job forks at the moment the program
     * was written may still hold it open for writing until its exec, and the kernel then refuses
     * to run the program ("Text file busy"): that passes, so it is retried.
     */
    private static Process start(ProcessBuilder pb) throws IOException, InterruptedException {
        for (int attempt = 1;; attempt++) {
            try {
                return pb.start();
            } catch (IOException e) {
                if (attempt == 20 || e.getMessage() == null || !e.getMessage().contains("error=26")) {
                    throw e;
                }
                Thread.sleep(50L * attempt);
            }
        }
    }

    /** A refusal's text without the linker's own name before it, so that both linkers' can be compared. */
    private static String message(String stderr) {
        return stderr.replace(GoBuild.CMD_LINK + ": ", "").replaceAll("(?m)^golink: ", "")
                .replaceAll("(?m)^\\d{4}/\\d{2}/\\d{2} \\d{2}:\\d{2}:\\d{2} ", "").strip();
    }

    private static String firstLine(String s) {
        String t = s.strip();
        int nl = t.indexOf('\n');
        String l = nl < 0 ? t : t.substring(0, nl);
        return l.length() > 300 ? l.substring(0, 300) + "..." : l;
    }
}
