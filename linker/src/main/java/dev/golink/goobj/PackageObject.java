package dev.golink.goobj;

import dev.golink.Diagnostics;
import dev.golink.GoQuote;
import dev.golink.GoString;
import dev.golink.LinkException;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * A Go object as a package archive holds it (cf. cmd/link ld.ldobj): a text
 * header line {@code go object GOOS GOARCH VERSION X:EXPERIMENTS}, the package
 * header and export data ended by {@code \n!\n}, then the binary object. The
 * text part tells whether the package is {@code main} and carries the cgo
 * directives; the object is read lazily by {@link GoObject}.
 */
public final class PackageObject {

    private final String headerLine;
    private final boolean isMain;
    private final String cgoDirectives;
    private final GoObject object;

    private PackageObject(String headerLine, boolean isMain, String cgoDirectives, GoObject object) {
        this.headerLine = headerLine;
        this.isMain = isMain;
        this.cgoDirectives = cgoDirectives;
        this.object = object;
    }

    /**
     * The header line cmd/link expects for a target, without its newline: it
     * names the enabled experiments, which the compiler must have had too.
     */
    public static String expectedHeader(String goos, String goarch, dev.golink.Experiments experiments,
            String goVersion) {
        return "go object " + goos + " " + goarch + " " + goVersion + " X:" + experiments.enabledList();
    }

    /**
     * Whether {@code bytes} start as an ELF, Mach-O, PE/COFF or XCOFF object (cf. ld.ldobj's
     * magic checks): the C code of cgo or a .syso file, which only a C linker or cmd/link's
     * host-object loaders take.
     */
    public static boolean isHostObject(ByteBuffer bytes) {
        if (bytes.limit() < 4) {
            return false;
        }
        int magic = ((bytes.get(0) & 0xff) << 24) | ((bytes.get(1) & 0xff) << 16) | ((bytes.get(2) & 0xff) << 8)
                | (bytes.get(3) & 0xff);
        int c12 = magic >>> 16;
        return magic == 0x7f454c46 || (magic & ~1) == 0xfeedface || (magic & ~0x01000000) == 0xcefaedfe
                || c12 == 0x4c01 || c12 == 0x6486 || c12 == 0xc401 || c12 == 0x64aa
                || ((magic >>> 24) == 0x01 && (((magic >>> 16) & 0xff) == 0xd7 || ((magic >>> 16) & 0xff) == 0xf7));
    }

    /**
     * Parses the member {@code bytes}. {@code where} names file and member for
     * messages; {@code wantHeader} is {@link #expectedHeader}. Any damage to the
     * text header is an error.
     */
    public static PackageObject read(ByteBuffer bytes, String where, String wantHeader) throws LinkException {
        Diagnostics diag = new Diagnostics();
        PackageObject po = read(bytes, where, wantHeader, 0, diag);
        diag.checkpoint();
        return po;
    }

    /** Not the start of a Go object nor of a host object: cmd/link would pass it to the host linker. */
    public static final class UnknownFormatException extends LinkException {
        private static final long serialVersionUID = 1L;

        UnknownFormatException(String message) {
            super(message);
        }
    }

