package dev.golink.loader;

import dev.golink.LinkException;
import dev.golink.goobj.GoArchive;
import dev.golink.goobj.PackageObject;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Finds and reads the link's packages in cmd/link's order (cf. ld.loadlib,
 * ld.loadobjfile, ld.ldobj): the main archive first, then each package its
 * objects import, in the order they are discovered, then the runtime if nothing
 * imported it; then the loader gives the symbols their indices.
 */
public final class LibraryLoader {

    private final Loader loader;
    private final ImportConfig importcfg;
    private final List<Path> libraryDirs;
    private final String wantHeader;
    private final Path workingDir;
    private final List<Library> libraries = new ArrayList<>();
    private final Map<String, Library> libraryByPkg = new HashMap<>();
    /** cmd/link's log (its standard output), where a package missing from the importcfg is named. */
    private java.io.PrintStream log = new java.io.PrintStream(java.io.OutputStream.nullOutputStream());
    /** Next file-local symbol version: each object gets its own (cf. ctxt.IncVersion). */
    private int version = Loader.SYM_VER_STATIC;

    /**
     * @param importcfg   the -importcfg, or null to search {@code libraryDirs}
     * @param libraryDirs directories searched for {@code pkg.a} without an importcfg
     * @param wantHeader  the "go object" header line objects must carry
     * @param workingDir  what relative archive names are taken against
     */
    public LibraryLoader(Loader loader, ImportConfig importcfg, List<Path> libraryDirs, String wantHeader,
            Path workingDir) {
        this.loader = loader;
        this.importcfg = importcfg;
        this.libraryDirs = List.copyOf(libraryDirs);
        this.wantHeader = wantHeader;
        this.workingDir = workingDir;
    }

    /** Logs to {@code out}, as cmd/link logs to its standard output. */
    public LibraryLoader logTo(java.io.PrintStream out) {
        this.log = out;
        return this;
    }

    /** Loads the main archive and everything it needs, then assigns symbol indices. */
    public List<Library> loadlib(Path mainArchive) throws LinkException {
        addlibpath("command line", "command line", mainArchive, "main", 0);
        int i = 0;
        for (; i < libraries.size(); i++) {
            loadobjfile(libraries.get(i));
        }
        loadinternal("runtime");
        for (; i < libraries.size(); i++) {
            loadobjfile(libraries.get(i));
        }
        loader.loadSyms();
        return List.copyOf(libraries);
    }

    private Library addlibpath(String srcref, String objref, Path file, String pkg, long fingerprint) {
        Library l = libraryByPkg.get(pkg);
        if (l != null) {
            return l;
        }
        l = new Library(pkg, file, workingDir.resolve(file), srcref, objref, fingerprint);
        libraryByPkg.put(pkg, l);
        libraries.add(l);
        return l;
    }

    private void loadinternal(String name) throws LinkException {
        if (libraryByPkg.containsKey(name)) {
            return;
        }
        Path file = findlib(name);
        if (file == null || !Files.exists(workingDir.resolve(file))) {
            throw new LinkException("cannot find package " + name + searchedWhere());
        }
        addlibpath("internal", "internal", file, name, 0);
    }

    private String searchedWhere() {
        return importcfg != null ? " (using -importcfg)" : " (searched " + libraryDirs + ")";
    }

    /** The file of a package the importcfg does not name. */
    private static final Path NO_FILE = Path.of("");

    /**
     * The archive of package {@code name} (cf. ld.findlib): null if the importcfg
     * does not name it; without one, the last name tried when no folder has it.
     */
    private Path findlib(String name) {
        if (importcfg != null) {
            return importcfg.packageFile(name);
        }
        Path last = null;
        for (Path dir : libraryDirs) {
            // As filepath.Join: the folder as given, cleaned; found against the working directory.
            Path a = Path.of(GoPaths.join(dir.toString(), name + ".a"));
            if (Files.exists(workingDir.resolve(a))) {
                return a;
            }
            last = Path.of(GoPaths.join(dir.toString(), name + ".o"));
            if (Files.exists(workingDir.resolve(last))) {
                return last;
            }
        }
        return last;
    }

