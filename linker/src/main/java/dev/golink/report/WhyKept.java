package dev.golink.report;

import dev.golink.deadcode.DepGraph;
import dev.golink.loader.Loader;

import java.io.PrintStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * {@code -whykept}: for each symbol a pattern names, the shortest chain of dead-code edges from a
 * root of the link to it (breadth-first over {@link DepGraph}, the graph {@code -dumpdep} prints),
 * with the reason for each step. A pattern is a symbol's name, or {@code /REGEX/} for every kept
 * symbol whose name the regular expression finds.
 */
public final class WhyKept {

    /** Matches printed per pattern at most: a broad pattern should not flood the output. */
    static final int MAX_MATCHES = 20;

    private final Loader ldr;
    private final DepGraph g;
    /** Per symbol, the edge the breadth-first search reached it by; -1 for not reached. */
    private final int[] via;

    private WhyKept(Loader ldr, DepGraph g) {
        this.ldr = ldr;
        this.g = g;
        this.via = shortestPaths(ldr.nSym(), g);
    }

    /** Prints the chain for every symbol each pattern names. */
    public static void print(PrintStream out, Loader ldr, DepGraph g, List<String> patterns) {
        WhyKept w = new WhyKept(ldr, g);
        for (String p : patterns) {
            w.printPattern(out, p);
        }
        out.flush();
    }

    private void printPattern(PrintStream out, String pattern) {
        List<Integer> matches = new ArrayList<>();
        boolean regex = pattern.length() > 2 && pattern.startsWith("/") && pattern.endsWith("/");
        Pattern re = null;
        if (regex) {
            try {
                re = Pattern.compile(pattern.substring(1, pattern.length() - 1));
            } catch (PatternSyntaxException e) {
                out.println("whykept " + pattern + ": not a regular expression: " + e.getDescription());
                return;
            }
        }
        boolean exists = false;
        int more = 0;
        for (int s = 1, n = ldr.nSym(); s < n; s++) {
            if (ldr.symNameIsEmpty(s)) {
                continue;
            }
            String name = ldr.symName(s);
            if (regex ? !re.matcher(name).find() : !name.equals(pattern)) {
                continue;
            }
            exists = true;
            if (!ldr.attrReachable(s) && regex) {
                continue;
            }
            if (matches.size() < MAX_MATCHES) {
                matches.add(s);
            } else {
                more++;
            }
        }
        if (!exists) {
            out.println("whykept " + pattern + ": no " + (regex ? "symbol matches" : "such symbol") + " in the link");
            return;
        }
        if (matches.isEmpty()) {
            out.println("whykept " + pattern + ": no match is kept (all are dead code)");
            return;
        }
        for (int s : matches) {
            printChain(out, s);
        }
        if (more > 0) {
            out.println("whykept " + pattern + ": " + more + " more matches not shown");
        }
    }

    private void printChain(PrintStream out, int s) {
        String name = ldr.symName(s);
        if (!ldr.attrReachable(s)) {
            out.println("whykept " + name + ": not kept (dead code)");
            return;
        }
        if (via[s] < 0) {
            out.println("whykept " + name + ": kept, but no chain from a root reaches it (made by the linker)");
            return;
        }
        List<Integer> chain = new ArrayList<>();
        for (int x = s; x != 0; x = g.from(via[x])) {
            chain.add(via[x]);
        }
        out.println("whykept " + name + ": " + (chain.size() - 1) + " steps from a root");
        for (int i = chain.size() - 1; i >= 0; i--) {
            int e = chain.get(i);
            out.println("    " + (i == chain.size() - 1 ? "" : "-> ") + ldr.symName(g.to(e)) + "  (" + reason(e) + ")");
        }
    }

    /** Why edge {@code e} keeps its target, in words. */
    String reason(int e) {
        String from = g.from(e) == 0 ? "" : ldr.symName(g.from(e));
        String m = g.method(e);
        return switch (g.why(e)) {
            case ROOT -> "a root of the link";
            case REFERENCE -> "referenced by " + from;
            case AUX -> "auxiliary data of " + from;
            case CONVERTED_TO_INTERFACE -> "converted to an interface by " + from;
            case INTERFACE_METHOD -> "method " + m + " of " + from + ", kept because " + from
                    + " is converted to an interface and an interface method " + m + " is called" + caller(m);
            case GENERIC_METHOD -> "method " + m + " of " + from + ", kept because a generic interface call of " + m
                    + " is reached" + caller(m);
            case REFLECT_METHOD -> "exported method " + m + " of " + from + ", kept because " + from
                    + " is converted to an interface and reflection may call any exported method: " + reflectCauses();
        };
    }

    private String caller(String method) {
        int c = g.ifaceCaller(method);
        return c == 0 ? "" : " (first by " + ldr.symName(c) + ")";
    }

    /** What turned reflection's method keeping on: who calls reflect.Value.Method/MethodByName, or a REFLECTMETHOD function. */
    private String reflectCauses() {
        List<String> causes = new ArrayList<>();
        List<Integer> reflectSyms = g.reflectCauses();
        for (int c : reflectSyms) {
            String name = ldr.symName(c);
            if (!name.equals("reflect.Value.Method") && !name.equals("reflect.Value.MethodByName")) {
                causes.add(name + " calls reflect.Type.Method or MethodByName");
                continue;
            }
            List<String> callers = new ArrayList<>();
            for (int e = 0; e < g.size(); e++) {
                int f = g.from(e);
                if (g.to(e) == c && g.why(e) == DepGraph.Why.REFERENCE && !reflectSyms.contains(f)
                        && !ldr.symNameIsEmpty(f)) {
                    String caller = ldr.symName(f);
                    if (!callers.contains(caller)) {
                        callers.add(caller);
                    }
                }
            }
            if (!callers.isEmpty()) {
                causes.add(name + " is called by " + String.join(", ", callers));
            } else if (reflectSyms.size() == 1) {
                causes.add(name + " is reached");
            } // else it is reached only through the other reflection method, which is named

        }
        return String.join("; ", causes);
    }

    /** Breadth-first from the roots over the recorded edges: the edge each symbol is first reached by. */
    static int[] shortestPaths(int nsym, DepGraph g) {
        int n = g.size();
        // Edges grouped by source (a compressed adjacency list).
        int[] start = new int[nsym + 1];
        for (int e = 0; e < n; e++) {
            start[g.from(e) + 1]++;
        }
        for (int i = 0; i < nsym; i++) {
            start[i + 1] += start[i];
        }
        int[] edges = new int[n];
        int[] fill = Arrays.copyOf(start, nsym);
        for (int e = 0; e < n; e++) {
            edges[fill[g.from(e)]++] = e;
        }
        int[] via = new int[nsym];
        Arrays.fill(via, -1);
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        queue.add(0); // the roots' edges come from symbol 0
        while (!queue.isEmpty()) {
            int u = queue.poll();
            for (int k = start[u]; k < start[u + 1]; k++) {
                int e = edges[k];
                int v = g.to(e);
                if (v != 0 && via[v] < 0) {
                    via[v] = e;
                    queue.add(v);
                }
            }
        }
        return via;
    }
}
