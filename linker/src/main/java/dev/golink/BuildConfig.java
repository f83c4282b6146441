package dev.golink;

import java.util.List;
import java.util.Map;

/**
 * The environment that changes the linker's output, read as Go 1.19's
 * {@code internal/buildcfg} reads it: a variable that is unset or empty takes the
 * reference toolchain's built-in default. Debian's Go 1.19.8 is the reference, so
 * GOARM defaults to 5 and GO386 to softfloat, and GOEXPERIMENT to none beyond
 * the target's baseline.
 */
public record BuildConfig(
        Target target,
        String goroot,
        String gorootFinal,
        int goarm,
        String go386,
        int goamd64,
        String gomips,
        String gomips64,
        String goppc64,
        List<String> gowasm,
        Experiments experiments) {

    /** The Go release whose linker golink reproduces. */
    public static final String GO_VERSION = "go1.19.8";
    /** GOROOT of the reference toolchain when the environment names none. */
    public static final String DEFAULT_GOROOT = "/usr/lib/go-1.19";

    private static final List<String> ENV_NAMES = List.of("GOOS", "GOARCH", "GOROOT", "GOROOT_FINAL", "GOARM",
            "GO386", "GOAMD64", "GOMIPS", "GOMIPS64", "GOPPC64", "GOWASM", "GOEXPERIMENT");

    /** The environment variables that influence a link, in a fixed order. */
    public static List<String> environmentNames() {
        return ENV_NAMES;
    }

    /** Reads the configuration from an environment; unknown or invalid values are errors. */
    public static BuildConfig fromEnvironment(Map<String, String> env) throws LinkException {
        Target target = new Target(get(env, "GOOS", "linux"), get(env, "GOARCH", "amd64"));
        String goroot = get(env, "GOROOT", DEFAULT_GOROOT);
        String gorootFinal = get(env, "GOROOT_FINAL", goroot);
        int goarm = switch (get(env, "GOARM", "5")) {
            case "5" -> 5;
            case "6" -> 6;
            case "7" -> 7;
            default -> throw invalid(env, "GOARM", "5, 6, 7");
        };
        String go386 = oneOf(env, "GO386", "softfloat", "sse2", "softfloat");
        int goamd64 = switch (get(env, "GOAMD64", "v1")) {
            case "v1" -> 1;
            case "v2" -> 2;
            case "v3" -> 3;
            case "v4" -> 4;
            default -> throw invalid(env, "GOAMD64", "v1, v2, v3, v4");
        };
        String gomips = oneOf(env, "GOMIPS", "hardfloat", "hardfloat", "softfloat");
        String gomips64 = oneOf(env, "GOMIPS64", "hardfloat", "hardfloat", "softfloat");
        String goppc64 = oneOf(env, "GOPPC64", "power8", "power8", "power9");
        List<String> gowasm = List.of();
        String wasm = get(env, "GOWASM", "");
        if (!wasm.isEmpty()) {
            for (String feature : wasm.split(",")) {
                if (!feature.equals("satconv") && !feature.equals("signext")) {
                    throw new LinkException("invalid GOWASM: no such feature \"" + feature
                            + "\" (expected a comma-separated list of satconv, signext)");
                }
            }
            gowasm = List.of(wasm.split(","));
        }
        Experiments experiments = Experiments.parse(target.goarch(), get(env, "GOEXPERIMENT", ""));
        return new BuildConfig(target, goroot, gorootFinal, goarm, go386, goamd64, gomips, gomips64, goppc64, gowasm,
                experiments);
    }

    private static String get(Map<String, String> env, String name, String fallback) {
        String value = env.get(name);
        return value == null || value.isEmpty() ? fallback : value;
    }

    private static String oneOf(Map<String, String> env, String name, String fallback, String... allowed)
            throws LinkException {
        String value = get(env, name, fallback);
        for (String a : allowed) {
            if (a.equals(value)) {
                return value;
            }
        }
        throw invalid(env, name, String.join(", ", allowed));
    }

    private static LinkException invalid(Map<String, String> env, String name, String expected) {
        return new LinkException("invalid " + name + "=" + env.get(name) + ": must be " + expected);
    }
}
