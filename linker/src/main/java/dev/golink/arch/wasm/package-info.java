/** The WebAssembly backend: its facts; the module writer is dev.golink.wasm. */
package dev.golink.arch.wasm;
