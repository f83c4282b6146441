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
 * @param headr     the bytes reserved for headers before the text (cf. ld.HEADR)
 * @param textAddr  the address of the first text byte (cf. -T, *FlagTextAddr): the
 *                  target's base plus the header reserve (on PE, rounded to the section alignment)
 * @param round     segment alignment in memory and file (cf. -R, *FlagRound)
 * @param pie       whether -buildmode=exe links a position-independent executable
 *                  (cf. ld.BuildMode.Set: darwin/arm64, whose kernel requires it, windows/arm
 *                  and windows/arm64)
 * @param coffMachine the COFF machine of a PE target (cf. pe.IMAGE_FILE_MACHINE_*), 0 for other containers
 * @param newBackend makes the target's backend for a build configuration (GOMIPS picks
 *                  mips's floating-point ABI)
 * @param elfOs     the system an ELF executable is for ({@link ElfOs#NOT_ELF} for other containers)
 */
public record TargetSpec(String goos, String goarch, Container container, long headr, long textAddr, long round,
        boolean pie, int coffMachine, Function<BuildConfig, Arch> newBackend, ElfOs elfOs) {

    /** The output formats, with the bytes each reserves before the text for its headers (cf. ld.HEADR). */
    public enum Container {
        /** cf. ld.ELFRESERVE. */
        ELF(4096),
        /** cf. ld.INITIAL_MACHO_HEADR: one page for the load commands. */
        MACHO(4096),
        /** No headers in linear memory. */
        WASM(0),
        /**
         * Windows PE/COFF: the DOS stub and the COFF, optional and section headers,
         * rounded to the file alignment; they depend on the pointer size, see {@link TargetSpec#windows}.
         */
        PE(-1);

        private final long headr;

        Container(long headr) {
            this.headr = headr;
        }

        /** The bytes reserved for headers before the text (ELF, Mach-O, wasm). */
        public long headr() {
            if (headr < 0) {
                throw new IllegalStateException("the PE header reserve depends on the pointer size");
            }
            return headr;
        }
    }

    /** A Linux ELF executable whose text starts one header reserve above {@code base}. */
    public static TargetSpec linux(String goarch, long base, long round, Function<BuildConfig, Arch> backend) {
        long headr = Container.ELF.headr();
        return new TargetSpec("linux", goarch, Container.ELF, headr, base + headr, round, false, 0, backend,
                ElfOs.LINUX);
    }

    /**
     * A Solaris or illumos ({@code goos}) ELF executable whose text starts one header reserve above
     * {@code base}: dynamic, its loader at {@code interpreter} (cf. the backends' Solarisdynld).
     */
    public static TargetSpec solaris(String goos, String goarch, long base, long round, String interpreter,
            Function<BuildConfig, Arch> backend) {
        long headr = Container.ELF.headr();
        return new TargetSpec(goos, goarch, Container.ELF, headr, base + headr, round, false, 0, backend,
                ElfOs.solaris(interpreter));
    }

    /** A macOS Mach-O executable whose text starts one header page above {@code base}. */
    public static TargetSpec darwin(String goarch, long base, long round, boolean pie, Function<BuildConfig, Arch> backend) {
        long headr = Container.MACHO.headr();
        return new TargetSpec("darwin", goarch, Container.MACHO, headr, base + headr, round, pie, 0, backend,
                ElfOs.NOT_ELF);
    }

    /** PE's file alignment of sections (cf. ld.PEFILEALIGN). */
    public static final long PE_FILE_ALIGN = 512;
    /** PE's alignment of sections in memory, and the segment rounding (cf. ld.PESECTALIGN). */
    public static final long PE_SECT_ALIGN = 0x1000;

    /**
     * A Windows PE executable whose image is based at {@code base} (cf. ld.Peinit): the headers
     * (a 128-byte DOS stub with the "PE\0\0" signature, the 20-byte COFF header, the optional
     * header of PE32+ or PE32, room for 16 section headers) fill the file up to a multiple of
     * the file alignment, and text starts one section alignment above the base.
     */
    public static TargetSpec windows(String goarch, int ptrSize, long base, int coffMachine, boolean pie,
            Function<BuildConfig, Arch> backend) {
        long optionalHeader = ptrSize == 8 ? 240 : 224;
        long headr = rnd(128 + 20 + optionalHeader + 16 * 40, PE_FILE_ALIGN);
        long sectHeadr = rnd(headr, PE_SECT_ALIGN);
        return new TargetSpec("windows", goarch, Container.PE, headr, base + sectHeadr, PE_SECT_ALIGN, pie, coffMachine,
                backend, ElfOs.NOT_ELF);
    }

    private static long rnd(long v, long r) {
        return (v + r - 1) / r * r;
    }

    /** The target's backend for {@code config}. */
    public Arch backend(BuildConfig config) {
        return newBackend.apply(config);
    }

    public Target target() {
        return new Target(goos, goarch);
    }
}
