package dev.golink.conformance;

import java.util.List;

/**
 * Where golink's output first departs from cmd/link's.
 *
 * @param offset      file offset of the first differing byte; when {@code exact} is false
 *                    the difference lies somewhere in {@code [offset, offsetEnd)}
 * @param offsetEnd   end of the range known to hold the first difference
 * @param exact       whether {@code offset} is the exact first differing byte
 * @param section     the reference's section holding that byte (null: headers or padding)
 * @param symbol      the reference's symbol holding that byte (null if none, or no symbol table)
 * @param findings    what differs, most telling first: sizes, section and symbol tables, bytes
 */
public record Difference(long offset, long offsetEnd, boolean exact, String section, String symbol,
                         List<String> findings) {

    public Difference {
        findings = List.copyOf(findings);
    }

    /** One line: the first finding and the location. */
    public String summary() {
        StringBuilder b = new StringBuilder();
        b.append(exact ? "first differing byte at offset " + offset
                : "first difference in bytes [" + offset + ", " + offsetEnd + ")");
        b.append(" (section ").append(section == null ? "none: headers or padding" : section);
        if (symbol != null) {
            b.append(", symbol ").append(symbol);
        }
        b.append(')');
        if (!findings.isEmpty()) {
            b.append("; ").append(findings.get(0));
        }
        return b.toString();
    }

    @Override
    public String toString() {
        return summary() + (findings.size() > 1 ? "\n  " + String.join("\n  ", findings.subList(1, findings.size())) : "");
    }
}
