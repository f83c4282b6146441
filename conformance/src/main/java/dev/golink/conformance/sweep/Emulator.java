package dev.golink.conformance.sweep;

import dev.golink.conformance.GoBuild;
import dev.golink.conformance.GoldenCorpus;
import dev.golink.conformance.GoldenTarget;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * How a target's programs run here: natively (linux/amd64, linux/386), under
 * qemu-user (the other Linux CPUs, Debian's qemu-user-static), or under node with
 * Go's wasm_exec.js (js/wasm). Other systems' programs do not run here.
 */
public final class Emulator {

    private Emulator() {
    }

    /** The command before the program's path, or null when programs of {@code target} cannot run here. */
    public static List<String> prefix(GoldenTarget target) throws IOException {
        String goos = target.target().goos();
        String goarch = target.target().goarch();
        if (goos.equals("js") && goarch.equals("wasm")) {
            Path node = Path.of("/usr/bin/node");
            Path runner = wasmRunner();
            return runner != null && Files.isExecutable(node)
                    && Files.isRegularFile(GoBuild.GOROOT.resolve("misc/wasm/wasm_exec.js"))
                    ? List.of(node.toString(), runner.toString()) : null;
        }
        if (!goos.equals("linux")) {
            return null;
        }
        if (goarch.equals("amd64") || goarch.equals("386")) {
            return cpuHas(target.setting()) ? List.of() : null;
        }
        String cpu = switch (goarch) {
            case "arm64" -> "aarch64";
            case "mipsle" -> "mipsel";
            case "mips64le" -> "mips64el";
            case "loong64" -> "loongarch64";
            default -> goarch;
        };
        Path qemu = Path.of("/usr/bin/qemu-" + cpu + "-static");
        return Files.isExecutable(qemu) ? List.of(qemu.toString()) : null;
    }

    /**
     * Our node runner for Go's wasm_exec.js, from the repository's golden/ folder (found from the
     * working folder upwards, or -Dgolink.golden); null outside the repository.
     */
    public static Path wasmRunner() {
        try {
            Path runner = GoldenCorpus.locate().root().resolve("tools/wasmrun/run_wasm.js");
            return Files.isRegularFile(runner) ? runner : null;
        } catch (IllegalStateException noGolden) {
            return null;
        }
    }

    /** Whether this CPU runs amd64 code of a GOAMD64 level (other settings need nothing). */
    private static boolean cpuHas(String setting) throws IOException {
        List<String> needs = switch (setting) {
            case "GOAMD64=v2" -> List.of("cx16", "popcnt", "sse4_2", "ssse3");
            case "GOAMD64=v3" -> List.of("avx2", "bmi1", "bmi2", "fma", "movbe");
            case "GOAMD64=v4" -> List.of("avx512f", "avx512bw", "avx512cd", "avx512dq", "avx512vl");
            default -> List.of();
        };
        if (needs.isEmpty()) {
            return true;
        }
        String flags = Files.readString(Path.of("/proc/cpuinfo")).lines().filter(l -> l.startsWith("flags"))
                .findFirst().orElse("");
        List<String> have = List.of(flags.split("[\\s:]+"));
        return have.containsAll(needs);
    }
}
