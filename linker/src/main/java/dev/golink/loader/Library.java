package dev.golink.loader;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A package of the link (cf. cmd/link sym.Library): its import path, the
 * archive it comes from, the fingerprint importers expect, and the packages its
 * objects import ({@code autolib}), in the order the objects list them.
 */
public final class Library {

    final String pkg;
    final Path file;
    final Path path;
    final String objref;
    final String srcref;
    long fingerprint;
    boolean main;
    final List<String> autolib = new ArrayList<>();
    final List<Long> autolibFingerprints = new ArrayList<>();
    final List<Library> imports = new ArrayList<>();
    final List<List<String>> cgoDirectives = new ArrayList<>();
    /** The host objects among the package's members (cgo's C code, .syso files), as "file(member)". */
    final List<String> hostObjects = new ArrayList<>();

    Library(String pkg, Path file, Path path, String srcref, String objref, long fingerprint) {
        this.pkg = pkg;
        this.file = file;
        this.path = path;
        this.srcref = srcref;
        this.objref = objref;
        this.fingerprint = fingerprint;
    }

    public String pkg() {
        return pkg;
    }

    /** The archive as the command line or importcfg names it: cmd/link's messages name it so. */
    public Path file() {
        return file;
    }

    /** The archive resolved against the link's working folder: what is opened. */
    public Path path() {
        return path;
    }

    /** Whether the package header declared package main. */
    public boolean isMain() {
        return main;
    }

    public List<Library> imports() {
        return imports;
    }

    /** The cgo directives of the package's objects, in order, each a directive name and its arguments. */
    public List<List<String>> cgoDirectives() {
        return cgoDirectives;
    }

    /**
     * The package's host objects (cgo's C code, .syso files) as "file(member)": cmd/link
     * loads them (cf. ldhostobj) or hands them to a C linker; golink refuses the link.
     */
    public List<String> hostObjects() {
        return hostObjects;
    }

    @Override
    public String toString() {
        return pkg;
    }
}
