package dev.golink;

import dev.golink.loader.ImportConfig;
import dev.golink.loader.Library;
import dev.golink.loader.Loader;

import java.io.PrintStream;
import java.nio.ByteOrder;
import java.util.List;

/**
 * The state of one link (cf. cmd/link ld.Link), passed from phase to phase. It
 * belongs to one link only: nothing in golink is shared between links.
 */
public final class LinkContext {

    final LinkOptions options;
    final PrintStream out;
    final Target target;

    /** Pointer size of the target in bytes. */
    final int ptrSize;
    /** Byte order of the target's data. */
    final ByteOrder byteOrder;
    /**
     * Whether the target has ABI wrappers (the register ABI): ABIInternal
     * symbols then have a version of their own.
     */
    final boolean regabiWrappers;

    ImportConfig importcfg;
    Loader loader;
    /** The packages in load order, the main package first. */
    List<Library> libraries;

    LinkContext(LinkOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
        this.target = options.config().target();
        String arch = target.goarch();
        this.ptrSize = switch (arch) {
            case "386", "arm", "mips", "mipsle" -> 4;
            default -> 8;
        };
        this.byteOrder = switch (arch) {
            case "mips", "mips64", "ppc64", "s390x" -> ByteOrder.BIG_ENDIAN;
            default -> ByteOrder.LITTLE_ENDIAN;
        };
        this.regabiWrappers = switch (arch) {
            case "amd64", "arm64", "ppc64", "ppc64le" -> true;
            default -> false;
        };
    }

    /** The version of ABIInternal symbols: 1 with ABI wrappers, else the same as ABI0. */
    int abiInternalVer() {
        return regabiWrappers ? Loader.SYM_VER_ABI_INTERNAL : Loader.SYM_VER_ABI0;
    }

    /** The entry symbol of an executable (cf. ld.libinit): {@code _rt0_GOARCH_GOOS}. */
    String entrySymbol() {
        return "_rt0_" + target.goarch() + "_" + target.goos();
    }

    public LinkOptions options() {
        return options;
    }

    public Loader loader() {
        return loader;
    }

    public List<Library> libraries() {
        return libraries;
    }
}
