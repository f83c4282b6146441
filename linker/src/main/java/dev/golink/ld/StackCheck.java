package dev.golink.ld;

import dev.golink.LinkContext;
import dev.golink.arch.ArchInfo;
import dev.golink.dwarf.PcIter;
import dev.golink.goobj.GoObject;
import dev.golink.goobj.RelocTypes;
import dev.golink.loader.Loader;
import dev.golink.loader.Relocs;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The nosplit stack check (cf. cmd/link ld.(*Link).doStackCheck). A function
 * marked nosplit runs without the prologue that grows the stack, so the chain
 * of nosplit calls starting at any function must fit in the guard area below
 * the stack bound: StackLimit bytes, less a return address. The height of a
 * function is the most its chains can use: its own frame at each call site
 * plus the callee's height; a function with a prologue counts as the call to
 * runtime.morestack it may make, and an indirect call as a call to
 * runtime.morestack too. Each function over the limit whose excess does not
 * come from another failing caller (a root) is reported as an error, and the
 * chains that exceed the limit are printed on the standard output, as
 * cmd/link prints them.
 */
public final class StackCheck {

    /** cmd/internal/objabi.StackLimit: StackGuard (928) less StackSmall (128). */
    static final int STACK_LIMIT = 928 - 128;

    /** StackLimit for a target, whose stack guard may be a multiple of 928 bytes (cf. objabi.stackGuardMultiplier). */
    static int stackLimit(LinkContext ctxt) {
        return 928 * ctxt.spec().stackGuardMultiplier() - 128;
    }
    /** The height of a function in a cycle of nosplit calls, and the most a height can be (an int16's). */
    private static final int CYCLE = Short.MAX_VALUE;
    /** Stands for an indirect call's unknown target. */
    private static final int INDIRECT = -1;

    /** One way a function's stack grows: by {@code growth} bytes, then into {@code target} (0: no call). */
    private record Edge(int growth, int target) {
    }

    private final Loader ldr;
    private final int morestack;
    private final int callSize;
    private final int minLC;
    private final Map<Integer, Integer> height = new HashMap<>();
    /** The edges of each function seen, when this check keeps them to report; null when it does not. */
    private final Map<Integer, List<Edge>> graph;
    private final Relocs relocs;

    private StackCheck(LinkContext ctxt, boolean keepGraph) {
        this.ldr = ctxt.loader();
        this.morestack = ldr.lookup("runtime.morestack", 0);
        ArchInfo info = ctxt.arch.info();
        boolean hasLR = info.dwarfRegs() != null && info.dwarfRegs().hasLR();
        this.callSize = hasLR ? 0 : info.regSize();
        this.minLC = info.minLC();
        this.graph = keepGraph ? new HashMap<>() : null;
        this.relocs = ldr.relocs();
    }

    /** Checks every function; reports the roots of the chains over the limit (cf. ld.(*Link).doStackCheck). */
    public static void run(LinkContext ctxt) {
        StackCheck sc = new StackCheck(ctxt, false);
        int limit = stackLimit(ctxt) - sc.callSize - ctxt.arch.nosplitReserve();
        List<Integer> failed = new ArrayList<>();
        for (int s : ctxt.textp) {
            if (sc.check(s) > limit) {
                failed.add(s);
            }
        }
        if (failed.isEmpty()) {
            return;
        }
        // Again, keeping the graph, to say where the stack goes.
        sc = new StackCheck(ctxt, true);
        for (int s : failed) {
            sc.check(s);
        }
        StringBuilder chains = new StringBuilder();
        for (int root : sc.roots()) {
            ctxt.diag().error(ctxt.loader().symName(root), "nosplit stack over " + limit + " byte limit");
            List<Link> chain = new ArrayList<>();
            chain.add(new Link(new Edge(0, root)));
            sc.report(root, limit, chain, chains);
        }
        ctxt.out().print(chains);
        ctxt.out().flush();
    }

    /** The height of {@code s}, computed once (cf. ld.(*stackCheck).check). */
    private int check(int s) {
        Integer h = height.get(s);
        if (h != null) {
            return h;
        }
        height.put(s, CYCLE);
        List<Edge> edges = graph != null ? new ArrayList<>() : null;
        int computed = Math.min(computeHeight(s, edges), CYCLE);
        height.put(s, computed);
        if (graph != null) {
            graph.put(s, edges);
        }
        return computed;
    }