    /**
     * Parses the member {@code bytes}, which start at offset {@code start} of
     * their file. A damaged text header is reported as cmd/link's ldobj
     * reports it, to {@code diag}, and the link goes on: with this object (a
     * header that is not the one wanted) or without it (null: not an object,
     * or no end to the header).
     */
    public static PackageObject read(ByteBuffer bytes, String where, String wantHeader, long start, Diagnostics diag)
            throws LinkException {
        int len = bytes.limit();
        if (isHostObject(bytes)) {
            throw new LinkException(where + ": host object file (ELF, Mach-O, PE or XCOFF): golink links pure Go"
                    + " programs only (no cgo, no .syso)");
        }
        if (len < 4 || bytes.get(0) != 'g' || bytes.get(1) != 'o' || bytes.get(2) != ' ' || bytes.get(3) != 'o') {
            throw new UnknownFormatException(where + ": not a Go object file: expected \"go object \" at offset 0, found "
                    + GoObject.quote(bytes, 0, Math.min(len, 16)));
        }
        int nl = indexOf(bytes, 0, '\n');
        if (nl < 0) {
            diag.error("truncated object file: " + where + ": EOF");
            return null;
        }
        // The line as Go reads it, its newline included.
        String line = GoString.decode(bytesOf(bytes, 0, nl + 1));
        if (!line.startsWith("go object ")) {
            if (where.endsWith(".go")) {
                throw new LinkException(where + ": uncompiled .go source file");
            }
            // cmd/link's other case here, an old header that is just GOARCH, cannot start with "go o".
            diag.error(where + ": not an object file: @" + start + " " + GoQuote.quote(line));
            return null;
        }
        if (!line.equals(wantHeader + "\n")) {
            diag.error(where + ": linked object header mismatch:\nhave " + GoQuote.quote(line) + "\nwant "
                    + GoQuote.quote(wantHeader + "\n") + "\n");
        }

        // The export data ends at "\n!\n"; that sequence can occur inside the
        // export data, so only one outside a $$ ... $$ pair counts.
        int import0 = nl + 1;
        int markers = 0;
        int p = import0; // index of c2 (c1 is at p-1)
        while (true) {
            if (p + 1 >= len) {
                diag.error("truncated object file: " + where);
                return null;
            }
            if (bytes.get(p - 1) == '\n') {
                byte c2 = bytes.get(p);
                byte c3 = bytes.get(p + 1);
                if (markers % 2 == 0 && c2 == '!' && c3 == '\n') {
                    break;
                }
                if (c2 == '$' && c3 == '$') {
                    markers++;
                }
            }
            p++;
        }
        int import1 = p + 2;

        // Package header lines come first, up to an empty line; "main" marks package main.
        boolean isMain = false;
        int end = import1 - 2;
        int q = import0;
        while (q < end) {
            int e = indexOf(bytes, q, '\n');
            if (e < 0 || e > end) {
                e = end;
            }
            if (e - q == 4 && ascii(bytes, q, e).equals("main")) {
                isMain = true;
            }
            if (e == q) {
                q = e + 1;
                break;
            }
            q = e + 1;
        }
        String cgo = null;
        if (q < end) {
            String rest = new String(bytesOf(bytes, q, end), StandardCharsets.UTF_8);
            int p0 = rest.indexOf("\n$$  // cgo");
            if (p0 >= 0) {
                int i = rest.indexOf('\n', p0 + 1);
                if (i >= 0) {
                    p0 = i + 1;
                    int p1 = rest.indexOf("\n$$", p0);
                    if (p1 < 0) {
                        p1 = rest.indexOf("\n!\n", p0);
                    }
                    cgo = p1 < 0 ? rest.substring(p0) : rest.substring(p0, p1);
                }
            }
        }
        GoObject object = GoObject.read(bytes.slice(import1, len - import1), where);
        return new PackageObject(line.substring(0, line.length() - 1), isMain, cgo, object);
    }

    private static int indexOf(ByteBuffer b, int from, char c) {
        for (int i = from; i < b.limit(); i++) {
            if (b.get(i) == c) {
                return i;
            }
        }
        return -1;
    }

    private static byte[] bytesOf(ByteBuffer b, int from, int to) {
        byte[] s = new byte[to - from];
        b.get(from, s);
        return s;
    }

    private static String ascii(ByteBuffer b, int from, int to) {
        return dev.golink.GoString.decode(bytesOf(b, from, to));
    }

    /** The {@code go object ...} line, without its newline. */
    public String headerLine() {
        return headerLine;
    }

    /** Whether the package header says {@code main}. */
    public boolean isMain() {
        return isMain;
    }

    /** The JSON array of cgo directives, or null when the package has none. */
    public String cgoDirectives() {
        return cgoDirectives;
    }

    public GoObject object() {
        return object;
    }
}
