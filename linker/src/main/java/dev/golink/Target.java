package dev.golink;

import java.util.List;
import java.util.Set;

/**
 * A GOOS/GOARCH pair. {@link #SUPPORTED} lists the targets golink is built to link;
 * {@link #isKnown()} tells whether Go 1.19's linker knows the pair at all, so that
 * an unsupported target and a misspelt one get different messages.
 */
public record Target(String goos, String goarch) {

    /** The targets golink links, in the order reports list them (the target packages register them). */
    public static final List<Target> SUPPORTED = dev.golink.arch.Arches.supported();

    private static final Set<String> GO_OSES = Set.of("aix", "android", "darwin", "dragonfly", "freebsd",
            "illumos", "ios", "js", "linux", "netbsd", "openbsd", "plan9", "solaris", "windows");
    private static final Set<String> GO_ARCHES = Set.of("386", "amd64", "arm", "arm64", "loong64", "mips",
            "mipsle", "mips64", "mips64le", "ppc64", "ppc64le", "riscv64", "s390x", "wasm");

    /** Parses {@code goos/goarch}. */
    public static Target parse(String text) throws LinkException {
        int slash = text.indexOf('/');
        if (slash <= 0 || slash != text.lastIndexOf('/') || slash == text.length() - 1) {
            throw new LinkException("invalid target \"" + text + "\": expected GOOS/GOARCH, for example linux/amd64");
        }
        return new Target(text.substring(0, slash), text.substring(slash + 1));
    }

    public boolean isKnown() {
        return GO_OSES.contains(goos) && GO_ARCHES.contains(goarch);
    }

    /**
     * Whether Go's linker can only link this port externally, with a C toolchain (cf.
     * cmd/internal/sys.MustLinkExternal): android on 386, amd64 and arm, and ios/arm64.
     */
    public boolean mustLinkExternal() {
        return switch (goos) {
            case "android" -> !goarch.equals("arm64");
            case "ios" -> goarch.equals("arm64");
            default -> false;
        };
    }

    /**
     * Why cmd/link cannot link cgo internally for this port (cf. ld.mustLinkExternal), or null
     * where it can: loong64, mips64, mips and riscv64 (mipsle and mips64le included), android
     * and dragonfly, windows/arm64, big-endian ppc64.
     */
    public String internalCgoRefusal() {
        switch (goarch) {
            case "loong64", "mips64", "mips64le", "mips", "mipsle", "riscv64" -> {
                return goarch + " does not support internal cgo";
            }
            default -> {
            }
        }
        if (goos.equals("android") || goos.equals("dragonfly")) {
            return goos + " does not support internal cgo";
        }
        if (goos.equals("windows") && goarch.equals("arm64")) {
            return goos + "/" + goarch + " does not support internal cgo";
        }
        if (goarch.equals("ppc64")) {
            return goos + " does not support internal cgo";
        }
        return null;
    }

    public boolean isSupported() {
        return SUPPORTED.contains(this);
    }

    /** The name used for files and classifiers: {@code goos-goarch}. */
    public String fileName() {
        return goos + "-" + goarch;
    }

    @Override
    public String toString() {
        return goos + "/" + goarch;
    }
}
