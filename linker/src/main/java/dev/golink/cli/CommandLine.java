package dev.golink.cli;

import dev.golink.BuildConfig;
import dev.golink.LinkException;
import dev.golink.LinkOptions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parses the arguments of {@code go tool link} the way Go's flag package does
 * ({@code -name value}, {@code -name=value}, one or two dashes, {@code @file}
 * response files, flags end at the first operand or {@code --}), so golink can
 * stand in for cmd/link under {@code go build -toolexec}.
 *
 * <p>Every flag cmd/link defines is recognised. Flags golink honours are listed in
 * {@link #usage()}; the others are refused with a message naming them, never
 * silently ignored.
 */
public final class CommandLine {

    /** What the arguments ask for: a link, or only a text to print ({@code -V}, {@code -help}). */
    public record Invocation(LinkOptions options, String message) {
        public boolean isQuery() {
            return message != null;
        }
    }

    private enum Kind { BOOL, VALUE }

    private static final Map<String, Kind> GO_FLAGS = new HashMap<>();

    static {
        for (String b : List.of("a", "asan", "aslr", "c", "compressdwarf", "d", "debugnosplit", "dumpdep", "f", "g",
                "h", "linkshared", "msan", "n", "race", "s", "v", "w", "V")) {
            GO_FLAGS.put(b, Kind.BOOL);
        }
        for (String v : List.of("B", "E", "H", "I", "L", "R", "T", "X", "benchmark", "benchmarkprofile", "buildid",
                "buildmode", "cpuprofile", "debugtextsize", "debugtramp", "extar", "extld", "extldflags",
                "importcfg", "installsuffix", "k", "libgcc", "linkmode", "memprofile", "memprofilerate", "o",
                "pluginpath", "r", "strictdups", "tmpdir")) {
            GO_FLAGS.put(v, Kind.VALUE);
        }
        // golink's own extension: cmd/link has no such flag.
        GO_FLAGS.put("mmap", Kind.BOOL);
        GO_FLAGS.put("sizereport", Kind.VALUE);
        GO_FLAGS.put("whykept", Kind.VALUE);
        GO_FLAGS.put("map", Kind.VALUE);
    }

    /** Flags that do not change what an internal link writes, accepted and ignored. */
    private static final Set<String> NO_EFFECT = Set.of("a", "extld", "extldflags", "h", "tmpdir");

    private CommandLine() {
    }

    /**
     * Parses {@code args} (without the program name). {@code env} supplies GOOS,
     * GOARCH and the rest; relative paths are resolved against {@code workingDir}.
     */
    public static Invocation parse(List<String> args, Map<String, String> env, Path workingDir) throws LinkException {
        // cmd/link checks its environment before it reads a flag: a bad one fails even -V and -help.
        BuildConfig config = BuildConfig.fromEnvironment(env);
        List<String> expanded = expandResponseFiles(args, workingDir);
        Path output = null;
        String outputName = null;
        Path importcfg = null;
        List<Path> libraryDirs = new ArrayList<>();
        String buildMode = "exe";
        String buildId = "";
        boolean strip = false;
        boolean stripDwarf = false;
        boolean compressDwarf = true;
        boolean dumpDep = false;
        boolean mmap = true;
        int verbose = 0;
        int debugTramp = 0;
        String installSuffix = "";
        List<String> definitions = new ArrayList<>();
        Path sizeReport = null;
        List<String> whyKept = new ArrayList<>();
        Path linkMap = null;
        boolean flag8 = false;
        boolean linkModeInternal = false;
        // cmd/link defines -8 only when it links for plan9/amd64 (cf. ld.Main).
        boolean plan9Amd64 = "plan9".equals(env.get("GOOS")) && "amd64".equals(env.get("GOARCH"));
        String fieldTrackSymbol = "";

        int i = 0;
        while (i < expanded.size()) {
            String arg = expanded.get(i);
            if (arg.length() < 2 || arg.charAt(0) != '-') {
                break;
            }
            i++;
            if (arg.equals("--")) {
                break;
            }
            String name = arg.substring(arg.startsWith("--") ? 2 : 1);
            if (name.isEmpty() || name.charAt(0) == '-' || name.charAt(0) == '=') {
                throw new UsageException("bad flag syntax: " + arg);
            }
            String value = null;
            int eq = name.indexOf('=');
            if (eq > 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            if (name.equals("help")) {
                return new Invocation(null, usage());
            }
            Kind kind = name.equals("8") && plan9Amd64 ? Kind.BOOL : GO_FLAGS.get(name);
            if (kind == null) {
                throw new UsageException("flag provided but not defined: -" + name);
            }
            if (name.equals("V")) {
                // Like cmd/link, any value (-V, -V=full) prints the version and stops; the experiments
                // follow it: those that differ from the target's defaults, or all with -V=goexperiment.
                String version = "goexperiment".equals(value)
                        ? BuildConfig.GO_VERSION + " X:" + config.experiments().all()
                        : config.experiments().buildVersion(BuildConfig.GO_VERSION);
                return new Invocation(null, "link version " + version + "\n");
            }
            if (kind == Kind.BOOL) {
                boolean on = value == null || parseBool(name, value);
                switch (name) {
                    case "s" -> strip = on;
                    case "w" -> stripDwarf = on;
                    case "compressdwarf" -> compressDwarf = on;
                    case "dumpdep" -> dumpDep = on;
                    case "mmap" -> mmap = on;
                    case "8" -> flag8 = on;
                    case "v" -> verbose = value == null ? verbose + 1 : (on ? verbose + 1 : 0);
                    default -> refuse(name, on);
                }
                continue;
            }
            if (value == null) {
                if (i == expanded.size()) {
                    throw new UsageException("flag needs an argument: -" + name);
                }
                value = expanded.get(i++);
            }
            switch (name) {
                case "o" -> {
                    output = workingDir.resolve(value);
                    outputName = value;
                    if (value.endsWith("/")) {
                        throw dev.golink.outbuf.OutBuf.trailingSlash(value, output);
                    }
                }
                case "importcfg" -> importcfg = Path.of(value); // as given: cmd/link names it so in messages
                case "L" -> libraryDirs.add(Path.of(value)); // as given: cmd/link names its files so
                case "installsuffix" -> installSuffix = value;
                case "buildid" -> buildId = value;
                case "X" -> definitions.add(checkDefinition(value));
                case "buildmode" -> buildMode = checkBuildMode(value);
                case "linkmode" -> linkModeInternal = checkLinkMode(value).equals("internal");
                case "debugtramp" -> debugTramp = parseInt(name, value);
                case "sizereport" -> sizeReport = workingDir.resolve(value);
                case "whykept" -> whyKept.add(value);
                case "map" -> linkMap = workingDir.resolve(value);
                case "k" -> fieldTrackSymbol = value;
                default -> {
                    if (!NO_EFFECT.contains(name)) {
                        throw new UsageException("golink does not support the flag -" + name);
                    }
                }
            }
        }
        List<String> operands = expanded.subList(i, expanded.size());
        if (operands.size() != 1) {
            throw new UsageException("expected exactly one main archive after the flags, got " + operands.size()
                    + (operands.isEmpty() ? "" : ": " + operands));
        }
        if (!installSuffix.isEmpty()) {
            throw new UsageException("golink does not support the flag -installsuffix");
        }
        if (output == null) {
            // As cmd/link names it: with the suffix of executables on windows.
            outputName = config.target().goos().equals("windows") ? "a.out.exe" : "a.out";
            output = workingDir.resolve(outputName);
        }
        LinkOptions options = LinkOptions.builder(output, Path.of(operands.get(0)), config)
                .importcfg(importcfg).libraryDirs(libraryDirs).buildMode(buildMode).buildId(buildId)
                .stripSymbols(strip).stripDwarf(stripDwarf).compressDwarf(compressDwarf).definitions(definitions)
                .dumpDep(dumpDep).verbose(verbose).workingDir(workingDir).mmap(mmap).debugTramp(debugTramp)
                .reports(new dev.golink.report.ReportOptions(sizeReport, whyKept, linkMap)).flag8(flag8)
                .outputName(outputName)
                .linkModeInternal(linkModeInternal)
                .fieldTrackSymbol(fieldTrackSymbol)
                .build();
        return new Invocation(options, null);
    }

    /** The usage text: the flags golink honours. */
    public static String usage() {
        return """
                usage: link [options] main.o
                  -8                  plan9/amd64 only: 4-byte addresses in the symbol table (as cmd/link's -8)
                  -L directory        add a directory to the library search path
                  -V                  print the version (link version %s) and exit
                  -X definition       add a string value definition of the form importpath.name=value
                  -buildid id         record id as the Go toolchain build id
                  -buildmode mode     build mode (exe; pie on windows and android/arm64)
                  -compressdwarf      compress DWARF if possible (default true)
                  -debugtramp int     debug trampolines: 1 with -v reports each one made; 2 puts one on every
                                      call between packages (arm, arm64, ppc64)
                  -dumpdep            dump the symbol dependency graph
                  -extld linker       accepted and ignored: golink links internally
                  -extldflags flags   accepted and ignored: golink links internally
                  -importcfg file     read the import configuration from file
                  -k symbol           with GOEXPERIMENT=fieldtrack: set the string variable symbol to the
                                      tracked fields used, each with the chain that reaches it
                  -linkmode mode      link mode (internal)
                  -map file           golink only: write a link map (sections, then their symbols) to file
                  -mmap               golink only: write the output through a memory mapping (default true);
                                      -mmap=false builds it on the heap, with the same bytes
                  -o file             write the output to file (default a.out, a.out.exe on windows)
                  -s                  disable the symbol table
                  -sizereport file    golink only: write where every byte of the output comes from to file
                                      (JSON, linker/SIZEREPORT.md; ELF targets)
                  -v                  print phase timings
                  -w                  disable DWARF generation
                  -whykept pattern    golink only: print why the symbols matching pattern are kept (the
                                      shortest chain from a root); repeatable
                Environment: GOOS, GOARCH, GOROOT, GOROOT_FINAL, GOARM, GO386, GOAMD64, GOMIPS, GOMIPS64,
                GOPPC64, GOWASM, GOEXPERIMENT, as read by Go 1.19's cmd/link.
                """.formatted(BuildConfig.GO_VERSION);
    }

    private static boolean parseBool(String name, String value) throws UsageException {
        return switch (value) {
            case "1", "t", "T", "true", "TRUE", "True" -> true;
            case "0", "f", "F", "false", "FALSE", "False" -> false;
            default -> throw new UsageException("invalid boolean value \"" + value + "\" for -" + name);
        };
    }

    /**
     * An int flag's value as Go's flag package reads it (strconv.ParseInt with
     * base 0, without digit separators). Values beyond Java's int are clamped:
     * the flags that take one only compare it with small numbers.
     */
    static int parseInt(String name, String value) throws UsageException {
        boolean negative = value.startsWith("-");
        String digits = negative || value.startsWith("+") ? value.substring(1) : value;
        int radix = 10;
        if (digits.length() > 1 && digits.charAt(0) == '0') {
            char p = Character.toLowerCase(digits.charAt(1));
            radix = p == 'x' ? 16 : p == 'b' ? 2 : 8;
            digits = digits.substring(p == 'x' || p == 'b' || p == 'o' ? 2 : 1);
        }
        if (digits.isEmpty() || Character.digit(digits.charAt(0), radix) < 0) {
            throw new UsageException("invalid value \"" + value + "\" for flag -" + name + ": parse error");
        }
        try {
            long v = Long.parseLong((negative ? "-" : "") + digits, radix);
            return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, v));
        } catch (NumberFormatException e) {
            boolean wellFormed = true;
            for (int i = 0; i < digits.length(); i++) {
                wellFormed &= Character.digit(digits.charAt(i), radix) >= 0;
            }
            throw new UsageException("invalid value \"" + value + "\" for flag -" + name + ": "
                    + (wellFormed ? "value out of range" : "parse error"));
        }
    }

    private static void refuse(String name, boolean on) throws UsageException {
        // Turning an unsupported feature off is what cmd/link does by default.
        boolean harmless = NO_EFFECT.contains(name) || (!on && !name.equals("aslr")) || (on && name.equals("aslr"));
        if (!harmless) {
            throw new UsageException("golink does not support the flag -" + name + (on ? "" : "=false"));
        }
    }

    private static String checkDefinition(String value) throws LinkException {
        int eq = value.indexOf('=');
        if (eq < 0 || value.lastIndexOf('.', eq) < 0) {
            // cmd/link's Exitf as it parses the flag: no usage after it (cf. ld.addstrdata1).
            throw new LinkException("-X flag requires argument of the form importpath.name=value");
        }
        return value;
    }

    private static String checkBuildMode(String value) throws UsageException {
        return switch (value) {
            case "exe", "pie" -> value; // the link refuses pie where golink makes no PIE (all but windows and android/arm64)
            case "c-archive", "c-shared", "shared", "plugin" ->
                    throw new UsageException("golink does not support -buildmode=" + value + ": it links -buildmode=exe");
            default -> throw new UsageException("invalid value \"" + value + "\" for flag -buildmode: unknown build mode");
        };
    }

    private static String checkLinkMode(String value) throws UsageException {
        switch (value) {
            case "internal", "auto" -> {
                return value;
            }
            case "external" -> throw new UsageException(
                    "golink does not support -linkmode=external: it links internally, without a C linker");
            default -> throw new UsageException("invalid value \"" + value + "\" for flag -linkmode: unknown link mode");
        }
    }

    /** Expands {@code @file} arguments as cmd/link does: one argument a line, {@code \n} and {@code \\} escaped. */
    static List<String> expandResponseFiles(List<String> args, Path workingDir) throws LinkException {
        return expandResponseFiles(args, workingDir, new java.util.ArrayDeque<>());
    }

    /** As above; {@code open} holds the files being expanded, each of which includes the next. */
    private static List<String> expandResponseFiles(List<String> args, Path workingDir, java.util.Deque<Path> open)
            throws LinkException {
        List<String> out = new ArrayList<>(args.size());
        for (String arg : args) {
            if (!arg.startsWith("@")) {
                out.add(arg);
                continue;
            }
            Path file = workingDir.resolve(arg.substring(1));
            String text;
            try {
                text = Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new LinkException("cannot read response file " + file + ": " + e.getMessage(), e);
            }
            List<String> lines = new ArrayList<>();
            for (String line : text.replace("\r", "").strip().split("\n", -1)) {
                lines.add(decodeArg(file, line));
            }
            Path key = file.toAbsolutePath().normalize();
            if (open.contains(key)) {
                throw new LinkException("response file " + file + " includes itself (through "
                        + String.join(" -> ", open.stream().map(Path::toString).toList()) + ")");
            }
            open.push(key);
            out.addAll(expandResponseFiles(lines, workingDir, open));
            open.pop();
        }
        return out;
    }

    private static String decodeArg(Path file, String line) throws LinkException {
        if (line.indexOf('\\') < 0) {
            return line;
        }
        StringBuilder b = new StringBuilder(line.length());
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c != '\\') {
                b.append(c);
                continue;
            }
            char next = ++i < line.length() ? line.charAt(i) : 0;
            switch (next) {
                case '\\' -> b.append('\\');
                case 'n' -> b.append('\n');
                default -> throw new LinkException("response file " + file + ": bad escape in \"" + line
                        + "\" (expected \\\\ or \\n)");
            }
        }
        return b.toString();
    }
}
