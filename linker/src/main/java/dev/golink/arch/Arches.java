package dev.golink.arch;

import dev.golink.Target;
import dev.golink.arch.amd64.Amd64;
import dev.golink.arch.arm.Arm;
import dev.golink.arch.arm64.Arm64;
import dev.golink.arch.mips.Mips;
import dev.golink.arch.mips64.Mips64;
import dev.golink.arch.ppc64.Ppc64;
import dev.golink.arch.s390x.S390x;
import dev.golink.arch.wasm.Wasm;
import dev.golink.arch.x86.X86;

/** Finds the backend for a target. */
public final class Arches {

    private Arches() {
    }

    /**
     * The backend for {@code target}, or null when golink cannot link it yet:
     * every Linux target has its ELF backend, js/wasm its WebAssembly one,
     * darwin/amd64 and darwin/arm64 their Mach-O one.
     */
    public static Arch find(Target target) {
        if (target.goos().equals("darwin")) {
            return switch (target.goarch()) {
                case "amd64" -> new Amd64(0x30); // darwin keeps g at a fixed TLS slot
                case "arm64" -> new Arm64();
                default -> null;
            };
        }
        if (target.goos().equals("js") && target.goarch().equals("wasm")) {
            return new Wasm();
        }
        if (!target.goos().equals("linux")) {
            return null;
        }
        return backend(target.goarch());
    }

    /**
     * The backend of any implemented architecture, whether or not golink can
     * link for it yet (for tests of the backends; links go through
     * {@link #find}), or null. mips and mipsle get GOMIPS=hardfloat,
     * the reference toolchain's default.
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
            case "s390x" -> new S390x();
            case "wasm" -> new Wasm();
            default -> null;
        };
    }
}
