package dev.golink;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The toolchain experiments of a build, read from GOEXPERIMENT as Go 1.19's
 * {@code internal/buildcfg} reads it, against the target's baseline (the
 * experiments on by default). The linker sees them in three places: the
 * difference from the baseline is appended to {@code runtime.buildVersion},
 * the enabled set is part of the object header every archive must carry, and
 * some change the link itself (register-ABI wrappers, field tracking).
 */
public final class Experiments {

    /** Go 1.19's experiments, in the order its flag set declares them: the order of every list. */
    public enum Flag {
        FIELDTRACK, PREEMPTIBLELOOPS, STATICLOCKRANKING, BORINGCRYPTO, UNIFIED, REGABIWRAPPERS, REGABIARGS,
        HEAPMINIMUM512KIB;

        /** The name GOEXPERIMENT uses. */
        public String key() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private static final Flag[] FLAGS = Flag.values();

    private final boolean[] on;
    private final boolean[] baseline;

    private Experiments(boolean[] on, boolean[] baseline) {
        this.on = on;
        this.baseline = baseline;
    }

    /**
     * Parses {@code goexperiment} (empty: the baseline) for {@code goarch}.
     * Unknown names and impossible register-ABI combinations are errors, in
     * cmd/link's words.
     */
    public static Experiments parse(String goarch, String goexperiment) throws LinkException {
        boolean regabiAlwaysOn = regabiAlwaysOn(goarch);
        boolean regabiSupported = regabiSupported(goarch);
        boolean[] baseline = baselineFor(goarch);
        boolean[] on = baseline.clone();

        for (String f : goexperiment.split(",", -1)) {
            if (f.isEmpty()) {
                continue;
            }
            if (f.equals("none")) {
                Arrays.fill(on, false); // every flag off, the baseline's too
                continue;
            }
            boolean val = true;
            if (f.startsWith("no")) {
                f = f.substring(2);
                val = false;
            }
            if (f.equals("regabi")) {
                // An alias for both register-ABI experiments, not one itself.
                on[Flag.REGABIWRAPPERS.ordinal()] = val;
                on[Flag.REGABIARGS.ordinal()] = val;
                continue;
            }
            Flag flag = byKey(f);
            if (flag == null) {
                throw new LinkException("unknown GOEXPERIMENT " + f);
            }
            on[flag.ordinal()] = val;
        }

        if (regabiAlwaysOn || !regabiSupported) {
            on[Flag.REGABIWRAPPERS.ordinal()] = regabiAlwaysOn;
            on[Flag.REGABIARGS.ordinal()] = regabiAlwaysOn;
        }
        if (on[Flag.REGABIARGS.ordinal()] && !on[Flag.REGABIWRAPPERS.ordinal()]) {
            throw new LinkException("GOEXPERIMENT regabiargs requires regabiwrappers");
        }
        return new Experiments(on, baseline);
    }

    /** The target's default experiments, what an unset GOEXPERIMENT gives. */
    public static Experiments baseline(String goarch) {
        boolean[] b = baselineFor(goarch);
        return new Experiments(b.clone(), b);
    }

    /** The register ABI is on by default where Go 1.19 supports it, and nothing else is. */
    private static boolean[] baselineFor(String goarch) {
        boolean[] b = new boolean[FLAGS.length];
        b[Flag.REGABIWRAPPERS.ordinal()] = regabiSupported(goarch);
        b[Flag.REGABIARGS.ordinal()] = regabiSupported(goarch);
        return b;
    }

    /** Targets whose compiled code has no other ABI: the register ABI cannot be turned off. */
    private static boolean regabiAlwaysOn(String goarch) {
        return switch (goarch) {
            case "amd64", "arm64", "ppc64", "ppc64le" -> true;
            default -> false;
        };
    }

    /** Targets where Go 1.19 has the register ABI at all (on riscv64 it may be turned off). */
    private static boolean regabiSupported(String goarch) {
        return regabiAlwaysOn(goarch) || goarch.equals("riscv64");
    }

    private static Flag byKey(String key) {
        for (Flag f : FLAGS) {
            if (f.key().equals(key)) {
                return f;
            }
        }
        return null;
    }

    public boolean enabled(Flag f) {
        return on[f.ordinal()];
    }

    /** Whether calls between ABI0 and ABIInternal go through wrappers: ABIInternal symbols then have their own version. */
    public boolean regabiWrappers() {
        return enabled(Flag.REGABIWRAPPERS);
    }

    /** Whether the link records what made each symbol reachable and lists the tracked fields used. */
    public boolean fieldTrack() {
        return enabled(Flag.FIELDTRACK);
    }

    /**
     * The settings that differ from the baseline, comma-separated, {@code no}
     * before those turned off: what cmd/link appends to the version after {@code X:}.
     */
    public String difference() {
        List<String> list = new ArrayList<>();
        for (Flag f : FLAGS) {
            if (on[f.ordinal()] != baseline[f.ordinal()]) {
                list.add(on[f.ordinal()] ? f.key() : "no" + f.key());
            }
        }
        return String.join(",", list);
    }

    /** The enabled experiments, comma-separated: the object header's {@code X:} part. */
    public String enabledList() {
        List<String> list = new ArrayList<>();
        for (Flag f : FLAGS) {
            if (on[f.ordinal()]) {
                list.add(f.key());
            }
        }
        return String.join(",", list);
    }

    /** Every experiment, {@code no} before those off (what {@code -V=goexperiment} prints). */
    public String all() {
        List<String> list = new ArrayList<>();
        for (Flag f : FLAGS) {
            list.add(on[f.ordinal()] ? f.key() : "no" + f.key());
        }
        return String.join(",", list);
    }

    /** The Go version as cmd/link reports it: with the difference from the baseline, if any. */
    public String buildVersion(String goVersion) {
        String diff = difference();
        return diff.isEmpty() ? goVersion : goVersion + " X:" + diff;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Experiments e && Arrays.equals(on, e.on) && Arrays.equals(baseline, e.baseline);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(on) * 31 + Arrays.hashCode(baseline);
    }

    /** Every setting: two configurations with the same text link alike (link fingerprints use it). */
    @Override
    public String toString() {
        return all();
    }
}
