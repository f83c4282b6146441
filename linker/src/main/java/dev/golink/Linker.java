package dev.golink;

import dev.golink.deadcode.Deadcode;
import dev.golink.deadcode.UndefinedSymbols;
import dev.golink.loader.CgoDirectives;
import dev.golink.loader.Library;
import dev.golink.goobj.PackageObject;
import dev.golink.loader.ImportConfig;
import dev.golink.loader.LibraryLoader;
import dev.golink.loader.Loader;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Links one Go program. A {@code Linker} holds nothing between links but the
 * stream its reports go to, so one instance may serve many links, and several
 * links may run at once.
 */
public final class Linker {

    private final PrintStream out;

    /**
     * @param out where the link's own output goes, as cmd/link writes it to its
     *            standard output: {@code -dumpdep} edges and {@code -v} timings
     */
    public Linker(PrintStream out) {
        this.out = out;
    }

    /**
     * Links the program that {@code options} describe into {@code options.output()}.
     * On failure no output file is left behind.
     */
    public void link(LinkOptions options) throws LinkException {
        Target target = options.config().target();
        if (!target.isKnown()) {
            throw new LinkException("unknown GOOS/GOARCH pair " + target + " (from the GOOS and GOARCH environment variables)");
        }
        if (!target.isSupported()) {
            throw new LinkException("target " + target + " is not supported; golink links for " + Target.SUPPORTED);
        }
        if (!options.buildMode().equals("exe")) {
            throw new LinkException("-buildmode=" + options.buildMode() + " is not supported by golink: it links -buildmode=exe");
        }
        LinkContext ctxt = new LinkContext(options, out);

        // Load objects and archives, resolve symbols (cf. ld.loadlib).
        phase(ctxt, "loadlib", Linker::loadlib);
        // Dead-code elimination (cf. ld.deadcode).
        phase(ctxt, "deadcode", Linker::deadcode);
        // Reachable references to symbols that nobody defines.
        phase(ctxt, "undefined", Linker::checkUndefined);

        // The later phases (linksetup, dodata, address, layout, Asmb, Asmb2) are
        // not written yet: say so for the target rather than write a partial file.
        throw new LinkException("cannot link " + target + " yet: the link phases for this target are not implemented");
    }

    /** One step of the link. */
    @FunctionalInterface
    interface Phase {
        void run(LinkContext ctxt) throws LinkException;
    }

    /**
     * Runs a phase, reporting its time with -v. Objects are read lazily: an
     * offset that points outside a damaged object is found only when a phase
     * follows it, and is reported as a bad input rather than a crash.
     */
    private static void phase(LinkContext ctxt, String name, Phase p) throws LinkException {
        long start = System.nanoTime();
        try {
            p.run(ctxt);
        } catch (IndexOutOfBoundsException | IllegalStateException | java.nio.BufferUnderflowException e) {
            throw new LinkException(name + ": malformed input object: " + e, e);
        }
        if (ctxt.options.verbose() > 0) {
            ctxt.out.printf("%-10s %8.1f ms%n", name, (System.nanoTime() - start) / 1e6);
        }
    }

    /** Reads the importcfg, then the main archive and every package it needs, into a new loader. */
    static void loadlib(LinkContext ctxt) throws LinkException {
        LinkOptions o = ctxt.options;
        if (o.importcfg() != null) {
            ctxt.importcfg = ImportConfig.read(o.importcfg(), o.workingDir());
        }
        List<Path> libdirs = new ArrayList<>(o.libraryDirs());
        BuildConfig c = o.config();
        libdirs.add(Path.of(c.goroot(), "pkg", ctxt.target.goos() + "_" + ctxt.target.goarch()));
        ctxt.loader = new Loader(ctxt.regabiWrappers);
        String header = PackageObject.expectedHeader(ctxt.target.goos(), ctxt.target.goarch(), BuildConfig.GO_VERSION);
        ctxt.libraries = new LibraryLoader(ctxt.loader, ctxt.importcfg, libdirs, header).loadlib(o.mainArchive());
        checkLoaderErrors(ctxt);
    }

    /** Marks the reachable symbols, printing the edges with -dumpdep. */
    static void deadcode(LinkContext ctxt) throws LinkException {
        ByteArrayOutputStream edges = ctxt.options.dumpDep() ? new ByteArrayOutputStream(1 << 20) : null;
        Deadcode d = new Deadcode(ctxt.loader, ctxt.ptrSize, ctxt.byteOrder, ctxt.abiInternalVer(), edges);
        d.run(List.of(ctxt.entrySymbol(), "runtime.unreachableMethod"));
        if (edges != null) {
            ctxt.out.write(edges.toByteArray(), 0, edges.size());
            ctxt.out.flush();
        }
        checkLoaderErrors(ctxt);
    }

    /** Fails on a reachable symbol that no object defines and the linker will not make. */
    static void checkUndefined(LinkContext ctxt) throws LinkException {
        Set<String> dynamicImports = new HashSet<>();
        for (Library lib : ctxt.libraries) {
            for (String json : lib.cgoDirectives()) {
                dynamicImports.addAll(CgoDirectives.dynamicImports(CgoDirectives.parse(json, lib.file().toString())));
            }
        }
        UndefinedSymbols.check(ctxt.loader, dynamicImports);
    }

    private static void checkLoaderErrors(LinkContext ctxt) throws LinkException {
        List<String> errors = ctxt.loader.errors();
        if (!errors.isEmpty()) {
            throw new LinkException(String.join("\n", errors.subList(0, Math.min(errors.size(), 10))));
        }
    }
}