    private void addlib(Library from, String where, String imp, long fingerprint) throws LinkException {
        String pkg = GoPaths.clean(imp);
        Library l = libraryByPkg.get(pkg);
        if (l != null && l.fingerprint != 0) {
            checkFingerprint(l, l.fingerprint, where, fingerprint);
            from.imports.add(l);
            return;
        }
        if (l == null) {
            Path file = findlib(pkg);
            if (file == null) {
                // cmd/link logs this and goes on with a library of no file, which it fails to open when its turn comes.
                log.println("cannot find package " + pkg + " (using -importcfg)");
                file = NO_FILE;
            }
            l = addlibpath(GoPaths.pathToPrefix(from.pkg), where, file, pkg, fingerprint);
        }
        from.imports.add(l);
    }

    private static void checkFingerprint(Library lib, long fingerprint, String src, long srcFingerprint)
            throws LinkException {
        if (fingerprint != srcFingerprint) {
            throw new LinkException("fingerprint mismatch: " + lib.pkg + " has " + hex(fingerprint) + ", import from "
                    + src + " expecting " + hex(srcFingerprint));
        }
    }

    private static String hex(long fp) {
        // The fingerprint is 8 bytes as stored; print them in order.
        return HexFormat.of().formatHex(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(fp).array());
    }

    private void loadobjfile(Library lib) throws LinkException {
        if (lib.file.equals(NO_FILE)) {
            throw new LinkException("cannot open file : open : no such file or directory");
        }
        GoArchive ar = GoArchive.open(lib.path, lib.file, loader.inputs());
        PackageObject.UnknownFormatException unknown = null;
        try {
            if (!ar.isArchive()) {
                ldobj(lib, ar.bytes(), 0, lib.file.toString());
            }
        } catch (PackageObject.UnknownFormatException e) {
            unknown = e;
        }
        if (ar.isArchive()) {
            for (GoArchive.Member m : ar.members()) {
                String name = m.name();
                // __.PKGDEF is export data for the compiler, not an object.
                if (name.equals("__.PKGDEF")) {
                    continue;
                }
                // Other short-named members that are not objects are tool data.
                if (name.length() < 16) {
                    int dot = name.lastIndexOf('.');
                    String ext = dot < 0 ? "" : name.substring(dot);
                    if (!ext.equals(".o") && !ext.equals(".syso")) {
                        continue;
                    }
                }
                try {
                    ldobj(lib, ar.slice(m), m.dataOffset(), lib.file + "(" + name + ")");
                } catch (PackageObject.UnknownFormatException e) {
                    unknown = unknown != null ? unknown : e;
                } catch (RuntimeException e) {
                    // A damaged object is a Go panic in cmd/link, and its check for package main is deferred:
                    // it runs first and exits.
                    if (lib.pkg.equals("main") && !lib.main) {
                        throw new LinkException(lib.file + ": not package main");
                    }
                    throw e;
                }
            }
        }
        // cmd/link takes a member it cannot read for a host object, for the host linker: the main
        // package then has no Go object, and says so first; golink has no host linker to hand it to.
        if (lib.pkg.equals("main") && !lib.main) {
            throw new LinkException(lib.file + ": not package main");
        }
        if (unknown != null) {
            throw unknown;
        }
    }

    private void ldobj(Library lib, ByteBuffer bytes, long start, String where) throws LinkException {
        if (PackageObject.isHostObject(bytes)) {
            // Kept aside as cmd/link does (cf. ldhostobj); the link decides after loading (HostObjects).
            lib.hostObjects.add(where);
            return;
        }
        PackageObject po = PackageObject.read(bytes, where, wantHeader, start, loader.diag());
        if (po == null) {
            return; // reported: cmd/link goes on without it
        }
        if (po.isMain()) {
            lib.main = true;
        }
        if (po.cgoDirectives() != null) {
            // Parsed once, as the package is read (cf. ld.ldpkg calling loadcgo).
            lib.cgoDirectives.addAll(CgoDirectives.parse(po.cgoDirectives(), lib.file.toString()));
        }
        int before = lib.autolib.size();
        long fingerprint = loader.preload(lib, po.object(), where, version++);
        if (fingerprint != 0) { // assembly objects have none
            if (lib.fingerprint == 0) {
                lib.fingerprint = fingerprint;
            }
            checkFingerprint(lib, fingerprint, lib.srcref, lib.fingerprint);
        }
        // cf. ld.addImports: the imports of this object, in its order.
        for (int k = before; k < lib.autolib.size(); k++) {
            addlib(lib, where, lib.autolib.get(k), lib.autolibFingerprints.get(k));
        }
    }
}
