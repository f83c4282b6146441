package dev.golink.report;

import dev.golink.LinkException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A size report read back ({@code -sizereport}'s JSON, schema version 1): what size-diff and the
 * Maven goal's size budget compare. Each symbol's and package's bytes are everything it owns.
 *
 * @param target   GOOS/GOARCH
 * @param fileSize the output's size
 * @param packages bytes per package, largest first (as the report lists them)
 * @param symbols  bytes per symbol name (contents, pclntab, findfunctab, symbol-table and .debug_frame shares; same-named
 *                 symbols added up)
 * @param packageOf each symbol's package
 */
public record SizeReportFile(String target, long fileSize, Map<String, Long> packages, Map<String, Long> symbols,
        Map<String, String> packageOf) {

    /** Reads {@code file}; fails naming the file if it is not a golink size report this version can read. */
    public static SizeReportFile read(Path file) throws LinkException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new LinkException("cannot read the size report " + file + ": " + dev.golink.outbuf.OutBuf.describe(e),
                    e);
        }
        try {
            return of(Json.parse(text));
        } catch (IllegalArgumentException | ClassCastException | NullPointerException e) {
            throw new LinkException(file + " is not a golink size report (schema " + SizeReportJson.SCHEMA
                    + ", version " + SizeReportJson.VERSION + "): "
                    + (e instanceof IllegalArgumentException ? e.getMessage() : "a field is missing or of the wrong type"));
        }
    }

    @SuppressWarnings("unchecked")
    private static SizeReportFile of(Object doc) {
        Map<String, Object> m = (Map<String, Object>) doc;
        if (!SizeReportJson.SCHEMA.equals(m.get("schema"))) {
            throw new IllegalArgumentException("its schema is " + m.get("schema"));
        }
        long version = (Long) m.get("version");
        if (version != SizeReportJson.VERSION) {
            throw new IllegalArgumentException("its version is " + version);
        }
        Map<String, Long> packages = new LinkedHashMap<>();
        for (Object o : (List<Object>) m.get("packages")) {
            Map<String, Object> p = (Map<String, Object>) o;
            packages.merge((String) p.get("package"), (Long) p.get("bytes"), Long::sum);
        }
        Map<String, Long> symbols = new LinkedHashMap<>();
        Map<String, String> packageOf = new LinkedHashMap<>();
        for (Object o : (List<Object>) m.get("symbols")) {
            Map<String, Object> s = (Map<String, Object>) o;
            long bytes = (Long) s.get("fileBytes") + sum(s.get("pclntab")) + sum(s.get("symtab"))
                    + sum(s.get("dwarf"));
            String name = (String) s.get("name");
            symbols.merge(name, bytes, Long::sum);
            packageOf.putIfAbsent(name, (String) s.get("package"));
        }
        return new SizeReportFile((String) m.get("target"), (Long) m.get("fileSize"), packages, symbols, packageOf);
    }

    @SuppressWarnings("unchecked")
    private static long sum(Object parts) {
        long n = 0;
        if (parts != null) {
            for (Object v : ((Map<String, Object>) parts).values()) {
                n += (Long) v;
            }
        }
        return n;
    }
}
