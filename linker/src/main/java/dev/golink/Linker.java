package dev.golink;

import dev.golink.arch.Arches;
import dev.golink.deadcode.Deadcode;
import dev.golink.deadcode.DepGraph;
import dev.golink.deadcode.UndefinedSymbols;
import dev.golink.loader.CgoDirectives;
import dev.golink.loader.Library;
import dev.golink.goobj.PackageObject;
import dev.golink.loader.ImportConfig;
import dev.golink.loader.LibraryLoader;
import dev.golink.loader.Loader;
import dev.golink.report.ReportOptions;

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
        this(out, null);
    }

    /** Sees the link state after each phase (tests use it to inject faults); null for none. */
    @FunctionalInterface
    interface PhaseObserver {
        void after(String phase, LinkContext ctxt) throws LinkException;
    }

    private final PhaseObserver observer;

    Linker(PrintStream out, PhaseObserver observer) {
        this.out = out;
        this.observer = observer;
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
        if (target.mustLinkExternal()) {
            // golink links internally only: cmd/link's refusal of -linkmode=internal for such a port.
            throw new LinkException("internal linking requested but external linking required: " + target
                    + " requires external linking");
        }
        if (!target.isSupported()) {
            throw new LinkException("target " + target + " is not supported; golink links for " + Target.SUPPORTED);
        }
        // cmd/link links -buildmode=pie internally on windows and android/arm64 (and more, which golink does not).
        boolean pieAccepted = options.buildMode().equals("pie") && Arches.spec(target).linksPieInternally();
        if (!options.buildMode().equals("exe") && !pieAccepted) {
            throw new LinkException("-buildmode=" + options.buildMode()
                    + " is not supported by golink: it links -buildmode=exe (and pie on windows and android/arm64)");
        }
        LinkContext ctxt = new LinkContext(options, out);
        ctxt.observer = observer;
        boolean linked = false;
        try {
            run(ctxt, phases(ctxt));
            linked = true;
        } finally {
            // Asmb's writers have all ended by now (Parallel), so the output can go.
            if (ctxt.outBuf != null) {
                ctxt.outBuf.close(); // without a commit, removes the unfinished file
                ctxt.outBuf = null;
            }
        }
        // Every phase's work has been joined, so nothing reads the inputs any more. A failed link
        // leaves them to the collector: a task of a failed parallel step may still be reading.
        if (linked && ctxt.loader != null) {
            try {
                ctxt.loader.inputs().close();
            } catch (java.io.IOException e) {
                throw new LinkException("cannot unmap the inputs: " + e.getMessage(), e);
            }
        }
    }

    /** What one phase does to the link. */
    @FunctionalInterface
    interface Action {
        void run(LinkContext ctxt) throws LinkException;
    }

    /** One named, timed step of the link. */
    record Phase(String name, Action action) {
    }

    /** The phases of a link for the context's target, in order (cf. cmd/link ld.Main). */
    static List<Phase> phases(LinkContext ctxt) {
        boolean wasm = ctxt.isWasm();
        ReportOptions reports = ctxt.options.reports();
        List<Phase> p = new ArrayList<>();
        // The target's header reserve, text address and rounding, and the segments (cf. the backends' archinit).
        p.add(new Phase("archinit", dev.golink.data.Layout::archinit));

        // Load objects and archives, resolve symbols (cf. ld.loadlib).
        p.add(new Phase("loadlib", Linker::loadlib));
        // darwin, windows, the libc ELF ports: the runtime's cgo_import_dynamic directives make imports (cf. ld.loadcgo).
        p.add(new Phase("loadcgo", Linker::loadcgo));
        // Dead-code elimination (cf. ld.deadcode).
        p.add(new Phase("deadcode", Linker::deadcode));
        // Reachable references to symbols that nobody defines.
        p.add(new Phase("undefined", Linker::checkUndefined));
        if (reports.sizeReport() != null || reports.map() != null) {
            // The reports' symbol names, made while the link goes on (golink's own).
            p.add(new Phase("reportNames", dev.golink.report.NamePrefetch::start));
        }

        // Text and tables.
        p.add(new Phase("linksetup", dev.golink.ld.LinkSetup::run)); // cf. cmd/link ld.(*Link).linksetup
        p.add(new Phase("dostrdata", dev.golink.ld.StrData::run)); // cf. cmd/link ld.(*Link).dostrdata
        if (ctxt.options.config().experiments().fieldTrack()) {
            p.add(new Phase("fieldtrack", dev.golink.ld.FieldTrack::run)); // cf. cmd/link ld.fieldtrack
        }
        p.add(new Phase("dwarfGenerateDebugInfo", dev.golink.dwarf.Dwarf::generateDebugInfo)); // cf. ld.dwarfGenerateDebugInfo
        // Chains of nosplit calls must fit in the stack guard (cf. ld.(*Link).doStackCheck).
        p.add(new Phase("doStackCheck", dev.golink.ld.StackCheck::run));
        // Container linker symbols: ELF's section-name table (cf. ld.(*Link).doelf),
        // Mach-O's symbol table, stubs and indirect tables (cf. ld.(*Link).domacho), or
        // PE's table of DLL import slots (cf. ld.(*Link).dope), or XCOFF's TOC and imports (cf. ld.(*Link).doxcoff).
        p.add(new Phase("doelf", Linker::doelf));
        // textbuildid: ELF keeps the build ID in a note; every other container puts it at the start of text.
        p.add(new Phase("textbuildid", dev.golink.ld.TextBuildId::run)); // cf. cmd/link ld.(*Link).textbuildid
        p.add(new Phase("addexport", c -> { // cf. ld.(*Link).setArchSyms, addexport
            dev.golink.ld.ArchSyms.setArchSyms(c);
            if (c.elfDynamic != null) {
                c.elfDynamic.addexport();
            }
        }));
        // The backend's functions for position-independent code (cf. the backends' gentext);
        // a static executable needs no init function (only dynamically linked Go does).
        p.add(new Phase("gentext", dev.golink.ld.Gentext::run));
        p.add(new Phase("textaddress", dev.golink.ld.TextAddress::run)); // cf. cmd/link ld.(*Link).textaddress
        p.add(new Phase("typelink", dev.golink.ld.Typelink::run)); // cf. cmd/link ld.(*Link).typelink
        p.add(new Phase("buildinfo", dev.golink.ld.BuildInfo::run)); // cf. cmd/link ld.(*Link).buildinfo
        p.add(new Phase("pclntab", dev.golink.ld.Pclntab::run)); // cf. cmd/link ld.(*Link).pclntab
        p.add(new Phase("findfunctab", dev.golink.ld.Findfunctab::run)); // cf. cmd/link ld.(*Link).findfunctab
        p.add(new Phase("dwarfGenerateDebugSyms", dev.golink.dwarf.Dwarf::generateDebugSyms)); // cf. ld.dwarfGenerateDebugSyms
        p.add(new Phase("symtab", dev.golink.ld.Symtab::run)); // cf. cmd/link ld.(*Link).symtab

        // Data and file.
        // Assign data symbols to sections and sort them (cf. ld.(*Link).dodata).
        p.add(new Phase("dodata", dev.golink.data.Dodata::run));
        // Virtual addresses of segments, sections and data symbols (cf. ld.(*Link).address).
        p.add(new Phase("address", dev.golink.data.Layout::address));
        if (reports.sizeReport() != null || reports.map() != null) {
            // The size report's rows of the text and data symbols, made while the file is written (golink's own).
            p.add(new Phase("reportRows", dev.golink.report.RowPrefetch::start));
        }
        p.add(new Phase("dwarfcompress", dev.golink.dwarf.Dwarf::compress)); // cf. cmd/link ld.dwarfcompress
        // File offsets; the size of the part of the file they cover (cf. ld.(*Link).layout).
        p.add(new Phase("layout", dev.golink.data.Layout::layout));
        // Every symbol's bytes end where its size says: cmd/link checks it as it copies them (cf. ld.writeBlock).
        p.add(new Phase("phasecheck", dev.golink.data.PhaseCheck::run));
        // The output: a temporary file beside it, renamed onto it by commit (cf. ld.(*OutBuf).Open).
        p.add(new Phase("create", c -> c.outBuf = dev.golink.outbuf.OutBuf.create(c.options.output(),
                c.options.outputName(), c.arch.info().order(), c.options.mmap(), inputs(c))));
        if (!wasm) {
            // Reserve and map the output (or allocate it on the heap with -mmap=false).
            // Not for wasm: a module's layout is not linear memory's, so the module is built in memory.
            p.add(new Phase("mmap", c -> c.outBuf.mmap(c.filesize)));
        }
        // Copy sections and segments in, relocating as they are copied (cf. ld.asmb);
        // wasm takes its data sections' bytes.
        p.add(new Phase("asmb", wasm ? dev.golink.wasm.WasmAsmb::asmb : dev.golink.data.Asmb::run));
        // The headers, which depend on everything else (cf. ld.asmb2); wasm writes the whole module.
        p.add(new Phase("asmb2", wasm ? dev.golink.wasm.WasmAsmb::asmb2 : Linker::asmb2));
        if (reports.sizeReport() != null || reports.map() != null) {
            // golink's own: where each byte came from (-sizereport), the link map (-map); made while the output is committed.
            p.add(new Phase("reports", dev.golink.report.Reports::write));
        }
        // Unmap; once the reports are written, rename the finished file onto the output, then the reports onto theirs.
        p.add(new Phase("commit", c -> c.outBuf.commit()));
        return p;
    }

    /**
     * The archives the link reads, which its output must not replace (cmd/link would destroy them,
     * then fail). Not the importcfg: it is read before the output exists, and cmd/link replaces it.
     */
    private static List<java.nio.file.Path> inputs(LinkContext c) {
        List<java.nio.file.Path> in = new ArrayList<>();
        in.add(c.options.workingDir().resolve(c.options.mainArchive()));
        if (c.libraries() != null) {
            for (dev.golink.loader.Library lib : c.libraries()) {
                in.add(lib.path());
            }
        }
        return in;
    }

    /** Runs {@code phases} in order on the link. */
    static void run(LinkContext ctxt, List<Phase> phases) throws LinkException {
        for (Phase p : phases) {
            phase(ctxt, p);
        }
    }

    /** The imports the cgo_import_dynamic directives name: darwin's from libSystem, windows' from DLLs, aix's from libc. */
    private static void loadcgo(LinkContext ctxt) throws LinkException {
        if (ctxt.isMacho()) {
            dev.golink.macho.Macho.loadcgo(ctxt);
        } else if (ctxt.isPe()) {
            dev.golink.pe.Pe.loadcgo(ctxt);
        } else if (ctxt.isXcoff()) {
            dev.golink.xcoff.Xcoff.loadcgo(ctxt);
        } else if (ctxt.isElf()) {
            ctxt.elfDynamic = dev.golink.elf.ElfDynamic.loadcgo(ctxt);
        }
    }

    /** ELF, Mach-O, PE, XCOFF or Plan 9 headers and tables (cf. ld.asmb2, ld.asmbMacho, ld.asmbPe, ld.asmbXcoff, ld.asmbPlan9). */
    private static void asmb2(LinkContext ctxt) throws LinkException {
        if (ctxt.isMacho()) {
            dev.golink.macho.Macho.asmb2(ctxt, ctxt.outBuf);
        } else if (ctxt.isPe()) {
            ctxt.pe.asmbPe(ctxt.outBuf);
        } else if (ctxt.isXcoff()) {
            ctxt.xcoff.asmb2(ctxt.outBuf);
        } else if (ctxt.isPlan9()) {
            ctxt.plan9 = dev.golink.plan9.Plan9.asmb2(ctxt, ctxt.outBuf);
        } else {
            ctxt.elf.asmb2(ctxt.outBuf);
        }
    }

    /** The ELF or Mach-O linker symbols. */
    static void doelf(LinkContext ctxt) throws LinkException {
        if (ctxt.isWasm() || ctxt.isPlan9()) {
            return; // a WebAssembly module or a Plan 9 executable has no sections
        }
        if (ctxt.isMacho()) {
            dev.golink.macho.Macho.domacho(ctxt); // cf. ld.(*Link).domacho
            return;
        }
        if (ctxt.isPe()) {
            ctxt.pe.dope(); // cf. ld.(*Link).dope
            return;
        }
        if (ctxt.isXcoff()) {
            ctxt.xcoff.doxcoff(); // cf. ld.(*Link).doxcoff
            return;
        }
        ctxt.elf = dev.golink.elf.Elf.doelf(ctxt);
    }

    /**
     * Runs a phase, reporting its time with -v. Objects are read lazily: an
     * offset that points outside a damaged object is found only when a phase
     * follows it, and is reported as a bad input rather than a crash; a failed
     * consistency check is reported with its own message.
     */
    private static void phase(LinkContext ctxt, Phase phase) throws LinkException {
        String name = phase.name();
        long start = System.nanoTime();
        try {
            phase.action().run(ctxt);
            ctxt.diag.checkpoint();
            if (ctxt.observer != null) {
                ctxt.observer.after(name, ctxt);
            }
        } catch (LinkException e) {
            // A phase that runs work in parallel passes its workers' failures on wrapped: say what they were.
            Throwable cause = e.getCause();
            if (showsJava(e.getMessage()) && ((cause instanceof RuntimeException
                    && !(cause instanceof java.io.UncheckedIOException))
                    || cause instanceof StackOverflowError || cause instanceof OutOfMemoryError)) {
                throw ctxt.diag.before(translate(name, cause));
            }
            throw ctxt.diag.before(e);
        } catch (java.io.UncheckedIOException | InternalError e) {
            // Writing the output failed (a disk that filled up under the mapped file, for one).
            LinkException fault = dev.golink.outbuf.OutBuf.writeFault(name, e);
            throw fault != null ? fault : translate(name, e);
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
            throw ctxt.diag.before(translate(name, e));
        }
        if (ctxt.options.verbose() > 0) {
            ctxt.out.printf("%-10s %8.1f ms%n", name, (System.nanoTime() - start) / 1e6);
        }
    }

    /** A failure of phase {@code name}, in words for the user: malformed input, a check cmd/link makes, or a bug. */
    static LinkException translate(String name, Throwable e) {
        // A fork-join pool rethrows a worker's exception as a new one of its class, caused by it.
        while (e.getCause() != null && e.getCause().getClass() == e.getClass()) {
            e = e.getCause();
        }
        if (e instanceof MalformedInputException) {
            return new LinkException(e.getMessage(), e);
        }
        if (e instanceof LogFatalException.Unchecked) {
            return new LogFatalException(e.getMessage());
        }
        if (e instanceof java.nio.file.InvalidPathException p) {
            // Java makes file names in the locale's character set (sun.jnu.encoding): some bytes have no place in it.
            return new LinkException(name + ": cannot use the path \"" + p.getInput() + "\": the locale's character set ("
                    + System.getProperty("sun.jnu.encoding") + ") cannot hold it", e);
        }
        if (e instanceof NegativeArraySizeException) {
            return new LinkException(name + ": malformed input object: a size or count (" + describe(e, "?")
                    + ") is negative", e);
        }
        if (e instanceof IndexOutOfBoundsException || e instanceof java.nio.BufferUnderflowException
                || e instanceof NegativeArraySizeException || e instanceof IllegalArgumentException
                || e instanceof ArithmeticException) {
            // A damaged object whose reader has no check of its own: an offset or length points outside it.
            return new LinkException(name + ": malformed input object: " + describe(e, "a record points outside its object"), e);
        }
        if (e instanceof IllegalStateException) {
            // The checks cmd/link makes with Errorf/Fatalf: these inputs cannot be linked as they are.
            return new LinkException(name + ": " + describe(e, "a consistency check failed"), e);
        }
        if (e instanceof StackOverflowError) {
            return new LinkException(name + ": malformed input: references nest too deeply (a cycle?)", e);
        }
        if (e instanceof OutOfMemoryError) {
            return new LinkException(name + ": out of memory (a damaged input's size, or a link too large for -Xmx)", e);
        }
        return internalError(name, e);
    }

    /** A broken invariant of golink's: a bug, reported with the phase it happened in. */
    static LinkException internalError(String phase, Throwable e) {
        return new LinkException("internal error in phase " + phase + ": " + describe(e, "a broken invariant")
                + " (please report it, with the link's inputs)", e);
    }

    /** What went wrong, in words: the exception's message without Java's class names; {@code otherwise} if it has none. */
    static String describe(Throwable e, String otherwise) {
        String m = e.getMessage();
        if (m == null || m.isBlank() || showsJava(m)) {
            return otherwise;
        }
        return m;
    }

    /** Whether a message holds a Java class name (java.lang.X, dev.golink.X). */
    static boolean showsJava(String m) {
        return m != null && m.matches("(?s).*\\b(java|javax|jdk|sun|dev)\\.[a-z].*");
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
        ctxt.loader = new Loader(ctxt.regabiWrappers, ctxt.diag);
        ctxt.loader.setArch(ctxt.ptrSize, ctxt.byteOrder); // type descriptors are read from deadcode on
        String header = PackageObject.expectedHeader(ctxt.target.goos(), ctxt.target.goarch(), c.experiments(),
                BuildConfig.GO_VERSION);
        ctxt.libraries = new LibraryLoader(ctxt.loader, ctxt.importcfg, libdirs, header, o.workingDir())
                .logTo(ctxt.out).loadlib(o.mainArchive());
        // Host objects, which golink does not link, once every package is in (cf. ld.determineLinkMode).
        dev.golink.ld.HostObjects.check(ctxt);
    }

    /** Marks the reachable symbols, printing the edges with -dumpdep. */
    static void deadcode(LinkContext ctxt) throws LinkException {
        ByteArrayOutputStream edges = ctxt.options.dumpDep() ? new ByteArrayOutputStream(1 << 20) : null;
        ReportOptions reports = ctxt.options.reports();
        DepGraph graph = reports.needsGraph() ? new DepGraph() : null;
        Deadcode d = new Deadcode(ctxt.loader, ctxt.abiInternalVersion(), edges, graph);
        if (ctxt.options.config().experiments().fieldTrack()) {
            d.recordParents();
        }
        // Dynamic exports are roots too (cf. deadcodePass.init).
        d.run(List.of(ctxt.entrySymbol(), "runtime.unreachableMethod"),
                ctxt.elfDynamic != null ? ctxt.elfDynamic.dynexp() : new int[0]);
        ctxt.reachParent = d.reachParent();
        if (edges != null) {
            ctxt.out.write(edges.toByteArray(), 0, edges.size());
            ctxt.out.flush();
        }
        if (graph != null) {
            dev.golink.report.WhyKept.print(ctxt.out, ctxt.loader, graph, reports.whyKept());
        }
    }

    /** Fails on a reachable symbol that no object defines and the linker will not make. */
    static void checkUndefined(LinkContext ctxt) throws LinkException {
        Set<String> dynamicImports = new HashSet<>();
        for (Library lib : ctxt.libraries) {
            dynamicImports.addAll(CgoDirectives.dynamicImports(lib.cgoDirectives()));
        }
        if (ctxt.isXcoff()) {
            dynamicImports.add("TOC"); // the TOC anchor, which doxcoff defines
        }
        UndefinedSymbols.check(ctxt.loader, dynamicImports, ctxt.diag, ctxt.isWasm());
    }
}
