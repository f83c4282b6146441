package dev.golink.conformance;

import dev.golink.LinkException;
import dev.golink.Target;

/**
 * A target of the golden corpus: a GOOS/GOARCH built and linked with the reference
 * toolchain's defaults, or a variant of it with one variable of the environment set
 * ({@code GOARM=7}, {@code GOAMD64=v3}, ...), which changes the compiled code or a
 * header. Its folder is {@code golden/targets/linux-arm} or {@code golden/targets/linux-arm@GOARM=7};
 * the variable reaches the link through the {@code env} file of its inputs, as it
 * reached cmd/link.
 *
 * @param target  GOOS/GOARCH
 * @param setting {@code VAR=value} for a variant, empty for the defaults
 */
public record GoldenTarget(Target target, String setting) {

    public GoldenTarget {
        if (!setting.isEmpty() && setting.indexOf('=') <= 0) {
            throw new IllegalArgumentException("a variant's setting is VAR=value: " + setting);
        }
    }

    /** The target with the reference toolchain's defaults. */
    public static GoldenTarget of(Target target) {
        return new GoldenTarget(target, "");
    }

    /** Parses {@code goos/goarch} or {@code goos/goarch@VAR=value}. */
    public static GoldenTarget parse(String text) throws LinkException {
        int at = text.indexOf('@');
        if (at < 0) {
            return of(Target.parse(text));
        }
        String setting = text.substring(at + 1);
        if (setting.indexOf('=') <= 0) {
            throw new LinkException("invalid variant \"" + text + "\": expected GOOS/GOARCH@VAR=value, for example linux/arm@GOARM=7");
        }
        return new GoldenTarget(Target.parse(text.substring(0, at)), setting);
    }

    /** Whether this is the target with the defaults, not a variant. */
    public boolean isDefault() {
        return setting.isEmpty();
    }

    /** The folder name under golden/targets, also the target's name in case ids and reports. */
    public String fileName() {
        return isDefault() ? target.fileName() : target.fileName() + "@" + setting;
    }

    @Override
    public String toString() {
        return isDefault() ? target.toString() : target + "@" + setting;
    }
}
