package dev.golink.conformance;

import java.util.ArrayList;
import java.util.List;

/**
 * The conformance record of one executable, as lines of tab-separated fields
 * (see golden/README.md for the format): the file's size and SHA-256, its
 * segments, sections and symbols, and a hash of each 4 KiB chunk.
 */
public final class Record {

    /** One segment, section or symbol line, split into fields (the kind word removed). */
    public record Entry(String kind, List<String> fields) {
        public String name() {
            return kind.equals("symbol") ? fields.get(0) : fields.get(1);
        }

        /** The file offset of the entry's bytes, or -1 when it has none in the file. */
        public long offset() {
            String f = switch (kind) {
                case "symbol" -> fields.get(3);
                case "segment" -> fields.get(4);
                default -> fields.get(fields.size() - 3);
            };
            return f.equals("-") ? -1 : Long.parseUnsignedLong(f);
        }

        /** The number of bytes the entry covers in the file. */
        public long size() {
            return Long.parseUnsignedLong(switch (kind) {
                case "symbol" -> fields.get(2);
                case "segment" -> fields.get(5);
                default -> fields.get(fields.size() - 2);
            });
        }

        public String sha256() {
            return fields.get(fields.size() - 1);
        }

        /** True when the entry's bytes lie in the file ({@code .bss} and Mach-O zerofill have none). */
        public boolean hasBytes() {
            return !sha256().equals("-") && offset() >= 0;
        }

        /** Everything but the content hash: where the entry is and what kind it is. */
        public List<String> header() {
            return fields.subList(0, fields.size() - 1);
        }

        public boolean covers(long fileOffset) {
            return hasBytes() && fileOffset >= offset() && fileOffset - offset() < size();
        }

        @Override
        public String toString() {
            return kind + " " + String.join(" ", fields);
        }
    }

    private final List<String> lines;
    private long fileSize = -1;
    private String fileSha256 = "";
    private String format = "";
    private final List<Entry> segments = new ArrayList<>();
    private final List<Entry> sections = new ArrayList<>();
    private final List<Entry> symbols = new ArrayList<>();
    private final List<String> chunks = new ArrayList<>();

    public Record(List<String> lines) {
        this.lines = List.copyOf(lines);
        for (String line : this.lines) {
            String[] f = line.split("\t", -1);
            List<String> rest = List.of(f).subList(1, f.length);
            switch (f[0]) {
                case "file" -> {
                    fileSize = Long.parseLong(f[1]);
                    fileSha256 = f[2];
                }
                case "format" -> format = String.join(" ", rest);
                case "segment" -> segments.add(new Entry("segment", rest));
                case "section" -> sections.add(new Entry("section", rest));
                case "symbol" -> symbols.add(new Entry("symbol", rest));
                case "chunk" -> chunks.add(f[2]);
                default -> {
                }
            }
        }
    }

    public static Record parse(String text) {
        return new Record(text.lines().toList());
    }

    public List<String> lines() {
        return lines;
    }

    public String text() {
        return String.join("\n", lines) + "\n";
    }

    public long fileSize() {
        return fileSize;
    }

    public String fileSha256() {
        return fileSha256;
    }

    public String format() {
        return format;
    }

    public List<Entry> segments() {
        return segments;
    }

    public List<Entry> sections() {
        return sections;
    }

    public List<Entry> symbols() {
        return symbols;
    }

    /** The first 16 hex digits of the SHA-256 of each {@link Recorder#CHUNK_SIZE} bytes of the file. */
    public List<String> chunks() {
        return chunks;
    }

    /** The section whose bytes contain {@code fileOffset}, or null (headers, padding). */
    public Entry sectionAt(long fileOffset) {
        return sections.stream().filter(s -> s.size() > 0 && s.covers(fileOffset)).findFirst().orElse(null);
    }

    /** The symbol whose bytes contain {@code fileOffset}, or null. */
    public Entry symbolAt(long fileOffset) {
        return symbols.stream().filter(s -> s.size() > 0 && s.covers(fileOffset)).findFirst().orElse(null);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Record r && r.lines.equals(lines);
    }

    @Override
    public int hashCode() {
        return lines.hashCode();
    }
}
