package dev.golink.report;

import dev.golink.LinkException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A size report read back ({@code -sizereport}'s JSON, schema version 1 or 2): what size-diff and the
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
        return parse(file, SizeReportFile::of);
    }

    /** The symbols of the report {@code file}, as {@link #symbols(Map)} lists them; fails as {@link #read} does. */
    public static List<Symbol> readSymbols(Path file) throws LinkException {
        return parse(file, doc -> symbols(checked(doc)));
    }

    private static <T> T parse(Path file, java.util.function.Function<Object, T> reader) throws LinkException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new LinkException("cannot read the size report " + file + ": " + dev.golink.outbuf.OutBuf.describe(e),
                    e);
        }
        try {
            return reader.apply(Json.parse(text));
        } catch (IllegalArgumentException | ClassCastException | NullPointerException | IndexOutOfBoundsException
                | ArithmeticException e) {
            throw new LinkException(file + " is not a golink size report (schema " + SizeReportJson.SCHEMA
                    + ", version 1 to " + SizeReportJson.VERSION + "): "
                    + (e instanceof IllegalArgumentException ? e.getMessage()
                            : e instanceof ClassCastException || e instanceof NullPointerException
                                    ? "a field is missing or of the wrong type"
                                    : "a symbol's package, section or kind is not in its list"));
        }
    }

    /** A symbol as a report lists it (either version). */
    public record Symbol(String name, String symtabName, String pkg, String section, String kind, long address,
            long size, long fileBytes, long bytes, boolean inSymtab, boolean shared) {
    }

    /**
     * The report's symbols: {@code bytes} is everything each owns (its contents and its shares of
     * pclntab, findfunctab, the symbol table and .debug_frame); {@code inSymtab}, whether it has a
     * symbol-table entry. Version 1 lists each as an object, version 2 as a row of
     * {@code symbolFields}' columns, its package an index into {@code packages}.
     */
    @SuppressWarnings("unchecked")
    public static List<Symbol> symbols(Map<String, Object> doc) {
        List<Symbol> out = new ArrayList<>();
        long version = (Long) doc.get("version");
        if (version == 1) {
            for (Object o : (List<Object>) doc.get("symbols")) {
                Map<String, Object> s = (Map<String, Object>) o;
                long own = (Long) s.get("fileBytes");
                out.add(new Symbol((String) s.get("name"), (String) s.get("symtabName"), (String) s.get("package"),
                        (String) s.get("section"), (String) s.get("kind"), number(s.get("address")),
                        number(s.get("size")), own, own + sum(s.get("pclntab")) + sum(s.get("symtab"))
                                + sum(s.get("dwarf")), s.containsKey("symtab"), Boolean.TRUE.equals(s.get("shared"))));
            }
            return out;
        }
        List<Object> fields = (List<Object>) doc.get("symbolFields");
        List<Object> packages = (List<Object>) doc.get("packages");
        List<Object> sections = (List<Object>) doc.get("symbolSections");
        List<Object> kinds = (List<Object>) doc.get("symbolKinds");
        int name = column(fields, "name");
        int pkg = column(fields, "package");
        int section = column(fields, "section");
        int kind = column(fields, "kind");
        int shared = column(fields, "shared");
        int address = column(fields, "address");
        int size = column(fields, "size");
        int fileBytes = column(fields, "fileBytes");
        int symtabEntry = column(fields, "symtabEntry");
        int symtabName = column(fields, "symtabName");
        List<Integer> owned = new ArrayList<>();
        for (String f : List.of("fileBytes", "symtabEntry", "symtabString", "functab", "funcname", "pctab", "files",
                "funcdata", "findfunctab", "debugFrame")) {
            owned.add(column(fields, f));
        }
        for (Object o : (List<Object>) doc.get("symbols")) {
            List<Object> row = (List<Object>) o;
            long bytes = 0;
            for (int c : owned) {
                bytes += number(at(row, c));
            }
            Map<String, Object> p = (Map<String, Object>) packages.get(Math.toIntExact((Long) row.get(pkg)));
            out.add(new Symbol((String) row.get(name), (String) at(row, symtabName), (String) p.get("package"),
                    (String) sections.get(Math.toIntExact((Long) row.get(section))),
                    (String) kinds.get(Math.toIntExact((Long) row.get(kind))), number(at(row, address)),
                    number(at(row, size)), number(at(row, fileBytes)), bytes, number(at(row, symtabEntry)) != 0,
                    number(at(row, shared)) != 0));
        }
        return out;
    }

    private static int column(List<Object> fields, String name) {
        int i = fields.indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException("its symbolFields have no " + name);
        }
        return i;
    }

    /** A row's column; a row leaves out its trailing columns that hold the default. */
    private static Object at(List<Object> row, int column) {
        return column < row.size() ? row.get(column) : null;
    }

    private static long number(Object v) {
        return v == null ? 0 : (Long) v;
    }

    /** The document, once its schema and version are ones this reader knows. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> checked(Object doc) {
        Map<String, Object> m = (Map<String, Object>) doc;
        if (!SizeReportJson.SCHEMA.equals(m.get("schema"))) {
            throw new IllegalArgumentException("its schema is " + m.get("schema"));
        }
        long version = (Long) m.get("version");
        if (version < 1 || version > SizeReportJson.VERSION) {
            throw new IllegalArgumentException("its version is " + version);
        }
        return m;
    }

    @SuppressWarnings("unchecked")
    private static SizeReportFile of(Object doc) {
        Map<String, Object> m = checked(doc);
        Map<String, Long> packages = new LinkedHashMap<>();
        for (Object o : (List<Object>) m.get("packages")) {
            Map<String, Object> p = (Map<String, Object>) o;
            packages.merge((String) p.get("package"), (Long) p.get("bytes"), Long::sum);
        }
        Map<String, Long> symbols = new LinkedHashMap<>();
        Map<String, String> packageOf = new LinkedHashMap<>();
        for (Symbol s : symbols(m)) {
            symbols.merge(s.name(), s.bytes(), Long::sum);
            packageOf.putIfAbsent(s.name(), s.pkg());
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
