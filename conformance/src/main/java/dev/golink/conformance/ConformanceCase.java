package dev.golink.conformance;

import java.util.List;

/** One (target, program, variant) link of the golden corpus. */
public record ConformanceCase(GoldenTarget target, String program, String variant, List<String> variantFlags) {

    public ConformanceCase {
        variantFlags = List.copyOf(variantFlags);
    }

    /** The name used in the expectations file and reports: {@code linux-amd64/hello/sw},
     * {@code linux-arm@GOARM=7/hello/sw}. */
    public String id() {
        return target.fileName() + "/" + program + "/" + variant;
    }

    /** The file name of its record in the target's records.tar.xz. */
    public String recordName() {
        return program + "." + variant + ".record";
    }

    /** The file name of the whole reference output in reference.tar.xz, when one is kept. */
    public String referenceName() {
        return program + "." + variant + ".out";
    }
}
