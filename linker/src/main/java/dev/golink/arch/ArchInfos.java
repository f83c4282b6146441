package dev.golink.arch;

import java.nio.ByteOrder;
import java.util.Map;

/**
 * The facts of every architecture golink targets (cf. cmd/internal/sys.Arch and
 * each backend's l.go and obj.go), whether or not its backend exists yet, so
 * that phases can ask for them without a backend. Immutable.
 */
public final class ArchInfos {

    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;
    private static final ByteOrder BE = ByteOrder.BIG_ENDIAN;
    private static final byte[] INT3 = {(byte) 0xCC};
    private static final byte[] ZERO = {0};

    // goarch, order, ptr, reg, minLC, funcAlign, minAlign, maxAlign, codePad, e_machine, e_flags, rel type
    public static final ArchInfo I386 = new ArchInfo("386", LE, 4, 4, 1, 16, 1, 32, INT3, 3, 0, ".rel");
    public static final ArchInfo AMD64 = new ArchInfo("amd64", LE, 8, 8, 1, 32, 1, 32, INT3, 62, 0, ".rela");
    /** e_flags: has entry point, EABI version 5. */
    public static final ArchInfo ARM = new ArchInfo("arm", LE, 4, 4, 4, 4, 1, 8, ZERO, 40, 0x5000002, ".rel");
    public static final ArchInfo ARM64 = new ArchInfo("arm64", LE, 8, 8, 4, 16, 1, 32, ZERO, 183, 0, ".rela");
    /** e_flags: MIPS32, CPIC, O32. */
    public static final ArchInfo MIPS = new ArchInfo("mips", BE, 4, 4, 4, 4, 1, 32, ZERO, 8, 0x50001004, ".rel");
    public static final ArchInfo MIPSLE = new ArchInfo("mipsle", LE, 4, 4, 4, 4, 1, 32, ZERO, 8, 0x50001004, ".rel");
    /** e_flags: MIPS III, CPIC. */
    public static final ArchInfo MIPS64 = new ArchInfo("mips64", BE, 8, 8, 4, 8, 1, 32, ZERO, 8, 0x20000004, ".rela");
    public static final ArchInfo MIPS64LE = new ArchInfo("mips64le", LE, 8, 8, 4, 8, 1, 32, ZERO, 8, 0x20000004,
            ".rela");
    /** e_flags: ELFv1 ABI (big-endian) or ELFv2 (little-endian). */
    public static final ArchInfo PPC64 = new ArchInfo("ppc64", BE, 8, 8, 4, 16, 1, 32, ZERO, 21, 1, ".rela");
    public static final ArchInfo PPC64LE = new ArchInfo("ppc64le", LE, 8, 8, 4, 16, 1, 32, ZERO, 21, 2, ".rela");
    public static final ArchInfo S390X = new ArchInfo("s390x", BE, 8, 8, 2, 16, 2, 32, ZERO, 22, 1, ".rela");
    /** Not ELF: the ELF fields are unused. */
    public static final ArchInfo WASM = new ArchInfo("wasm", LE, 8, 8, 1, 16, 1, 32, ZERO, 0, 0, "");

    private static final Map<String, ArchInfo> BY_GOARCH = Map.ofEntries(
            Map.entry("386", I386), Map.entry("amd64", AMD64), Map.entry("arm", ARM), Map.entry("arm64", ARM64),
            Map.entry("mips", MIPS), Map.entry("mipsle", MIPSLE), Map.entry("mips64", MIPS64),
            Map.entry("mips64le", MIPS64LE), Map.entry("ppc64", PPC64), Map.entry("ppc64le", PPC64LE),
            Map.entry("s390x", S390X), Map.entry("wasm", WASM));

    private ArchInfos() {
    }

    /** The facts for GOARCH {@code goarch}, or null for an architecture golink does not know. */
    public static ArchInfo of(String goarch) {
        return BY_GOARCH.get(goarch);
    }
}
