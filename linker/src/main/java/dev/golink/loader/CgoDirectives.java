package dev.golink.loader;

import dev.golink.LinkException;
import dev.golink.sym.SymKind;

import java.util.ArrayList;
import java.util.List;

/**
 * The cgo directives of a package ({@code //go:cgo_import_dynamic} and friends),
 * as the compiler writes them into the object header: a JSON array of arrays
 * of strings (cf. ld.loadcgo).
 */
public final class CgoDirectives {

    private CgoDirectives() {
    }

    /** Parses the JSON text; {@code where} names the object for messages. */
    public static List<List<String>> parse(String json, String where) throws LinkException {
        Parser p = new Parser(json, where);
        p.skipSpace();
        List<List<String>> out = new ArrayList<>();
        p.expect('[');
        p.skipSpace();
        if (p.peek() == ']') {
            p.pos++;
            return out;
        }
        while (true) {
            p.skipSpace();
            p.expect('[');
            List<String> d = new ArrayList<>();
            p.skipSpace();
            if (p.peek() == ']') {
                p.pos++;
            } else {
                while (true) {
                    p.skipSpace();
                    d.add(p.string());
                    p.skipSpace();
                    char c = p.next();
                    if (c == ']') {
                        break;
                    }
                    if (c != ',') {
                        throw p.error("',' or ']'");
                    }
                }
            }
            out.add(List.copyOf(d));
            p.skipSpace();
            char c = p.next();
            if (c == ']') {
                return out;
            }
            if (c != ',') {
                throw p.error("',' or ']'");
            }
        }
    }

    /**
     * One {@code cgo_import_dynamic} directive: the local symbol, the remote name without
     * its {@code #version}, the library ("" when not named) and the version ("" when none).
     */
    public record DynamicImport(String local, String remote, String library, String version) {

        /** The {@code _ _ library} form, which only asks for the library to be loaded. */
        public boolean onlyLoadsLibrary() {
            return local.equals("_") && remote.equals("_");
        }
    }

    /** The well-formed {@code cgo_import_dynamic} directives among {@code directives}, in order. */
    public static List<DynamicImport> imports(List<List<String>> directives) {
        List<DynamicImport> out = new ArrayList<>();
        for (List<String> d : directives) {
            if (d.size() >= 2 && d.size() <= 4 && d.get(0).equals("cgo_import_dynamic")) {
                String local = d.get(1);
                String remote = d.size() > 2 ? d.get(2) : local;
                int hash = remote.indexOf('#');
                out.add(new DynamicImport(local, hash >= 0 ? remote.substring(0, hash) : remote,
                        d.size() > 3 ? d.get(3) : "", hash >= 0 ? remote.substring(hash + 1) : ""));
            }
        }
        return out;
    }

    /** The local names of the symbols the directives import from shared libraries ({@code cgo_import_dynamic}). */
    public static List<String> dynamicImports(List<List<String>> directives) {
        return imports(directives).stream().filter(i -> !i.onlyLoadsLibrary()).map(DynamicImport::local).toList();
    }

    /**
     * Makes the import's local symbol a dynamic import when nothing defines it (cf. ld.loadcgo);
     * returns the symbol, or 0 when it stays as it is.
     */
    public static int importSymbol(Loader ldr, DynamicImport imp) {
        int s = ldr.lookupOrCreateSym(imp.local(), 0);
        int st = ldr.symType(s);
        if (st == SymKind.SXXX || st == SymKind.SXREF || st == SymKind.SBSS || st == SymKind.SNOPTRBSS) {
            ldr.makeSymbolUpdater(s).setType(SymKind.SDYNIMPORT);
            return s;
        }
        return 0;
    }

    private static final class Parser {
        final String s;
        final String where;
        int pos;

        Parser(String s, String where) {
            this.s = s;
            this.where = where;
        }

        char peek() {
            return pos < s.length() ? s.charAt(pos) : 0;
        }

        char next() {
            if (pos >= s.length()) {
                return 0;
            }
            return s.charAt(pos++);
        }

        void skipSpace() {
            while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
                pos++;
            }
        }

        void expect(char c) throws LinkException {
            if (next() != c) {
                throw error("'" + c + "'");
            }
        }

        LinkException error(String expected) {
            return new LinkException(where + ": malformed cgo directives: expected " + expected + " at offset " + pos);
        }

        String string() throws LinkException {
            expect('"');
            StringBuilder sb = new StringBuilder();
            while (true) {
                if (pos >= s.length()) {
                    throw error("end of string");
                }
                char c = s.charAt(pos++);
                if (c == '"') {
                    return sb.toString();
                }
                if (c != '\\') {
                    sb.append(c);
                    continue;
                }
                char e = next();
                switch (e) {
                    case '"', '\\', '/' -> sb.append(e);
                    case 'b' -> sb.append('\b');
                    case 'f' -> sb.append('\f');
                    case 'n' -> sb.append('\n');
                    case 'r' -> sb.append('\r');
                    case 't' -> sb.append('\t');
                    case 'u' -> {
                        if (pos + 4 > s.length()) {
                            throw error("four hex digits");
                        }
                        try {
                            sb.append((char) Integer.parseInt(s.substring(pos, pos + 4), 16));
                        } catch (NumberFormatException ex) {
                            throw error("four hex digits");
                        }
                        pos += 4;
                    }
                    default -> throw error("an escape sequence");
                }
            }
        }
    }
}
