package dev.golink.deadcode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Every edge the dead-code pass follows (the graph {@code -dumpdep} prints the first edge into each
 * symbol of), with the reason for it, kept for {@code -whykept}. Recorded only when asked for.
 */
public final class DepGraph {

    /** Why an edge keeps its target. */
    public enum Why {
        /** A root of the link: the entry point, or a symbol the runtime always needs. */
        ROOT,
        /** The source refers to the target (a relocation). */
        REFERENCE,
        /** The target is an auxiliary symbol of the source (its funcdata, pc tables, DWARF). */
        AUX,
        /** The source converts the target type to an interface, so its methods may be called. */
        CONVERTED_TO_INTERFACE,
        /** A method of the source type, kept because an interface method of its name and type is called. */
        INTERFACE_METHOD,
        /** A method of the source type, kept because a generic interface call of its name is reached. */
        GENERIC_METHOD,
        /** An exported method of the source type, kept because reflection may call any of them. */
        REFLECT_METHOD
    }

    private int[] from = new int[1 << 16];
    private int[] to = new int[1 << 16];
    private byte[] why = new byte[1 << 16];
    /** For method edges: the method's name, by edge; null otherwise. */
    private final List<String> methods = new ArrayList<>();
    private int n;
    /** The functions that turned on reflection's method keeping, in the order the pass saw them. */
    private final List<Integer> reflectCauses = new ArrayList<>();

    void add(int src, int dst, Why w, String method) {
        if (n == from.length) {
            from = Arrays.copyOf(from, n * 2);
            to = Arrays.copyOf(to, n * 2);
            why = Arrays.copyOf(why, n * 2);
        }
        from[n] = src;
        to[n] = dst;
        why[n] = (byte) w.ordinal();
        if (method != null) {
            while (methods.size() < n) {
                methods.add(null);
            }
            methods.add(method);
        }
        n++;
    }

    /** The first function seen to call each interface method (by name), generic calls included. */
    private final java.util.Map<String, Integer> ifaceCallers = new java.util.HashMap<>();

    void ifaceCall(String method, int caller) {
        ifaceCallers.putIfAbsent(method, caller);
    }

    /** The first function seen calling an interface method named {@code method}, or 0. */
    public int ifaceCaller(String method) {
        return ifaceCallers.getOrDefault(method, 0);
    }

    void reflectCause(int s) {
        if (!reflectCauses.contains(s)) {
            reflectCauses.add(s);
        }
    }

    public int size() {
        return n;
    }

    public int from(int e) {
        return from[e];
    }

    public int to(int e) {
        return to[e];
    }

    public Why why(int e) {
        return Why.values()[why[e]];
    }

    /** The method an edge keeps, for method edges; else null. */
    public String method(int e) {
        return e < methods.size() ? methods.get(e) : null;
    }

    /**
     * The symbols that made reflection keep every exported method: functions marked REFLECTMETHOD
     * (they call reflect.Type.Method or MethodByName), and reflect.Value.Method and MethodByName
     * themselves once reached.
     */
    public List<Integer> reflectCauses() {
        return reflectCauses;
    }
}
