package dev.golink.conformance;

/**
 * The outcome of one conformance case.
 *
 * @param detail     why it is not identical (the link error, or the difference), empty when identical
 * @param difference where the bytes differ, when golink wrote an output
 */
public record CaseResult(ConformanceCase conformanceCase, Status status, String detail, Difference difference) {

    public enum Status { IDENTICAL, DIFFERENT, LINK_FAILED }

    public boolean identical() {
        return status == Status.IDENTICAL;
    }
}
