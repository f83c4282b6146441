package dev.golink.arch;

import dev.golink.BuildConfig;
import dev.golink.Target;

import java.util.function.Function;

/**
 * The facts of one GOOS/GOARCH target golink links that are not the CPU's
 * alone (cf. each backend's archinit): the container it is written in, the
 * bytes reserved for headers before the text, where text starts, and how
 * segments are rounded. The CPU's facts are the backend's {@link ArchInfo}.
 * Each target package declares its specs; {@link Arches} registers them.
 *
 * @param goos      GOOS
 * @param goarch    GOARCH
 * @param container the output format
 * @param textAddr  the address of the first text byte (cf. -T, *FlagTextAddr): the
 *                  target's base plus the header reserve
 * @param round     segment alignment in memory and file (cf. -R, *FlagRound)
 * @param pie       whether -buildmode=exe links a position-independent executable
 *                  (cf. ld.BuildMode.Set: darwin/arm64, whose kernel requires it)
 * @param newBackend makes the target's backend for a build configuration (GOMIPS picks
 *                  mips's floating-point ABI)
 */
public record TargetSpec(String goos, String goarch, Container container, long textAddr, long round, boolean pie,
        Function<BuildConfig, Arch> newBackend) {

    /** The output formats, with the bytes each reserves before the text for its headers (cf. ld.HEADR). */
    public enum Container {
        /** cf. ld.ELFRESERVE. */
        ELF(4096),
        /** cf. ld.INITIAL_MACHO_HEADR: one page for the load commands. */
        MACHO(4096),
        /** No headers in linear memory. */
        WASM(0);

        private final long headr;

        Container(long headr) {
            this.headr = headr;
        }

        /** The bytes reserved for headers before the text. */
        public long headr() {
            return headr;
        }
    }

    /** A Linux ELF executable whose text starts one header reserve above {@code base}. */
    public static TargetSpec linux(String goarch, long base, long round, Function<BuildConfig, Arch> backend) {
        return new TargetSpec("linux", goarch, Container.ELF, base + Container.ELF.headr(), round, false, backend);
    }

    /** A macOS Mach-O executable whose text starts one header page above {@code base}. */
    public static TargetSpec darwin(String goarch, long base, long round, boolean pie, Function<BuildConfig, Arch> backend) {
        return new TargetSpec("darwin", goarch, Container.MACHO, base + Container.MACHO.headr(), round, pie, backend);
    }

    /** The target's backend for {@code config}. */
    public Arch backend(BuildConfig config) {
        return newBackend.apply(config);
    }

    public Target target() {
        return new Target(goos, goarch);
    }

    /** The bytes reserved for headers before the text (cf. ld.HEADR). */
    public long headr() {
        return container.headr();
    }
}
