/**
 * The Plan 9 a.out container: a big-endian header of eight words (and, on amd64,
 * the 64-bit entry), then text with the read-only data, then data, then the symbol
 * table. There are no sections, no dynamic linking and no DWARF.
 */
package dev.golink.plan9;
