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
        int debugTramp) {

    public LinkOptions {
        libraryDirs = List.copyOf(libraryDirs);
        definitions = List.copyOf(definitions);
        workingDir = workingDir.toAbsolutePath();
    }

    /** Options without -debugtramp. */
    public LinkOptions(Path output, Path mainArchive, Path importcfg, List<Path> libraryDirs, String buildMode,
            String buildId, boolean stripSymbols, boolean stripDwarf, boolean compressDwarf, List<String> definitions,
            boolean dumpDep, int verbose, BuildConfig config, Path workingDir, boolean mmap) {
        this(output, mainArchive, importcfg, libraryDirs, buildMode, buildId, stripSymbols, stripDwarf, compressDwarf,
                definitions, dumpDep, verbose, config, workingDir, mmap, 0);
    }

    /** Options with the output written through a memory mapping (the default). */
    public LinkOptions(Path output, Path mainArchive, Path importcfg, List<Path> libraryDirs, String buildMode,
            String buildId, boolean stripSymbols, boolean stripDwarf, boolean compressDwarf, List<String> definitions,
            boolean dumpDep, int verbose, BuildConfig config, Path workingDir) {
        this(output, mainArchive, importcfg, libraryDirs, buildMode, buildId, stripSymbols, stripDwarf, compressDwarf,
                definitions, dumpDep, verbose, config, workingDir, true);
    }

    /** Options for a link run in the process's current directory. */
    public LinkOptions(Path output, Path mainArchive, Path importcfg, List<Path> libraryDirs, String buildMode,
            String buildId, boolean stripSymbols, boolean stripDwarf, boolean compressDwarf, List<String> definitions,
            boolean dumpDep, int verbose, BuildConfig config) {
        this(output, mainArchive, importcfg, libraryDirs, buildMode, buildId, stripSymbols, stripDwarf, compressDwarf,
                definitions, dumpDep, verbose, config, Path.of(""), true);
    }
}
