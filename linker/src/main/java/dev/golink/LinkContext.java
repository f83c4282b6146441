package dev.golink;

import dev.golink.loader.ImportConfig;
import dev.golink.loader.Library;
import dev.golink.loader.Loader;

import java.io.PrintStream;
import java.nio.ByteOrder;
import java.util.List;

/**
 * The state of one link (cf. cmd/link ld.Link), passed from phase to phase. It
 * belongs to one link only: nothing in golink is shared between links.
 */
public final class LinkContext {

    final LinkOptions options;
    final PrintStream out;
    final Target target;
    /** The target's facts beyond the CPU's: container, text address, rounding (cf. the backends' archinit). */
    final dev.golink.arch.TargetSpec spec;

    /** Pointer size of the target in bytes. */
    final int ptrSize;
    /** Byte order of the target's data. */
    final ByteOrder byteOrder;
    /**
     * Whether the build has ABI wrappers (the regabiwrappers experiment, on by
     * default where Go 1.19 has the register ABI): ABIInternal symbols then have
     * a version of their own.
     */
    final boolean regabiWrappers;

    /** The link's errors, from every phase and thread; checked after each phase. */
    final Diagnostics diag = new Diagnostics();

    ImportConfig importcfg;
    Loader loader;
    /** The packages in load order, the main package first. */
    List<Library> libraries;

    // ---- placement and output (data and file)

    /**
     * The target's backend: its facts and its relocation behaviour, made from
     * the spec (tests of trampolines put one of their own here).
     */
    public dev.golink.arch.Arch arch;
    /** Bytes reserved for file headers before the text (cf. ld.HEADR), set by archinit. */
    public long headr;
    /** Address of the first text byte (cf. -T, *FlagTextAddr), set by archinit. */
    public long textAddr;
    /** Segment alignment in memory and file (cf. -R, *FlagRound), set by archinit. */
    public long round;
    /** The output's segments and sections; text sections are added by textaddress, the rest by dodata. */
    public dev.golink.sym.Segments segments;
    /** The segments in file order, set by address, given file offsets by layout. */
    public List<dev.golink.sym.Segment> segmentOrder;
    /** The size of the part of the file the segments cover, set by layout (cf. ld.(*Link).layout's result). */
    public long filesize;
    /** Text symbols in address order (cf. ctxt.Textp), set by textaddress. */
    public int[] textp = new int[0];
    /**
     * The trampolines to runtime.deferreturn, set by textaddress (cf.
     * loader.IsDeferReturnTramp): pclntab finds the deferreturn call through them.
     */
    public final java.util.BitSet deferReturnTramps = new java.util.BitSet();
    /**
     * Per-symbol kind overrides from symtab (cf. the symGroupType that ld.symtab
     * returns): 0 keeps the symbol's own kind. Null when there are none.
     */
    public byte[] symGroupType;
    /** The carrier symbol of each grouped kind (cf. sym.CarrierSymByType), 0 for none. */
    public final int[] carrierSymByType = new int[dev.golink.sym.SymKind.COUNT];
    /**
     * The size each grouped kind takes in its section, set by dodata (cf.
     * CarrierSymByType[k].Size): the symbol table gives it to the carrier. The
     * carrier symbol's own size stays 0, so that Asmb does not lay it out.
     */
    public final long[] carrierSizeByType = new long[dev.golink.sym.SymKind.COUNT];
    /** Data symbols in address order (cf. ctxt.datap), set by dodata. */
    public int[] datap = new int[0];
    /** Sees the state after each phase (tests inject faults through it); null for none. */
    Linker.PhaseObserver observer;
    /** The Mach-O writer's state on darwin, from loadlib's cgo directives to Asmb2. */
    public dev.golink.macho.Macho macho;
    /** The PE writer's state on windows, from loadcgo to Asmb2. */
    public dev.golink.pe.Pe pe;
    /** The XCOFF writer's state on aix, from loadcgo to Asmb2. */
    public dev.golink.xcoff.Xcoff xcoff;
    /** Where the Plan 9 writer put the header and symbol table, from Asmb2 on (for the size report). */
    public dev.golink.plan9.Plan9.Layout plan9;
    /** Where the wasm writer put each part of the module, from Asmb2 on (for the size report). */
    public dev.golink.wasm.WasmLayout wasm;
    /** The ELF writer's state, from doelf to Asmb2. */
    public dev.golink.elf.Elf elf;
    /**
     * The dynamic-loader part of an ELF executable that imports from shared libraries (the libc
     * ports) or is position-independent (android), from loadcgo on; null for a static executable
     * (cf. cmd/link's -d), unless the program exports symbols (then without the loader format).
     */
    public dev.golink.elf.ElfDynamic elfDynamic;
    /** js/wasm: the relocated bytes of the data sections, from Asmb to Asmb2. */
    public java.util.List<dev.golink.wasm.DataSect> wasmDataSects = java.util.List.of();
    /** The output file, from Asmb on. */
    public dev.golink.outbuf.OutBuf outBuf;
    /** With -sizereport or -map: the text and data symbols' names, made for the reports from dodata on. */
    public dev.golink.report.NamePrefetch reportNames;
    /** With -sizereport or -map: the size report's rows of the text and data symbols, made from address on. */
    public dev.golink.report.RowPrefetch reportRows;

