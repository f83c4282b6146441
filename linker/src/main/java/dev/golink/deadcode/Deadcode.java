package dev.golink.deadcode;

import dev.golink.goobj.GoObject;
import dev.golink.goobj.RelocTypes;
import dev.golink.loader.Loader;
import dev.golink.loader.Relocs;
import dev.golink.loader.TypeDescriptors;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Dead-code elimination (cf. cmd/link ld.deadcode): marks every symbol reachable
 * from the roots by a flood fill over relocations and aux symbols, with
 * cmd/link's treatment of methods:
 *
 * <ul>
 * <li>A method of a reachable type is kept only if it may be called: through a
 * reached interface method with the same name and type ({@code
 * R_USEIFACEMETHOD}), a reached generic interface call of that name, or by
 * reflection (a {@code REFLECTMETHOD} function or {@code reflect.Value.Method}
 * reached: then every exported method of reachable types).</li>
 * <li>Method tables are only looked at for types converted to interfaces
 * ({@code UsedInIface}); such a type's child types get that mark too, and a type
 * already visited without it is visited again.</li>
 * <li>Weak relocations (itab methods) do not make their target reachable.</li>
 * </ul>
 *
 * The work queue pops the smallest symbol index first, as cmd/link's does, so
 * that the parent named by each {@code -dumpdep} edge is the same.
 */
public final class Deadcode {

    private final Loader ldr;
    private final TypeDescriptors types;
    private final int abiInternalVer;
    /** Where -dumpdep edges go, or null. */
    private final ByteArrayOutputStream dumpDep;
    /** Every edge followed, with its reason, for -whykept; or null. */
    private final DepGraph graph;

    /**
     * With field tracking: the symbol that first made each one reachable (0 for
     * a root), by index; null otherwise.
     */
    private int[] reachParent;

    private final SymHeap wq = new SymHeap();
    private final Set<MethodSig> ifaceMethod = new HashSet<>();
    private final Set<String> genericIfaceMethod = new HashSet<>();
    private List<MethodRef> markableMethods = new ArrayList<>();
    private boolean reflectSeen;

    private final Relocs relocs;
    private final Relocs relocs2;

    /**
     * @param abiInternalVer the version of ABIInternal symbols (0 without ABI wrappers)
     * @param dumpDep        receives {@code from -> to} lines, or null
     */
    public Deadcode(Loader ldr, int abiInternalVer, ByteArrayOutputStream dumpDep) {
        this(ldr, abiInternalVer, dumpDep, null);
    }

    /** As above; {@code graph}, if not null, receives every edge followed and why. */
    public Deadcode(Loader ldr, int abiInternalVer, ByteArrayOutputStream dumpDep, DepGraph graph) {
        this.graph = graph;
        this.ldr = ldr;
        this.types = new TypeDescriptors(ldr);
        this.abiInternalVer = abiInternalVer;
        this.dumpDep = dumpDep;
        this.relocs = ldr.relocs();
        this.relocs2 = ldr.relocs();
    }

    /** Records, as it marks, what made each symbol reachable (GOEXPERIMENT=fieldtrack lists it). */
    public void recordParents() {
        reachParent = new int[ldr.nSym()];
    }

    /** What first made each symbol reachable, by index, once {@link #run} is done; null unless recorded. */
    public int[] reachParent() {
        return reachParent;
    }

    /**
     * Marks what is reachable from {@code roots} (looked up as ABI0 and
     * ABIInternal symbols), iterating until the methods it keeps reach nothing
     * new.
     */
    public void run(List<String> roots) {
        run(roots, new int[0]);
    }

