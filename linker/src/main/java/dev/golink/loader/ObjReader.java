package dev.golink.loader;

import dev.golink.goobj.GoObject;

/**
 * One loaded Go object (cf. cmd/link loader.oReader): the lazy reader, the
 * package it belongs to, its file-local symbol version, and the global index
 * of each of its local symbols, filled in when symbols are loaded.
 */
final class ObjReader {

    final GoObject obj;
    final Library lib;
    /** File and member, for messages: {@code file(member)}. */
    final String where;
    /** The version of this object's static (file-local) symbols. */
    final int version;
    /** This reader's index in the loader's object list. */
    final int objIdx;
    final int ndef;
    final int nhashed64def;
    final int nhasheddef;
    final int nnonpkgdef;
    /** Global index of each local symbol (definitions, then non-package references). */
    final int[] syms;
    /**
     * Name of each local symbol once decoded (null until then), so that later lookups by index
     * do not decode it again. Threads that decode one name at once store equal strings.
     */
    final String[] names;
    /**
     * Global index of each relocation record's target once resolved (0 until then): phases
     * after dead-code elimination read the same relocations again. Threads that resolve one
     * at once store the same index.
     */
    final int[] relocTargets;
    /** Object index of each referenced package, by the object's package index. */
    int[] pkg;

    ObjReader(GoObject obj, Library lib, String where, int version, int objIdx) {
        this.obj = obj;
        this.lib = lib;
        this.where = where;
        this.version = version;
        this.objIdx = objIdx;
        this.ndef = obj.nSym();
        this.nhashed64def = obj.nHashed64def();
        this.nhasheddef = obj.nHasheddef();
        this.nnonpkgdef = obj.nNonpkgdef();
        this.syms = new int[obj.nAlldef() + obj.nNonpkgref()];
        this.names = new String[syms.length];
        this.relocTargets = new int[obj.nRelocRecords()];
    }

    int nAlldef() {
        return ndef + nhashed64def + nhasheddef + nnonpkgdef;
    }
}
