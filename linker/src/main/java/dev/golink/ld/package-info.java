/**
 * The link phases from linksetup to symtab (cf. cmd/link ld/lib.go, data.go,
 * typelink.go, pcln.go, symtab.go): the linker-made symbols, the text
 * addresses and the runtime's tables (pclntab, findfunctab, moduledata).
 */
package dev.golink.ld;
