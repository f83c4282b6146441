package dev.golink.conformance;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which part of the golden corpus a run links, and whether it stops at the first listed case that
 * is not identical. The build runs the whole corpus to the end; mutation testing
 * (conformance/MUTATION.md) runs a slice and stops early, since it only needs to know whether a
 * mutant changes some output, and it asks that question for every mutant.
 *
 * @param targets  target folder names ({@code linux-amd64}, {@code linux-arm@GOARM=7}); empty: all
 * @param defaultsOnly only the targets built with the reference toolchain's defaults, no
 *                 environment variants
 * @param variants variants to run ({@code default}, {@code sw}, {@code dumpdep}, {@code refused}, ...);
 *                 empty: all
 * @param failFast stop at the first listed case that is not identical
 */
public record ConformanceScope(Set<String> targets, boolean defaultsOnly, Set<String> variants, boolean failFast) {

    /** Every target and variant, every case run. */
    public static final ConformanceScope WHOLE = new ConformanceScope(Set.of(), false, Set.of(), false);

    /**
     * The scope the system properties name: {@code golink.conformance.targets} ({@code all}, the
     * default; {@code defaults}; or a comma-separated list of target folder names),
     * {@code golink.conformance.variants} ({@code all} or a comma-separated list) and
     * {@code golink.conformance.failFast}.
     */
    public static ConformanceScope fromSystemProperties() {
        return parse(System.getProperty("golink.conformance.targets", "all"),
                System.getProperty("golink.conformance.variants", "all"), Boolean.getBoolean("golink.conformance.failFast"));
    }

    static ConformanceScope parse(String targets, String variants, boolean failFast) {
        boolean defaultsOnly = targets.strip().equals("defaults");
        return new ConformanceScope(defaultsOnly ? Set.of() : list(targets), defaultsOnly, list(variants), failFast);
    }

    private static Set<String> list(String text) {
        String value = text.strip();
        if (value.isEmpty() || value.equals("all")) {
            return Set.of();
        }
        return Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }

    /** Whether this scope runs the whole corpus, so that the corpus' completeness can be checked. */
    public boolean whole() {
        return targets.isEmpty() && !defaultsOnly && variants.isEmpty();
    }

    public boolean includes(GoldenTarget target) {
        return (!defaultsOnly || target.isDefault()) && (targets.isEmpty() || targets.contains(target.fileName()));
    }

    public boolean includes(String variant) {
        return variants.isEmpty() || variants.contains(variant);
    }
}
