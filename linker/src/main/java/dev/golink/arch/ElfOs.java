package dev.golink.arch;

/**
 * What an ELF executable says about the system it runs on (cf. the HeadType cases of
 * ld.asmbElf, ld.doelf and ld.address): the dynamic loader it names, the OS ABI byte of its
 * header, the program headers that describe its stack, and whether it is always dynamic.
 *
 * @param interpreter   the dynamic loader a dynamic executable names in .interp (cf. the
 *                      backends' Linuxdynld, Solarisdynld); "" where golink writes only static files
 * @param osabi         the header's EI_OSABI byte
 * @param alwaysDynamic whether cmd/link never makes the executable static: the runtime calls the
 *                      system's libc through cgo_import_dynamic (Solaris and illumos; cf. ld.loadlib's -d)
 * @param stack         the program headers that mark the stack non-executable
 * @param endSymbols    whether the runtime exports runtime.etext, edata and end as _etext, _edata and
 *                      _end, so that address defines those too (Solaris and illumos)
 * @param pltAddresses  whether text that takes an import's address gets its PLT entry's, not a GOT
 *                      slot's (Solaris and illumos; cf. amd64 adddynrel's R_ADDR case)
 */
public record ElfOs(String interpreter, int osabi, boolean alwaysDynamic, Stack stack, boolean endSymbols,
        boolean pltAddresses) {

    /** The program headers after the dynamic ones (cf. the PT_GNU_STACK, PT_SUNWSTACK cases of asmbElf). */
    public enum Stack {
        /** PT_GNU_STACK, then PT_PAX_FLAGS (Linux). */
        GNU_STACK_AND_PAX,
        /** PT_SUNWSTACK (Solaris, illumos). */
        SUNW_STACK,
        /** None (a container other than ELF). */
        NONE
    }

    /** Linux: static executables, with a non-executable stack and PaX flags. */
    public static final ElfOs LINUX = new ElfOs("", 0, false, Stack.GNU_STACK_AND_PAX, false, false);

    /** For the containers that are not ELF. */
    public static final ElfOs NOT_ELF = new ElfOs("", 0, false, Stack.NONE, false, false);

    /** Solaris and illumos: always dynamic, libc's loader at {@code interpreter}. */
    public static ElfOs solaris(String interpreter) {
        return new ElfOs(interpreter, 0, true, Stack.SUNW_STACK, true, true);
    }
}
