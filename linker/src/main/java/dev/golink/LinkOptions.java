package dev.golink;

import java.nio.file.Path;
import java.util.List;

/**
 * Everything one link needs: the options of {@code go tool link} that golink
 * honours, and the build configuration read from the environment. Relative paths
 * are already resolved against the link's working directory.
 *
 * @param output         the executable to write ({@code -o}, default {@code a.out})
 * @param mainArchive    the main package's archive (the one positional argument)
 * @param importcfg      the import configuration ({@code -importcfg}), or null
 * @param libraryDirs    directories searched for packages the importcfg does not name ({@code -L})
 * @param buildMode      {@code -buildmode}; golink links {@code exe}
 * @param buildId        {@code -buildid}, recorded in the executable
 * @param stripSymbols   {@code -s}: no symbol table (implies no DWARF)
 * @param stripDwarf     {@code -w}: no DWARF
 * @param compressDwarf  {@code -compressdwarf}: compress DWARF sections where the format allows
 * @param definitions    {@code -X importpath.name=value} definitions, in command-line order
 * @param dumpDep        {@code -dumpdep}: print the dead-code dependency edges
 * @param verbose        {@code -v}: print phase timings
 * @param config         GOOS, GOARCH and the rest of the environment that changes the output
 * @param workingDir     the directory cmd/link would run in: relative {@code packagefile}
 *                       names of the importcfg are taken against it
 * @param mmap           {@code -mmap} (a golink extension, default true): write the output through a
 *                       memory mapping; false builds it on the heap. The bytes are the same.
 * @param debugTramp     {@code -debugtramp}: 1 with {@code -v} reports each trampoline made; 2 also
 *                       lays text out with trampolines on every call between packages (arm, arm64, ppc64)
 * @param reports        golink's own reports about the link ({@code -sizereport}, {@code -whykept}, {@code -map})
 * @param linkModeInternal {@code -linkmode=internal} (the last -linkmode given): golink links
 *                       internally whatever it says, but cmd/link's refusals of it are its own words
 * @param flag8          {@code -8}, a flag of plan9/amd64 only: its Plan 9 symbol table gives addresses in 4
 *                       bytes instead of 8 (cf. ld.flag8 and putplan9sym)
 * @param outputName     the output as messages name it: {@code -o} as given, as cmd/link names it
 * @param fieldTrackSymbol {@code -k}: the string variable that receives the tracked fields used, with
 *                       GOEXPERIMENT=fieldtrack; empty for none
 */
public record LinkOptions(
        Path output,
        Path mainArchive,
        Path importcfg,
        List<Path> libraryDirs,
        String buildMode,
        String buildId,
        boolean stripSymbols,
        boolean stripDwarf,
        boolean compressDwarf,
        List<String> definitions,
        boolean dumpDep,
        int verbose,
        BuildConfig config,
        Path workingDir,
        boolean mmap,
        int debugTramp,
        dev.golink.report.ReportOptions reports,
        boolean linkModeInternal,
        boolean flag8,
        String outputName,
        String fieldTrackSymbol) {

    public LinkOptions {
        libraryDirs = List.copyOf(libraryDirs);
        definitions = List.copyOf(definitions);
        workingDir = workingDir.toAbsolutePath();
    }

    /**
     * Options with cmd/link's defaults for the flags not given: no importcfg or
     * -L directories, -buildmode=exe, no build ID, symbols and DWARF kept,
     * DWARF compressed, no -X, output mapped, run in the process's current directory.
     */
    public static Builder builder(Path output, Path mainArchive, BuildConfig config) {
        return new Builder(output, mainArchive, config);
    }

    /** Names each option at its call site; {@link #build} makes the record. */
    public static final class Builder {
        private final Path output;
        private final Path mainArchive;
        private final BuildConfig config;
        private Path importcfg;
        private List<Path> libraryDirs = List.of();
        private String buildMode = "exe";
        private String buildId = "";
        private boolean stripSymbols;
        private boolean stripDwarf;
        private boolean compressDwarf = true;
        private List<String> definitions = List.of();
        private boolean dumpDep;
        private int verbose;
        private Path workingDir = Path.of("");
        private boolean mmap = true;
        private int debugTramp;
        private dev.golink.report.ReportOptions reports = dev.golink.report.ReportOptions.NONE;
        private boolean flag8;
        private boolean linkModeInternal;
        private String outputName;
        private String fieldTrackSymbol = "";

        private Builder(Path output, Path mainArchive, BuildConfig config) {
            this.output = output;
            this.mainArchive = mainArchive;
            this.config = config;
        }

        public Builder importcfg(Path importcfg) {
            this.importcfg = importcfg;
            return this;
        }

        public Builder libraryDirs(List<Path> libraryDirs) {
            this.libraryDirs = libraryDirs;
            return this;
        }

        public Builder buildMode(String buildMode) {
            this.buildMode = buildMode;
            return this;
        }

        public Builder buildId(String buildId) {
            this.buildId = buildId;
            return this;
        }

        public Builder stripSymbols(boolean stripSymbols) {
            this.stripSymbols = stripSymbols;
            return this;
        }

        public Builder stripDwarf(boolean stripDwarf) {
            this.stripDwarf = stripDwarf;
            return this;
        }

        public Builder compressDwarf(boolean compressDwarf) {
            this.compressDwarf = compressDwarf;
            return this;
        }

        public Builder definitions(List<String> definitions) {
            this.definitions = definitions;
            return this;
        }

        public Builder dumpDep(boolean dumpDep) {
            this.dumpDep = dumpDep;
            return this;
        }

        public Builder verbose(int verbose) {
            this.verbose = verbose;
            return this;
        }

        public Builder workingDir(Path workingDir) {
            this.workingDir = workingDir;
            return this;
        }

        public Builder mmap(boolean mmap) {
            this.mmap = mmap;
            return this;
        }

        public Builder debugTramp(int debugTramp) {
            this.debugTramp = debugTramp;
            return this;
        }

        public Builder linkModeInternal(boolean linkModeInternal) {
            this.linkModeInternal = linkModeInternal;
            return this;
        }

        public Builder flag8(boolean flag8) {
            this.flag8 = flag8;
            return this;
        }

        public Builder outputName(String outputName) {
            this.outputName = outputName;
            return this;
        }

        public Builder reports(dev.golink.report.ReportOptions reports) {
            this.reports = reports;
            return this;
        }

        public Builder fieldTrackSymbol(String fieldTrackSymbol) {
            this.fieldTrackSymbol = fieldTrackSymbol;
            return this;
        }

        public LinkOptions build() {
            return new LinkOptions(output, mainArchive, importcfg, libraryDirs, buildMode, buildId, stripSymbols,
                    stripDwarf, compressDwarf, definitions, dumpDep, verbose, config, workingDir, mmap, debugTramp,
                    reports, linkModeInternal, flag8, outputName != null ? outputName : output.toString(),
                    fieldTrackSymbol);
        }
    }
}