    /** As above, with {@code rootSyms} (dynamic exports) marked after the named roots. */
    public void run(List<String> roots, int[] rootSyms) {
        for (String name : roots) {
            mark(ldr.lookup(name, 0), 0, DepGraph.Why.ROOT);
            if (abiInternalVer != 0) {
                mark(ldr.lookup(name, abiInternalVer), 0, DepGraph.Why.ROOT);
            }
        }
        for (int s : rootSyms) {
            mark(s, 0, DepGraph.Why.ROOT);
        }
        flood();

        int methSym = ldr.lookup("reflect.Value.Method", abiInternalVer);
        int methByNameSym = ldr.lookup("reflect.Value.MethodByName", abiInternalVer);
        while (true) {
            // Reflection can call any exported method of a reachable type.
            reflectSeen = reflectSeen || (methSym != 0 && ldr.attrReachable(methSym))
                    || (methByNameSym != 0 && ldr.attrReachable(methByNameSym));
            if (graph != null) {
                for (int r : new int[] {methSym, methByNameSym}) {
                    if (r != 0 && ldr.attrReachable(r)) {
                        graph.reflectCause(r);
                    }
                }
            }

            // Keep the methods that a reached interface call may now reach; earlier
            // interfaces are rechecked since new types bring new methods.
            List<MethodRef> rem = new ArrayList<>();
            for (MethodRef m : markableMethods) {
                if (ifaceMethod.contains(m.m())) {
                    markMethod(m, DepGraph.Why.INTERFACE_METHOD);
                } else if (genericIfaceMethod.contains(m.m().name())) {
                    markMethod(m, DepGraph.Why.GENERIC_METHOD);
                } else if (reflectSeen && m.isExported()) {
                    markMethod(m, DepGraph.Why.REFLECT_METHOD);
                } else {
                    rem.add(m);
                }
            }
            markableMethods = rem;
            if (wq.isEmpty()) {
                break;
            }
            flood();
        }
    }

    private void flood() {
        List<MethodRef> methods = new ArrayList<>();
        while (!wq.isEmpty()) {
            visit(wq.pop(), methods);
        }
    }

    /**
     * Marks what a reachable symbol refers to. (The body of flood's loop, a method of its own:
     * in a fresh JVM a method runs compiled after a few hundred calls, while a loop inside one
     * call runs interpreted for its first thousands of turns, and flood turns once per symbol.)
     */
    private void visit(int symIdx, List<MethodRef> methods) {
        if (ldr.isReflectMethod(symIdx)) {
            reflectSeen = true;
            if (graph != null) {
                graph.reflectCause(symIdx);
            }
        }
        boolean isgotype = ldr.isGoType(symIdx);
        boolean usedInIface = isgotype && ldr.attrUsedInIface(symIdx);
        Relocs rs = relocs.reset(symIdx);
        methods.clear();
        int n = rs.count();
        for (int i = 0; i < n; i++) {
            if (rs.weak(i)) {
                continue; // e.g. itab methods: kept only if called
            }
            int t = rs.type(i);
            switch (t) {
                case RelocTypes.R_METHODOFF -> {
                    if (i + 2 >= n) {
                        throw new IllegalStateException(ldr.symName(symIdx)
                                + ": expected three consecutive R_METHODOFF relocations");
                    }
                    if (usedInIface) {
                        methods.add(new MethodRef(null, symIdx, i));
                        // The method's type is a type descriptor reachable by
                        // reflection (Method(i).Type) from an interface value.
                        markUsedInIface(rs.sym(i), symIdx);
                    }
                    i += 2;
                    continue;
                }
                case RelocTypes.R_USETYPE -> {
                    continue; // only for DWARF; type symbols are loaded anyway
                }
                case RelocTypes.R_USEIFACE -> {
                    markUsedInIface(rs.sym(i), symIdx);
                    continue;
                }
                case RelocTypes.R_USEIFACEMETHOD -> {
                    MethodSig called = decodeIfaceMethod(rs.sym(i), rs.add(i));
                    ifaceMethod.add(called);
                    if (graph != null) {
                        graph.ifaceCall(called.name(), symIdx);
                    }
                    continue;
                }
                case RelocTypes.R_USEGENERICIFACEMETHOD -> {
                    // The target only carries the method name; it is not needed itself.
                    String called = nameData(rs.sym(i));
                    genericIfaceMethod.add(called);
                    if (graph != null) {
                        graph.ifaceCall(called, symIdx);
                    }
                    continue;
                }
                default -> {
                }
            }
            int target = rs.sym(i);
            if (usedInIface && target != 0 && ldr.isGoType(target) && !ldr.attrUsedInIface(target)) {
                // A child type of a type converted to an interface can be
                // converted by reflection too: visit it (again) with the mark.
                ldr.setAttrUsedInIface(target, true);
                ldr.setAttrReachable(target, false);
            }
            mark(target, symIdx, DepGraph.Why.REFERENCE);
        }
        int naux = ldr.nAux(symIdx);
        for (int i = 0; i < naux; i++) {
            if (ldr.auxType(symIdx, i) == GoObject.AUX_GOTYPE) {
                continue; // a reachable symbol does not need its type descriptor
            }
            mark(ldr.auxSym(symIdx, i), symIdx, DepGraph.Why.AUX);
        }
        if (!methods.isEmpty()) {
            List<MethodSig> sigs = decodetypeMethods(symIdx);
            if (sigs.size() != methods.size()) {
                throw new IllegalStateException(ldr.symName(symIdx) + " has " + methods.size()
                        + " method relocations for " + sigs.size() + " methods");
            }
            for (int k = 0; k < sigs.size(); k++) {
                MethodRef m = methods.get(k);
                markableMethods.add(new MethodRef(sigs.get(k), m.src(), m.r()));
            }
        }
    }

