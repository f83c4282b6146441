/**
 * The WebAssembly module writer (cf. cmd/link wasm.asmb and asmb2): js/wasm
 * links into one module built in memory, its function bodies taken from the
 * text symbols (relocations become function indices and addresses), its data
 * segments from the linear-memory image of the data sections.
 */
package dev.golink.wasm;