    /**
     * Whether the link makes a position-independent executable (cf. ctxt.BuildMode ==
     * BuildModePIE): with -buildmode=pie (go build's default on windows), or with
     * -buildmode=exe where cmd/link makes every executable PIE (darwin/arm64, windows/arm,
     * windows/arm64; cf. ld.BuildMode.Set).
     */
    public boolean pie() {
        return spec.pie() || options.buildMode().equals("pie");
    }

    /**
     * Whether read-only data with relocations goes to relro sections (cf. ld.(*Link).UseRelro):
     * with PIE, but not on windows, whose loader applies base relocations to any section.
     */
    public boolean useRelro() {
        return pie() && !isPe();
    }

    LinkContext(LinkOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
        this.target = options.config().target();
        this.spec = dev.golink.arch.Arches.spec(target);
        this.arch = spec.backend(options.config());
        this.ptrSize = arch.info().ptrSize();
        this.byteOrder = arch.info().order();
        this.regabiWrappers = options.config().experiments().regabiWrappers();
    }

    /** The version of ABIInternal symbols: 1 with ABI wrappers, else the same as ABI0. */
    public int abiInternalVersion() {
        return regabiWrappers ? Loader.SYM_VER_ABI_INTERNAL : Loader.SYM_VER_ABI0;
    }

    /** The entry symbol of an executable (cf. ld.libinit): {@code _rt0_GOARCH_GOOS}. */
    public String entrySymbol() {
        return "_rt0_" + target.goarch() + "_" + target.goos();
    }

    /**
     * The build ID the output records: -buildid's, else the OS's default (cf. ld.Main: OpenBSD's
     * "go-openbsd"), else "".
     */
    public String buildId() {
        String id = options.buildId();
        if ((id == null || id.isEmpty()) && spec.elfOs() != null) {
            return spec.elfOs().defaultBuildId();
        }
        return id;
    }

    public LinkOptions options() {
        return options;
    }

    public Loader loader() {
        return loader;
    }

    public List<Library> libraries() {
        return libraries;
    }

    // ---- text and tables (linksetup .. symtab)

    /**
     * With GOEXPERIMENT=fieldtrack: what first made each symbol reachable, by
     * index (0 for a root), from deadcode until the fieldtrack phase; else null.
     */
    public int[] reachParent;
    /** The packages in dependency order (post-order), set by linksetup. */
    public List<Library> librariesPostorder;
    /** runtime.firstmoduledata, set by linksetup (cf. ctxt.Moduledata). */
    public int moduledata;
    /** runtime.tlsg, set by linksetup (cf. ctxt.Tlsg). */
    public int tlsg;
    /** The string values of -X, modinfo, buildVersion and defaultGOROOT, in definition order (cf. ld.strdata). */
    public final java.util.LinkedHashMap<String, byte[]> strdata = new java.util.LinkedHashMap<>();
    /** Linker symbols such as .got and .plt (cf. ctxt.ArchSyms), set by setArchSyms. */
    public dev.golink.ld.ArchSyms archSyms;
    /** The pclntab's symbols and counts, set by pclntab, read by findfunctab and symtab. */
    public dev.golink.ld.PclnState pcln;
    /** DWARF from dwarfGenerateDebugInfo on; null when the link writes none (-w, -s). */
    public dev.golink.dwarf.DwarfState dwarf;

    public Target target() {
        return target;
    }

    public dev.golink.arch.TargetSpec spec() {
        return spec;
    }

    /** Whether the output is an ELF file (cf. ctxt.IsELF). */
    public boolean isElf() {
        return spec.container() == dev.golink.arch.TargetSpec.Container.ELF;
    }

    /** Whether the output is a Mach-O file (cf. ctxt.IsDarwin). */
    public boolean isMacho() {
        return spec.container() == dev.golink.arch.TargetSpec.Container.MACHO;
    }

    /** Whether the output is a WebAssembly module, which has no linear text or file layout (cf. ctxt.IsWasm). */
    public boolean isWasm() {
        return spec.container() == dev.golink.arch.TargetSpec.Container.WASM;
    }

    /** Whether the output is a Windows PE file (cf. ctxt.IsWindows). */
    public boolean isPe() {
        return spec.container() == dev.golink.arch.TargetSpec.Container.PE;
    }

    /** Whether the output is an AIX XCOFF file (cf. ctxt.IsAIX). */
    public boolean isXcoff() {
        return spec.container() == dev.golink.arch.TargetSpec.Container.XCOFF;
    }

    /** Whether the output is a Plan 9 a.out file (cf. ctxt.IsPlan9). */
    public boolean isPlan9() {
        return spec.container() == dev.golink.arch.TargetSpec.Container.PLAN9;
    }

    public int ptrSize() {
        return ptrSize;
    }

    public ByteOrder byteOrder() {
        return byteOrder;
    }

    public Diagnostics diag() {
        return diag;
    }

    public PrintStream out() {
        return out;
    }

    public ImportConfig importcfg() {
        return importcfg;
    }
}