    private void markUsedInIface(int rs, int parent) {
        if (graph != null && rs != 0) {
            graph.add(parent, rs, DepGraph.Why.CONVERTED_TO_INTERFACE, null);
        }
        if (!ldr.attrUsedInIface(rs)) {
            ldr.setAttrUsedInIface(rs, true);
            if (ldr.attrReachable(rs)) {
                ldr.setAttrReachable(rs, false);
                mark(rs, parent, null);
            }
        }
    }

    /** Marks {@code symIdx} reached from {@code parent} for reason {@code why} (null: already recorded). */
    private void mark(int symIdx, int parent, DepGraph.Why why) {
        mark(symIdx, parent, why, null);
    }

    private void mark(int symIdx, int parent, DepGraph.Why why, String method) {
        if (graph != null && symIdx != 0 && why != null) {
            graph.add(parent, symIdx, why, method);
        }
        if (symIdx == 0 || ldr.attrReachable(symIdx)) {
            return;
        }
        wq.push(symIdx);
        ldr.setAttrReachable(symIdx, true);
        if (reachParent != null && symIdx < reachParent.length) {
            reachParent[symIdx] = parent;
        }
        if (dumpDep != null && !ldr.symNameIsEmpty(symIdx)) {
            if (parent == 0) {
                dumpDep.write('_');
            } else {
                ldr.writeSymName(parent, dumpDep);
                if (ldr.attrUsedInIface(parent)) {
                    dumpDep.writeBytes(USED_IN_IFACE);
                }
            }
            dumpDep.writeBytes(ARROW);
            ldr.writeSymName(symIdx, dumpDep);
            if (ldr.attrUsedInIface(symIdx)) {
                dumpDep.writeBytes(USED_IN_IFACE);
            }
            dumpDep.write('\n');
        }
    }

    private static final byte[] ARROW = " -> ".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final byte[] USED_IN_IFACE = " <UsedInIface>".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private void markMethod(MethodRef m, DepGraph.Why why) {
        Relocs rs = relocs2.reset(m.src());
        String name = graph == null ? null : m.m().name();
        mark(rs.sym(m.r()), m.src(), why, name);
        mark(rs.sym(m.r() + 1), m.src(), why, name);
        mark(rs.sym(m.r() + 2), m.src(), why, name);
    }

    /** The interface method at offset {@code off} of interface type {@code symIdx}. */
    private MethodSig decodeIfaceMethod(int symIdx, long off) {
        if (ldr.dataSize(symIdx) == 0) {
            throw new IllegalStateException("missing symbol \"" + ldr.symName(symIdx) + "\"");
        }
        if (types.kind(symIdx) != TypeDescriptors.KIND_INTERFACE) {
            throw new IllegalStateException("symbol \"" + ldr.symName(symIdx) + "\" is not an interface");
        }
        return new MethodSig(types.nameString(symIdx, (int) off), types.relocSym(symIdx, (int) off + 4));
    }

    private String nameData(int symIdx) {
        return dev.golink.GoString.decode(ldr.dataBytes(symIdx, 0, ldr.dataSize(symIdx)));
    }

    /** The method signatures in the uncommon part of type {@code symIdx} (cf. ld.decodetypeMethods). */
    private List<MethodSig> decodetypeMethods(int symIdx) {
        if (!types.hasUncommon(symIdx)) {
            throw new IllegalStateException("no methods on \"" + ldr.symName(symIdx) + "\"");
        }
        int mcount = types.methodCount(symIdx);
        List<MethodSig> sigs = new ArrayList<>(mcount);
        for (int i = 0, off = types.methodsOffset(symIdx); i < mcount; i++, off += 4 * 4) {
            sigs.add(new MethodSig(types.nameString(symIdx, off), types.relocSym(symIdx, off + 4)));
        }
        return sigs;
    }
}
