package dev.golink.ld;

import dev.golink.LinkContext;
import dev.golink.LinkException;
import dev.golink.loader.Library;
import dev.golink.loader.Loader;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The package each function is laid out with, as the trampoline pass sees it
 * (cf. the SymPkg that loader.AssignTextSymbolOrder gives dupok functions). A
 * dupok function is defined in the objects of several packages; the loader
 * keeps the first object it loaded, but text lays the function out with the
 * first of those packages in layout order, and that is its package for the
 * pass's "same package" rules.
 *
 * <p>The loader does not record which package's list placed a function, so
 * this class finds each package's stretch of text: a package's own functions
 * start its stretch and its dupok ones follow. Only where packages without own
 * functions lie between two that have some, and dupok functions lie between
 * those, does it ask the loader for the order of the packages up to one of
 * them, whose length is where that package's stretch ends.
 */
final class TextPackages {

    private final Loader ldr;
    /** Functions laid out with another package than their object's. */
    private final Map<Integer, Library> moved = new HashMap<>();
    /** Calls of assignTextSymbolOrder made to find stretch ends (for tests). */
    int prefixCalls;

    TextPackages(LinkContext ctxt) throws LinkException {
        this(ctxt, false);
    }

    /** With {@code askEveryEnd}, asks the loader for every stretch end (the slow, plain way; for tests). */
    TextPackages(LinkContext ctxt, boolean askEveryEnd) throws LinkException {
        this.ldr = ctxt.loader();
        List<Library> order = new ArrayList<>();
        for (boolean internal : new boolean[] {true, false}) {
            for (Library lib : ctxt.librariesPostorder) {
                if (LinkSetup.isRuntimeDepPkg(lib.pkg()) == internal) {
                    order.add(lib);
                }
            }
        }
        int n = order.size();
        int[] text = Arrays.stream(ctxt.textp).filter(s -> ldr.symLib(s) != null).toArray();
        if (!Arrays.equals(text, prefix(order, n))) {
            throw new LinkException("textaddress: text is no longer in linksetup's order; cannot tell which package"
                    + " lays out each dupok function");
        }
        int[] end = askEveryEnd ? null : endsFromOwnFunctions(order, text);
        if (end == null) {
            end = new int[n];
            for (int k = 0; k < n; k++) {
                end[k] = prefix(order, k + 1).length;
            }
        }
        for (int k = 0, i = 0; k < n; k++) {
            for (; i < end[k]; i++) {
                if (ldr.symLib(text[i]) != order.get(k)) {
                    moved.put(text[i], order.get(k));
                }
            }
        }
    }

    /** The package {@code s} is laid out with, "" for a linker-made symbol. */
    String pkg(int s) {
        Library lib = moved.get(s);
        if (lib == null) {
            lib = ldr.symLib(s);
        }
        return lib == null ? "" : lib.pkg();
    }

    /** The text of the first {@code k} packages of {@code order}, in layout order. */
    private int[] prefix(List<Library> order, int k) {
        boolean[] internal = new boolean[k];
        Arrays.fill(internal, true); // order already puts the runtime's packages first
        prefixCalls++;
        return ldr.assignTextSymbolOrder(order.subList(0, k), internal, new int[0]);
    }

    /**
     * Where each package's stretch of {@code text} ends, found from where the
     * packages' own (not dupok) functions start; null when those are not laid
     * out as expected (each package's together, packages in order).
     */
    private int[] endsFromOwnFunctions(List<Library> order, int[] text) {
        int n = order.size();
        Map<Library, Integer> index = new HashMap<>();
        for (int k = 0; k < n; k++) {
            index.put(order.get(k), k);
        }
        int[] start = new int[n];
        int[] own = new int[n];
        Arrays.fill(start, -1);
        for (int i = 0; i < text.length; i++) {
            if (ldr.isExternal(text[i])) {
                return null; // changed since loading: its object flags are gone
            }
            if (!ldr.isDupok(text[i])) {
                int k = index.get(ldr.symLib(text[i]));
                if (start[k] < 0) {
                    start[k] = i;
                } else if (start[k] + own[k] != i) {
                    return null; // not together
                }
                own[k]++;
            }
        }
        int[] end = new int[n];
        int prev = -1; // the last package with own functions
        for (int k = 0; k <= n; k++) {
            if (k < n && start[k] < 0) {
                continue;
            }
            int next = k < n ? start[k] : text.length;
            if (prev >= 0 && start[prev] > next) {
                return null; // out of order
            }
            // Packages prev+1 .. k-1 have no own functions. Only when dupok
            // functions lie between prev's and k's own ones can they have some.
            int firstDupok = prev < 0 ? 0 : start[prev] + own[prev];
            boolean ask = k - prev > 1 && firstDupok < next;
            for (int j = Math.max(prev, 0); j < k; j++) {
                end[j] = ask && j < k - 1 ? prefix(order, j + 1).length : next;
            }
            prev = k;
        }
        return end;
    }
}