    private int computeHeight(int s, List<Edge> edges) {
        if (s == morestack) {
            return 0;
        }
        if (s == INDIRECT) {
            return addEdge(0, callSize, morestack, edges);
        }
        if (ldr.isExternal(s) || ldr.funcInfoSym(s) == 0) {
            return 0;
        }
        if (!ldr.isNoSplit(s)) {
            return addEdge(0, callSize, morestack, edges);
        }
        int max = 0;
        int maxLocal = 0;
        // Each call's growth is the frame at the call plus the return address.
        Relocs r = relocs.reset(s);
        int n = r.count();
        int[] types = new int[n];
        int[] offs = new int[n];
        int[] targets = new int[n];
        for (int j = 0; j < n; j++) {
            types[j] = r.type(j);
            offs[j] = r.off(j);
            targets[j] = RelocTypes.isDirectCall(types[j]) ? r.sym(j) : 0;
        }
        int ri = 0;
        int pcspSym = pcspOf(s);
        ByteBuffer table = pcspSym == 0 ? ByteBuffer.allocate(0) : ldr.data(pcspSym);
        PcIter it = new PcIter(minLC);
        for (it.init(table); !it.done; it.next()) {
            int h = it.value;
            maxLocal = Math.max(maxLocal, h);
            for (; ri < n; ri++) {
                if (Integer.toUnsignedLong(offs[ri]) >= it.nextPC) {
                    break;
                }
                int t = types[ri];
                if (RelocTypes.isDirectCall(t)) {
                    max = addEdge(max, h + callSize, targets[ri], edges);
                } else if (t == RelocTypes.R_CALLIND) {
                    max = addEdge(max, h + callSize, INDIRECT, edges);
                }
            }
        }
        if (maxLocal > max) {
            max = addEdge(max, maxLocal, 0, edges);
        }
        return max;
    }

    private int addEdge(int max, int growth, int target, List<Edge> edges) {
        if (edges != null) {
            edges.add(new Edge(growth, target));
        }
        int h = growth;
        if (target != 0) {
            h += check(target);
        }
        return Math.max(max, h);
    }

    private int pcspOf(int s) {
        for (int j = 0, n = ldr.nAux(s); j < n; j++) {
            if (ldr.auxType(s, j) == GoObject.AUX_PCSP) {
                return ldr.auxSym(s, j);
            }
        }
        return 0;
    }

    /**
     * The functions of the graph that no other function of it reaches, with
     * one function for each cycle, highest first (cf. ld.(*stackCheck).findRoots).
     */
    private List<Integer> roots() {
        List<Integer> keys = new ArrayList<>(graph.keySet());
        keys.sort(null);
        Set<Integer> nodes = new LinkedHashSet<>(keys);
        for (int k : keys) {
            if (!nodes.contains(k)) {
                continue;
            }
            for (Edge out : graph.get(k)) {
                int[] lowest = {0};
                if (walk(nodes, k, out.target(), lowest)) {
                    nodes.add(lowest[0]);
                }
            }
        }
        List<Integer> roots = new ArrayList<>(nodes);
        roots.sort((a, b) -> {
            int ha = height.get(a);
            int hb = height.get(b);
            return ha != hb ? Integer.compare(hb, ha) : Integer.compare(a, b);
        });
        return roots;
    }

    /** Removes what {@code s} reaches from {@code nodes}; whether that includes {@code origin} (a cycle), and its lowest symbol. */
    private boolean walk(Set<Integer> nodes, int origin, int s, int[] lowest) {
        if (!nodes.remove(s)) {
            return false;
        }
        if (origin == s) {
            lowest[0] = s;
            return true;
        }
        boolean cycle = false;
        for (Edge out : graph.get(s)) {
            int[] l = {0};
            if (walk(nodes, origin, out.target(), l)) {
                cycle = true;
                if (lowest[0] == 0) {
                    lowest[0] = s;
                }
                if (l[0] < lowest[0]) {
                    lowest[0] = l[0];
                }
            }
        }
        return cycle;
    }

    /** One step of a chain being reported, and whether it has been printed. */
    private static final class Link {
        final Edge edge;
        boolean printed;

        Link(Edge edge) {
            this.edge = edge;
        }
    }

    /** Prints the chains from {@code s} that go over the limit or round a cycle (cf. ld.(*stackCheck).report). */
    private void report(int s, int depth, List<Link> chain, StringBuilder out) {
        boolean known = graph.containsKey(s);
        List<Edge> edges = graph.remove(s);
        // A function not in the graph is one this report is inside of: the chain has come round.
        boolean isCycle = !(known || s == 0);
        if (edges != null) {
            for (Edge e : edges) {
                chain.add(new Link(e));
                report(e.target(), depth - e.growth(), chain, out);
                chain.remove(chain.size() - 1);
            }
        }
        graph.put(s, edges);
        if ((edges == null || edges.isEmpty()) && (depth < 0 || isCycle)) {
            String indent = "";
            for (int i = 0; i < chain.size(); i++) {
                Link l = chain.get(i);
                if (l.printed) {
                    continue;
                }
                l.printed = true;
                if (i == 0) {
                    out.append(symName(l.edge.target())).append('\n');
                    continue;
                }
                indent = "    ".repeat(i);
                out.append(indent).append("grows ").append(l.edge.growth()).append(" bytes");
                if (l.edge.target() != 0) {
                    out.append(", calls ").append(symName(l.edge.target()));
                }
                out.append('\n');
            }
            if (isCycle) {
                out.append(indent).append("infinite cycle\n");
            } else {
                out.append(indent).append(-depth).append(" bytes over limit\n");
            }
        }
    }

    private String symName(int s) {
        if (s == INDIRECT) {
            return "indirect";
        }
        if (s == 0) {
            return "leaf";
        }
        return ldr.symName(s) + "<" + ldr.symVersion(s) + ">";
    }
}
