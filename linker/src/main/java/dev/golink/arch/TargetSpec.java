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
 * @param elfOs     the OS's facts of an ELF target (OS/ABI, ident note, stack headers), null for
 *                  other containers
 * @param interpreter the dynamic loader an ELF executable that imports from shared libraries names in
 *                  .interp (cf. thearch.Freebsddynld, Openbsddynld, ...), null where golink writes
 *                  none (other containers, linux)
 */
public record TargetSpec(String goos, String goarch, Container container, long headr, long textAddr, long round,
        boolean pie, int coffMachine, Function<BuildConfig, Arch> newBackend, ElfOs elfOs, String interpreter) {

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
        PE(-1),
        /**
         * AIX XCOFF: the file header, the auxiliary header and room for 23 section headers,
         * rounded to the section alignment (cf. ld.XCOFFHDRRESERVE).
         */
        XCOFF((24 + 120 + 72 * 23 + XCOFF_SECT_ALIGN - 1) / XCOFF_SECT_ALIGN * XCOFF_SECT_ALIGN),
        /** Plan 9 a.out: the header's size depends on the CPU, see {@link TargetSpec#plan9}. */
        PLAN9(-1);

        private final long headr;

        Container(long headr) {
            this.headr = headr;
        }

        /** The bytes reserved for headers before the text (ELF, Mach-O, wasm). */
        public long headr() {
            if (headr < 0) {
                throw new IllegalStateException("the " + this + " header reserve depends on the target");
            }
            return headr;
        }
    }

    /**
     * A Linux ELF executable whose text starts one header reserve above {@code base}. golink
     * writes static Linux executables only, so it names no interpreter.
     */
    public static TargetSpec linux(String goarch, long base, long round, Function<BuildConfig, Arch> backend) {
        return elf(ElfOs.LINUX, goarch, base, round, null, backend);
    }

    /**
     * An ELF executable for {@code os} whose text starts one header reserve above {@code base}
     * (cf. the backends' archinit: the BSDs share linux's base and rounding);
     * {@code interpreter} is the OS's dynamic loader for this CPU (cf. thearch.Freebsddynld, ...).
     */
    public static TargetSpec elf(ElfOs os, String goarch, long base, long round, String interpreter,
            Function<BuildConfig, Arch> backend) {
        long headr = Container.ELF.headr();
        return new TargetSpec(os.goos(), goarch, Container.ELF, headr, base + headr, round, false, 0, backend, os,
                interpreter);
    }

    /** A macOS Mach-O executable whose text starts one header page above {@code base}. */
    public static TargetSpec darwin(String goarch, long base, long round, boolean pie, Function<BuildConfig, Arch> backend) {
        long headr = Container.MACHO.headr();
        return new TargetSpec("darwin", goarch, Container.MACHO, headr, base + headr, round, pie, 0, backend, null,
                null);
    }

    /** XCOFF's section alignment in memory and file, the segment rounding (cf. ld.XCOFFSECTALIGN). */
    public static final long XCOFF_SECT_ALIGN = 64;
    /** Where AIX text starts, with the headers (cf. ld.XCOFFTEXTBASE). */
    public static final long XCOFF_TEXT_BASE = 0x100000000L;
    /**
     * Where AIX data starts: a segment of its own that text addresses cannot reach, so that
     * data must be position-independent (cf. ld.XCOFFDATABASE).
     */
    public static final long XCOFF_DATA_BASE = 0x200000000L;

    /** An AIX XCOFF executable: text one header reserve above the text base, in 64-byte sections. */
    public static TargetSpec aix(String goarch, Function<BuildConfig, Arch> backend) {
        long headr = Container.XCOFF.headr();
        return new TargetSpec("aix", goarch, Container.XCOFF, headr, XCOFF_TEXT_BASE + headr, XCOFF_SECT_ALIGN, false,
                0, backend, null, null);
    }

    /**
     * An iOS Mach-O executable, laid out as macOS's (cmd/link's Hdarwin serves both); only
     * {@link #machoPlatform} tells them apart.
     */
    public static TargetSpec ios(String goarch, long base, long round, Function<BuildConfig, Arch> backend) {
        long headr = Container.MACHO.headr();
        return new TargetSpec("ios", goarch, Container.MACHO, headr, base + headr, round, false, 0, backend, null,
                null);
    }

    /** Mach-O's PLATFORM_MACOS. */
    public static final int PLATFORM_MACOS = 1;
    /** Mach-O's PLATFORM_IOS. */
    public static final int PLATFORM_IOS = 2;

    /**
     * The platform a Mach-O executable is built for (cf. machoPlatform in ld.domacho): iOS
     * for GOOS ios, else macOS. Only macOS executables get an LC_BUILD_VERSION and the
     * $INODE64 names of libSystem.
     */
    public int machoPlatform() {
        return goos.equals("ios") ? PLATFORM_IOS : PLATFORM_MACOS;
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
                backend, null, null);
    }

    /**
     * A Plan 9 a.out executable: a header of {@code headr} bytes (32, or 40 where the
     * header carries a 64-bit entry), text at {@code textAddr}, segments rounded to
     * {@code round} in memory only (the file has no gaps).
     */
    public static TargetSpec plan9(String goarch, long headr, long textAddr, long round,
            Function<BuildConfig, Arch> backend) {
        return new TargetSpec("plan9", goarch, Container.PLAN9, headr, textAddr, round, false, 0, backend, null, null);
    }

    private static long rnd(long v, long r) {
        return (v + r - 1) / r * r;
    }

    /**
     * Whether golink links {@code -buildmode=pie} internally for this target (cf. the PIE case of
     * ld.mustLinkExternal): windows on every CPU and android/arm64, whose go build asks for it.
     * cmd/link also links linux amd64, arm64 and ppc64le and darwin PIE internally; golink does not yet.
     */
    public boolean linksPieInternally() {
        return container == Container.PE || elfOs == ElfOs.ANDROID;
    }

    /**
     * Whether the link makes runtime.tlsg, g's thread-local slot (cf. ld.(*Link).linksetup): not on
     * android, whose dynamic loader rejects the TLS section as underaligned and whose runtime
     * finds g's slot at run time.
     */
    public boolean makesTlsg() {
        return elfOs != ElfOs.ANDROID;
    }

    /** How many 928-byte stack guards a goroutine keeps (cf. objabi.stackGuardMultiplier): AIX's syscalls need two. */
    public int stackGuardMultiplier() {
        return container == Container.XCOFF ? 2 : 1;
    }

    /** The target's backend for {@code config}. */
    public Arch backend(BuildConfig config) {
        return newBackend.apply(config);
    }

    public Target target() {
        return new Target(goos, goarch);
    }
}
