package dev.golink.ld;

import dev.golink.LinkContext;

import java.util.function.IntConsumer;

/**
 * The architecture hook textaddress calls when text may be too large for
 * direct calls (cf. ld.Arch.Trampoline and TrampLimit): arm, arm64 and ppc64
 * insert trampolines for calls out of reach. The default does nothing: text
 * of any size is reached directly (amd64, 386, mips, s390x, wasm).
 */
public interface Trampolines {

    /** No trampolines: every call reaches its target. */
    Trampolines NONE = new Trampolines() {
    };

    /**
     * The hook for {@code goarch}: arm, arm64 and ppc64 have a call reach
     * (cf. their TrampLimit); until their trampolines are written, text beyond
     * it is refused rather than linked with calls that cannot reach.
     */
    static Trampolines forArch(String goarch) {
        long limit = switch (goarch) {
            case "arm", "ppc64", "ppc64le" -> 0x1c00000L;
            case "arm64" -> 0x7c00000L;
            default -> 0;
        };
        if (limit == 0) {
            return NONE;
        }
        return new Trampolines() {
            @Override
            public long limit() {
                return limit;
            }

            @Override
            public void trampoline(LinkContext ctxt, int s, IntConsumer newTramp) {
                throw new UnsupportedOperationException("text of " + goarch + " is larger than direct calls reach ("
                        + limit + " bytes): trampolines are not implemented yet");
            }
        };
    }

    /**
     * Text size from which calls may be out of reach (cf. ld.Arch.TrampLimit);
     * 0 means unlimited.
     */
    default long limit() {
        return 0;
    }

    /**
     * Resolves the direct calls of text symbol {@code s}, whose address is
     * assigned, and reports each trampoline it makes to {@code newTramp}; those
     * are laid out right after {@code s}.
     */
    default void trampoline(LinkContext ctxt, int s, IntConsumer newTramp) {
    }
}
