package dev.golink.arch;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * What an operating system asks of an ELF executable, whatever the CPU (cf. the
 * HeadType switches of cmd/link's ld/elf.go and ld/main.go): the OS/ABI byte of the
 * identification, the ident note a kernel looks for, the program headers that say how
 * the stack may be used, and the build ID the link records when -buildid gives none.
 * A target's spec holds its OS's facts (see {@link TargetSpec#elfOs}); the ELF writer
 * asks them and never the OS's name.
 *
 * @param goos           GOOS
 * @param osabi          e_ident[EI_OSABI] (cf. elf.ELFOSABI_*): 0 but on FreeBSD, NetBSD and OpenBSD
 * @param ident          the note that identifies the OS to its kernel, in a PT_NOTE segment of its own
 *                       (NetBSD and OpenBSD require that), or null
 * @param stackPhdrs     the program headers after the loaded segments that describe the stack
 *                       (PT_GNU_STACK, PT_PAX_FLAGS), in order
 * @param defaultBuildId the build ID when -buildid is empty or not given, or "" for none
 *                       (OpenBSD: since 6.7 it lets a dynamically linked binary make direct system
 *                       calls only when it has a Go build ID note; cf. ld.Main)
 * @param dedupVersionedLibraries whether lib.so.M.N and lib.so are one library for DT_NEEDED,
 *                       the versioned name kept and the list sorted (OpenBSD; cf. dedupLibraries)
 * @param endSymbols     whether the runtime exports runtime.etext, edata and end as _etext, _edata and
 *                       _end, so that the link defines those too (Solaris and illumos)
 * @param pltAddresses   whether text that takes an import's address gets its PLT entry's rather than a
 *                       GOT slot's (Solaris and illumos; cf. amd64 adddynrel's R_ADDR case)
 */
public record ElfOs(String goos, int osabi, IdentNote ident, List<StackPhdr> stackPhdrs, String defaultBuildId,
        boolean dedupVersionedLibraries, boolean endSymbols, boolean pltAddresses) {

    static final int PT_GNU_STACK = 0x6474e551;
    static final int PT_PAX_FLAGS = 0x65041580;
    static final int PT_SUNWSTACK = 0x6ffffffb;
    static final int PF_W = 2;
    static final int PF_R = 4;

    /**
     * A note that identifies the OS (cf. elfnetbsdsig, elfopenbsdsig): a note header with
     * {@code namesz}, a 4-byte descriptor and {@code tag}, then {@code name} (the name, its NUL and
     * any padding, as cmd/link writes them) and the descriptor {@code version} as a word in the
     * target's byte order.
     *
     * @param section the section's name
     * @param namesz  the note header's name size
     * @param name    the bytes written for the name
     * @param tag     the note type
     * @param version the descriptor
     */
    public record IdentNote(String section, int namesz, byte[] name, int tag, int version) {

        /** The note's size after its 12-byte header: the name as written and the 4-byte descriptor. */
        public int payloadSize() {
            return name.length + 4;
        }
    }

    /**
     * A program header of no segment that tells the kernel about the stack.
     *
     * @param type          p_type
     * @param flags         p_flags
     * @param registerAlign whether p_align is the register size (else 0)
     */
    public record StackPhdr(int type, int flags, boolean registerAlign) {
    }

    /** A non-executable stack (cf. elf.PT_GNU_STACK). */
    private static final StackPhdr GNU_STACK = new StackPhdr(PT_GNU_STACK, PF_W + PF_R, true);
    /** PaX: mprotect, randexec and emutramp restrictions disabled (flags 0x2a00). */
    private static final StackPhdr PAX_FLAGS = new StackPhdr(PT_PAX_FLAGS, 0x2a00, true);
    /** Solaris's non-executable stack (cf. elf.PT_SUNWSTACK), of no alignment. */
    private static final StackPhdr SUNW_STACK = new StackPhdr(PT_SUNWSTACK, PF_W + PF_R, false);

    /** Linux: OS/ABI 0 (System V), a non-executable stack and PaX flags. */
    public static final ElfOs LINUX = new ElfOs("linux", 0, null, List.of(GNU_STACK, PAX_FLAGS), "", false,
            false, false);
    /**
     * Android: Linux's facts (cmd/link's Hlinux serves both); only the dynamic loader
     * ({@code /system/bin/linker64}) and the runtime's TLS differ, see {@link TargetSpec#makesTlsg}.
     */
    public static final ElfOs ANDROID = new ElfOs("android", 0, null, List.of(GNU_STACK, PAX_FLAGS), "", false,
            false, false);
    /** FreeBSD: ELFOSABI_FREEBSD and a non-executable stack. */
    public static final ElfOs FREEBSD = new ElfOs("freebsd", 9, null, List.of(GNU_STACK), "", false, false, false);
    /** NetBSD: ELFOSABI_NETBSD and the NetBSD 7.0 ident note (the name padded to 8 bytes). */
    public static final ElfOs NETBSD = new ElfOs("netbsd", 2,
            new IdentNote(".note.netbsd.ident", 7, "NetBSD\0\0".getBytes(StandardCharsets.US_ASCII), 1, 700000000),
            List.of(), "", false, false, false);
    /** OpenBSD: ELFOSABI_OPENBSD, the OpenBSD ident note, and a Go build ID note whatever -buildid says. */
    public static final ElfOs OPENBSD = new ElfOs("openbsd", 12,
            new IdentNote(".note.openbsd.ident", 8, "OpenBSD\0".getBytes(StandardCharsets.US_ASCII), 1, 0),
            List.of(), "go-openbsd", true, false, false);
    /** DragonFly BSD: OS/ABI 0 and nothing more. */
    public static final ElfOs DRAGONFLY = new ElfOs("dragonfly", 0, null, List.of(), "", false, false,
            false);
    /**
     * Solaris: OS/ABI 0, a non-executable stack (PT_SUNWSTACK), the runtime's exported end symbols,
     * and imports' addresses taken by text through the PLT.
     */
    public static final ElfOs SOLARIS = new ElfOs("solaris", 0, null, List.of(SUNW_STACK), "", false, true, true);
    /** illumos: Solaris's facts under its own GOOS (cf. objabi.Hsolaris). */
    public static final ElfOs ILLUMOS = new ElfOs("illumos", 0, null, List.of(SUNW_STACK), "", false, true, true);
}
