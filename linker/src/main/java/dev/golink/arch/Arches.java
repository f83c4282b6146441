package dev.golink.arch;

import dev.golink.Target;
import dev.golink.arch.amd64.Amd64;
import dev.golink.arch.arm.Arm;
import dev.golink.arch.arm64.Arm64;
import dev.golink.arch.loong64.Loong64;
import dev.golink.arch.mips.Mips;
import dev.golink.arch.mips64.Mips64;
import dev.golink.arch.ppc64.Ppc64;
import dev.golink.arch.riscv64.Riscv64;
import dev.golink.arch.s390x.S390x;
import dev.golink.arch.wasm.Wasm;
import dev.golink.arch.x86.X86;

import java.util.List;

/** The targets golink links: each target package declares its specs, and they are registered here. */
public final class Arches {

    /** Every target golink links, in the order reports list them. A new target adds its spec here. */
    private static final List<TargetSpec> TARGETS = List.of(
            Amd64.LINUX,
            X86.LINUX,
            Arm.LINUX,
            Arm64.LINUX,
            Mips.LINUX,
            Mips.LINUX_LE,
            Mips64.LINUX,
            Mips64.LINUX_LE,
            Ppc64.LINUX,
            Ppc64.LINUX_LE,
            Riscv64.LINUX,
            Loong64.LINUX,
            S390x.LINUX,
            Amd64.FREEBSD,
            X86.FREEBSD,
            Arm.FREEBSD,
            Arm64.FREEBSD,
            Amd64.NETBSD,
            X86.NETBSD,
            Arm.NETBSD,
            Arm64.NETBSD,
            Amd64.DRAGONFLY,
            Mips64.OPENBSD,
            Amd64.OPENBSD,
            Arm64.OPENBSD,
            X86.OPENBSD,
            Arm.OPENBSD,
            Amd64.SOLARIS,
            Amd64.ILLUMOS,
            Amd64.DARWIN,
            Arm64.DARWIN,
            Wasm.JS,
            Amd64.WINDOWS,
            X86.WINDOWS,
            Arm64.WINDOWS,
            Arm.WINDOWS,
            Ppc64.AIX,
            Amd64.PLAN9,
            Amd64.IOS,
            X86.PLAN9,
            Arm.PLAN9,
            Arm64.ANDROID);

    private Arches() {
    }

    /** The targets golink links, in the order reports list them. */
    public static List<Target> supported() {
        return TARGETS.stream().map(TargetSpec::target).toList();
    }

    /** The spec of {@code target}, or null when golink does not link it. */
    public static TargetSpec spec(Target target) {
        for (TargetSpec s : TARGETS) {
            if (s.goos().equals(target.goos()) && s.goarch().equals(target.goarch())) {
                return s;
            }
        }
        return null;
    }

    /**
     * The backend of any implemented architecture, whether or not golink links
     * a target of it (for tests of the backends), or null. mips and mipsle get
     * GOMIPS=hardfloat, the reference toolchain's default.
     */
    public static Arch backend(String goarch) {
        return switch (goarch) {
            case "amd64" -> new Amd64();
            case "386" -> new X86();
            case "arm" -> new Arm();
            case "arm64" -> new Arm64();
            case "mips", "mipsle" -> new Mips(goarch, false);
            case "mips64", "mips64le" -> new Mips64(goarch);
            case "ppc64", "ppc64le" -> new Ppc64(goarch);
            case "riscv64" -> new Riscv64();
            case "loong64" -> new Loong64();
            case "s390x" -> new S390x();
            case "wasm" -> new Wasm();
            default -> null;
        };
    }
}
