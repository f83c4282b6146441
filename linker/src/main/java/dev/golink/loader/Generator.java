package dev.golink.loader;

import java.nio.ByteBuffer;

/**
 * Writes a generated symbol's content into the output (cf. cmd/link's
 * generatorFunc). Tables such as the pclntab know their size early but some
 * of their bytes only after addresses are assigned. Asmb copies the symbol's
 * data (what was known when it was made), zero-fills it to its size, applies
 * its relocations, then calls the generator to write the rest. Generators may
 * run in parallel: each writes only its own symbol's bytes.
 */
@FunctionalInterface
public interface Generator {
    /**
     * @param s   the symbol
     * @param out the symbol's bytes in the output, from position 0 to its size,
     *            in the target's byte order
     */
    void generate(int s, ByteBuffer out);
}
